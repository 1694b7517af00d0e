// The perceptron lessons' shared API part (see perceptron_run_json.h).
#include "app/session/perceptron_run_json.h"
#include "app/session/work_budget.h"

#include <cmath>

namespace bp {

Json PerceptronRunJson(const PerceptronRun& run) {
  Json last = nullptr;
  if (run.has_last_step) {
    const PerceptronStepRecord& s = run.last_step;
    last = {{"index", s.index},
            {"x", ToJson(s.x)},
            {"y", s.y},
            {"prediction", s.prediction},
            {"z", NumberOrNull(s.z)},
            {"deltaW", ToJson(s.delta_w)},
            {"deltaB", NumberOrNull(s.delta_b)},
            {"mistake", s.mistake}};
  }
  return Json{{"w", ToJson(run.perceptron.w)},
              {"b", NumberOrNull(run.perceptron.b)},
              {"eta", run.eta},
              {"epochs", run.epochs},
              {"mistakesPerEpoch", run.mistakes_per_epoch},
              {"mistakesEpochs", run.mistakes_epochs},
              {"lastMistakes", run.last_mistakes < 0 ? Json() : Json(run.last_mistakes)},
              {"fewestMistakes", run.fewest_mistakes < 0 ? Json() : Json(run.fewest_mistakes)},
              {"converged", run.converged},
              {"cursor", run.cursor},
              {"points", run.data.size()},
              {"inputs", run.perceptron.inputs()},
              {"running", run.running},
              {"lastStep", last}};
}

Result<bool> PerceptronRunCommand(PerceptronRun* run, const std::string& command, const Json& request) {
  if (command == "perceptronRun") {
    Result<int> epochs = ReadEpochs(request, kMaxPerceptronEpochsPerCall);
    if (!epochs.ok()) return Result<bool>::Error(epochs.error());
    const std::string over =
        WorkBudgetError("perceptronRun", epochs.value(), "epochs", "on these points",
                        kPerceptronSampleUnits * static_cast<double>(run->data.size()) + kEpochOverheadUnits);
    if (!over.empty()) return Result<bool>::Error(over);
    const bool until = request.contains("untilConverged") && request["untilConverged"].is_boolean() &&
                       request["untilConverged"].get<bool>();
    run->running = false;
    Status ran = RunPerceptronEpochs(run, epochs.value(), until);
    if (!ran) return Result<bool>::Error(ran.error);
  } else if (command == "perceptronStep") {
    run->running = false;
    Status stepped = StepPerceptronSample(run);
    if (!stepped) return Result<bool>::Error(stepped.error);
  } else if (command == "perceptronReset") {
    ResetPerceptronRun(run);
  } else if (command == "setEta") {
    if (!request.contains("eta") || !request["eta"].is_number() || !std::isfinite(request["eta"].get<double>()) ||
        request["eta"].get<double>() <= 0.0 || request["eta"].get<double>() > 100.0) {
      return Result<bool>::Error("eta must be a number above 0 and at most 100");
    }
    run->eta = request["eta"].get<double>();
  } else if (command == "importData") {
    if (!request.contains("text") || !request["text"].is_string()) {
      return Result<bool>::Error("importData needs \"text\": the CSV's contents as a string");
    }
    Result<OwnPoints> points = ParseOwnCsv(request["text"].get<std::string>());
    if (!points) return Result<bool>::Error(points.error());
    Status set = SetPerceptronPoints(run, points.value());
    if (!set) return Result<bool>::Error(set.error);
  } else {
    return Result<bool>::Ok(false);
  }
  return Result<bool>::Ok(true);
}

std::string PerceptronRunAnswer(PerceptronRun* run, const std::string& command, const Json& request,
                                const std::function<Json()>& lesson_json) {
  if (command == "exportData") return Dump(Json{{"ok", true}, {"csv", WriteOwnCsv(run->data)}});
  Result<bool> handled = PerceptronRunCommand(run, command, request);
  if (!handled.ok()) return ErrorAnswer(handled.error());
  return handled.value() ? LessonStateAnswer(lesson_json()) : "";
}

}  // namespace bp
