// The JS API's part that the three perceptron lessons share: a PerceptronRun's numbers for
// getState().lessonState, and the commands every one of them answers.
#pragma once

#include <functional>
#include <string>

#include "app/session/json.h"
#include "app/session/perceptron_run.h"

namespace bp {

// w, b, eta, epochs, mistakesPerEpoch, converged, cursor, points, inputs, running, lastStep.
Json PerceptronRunJson(const PerceptronRun& run);
// {cmd:"perceptronRun", epochs:N, untilConverged?:bool} (at most 10000 epochs), {cmd:"perceptronStep"},
// {cmd:"perceptronReset"}, {cmd:"setEta", eta:x}, {cmd:"importData", text:CSV} (own_data.h; two
// classes in the plane). Ok(true) when the command was applied, Ok(false)
// for a command this part does not know, and the refusal's sentence otherwise.
Result<bool> PerceptronRunCommand(PerceptronRun* run, const std::string& command, const Json& request);
// The same as a lesson's answer: "" for a command it does not know, the refusal, or the lesson's
// state after the command (`lesson_json` is asked once the command has run). Also answers
// {cmd:"exportData"} with {ok, csv}: the points as CSV.
std::string PerceptronRunAnswer(PerceptronRun* run, const std::string& command, const Json& request,
                                const std::function<Json()>& lesson_json);

}  // namespace bp
