// The JSON API's part for the live-training lessons and the unfolded recurrent net (see
// api_lessons_training.h).
#include "app/api_lessons_training.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "app/lessons/recurrent_unfolded_state.h"
#include "app/lessons/training_problems_state.h"
#include "app/lessons/universal_approximation_state.h"
#include "app/lessons/width_depth_state.h"

namespace bp {

namespace {
std::string Fail(const std::string& message) { return Json{{"ok", false}, {"error", message}}.dump(); }

Result<int> ReadEpochs(const Json& request, int max) {
  if (!request.contains("epochs") || !request["epochs"].is_number_integer() || request["epochs"].get<long long>() < 1 ||
      request["epochs"].get<long long>() > max) {
    return Result<int>::Error("epochs must be a whole number from 1 to " + std::to_string(max));
  }
  return Result<int>::Ok(request["epochs"].get<int>());
}
}  // namespace

Json UniversalLessonJson(const AppState& state) {
  const UniversalApproximationState& s = state.universal_approximation_lesson;
  return Json{{"target", DatasetKindName(s.target)}, {"units", s.units}, {"activation", ActivationName(s.hidden)},
              {"epochs", s.epochs}, {"playing", s.playing}, {"diverged", s.diverged},
              // Evaluate's loss is ½·MSE; "mse" is the plain mean squared error.
              {"loss", NumberOrNull(s.loss)}, {"mse", NumberOrNull(2.0 * s.loss)},
              {"initialLoss", s.history_loss.empty() ? Json() : NumberOrNull(s.history_loss.front())},
              {"parameters", s.mlp.ParameterCount()}};
}

std::string UniversalCommand(AppState& state, const std::string& command, const Json& request) {
  UniversalApproximationState& s = state.universal_approximation_lesson;
  if (command == "trainEpochs") {
    Result<int> epochs = ReadEpochs(request, kUniversalMaxTrainCall);
    if (!epochs.ok()) return Fail(epochs.error());
    TrainUniversal(s, epochs.value());
  } else if (command == "setUniversal") {
    UniversalApproximationState next = s;
    if (request.contains("target")) {
      Result<DatasetKind> kind = request["target"].is_string() ? ParseDatasetKind(request["target"].get<std::string>())
                                                               : Result<DatasetKind>::Error("target must be a name");
      if (!kind.ok()) return Fail(kind.error());
      if (kind.value() != DatasetKind::kRegressionSin && kind.value() != DatasetKind::kRegressionStep &&
          kind.value() != DatasetKind::kRegressionAbs && kind.value() != DatasetKind::kRegressionSawtooth) {
        return Fail("target must be one of sin, step, abs, sawtooth");
      }
      next.target = kind.value();
    }
    if (request.contains("units")) {
      if (!request["units"].is_number_integer() || request["units"].get<long long>() < kUniversalMinUnits ||
          request["units"].get<long long>() > kUniversalMaxUnits) {
        return Fail("units must be a whole number from 1 to 64");
      }
      next.units = request["units"].get<int>();
    }
    if (request.contains("activation")) {
      std::string name = request["activation"].is_string() ? request["activation"].get<std::string>() : "";
      if (name != "tanh" && name != "relu") return Fail("activation must be tanh or relu");
      next.hidden = ParseActivation(name).value();
    }
    if (request.contains("playing")) {
      if (!request["playing"].is_boolean()) return Fail("playing must be true or false");
      s.playing = request["playing"].get<bool>();
    }
    s.target = next.target;
    s.units = next.units;
    s.hidden = next.hidden;
    // Any setting given starts the network afresh (applied now, so a following trainEpochs uses it).
    if (request.contains("target") || request.contains("units") || request.contains("activation")) {
      s.pending = true;
      ApplyUniversalPending(s);
    }
  } else {
    return "";
  }
  return Json{{"ok", true}, {"lessonState", UniversalLessonJson(state)}}.dump();
}

Json WidthDepthLessonJson(const AppState& state) {
  const WidthDepthState& s = state.width_depth_lesson;
  return Json{{"teeth", s.teeth}, {"epochs", s.epochs}, {"playing", s.playing}, {"diverged", s.diverged},
              {"wide", {{"units", s.wide_units}, {"layers", 1}, {"parameters", s.wide.mlp.ParameterCount()},
                        {"loss", NumberOrNull(s.wide.loss)}, {"initialLoss", NumberOrNull(s.wide.initial_loss)}}},
              {"deep", {{"units", s.deep_width}, {"layers", kDeepHiddenLayers},
                        {"parameters", s.deep.mlp.ParameterCount()}, {"loss", NumberOrNull(s.deep.loss)},
                        {"initialLoss", NumberOrNull(s.deep.initial_loss)}}}};
}

std::string WidthDepthCommand(AppState& state, const std::string& command, const Json& request) {
  WidthDepthState& s = state.width_depth_lesson;
  if (command == "trainEpochs") {
    Result<int> epochs = ReadEpochs(request, kWidthDepthMaxTrainCall);
    if (!epochs.ok()) return Fail(epochs.error());
    TrainWidthDepth(s, epochs.value());
  } else if (command == "setWidthDepth") {
    if (request.contains("playing")) {
      if (!request["playing"].is_boolean()) return Fail("playing must be true or false");
      s.playing = request["playing"].get<bool>();
    }
    if (request.contains("reset") && request["reset"].is_boolean() && request["reset"].get<bool>()) {
      s.pending = true;
      ApplyWidthDepthPending(s);
    }
  } else {
    return "";
  }
  return Json{{"ok", true}, {"lessonState", WidthDepthLessonJson(state)}}.dump();
}

// --- Training problems and Recurrent nets, unfolded ------------------------------------------------
Json TrainingProblemsJson(const AppState& state) {
  const TrainingProblemsState& s = state.training_problems_lesson;
  Json json = {{"problem", TrainingProblemName(s.problem)}, {"epoch", s.epoch},
               {"learningRate", s.config.learning_rate}, {"running", s.running},
               {"diverged", s.diverged}, {"divergenceMessage", s.divergence_message},
               {"restored", s.restored}, {"weightsFinite", AllFinite(s.mlp)},
               {"lastGoodEpoch", s.last_good_epoch}, {"deadCount", s.dead_count},
               {"hiddenCount", s.hidden_count}, {"deadBeforeProvoke", s.dead_before_provoke},
               {"trainLoss", NumberOrNull(s.train_metrics.loss)},
               {"trainAccuracy", NumberOrNull(s.train_metrics.accuracy)},
               {"trainPoints", s.train.size()}, {"testPoints", s.test.size()}, {"error", s.error}};
  if (s.test.size() > 0) {
    json["testLoss"] = NumberOrNull(s.test_metrics.loss);
    json["testAccuracy"] = NumberOrNull(s.test_metrics.accuracy);
  }
  return json;
}

std::string TrainingProblemsCommand(AppState& state, const std::string& command, const Json& request) {
  TrainingProblemsState& s = state.training_problems_lesson;
  if (command == "setTrainingProblem") {
    const std::string name = request.contains("problem") && request["problem"].is_string()
                                 ? request["problem"].get<std::string>() : "";
    int found = -1;
    for (int p = 0; p < kTrainingProblemCount; ++p) {
      if (name == TrainingProblemName(static_cast<TrainingProblem>(p))) found = p;
    }
    if (found < 0) return Fail("problem must be one of divergence, dead-relu, overfitting");
    double rate = found == 0 ? 10.0 : found == 1 ? 0.1 : 0.01;
    if (request.contains("learningRate")) {
      const Json& r = request["learningRate"];
      if (!r.is_number() || !(r.get<double>() > 0.0) || !(r.get<double>() <= 100.0)) {
        return Fail("learningRate must be a number above 0 and at most 100");
      }
      rate = r.get<double>();
    }
    s.problem = static_cast<TrainingProblem>(found);
    s.learning_rate = rate;
    ResetTrainingProblem(&s);
  } else if (command == "trainEpochs") {
    if (!request.contains("epochs") || !request["epochs"].is_number_integer() ||
        request["epochs"].get<long long>() < 1 || request["epochs"].get<long long>() > 5000) {
      return Fail("epochs must be a whole number from 1 to 5000");
    }
    if (s.pending) ResetTrainingProblem(&s);
    TrainProblemEpochs(&s, request["epochs"].get<int>());
  } else if (command == "restoreWeights") {
    if (!s.diverged) return Fail("there is nothing to restore: training has not diverged");
    RestoreLastGoodWeights(&s);
  } else if (command == "provokeDeadRelus") {
    if (s.pending) ResetTrainingProblem(&s);
    ProvokeDeadRelus(&s);
  } else {
    return "";
  }
  if (!s.error.empty()) return Fail(s.error);
  return Json{{"ok", true}, {"lessonState", TrainingProblemsJson(state)}}.dump();
}

Json RecurrentJson(const AppState& state) {
  const RecurrentUnfoldedState& s = state.recurrent_unfolded_lesson;
  if (s.graph.nodes.empty()) return Json{{"steps", kRnnSteps}};
  Json h = Json::array(), dh = Json::array(), shares = Json::array(), input_shares = Json::array();
  for (int t = 0; t < kRnnSteps; ++t) {
    h.push_back(NumberOrNull(s.graph.nodes[s.h_node[t]].value));
    dh.push_back(NumberOrNull(s.graph.nodes[s.h_node[t]].grad));
    shares.push_back(NumberOrNull(RecurrentWeightContribution(s, t)));
    input_shares.push_back(NumberOrNull(InputWeightContribution(s, t)));
  }
  return Json{{"steps", kRnnSteps}, {"w", s.w}, {"u", s.u}, {"b", s.b}, {"target", s.target},
              {"x", Json::array({s.x[0], s.x[1], s.x[2], s.x[3]})}, {"h", h}, {"dh", dh},
              {"loss", NumberOrNull(s.graph.nodes[s.loss_node].value)},
              {"sharedWeightGrad", NumberOrNull(s.graph.nodes[s.w_node].grad)},
              {"sharedWeightContributions", shares},
              {"inputWeightGrad", NumberOrNull(s.graph.nodes[s.u_node].grad)},
              {"inputWeightContributions", input_shares},
              {"biasGrad", NumberOrNull(s.graph.nodes[s.b_node].grad)}};
}

std::string RecurrentCommand(AppState& state, const std::string& command, const Json& request) {
  if (command != "setRnn") return "";
  RecurrentUnfoldedState& s = state.recurrent_unfolded_lesson;
  RecurrentUnfoldedState next = s;
  for (auto [name, value] : {std::pair<const char*, double*>{"w", &next.w}, {"u", &next.u}, {"b", &next.b},
                             {"target", &next.target}}) {
    if (!request.contains(name)) continue;
    if (!request[name].is_number() || !std::isfinite(request[name].get<double>()) ||
        std::abs(request[name].get<double>()) > 5.0) {
      return Fail(std::string(name) + " must be a number from −5 to 5");
    }
    *value = request[name].get<double>();
  }
  s = next;
  BuildUnfoldedRnn(&s);
  return Json{{"ok", true}, {"lessonState", RecurrentJson(state)}}.dump();
}

}  // namespace bp
