// The JS API of the perceptron, XOR, features and stacking lessons (see linear_limits_api.h).
#include "app/lessons/linear_limits_api.h"

#include <cmath>

#include "app/lessons/better_features_state.h"
#include "app/lessons/perceptron_state.h"
#include "app/lessons/stacking_linear_state.h"
#include "app/lessons/xor_problem_state.h"
#include "core/collapse.h"

namespace bp {

namespace {
std::string Fail(const std::string& message) { return Json{{"ok", false}, {"error", message}}.dump(); }

// The lesson's run, made ready if the lesson has not been entered yet.
PerceptronRun* RunOf(AppState& state, const std::string& id) {
  if (id == "perceptron") {
    if (!state.perceptron_lesson.ready) ResetPerceptronLesson(&state.perceptron_lesson);
    return &state.perceptron_lesson.run;
  }
  if (id == "xor") {
    if (!state.xor_problem_lesson.ready) ResetXorProblemLesson(&state.xor_problem_lesson);
    return &state.xor_problem_lesson.run;
  }
  if (id == "features") {
    if (!state.better_features_lesson.ready) ResetBetterFeaturesLesson(&state.better_features_lesson);
    return &state.better_features_lesson.run;
  }
  return nullptr;
}

Json RunJson(const PerceptronRun& run) {
  Json last = nullptr;
  if (run.has_last_step) {
    const PerceptronStepRecord& s = run.last_step;
    last = {{"index", s.index}, {"x", ToJson(s.x)}, {"y", s.y}, {"prediction", s.prediction},
            {"z", NumberOrNull(s.z)}, {"deltaW", ToJson(s.delta_w)}, {"deltaB", NumberOrNull(s.delta_b)},
            {"mistake", s.mistake}};
  }
  return Json{{"w", ToJson(run.perceptron.w)}, {"b", NumberOrNull(run.perceptron.b)}, {"eta", run.eta},
              {"epochs", run.epochs}, {"mistakesPerEpoch", run.mistakes_per_epoch}, {"converged", run.converged},
              {"cursor", run.cursor}, {"points", run.data.size()}, {"inputs", run.perceptron.inputs()},
              {"running", run.running}, {"lastStep", last}};
}

bool ReadEpochs(const Json& request, int* epochs, std::string* error) {
  if (!request.contains("epochs") || !request["epochs"].is_number_integer() ||
      request["epochs"].get<long long>() < 1 || request["epochs"].get<long long>() > kMaxPerceptronEpochsPerCall) {
    *error = "epochs must be a whole number from 1 to 10000";
    return false;
  }
  *epochs = request["epochs"].get<int>();
  return true;
}

std::string PerceptronCommand(AppState& state, const std::string& id, PerceptronRun& run, const std::string& command,
                              const Json& request) {
  if (command == "perceptronRun") {
    int epochs = 0;
    std::string error;
    if (!ReadEpochs(request, &epochs, &error)) return Fail(error);
    const bool until = request.contains("untilConverged") && request["untilConverged"].is_boolean() &&
                       request["untilConverged"].get<bool>();
    run.running = false;
    Status ran = RunPerceptronEpochs(&run, epochs, until);
    if (!ran) return Fail(ran.error);
  } else if (command == "perceptronStep") {
    run.running = false;
    Status stepped = StepPerceptronSample(&run);
    if (!stepped) return Fail(stepped.error);
  } else if (command == "perceptronReset") {
    ResetPerceptronRun(&run);
  } else if (command == "setEta") {
    if (!request.contains("eta") || !request["eta"].is_number() || !std::isfinite(request["eta"].get<double>()) ||
        request["eta"].get<double>() <= 0.0 || request["eta"].get<double>() > 100.0) {
      return Fail("eta must be a number above 0 and at most 100");
    }
    run.eta = request["eta"].get<double>();
  } else if (command == "addPoint" && id == "perceptron") {
    for (const char* name : {"x1", "x2"}) {
      if (!request.contains(name) || !request[name].is_number() || !std::isfinite(request[name].get<double>()) ||
          std::fabs(request[name].get<double>()) > 10.0) {
        return Fail(std::string(name) + " must be a number from −10 to 10");
      }
    }
    if (!request.contains("label") || !request["label"].is_number_integer() ||
        (request["label"].get<int>() != 0 && request["label"].get<int>() != 1)) {
      return Fail("label must be 0 or 1");
    }
    Status added = AddPerceptronPoint(&run, request["x1"].get<double>(), request["x2"].get<double>(),
                                      request["label"].get<int>());
    if (!added) return Fail(added.error);
  } else if (command == "setFeatures" && id == "features") {
    if (!request.contains("product") || !request["product"].is_boolean()) return Fail("product must be true or false");
    state.better_features_lesson.with_product = request["product"].get<bool>();
    ResetBetterFeaturesLesson(&state.better_features_lesson);
  } else {
    return "";
  }
  return Json{{"ok", true}, {"lessonState", LinearLimitsLessonJson(state, id)}}.dump();
}

Json StackingJson(const StackingLinearState& s) {
  Json json = {{"hidden", ActivationName(s.hidden)}, {"epochs", s.epochs}, {"training", s.training},
               {"loss", NumberOrNull(s.metrics.loss)}, {"accuracy", NumberOrNull(s.metrics.accuracy)},
               {"correct", s.metrics.correct}, {"samples", s.metrics.samples}};
  if (!s.mlp.layers.empty()) {
    const LinearMap map = CollapseLinearMaps(s.mlp);
    json["collapsedW"] = ToJson(map.W);
    json["collapsedB"] = ToJson(map.b);
    // Whether the hidden layer is linear: then W₂W₁, W₂b₁ + b₂ is the whole network's pre-activation.
    json["linear"] = s.hidden == Activation::kIdentity;
  }
  return json;
}

std::string StackingCommand(AppState& state, const std::string& command, const Json& request) {
  StackingLinearState& s = state.stacking_linear_lesson;
  if (!s.ready) ResetStackingLinearLesson(&s);
  if (command == "trainEpochs") {
    int epochs = 0;
    std::string error;
    if (!ReadEpochs(request, &epochs, &error)) return Fail(error);
    s.training = false;
    if (!TrainStackingLinear(&s, epochs, &error)) return Fail(error);
  } else if (command == "setHidden") {
    if (!request.contains("activation") || !request["activation"].is_string()) {
      return Fail("activation must be identity, tanh or relu");
    }
    Result<Activation> activation = ParseActivation(request["activation"].get<std::string>());
    if (!activation.ok() || (activation.value() != Activation::kIdentity && activation.value() != Activation::kTanh &&
                             activation.value() != Activation::kRelu)) {
      return Fail("activation must be identity, tanh or relu");
    }
    s.hidden = activation.value();
    ResetStackingLinearLesson(&s);
  } else if (command == "resetNetwork") {
    ResetStackingLinearLesson(&s);
  } else {
    return "";
  }
  return Json{{"ok", true}, {"lessonState", StackingJson(s)}}.dump();
}
}  // namespace

Json LinearLimitsLessonJson(const AppState& state, const std::string& id) {
  if (id == "perceptron") return RunJson(state.perceptron_lesson.run);
  if (id == "xor") return RunJson(state.xor_problem_lesson.run);
  if (id == "features") {
    Json json = RunJson(state.better_features_lesson.run);
    json["product"] = state.better_features_lesson.with_product;
    return json;
  }
  if (id == "stacking-linear") return StackingJson(state.stacking_linear_lesson);
  return Json();
}

std::string LinearLimitsCommand(AppState& state, const std::string& id, const std::string& command,
                                const Json& request) {
  if (id == "stacking-linear") return StackingCommand(state, command, request);
  PerceptronRun* run = RunOf(state, id);
  if (!run) return "";
  return PerceptronCommand(state, id, *run, command, request);
}

}  // namespace bp
