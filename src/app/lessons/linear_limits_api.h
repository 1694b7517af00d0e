// The JS API's part for the lessons "The perceptron", "XOR breaks the perceptron", "Two ways out"
// and "Stacking linear layers": their key numbers in getState().lessonState and their commands.
// Called from api_lessons.cpp for these lesson ids only.
#pragma once

#include <string>

#include "app/api_json.h"

namespace bp {

// `id` is the open lesson's id ("perceptron", "xor", "features", "stacking-linear").
Json LinearLimitsLessonJson(const AppState& state, const std::string& id);
// Commands (applied immediately, at most 10000 epochs per call):
//   perceptron / xor / features: {cmd:"perceptronRun", epochs:N, untilConverged?:bool},
//     {cmd:"perceptronStep"}, {cmd:"perceptronReset"}, {cmd:"setEta", eta:x},
//     {cmd:"addPoint", x1, x2, label}; features also {cmd:"setFeatures", product:bool}.
//   stacking-linear: {cmd:"trainEpochs", epochs:N}, {cmd:"setHidden", activation:"identity"|"tanh"|"relu"},
//     {cmd:"resetNetwork"}.
// Returns "" for a command the lesson does not know.
std::string LinearLimitsCommand(AppState& state, const std::string& id, const std::string& command,
                                const Json& request);

}  // namespace bp
