// The stepper's part of the JSON API: its state (the whole trace of the current step) and its
// commands. Every command validates its input first and changes nothing when it refuses.
#include <cmath>

#include "app/api/api_json.h"
#include "app/io/network_file.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/session/predict.h"
#include "app/session/step_edit.h"
#include "app/session/step_formulas.h"
#include "app/session/work_budget.h"

namespace bp {

namespace {

Json LayerJson(const StepSession& session, int l) {
  const StepTrace& trace = session.trace;
  Eigen::MatrixXd shown_W = trace.before.layers[l].W;
  Eigen::VectorXd shown_b = trace.before.layers[l].b;
  for (int j = 0; j < shown_W.rows(); ++j) {
    for (int i = 0; i < shown_W.cols(); ++i) shown_W(j, i) = ShownWeight(session, l, j, i);
    shown_b(j) = ShownBias(session, l, j);
  }
  Json layer = LayerTraceJson(trace, l);
  layer["shownW"] = ToJson(shown_W);
  layer["shownB"] = ToJson(shown_b);
  return layer;
}

std::string SetNetwork(AppState& state, const Json& request) {
  Result<Mlp> mlp = ReadNetworkJson(request, NetworkSource{"the network", "the stepper", true});
  if (!mlp.ok()) return ErrorAnswer(mlp.error());
  Result<Eigen::VectorXd> x =
      ReadVector(request.contains("x") ? request["x"] : ToJson(state.step.x), "x", mlp->inputs());
  if (!x.ok()) return ErrorAnswer(x.error());
  Result<Eigen::VectorXd> t =
      ReadVector(request.contains("t") ? request["t"] : ToJson(state.step.t), "t", mlp->outputs());
  if (!t.ok()) return ErrorAnswer(t.error());
  OptimizerConfig config = state.step.config;
  if (request.contains("learningRate")) {
    const Json& rate = request["learningRate"];
    if (!rate.is_number() || !(rate.get<double>() >= kMinLearningRate && rate.get<double>() <= kMaxLearningRate)) {
      return ErrorAnswer("learningRate must be a number from 0.000001 to 100 (as when it is typed)");
    }
    config.learning_rate = rate.get<double>();
  }
  if (request.contains("updateBiases")) {
    if (!request["updateBiases"].is_boolean()) return ErrorAnswer("updateBiases must be true or false");
    config.update_biases = request["updateBiases"].get<bool>();
  }
  Status valid = ValidateOptimizer(config);
  if (!valid.ok()) return ErrorAnswer(valid.error);
  Status status = StartSession(&state.step, mlp.value(), x.value(), t.value(), config);
  if (!status.ok()) return ErrorAnswer(status.error);
  state.selected = Selection();
  return "";
}

std::string SetSample(AppState& state, const Json& request) {
  Result<Eigen::VectorXd> x = ReadVector(request.contains("x") ? request["x"] : Json(), "x", state.step.mlp.inputs());
  if (!x.ok()) return ErrorAnswer(x.error());
  Result<Eigen::VectorXd> t = ReadVector(request.contains("t") ? request["t"] : Json(), "t", state.step.mlp.outputs());
  if (!t.ok()) return ErrorAnswer(t.error());
  Status status = Retrace(&state.step, state.step.mlp, x.value(), t.value(), state.step.config);
  if (!status.ok()) return ErrorAnswer(status.error);
  RestartStep(&state.step, state.time);
  return "";
}

Result<Granularity> ReadGranularity(const AppState& state, const Json& request) {
  if (!request.contains("granularity")) return Result<Granularity>::Ok(state.granularity);
  if (!request["granularity"].is_string()) return Result<Granularity>::Error("granularity must be a string");
  return ParseGranularity(request["granularity"].get<std::string>());
}

std::string Step(AppState& state, const Json& request) {
  std::string direction = request.contains("direction") && request["direction"].is_string()
                              ? request["direction"].get<std::string>()
                              : "next";
  if (direction != "next" && direction != "previous") return ErrorAnswer("direction must be \"next\" or \"previous\"");
  Result<Granularity> granularity = ReadGranularity(state, request);
  if (!granularity.ok()) return ErrorAnswer(granularity.error());
  int count = 1;
  if (request.contains("count")) {
    if (!request["count"].is_number_integer() || request["count"].get<long long>() < 1 ||
        request["count"].get<long long>() > 10000) {
      return ErrorAnswer("count must be a whole number from 1 to 10000");
    }
    count = request["count"].get<int>();
  }
  // Each whole-step move traces a step; finer moves cross into the next step at most every second
  // move (a step has at least a start and a done station).
  const int moves_per_step = granularity.value() == Granularity::kStep ? 1 : 2;
  const std::string over =
      WorkBudgetError("step", count, "moves", "of this network", TracedStepWork(state.step.mlp) / moves_per_step);
  if (!over.empty()) return ErrorAnswer(over);
  for (int i = 0; i < count; ++i) {
    if (direction == "next") {
      StepNext(&state.step, granularity.value(), state.time);
    } else {
      StepPrevious(&state.step, granularity.value(), state.time);
    }
  }
  return "";
}
Json ItemJson(const AppState& state, const PredictItem& item, bool hide_result) {
  FormulaOptions options;
  options.notation = EffectiveNotation(state.step.mlp, state.notation);
  options.precision = state.precision;
  options.hide_result = hide_result;
  options.all_terms = true;
  return Json{{"quantity", PredictQuantityName(item.what)},
              {"layer", item.layer},
              {"neuron", item.neuron},
              {"input", item.input},
              {"name", QuantityName(state.step, options.notation, item)},
              {"formula", QuantityFormula(state.step, item, options)}};
}

// Predict mode: the question (without its value), the last verdict and the score.
Json PredictJson(const AppState& state) {
  const PredictState& p = state.step.predict;
  Json question;
  if (const std::optional<PredictItem> item = CurrentQuestion(state.step)) {
    question = ItemJson(state, *item, true);
    question["index"] = p.question;
    question["count"] = CurrentQuestionCount(state.step);
  }
  Json verdict;
  if (p.has_last) {
    verdict = ItemJson(state, p.last.item, false);
    verdict["right"] = p.last.right;
    verdict["revealed"] = p.last.revealed;
    verdict["typed"] = NumberOrNull(p.last.typed);
    verdict["expected"] = NumberOrNull(p.last.expected);
    verdict["mistake"] = p.last.mistake.empty() ? Json() : Json(p.last.mistake.substr(p.last.mistake.find('#') + 1));
    verdict["diagnosis"] = p.last.mistake.empty() ? Json() : Json(ContentText(state.language, p.last.mistake));
  }
  return Json{{"on", p.on},
              {"question", question},
              {"verdict", verdict},
              {"error", state.predict_error},
              {"score",
               {{"step", {{"right", p.step_score.right}, {"asked", p.step_score.asked}}},
                {"session", {{"right", p.session_score.right}, {"asked", p.session_score.asked}}}}}};
}

std::string Predict(AppState& state, const Json& request) {
  if (!state.step.predict.on) return ErrorAnswer("predict mode is off: send setPredict with \"on\": true first");
  if (!CurrentQuestion(state.step)) return ErrorAnswer("there is no question to answer: step forward first");
  const Result<std::string> typed = ReadTypedAnswer(request);
  if (!typed.ok()) return ErrorAnswer(typed.error());
  const Status status = SubmitPrediction(&state.step, typed.value(), state.precision, state.time);
  state.predict_error = status.error;
  return status.ok() ? "" : ErrorAnswer(status.error);
}
}  // namespace

Json StepStateJson(const AppState& state) {
  const StepSession& session = state.step;
  if (session.stations.empty()) return Json();
  const Station& station = CurrentStation(session);
  Json layers = Json::array();
  for (size_t l = 0; l < session.mlp.layers.size(); ++l) layers.push_back(LayerJson(session, static_cast<int>(l)));
  return Json{
      {"position", session.position},
      {"stationCount", session.stations.size()},
      {"phase", PhaseName(station.phase)},
      {"layer", station.layer},
      {"neuron", station.neuron},
      {"stepsTaken", session.steps_taken},
      {"stepsBack", session.history.size()},
      {"stepBackLimit", StepBackLimit(session.mlp)},
      {"granularity", GranularityName(state.granularity)},
      {"playing", state.playing},
      {"description", DescribeStation(state)},
      {"x", ToJson(session.x)},
      {"t", ToJson(session.t)},
      {"loss", NumberOrNull(session.trace.loss)},
      {"lossName", LossName(session.mlp.loss)},
      {"lossTerms", ToJson(Eigen::VectorXd(session.trace.loss_terms.col(0)))},
      {"learningRate", session.config.learning_rate},
      {"updateBiases", session.config.update_biases},
      {"optimizer", OptimizerName(session.config.kind)},
      {"layers", layers},
      {"fieldError", state.field_error},
      {"diverged", StepDiverged(session).empty() ? Json() : Json(StepDiverged(session))},
      {"predict", PredictJson(state)},
  };
}

std::string HandleStepCommand(AppState& state, const std::string& command, const Json& request) {
  static const char* const kStepCommands[] = {"setNetwork",     "setSample",  "step",    "jumpToPhase",
                                              "restartStep",    "typeValue",  "setGranularity", "setPlaying",
                                              "setPredict",     "predict",    "revealPrediction"};
  bool known = false;
  for (const char* name : kStepCommands) known = known || command == name;
  if (!known) return "";
  if (state.step.stations.empty())
    return ErrorAnswer("the current lesson has no stepper; open a step-through lesson first");
  std::string error;
  if (command == "setNetwork") {
    error = SetNetwork(state, request);
  } else if (command == "setSample") {
    error = SetSample(state, request);
  } else if (command == "step") {
    error = Step(state, request);
  } else if (command == "jumpToPhase") {
    if (!request.contains("phase") || !request["phase"].is_string()) return ErrorAnswer("jumpToPhase needs \"phase\"");
    Result<Phase> phase = ParsePhase(request["phase"].get<std::string>());
    if (!phase.ok()) return ErrorAnswer(phase.error());
    JumpToPhase(&state.step, phase.value(), state.time);
  } else if (command == "restartStep") {
    RestartStep(&state.step, state.time);
  } else if (command == "typeValue") {
    error = TypeValue(state, request, SetStepField);
  } else if (command == "setGranularity") {
    Result<Granularity> granularity = ReadGranularity(state, request);
    if (!granularity.ok()) return ErrorAnswer(granularity.error());
    state.granularity = granularity.value();
  } else if (command == "setPlaying") {
    if (!request.contains("playing") || !request["playing"].is_boolean())
      return ErrorAnswer("setPlaying needs \"playing\": true or false");
    state.playing = request["playing"].get<bool>();
  } else if (command == "setPredict") {
    if (!request.contains("on") || !request["on"].is_boolean())
      return ErrorAnswer("setPredict needs \"on\": true or false");
    SetPredictMode(&state.step, request["on"].get<bool>());
  } else if (command == "predict") {
    error = Predict(state, request);
  } else if (command == "revealPrediction") {
    if (!CurrentQuestion(state.step)) return ErrorAnswer("there is no question to reveal: step forward in predict mode first");
    state.predict_error.clear();
    (void)RevealPrediction(&state.step, state.precision, state.time);
  }
  if (!error.empty()) return error;
  return Json{{"ok", true}, {"step", StepStateJson(state)}}.dump();
}

}  // namespace bp
