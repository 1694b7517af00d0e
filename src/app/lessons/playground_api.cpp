// The playground's JSON commands (see api_playground.h and docs/embedding.md). Settings go through
// SetPlaygroundValue, the same validated path as the panel's controls; training through the core.
#include "app/lessons/playground_api.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "app/lessons/playground_parts.h"
#include "app/session/app_state.h"
#include "app/session/format.h"
#include "app/session/work_budget.h"
#include "app/widgets/fonts.h"

namespace bp {

namespace {
constexpr long long kMaxEpochsPerCall = 100000;
constexpr long long kMaxBatchesPerCall = 1000000;
constexpr long long kMaxEpochsPerFrame = 100000;
constexpr long long kMinBoundaryPixels = 16;
constexpr long long kMaxBoundaryPixels = 2048;

// The model must exist before a command reads or trains it (it is built lazily, on first use).
PlaygroundState& Ready(AppState& state) {
  ApplyPlaygroundSettings(state.lesson_states.Get<PlaygroundState>());
  return state.lesson_states.Get<PlaygroundState>();
}

Json MetricsJson(const Metrics& metrics, bool present) {
  if (!present) return Json();
  // The confusion matrix, rows = the true class, columns = the class given (null for regression).
  Json confusion;
  if (metrics.has_accuracy && metrics.confusion.size() > 0)
    confusion = ToJson(Eigen::MatrixXd(metrics.confusion.cast<double>()));
  return Json{{"loss", NumberOrNull(metrics.loss)},
              {"accuracy", metrics.has_accuracy ? NumberOrNull(metrics.accuracy) : Json()},
              {"samples", metrics.samples},
              {"confusion", confusion}};
}

Json WeightsJson(const Mlp& mlp) {
  Json layers = Json::array();
  for (const Layer& layer : mlp.layers) {
    layers.push_back(Json{{"W", ToJson(layer.W)},
                          {"b", ToJson(layer.b)},
                          {"activation", ActivationName(layer.activation)},
                          {"slope", NumberOrNull(layer.params.slope)}});
  }
  return Json{{"layers", layers}, {"loss", LossName(mlp.loss)}};
}

const char* ChangeName(ChangeKind change) {
  switch (change) {
    case ChangeKind::kNone: return "none";
    case ChangeKind::kTraining: return "training";
    case ChangeKind::kNetwork: return "network";
    case ChangeKind::kData: return "data";
  }
  return "none";
}

// A request value as the text SetPlaygroundValue reads: strings as they are, numbers printed exactly.
Result<std::string> ValueText(const std::string& key, const Json& value) {
  if (value.is_string()) return Result<std::string>::Ok(value.get<std::string>());
  if (value.is_number_integer()) return Result<std::string>::Ok(std::to_string(value.get<long long>()));
  if (value.is_number_unsigned()) return Result<std::string>::Ok(std::to_string(value.get<unsigned long long>()));
  if (value.is_number_float()) {
    char text[40];
    std::snprintf(text, sizeof text, "%.17g", value.get<double>());
    return Result<std::string>::Ok(text);
  }
  if (value.is_boolean()) return Result<std::string>::Ok(value.get<bool>() ? "1" : "0");
  return Result<std::string>::Error("\"" + key + "\" needs a string or a number");
}

Result<long long> ReadCount(const Json& request, const char* name, long long min, long long max) {
  if (!request.contains(name) || !request[name].is_number_integer() || request[name].get<long long>() < min ||
      request[name].get<long long>() > max) {
    return Result<long long>::Error(std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                                    std::to_string(max));
  }
  return Result<long long>::Ok(request[name].get<long long>());
}

std::string Answer(AppState& state, Json extra = Json::object()) {
  extra["ok"] = true;
  extra["playground"] = PlaygroundJson(state, false);
  return extra.dump();
}

// All or nothing: every key is checked on a copy of the settings before any is applied.
std::string Configure(AppState& state, const Json& request) {
  PlaygroundState& s = Ready(state);
  if (!request.contains("values") || !request["values"].is_object()) {
    return ErrorAnswer("configure needs \"values\": an object of settings, e.g. {\"data\": \"xor\", \"lr\": 0.03}");
  }
  const Json& values = request["values"];
  PlaygroundConfig next = s.settings;
  // The keys in their canonical order (data before the settings that depend on it), whatever order
  // the request lists them in.
  const std::vector<std::pair<std::string, std::string>> keys = PlaygroundValues(next);
  for (auto item = values.begin(); item != values.end(); ++item) {
    bool known = false;
    for (const auto& key : keys) known = known || key.first == item.key();
    if (!known) {
      Status status = SetPlaygroundValue(&next, item.key(), "");  // the core's sentence for an unknown key
      return ErrorAnswer(status.ok() ? "unknown setting '" + Printable(item.key()) + "'" : status.error);
    }
  }
  for (const auto& key : keys) {
    if (!values.contains(key.first)) continue;
    Result<std::string> text = ValueText(key.first, values[key.first]);
    if (!text.ok()) return ErrorAnswer(text.error());
    Status status = SetPlaygroundValue(&next, key.first, text.value());
    if (!status.ok()) return ErrorAnswer(status.error);
  }
  Status valid = ValidatePlaygroundConfig(next);
  if (!valid.ok()) return ErrorAnswer(valid.error);
  const ChangeKind change = s.built ? ClassifyChange(s.model.config, next) : ChangeKind::kData;
  s.settings = next;
  ApplyPlaygroundSettings(s);
  if (!s.error.empty()) return ErrorAnswer(s.error);
  return Answer(state, Json{{"change", ChangeName(change)}});
}
}  // namespace

Json PlaygroundJson(const AppState& state, bool with_history) {
  const PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  Json values = Json::object();
  for (const auto& [key, value] : PlaygroundValues(s.settings)) values[key] = value;
  if (!s.built) return Json{{"built", false}, {"error", s.error}, {"values", values}};
  const Playground& m = s.model;
  Json answer{
      {"built", true},
      {"values", values},
      {"head", OutputHeadName(m.head)},
      {"epoch", m.epoch},
      {"batches", m.batches},
      {"train", MetricsJson(m.train_metrics, true)},
      {"test", MetricsJson(m.test_metrics, m.test.size() > 0)},
      {"trainSize", m.train.size()},
      {"testSize", m.test.size()},
      {"classes", m.data.num_classes},
      {"diverged", m.diverged},
      {"divergenceMessage", m.divergence_message},
      {"lastFiniteEpoch", m.last_finite_epoch},
      {"stopped", m.stopped},
      {"stopMessage", m.stop_message},
      {"running", s.running},
      {"stepping", s.stepping},
      {"epochsPerFrame", s.epochs_per_frame},
      {"error", s.error},
      {"notice", s.notice},
      {"renderError", s.render_error},
      {"boundaryPixels", BoundaryPixels(s)},
      {"boundaryReduction", s.running ? s.boundary_reduction : 0},
      {"timing",
       {{"frameMs", s.frame_ms},
        {"trainMs", s.train_ms},
        {"trainBudgetMs", s.train_budget_ms},
        {"epochsPerSecond", s.epochs_per_second}}},
      {"parameters", m.mlp.ParameterCount()},
      {"weights", WeightsJson(m.mlp)},
  };
  if (with_history) {
    Json history = Json::array();
    for (const EpochRecord& r : m.history) {
      history.push_back(Json{{"epoch", r.epoch},
                             {"trainLoss", NumberOrNull(r.train_loss)},
                             {"testLoss", NumberOrNull(r.test_loss)},
                             {"trainAccuracy", NumberOrNull(r.train_accuracy)},
                             {"testAccuracy", NumberOrNull(r.test_accuracy)}});
    }
    answer["history"] = history;
  }
  return answer;
}

std::string HandlePlaygroundCommand(AppState& state, const std::string& command, const Json& request) {
  static const char* const kCommands[] = {"configure",   "train",        "runEpochs",     "stepBatches",
                                          "restore",     "newNetwork",   "addPoint",      "removePoint",
                                          "openStepper", "closeStepper", "getPlayground", "setBoundaryPixels",
                                          "importData",  "exportData",   "probeOutput"};
  bool known = false;
  for (const char* name : kCommands) known = known || command == name;
  if (!known) return "";
  if (command == "configure") return Configure(state, request);
  PlaygroundState& s = Ready(state);
  if (!s.built) return ErrorAnswer("the playground could not be built: " + s.error);
  Playground& m = s.model;

  if (command == "importData") {
    if (!request.contains("text") || !request["text"].is_string()) {
      return ErrorAnswer("importData needs \"text\": the CSV's contents as a string");
    }
    Result<OwnPoints> points = ParseOwnCsv(request["text"].get<std::string>());
    if (!points) return ErrorAnswer(points.error());
    Status set = SetPlaygroundData(s, std::make_shared<const OwnPoints>(std::move(points.value())));
    if (!set) return ErrorAnswer(set.error);
    return Answer(state);
  }
  if (command == "exportData") return Dump(Json{{"ok", true}, {"csv", WriteOwnCsv(m.data)}});
  if (command == "probeOutput") {
    // What the hover read-out shows: the network's inputs and outputs at a point of the plane.
    const int d = static_cast<int>(m.data.X.rows());
    Result<Eigen::VectorXd> x = ReadVector(request.contains("x") ? request["x"] : Json(), "x", d);
    if (!x.ok()) return ErrorAnswer(x.error());
    const PlaneOutput out = OutputAt(m, x.value());
    return Dump(
        Json{{"ok", true}, {"inputs", ToJson(out.inputs)}, {"output", ToJson(out.output)}, {"class", out.given}});
  }
  if (command == "getPlayground") return Answer(state, Json{{"history", PlaygroundJson(state, true)["history"]}});
  if (command == "train") {
    if (!request.contains("running") || !request["running"].is_boolean())
      return ErrorAnswer("train needs \"running\": true or false");
    if (request.contains("epochsPerFrame")) {
      Result<long long> speed = ReadCount(request, "epochsPerFrame", 1, kMaxEpochsPerFrame);
      if (!speed.ok()) return ErrorAnswer(speed.error());
      s.epochs_per_frame = static_cast<int>(speed.value());
    }
    const bool running = request["running"].get<bool>();
    if (running && m.diverged)
      return ErrorAnswer("training is paused after a divergence: restore the last good weights first");
    if (running && m.stopped) ClearStop(&m);
    s.running = running;
    return Answer(state);
  }
  if (command == "runEpochs") {
    Result<long long> epochs = ReadCount(request, "epochs", 1, kMaxEpochsPerCall);
    if (!epochs.ok()) return ErrorAnswer(epochs.error());
    const long long train = m.train_inputs.cols(), all = train + m.test_inputs.cols();
    const std::string over =
        WorkBudgetError("runEpochs", epochs.value(), "epochs", "of this network on these points",
                        EpochWork(m.mlp, train, all), 0.0, "Send several commands, or press Train.");
    if (!over.empty()) return ErrorAnswer(over);
    if (m.stopped) ClearStop(&m);
    s.notice.clear();
    PlaygroundProgress progress = TrainPlaygroundEpochs(&m, static_cast<int>(epochs.value()));
    return Answer(state, Json{{"epochsRun", progress.epochs}});
  }
  if (command == "stepBatches") {
    Result<long long> batches = ReadCount(request, "batches", 1, kMaxBatchesPerCall);
    if (!batches.ok()) return ErrorAnswer(batches.error());
    // The metrics are measured at the end of the call and at each epoch's end on the way.
    const long long train = m.train_inputs.cols(), all = train + m.test_inputs.cols();
    const long long per_epoch = (train + m.config.batch_size - 1) / std::max(1, m.config.batch_size);
    const double metrics = MetricsWork(m.mlp, all);
    const std::string over =
        WorkBudgetError("stepBatches", batches.value(), "minibatches", "of this network on these points",
                        BatchWork(m.mlp, m.config.batch_size) + metrics / std::max(1LL, per_epoch), metrics,
                        "Send several commands, or press Train.");
    if (!over.empty()) return ErrorAnswer(over);
    PlaygroundProgress progress = TrainPlaygroundBatches(&m, static_cast<int>(batches.value()));
    return Answer(state, Json{{"batchesRun", progress.batches}, {"epochsRun", progress.epochs}});
  }
  if (command == "restore") {
    if (!m.diverged) return ErrorAnswer("there is nothing to restore: training has not diverged");
    RestoreLastFinite(&m);
    s.running = false;
    return Answer(state);
  }
  if (command == "newNetwork") {
    s.rebuild = true;
    ApplyPlaygroundSettings(s);
    return Answer(state);
  }
  if (command == "addPoint" || command == "removePoint") {
    const int d = m.data.X.rows() > 0 ? static_cast<int>(m.data.X.rows()) : InputDimension(m.config.data);
    Result<Eigen::VectorXd> x = ReadVector(request.contains("x") ? request["x"] : Json(), "x", d);
    if (!x.ok()) return ErrorAnswer(x.error());
    if (command == "addPoint") {
      if (!request.contains("label") || !request["label"].is_number())
        return ErrorAnswer("addPoint needs \"label\": a class number (or a target value for regression)");
      Status status = AddPlaygroundPoint(&m, x.value(), request["label"].get<double>());
      if (!status.ok()) return ErrorAnswer(status.error);
      return Answer(state);
    }
    double radius = 0.1;
    if (request.contains("radius")) {
      if (!request["radius"].is_number()) return ErrorAnswer("\"radius\" must be a number");
      radius = request["radius"].get<double>();
    }
    Result<bool> removed = RemovePlaygroundPointNear(&m, x.value(), radius);
    if (!removed.ok()) return ErrorAnswer(removed.error());
    return Answer(state, Json{{"removed", removed.value()}});
  }
  if (command == "setBoundaryPixels") {
    Result<long long> pixels = ReadCount(request, "pixels", kMinBoundaryPixels, kMaxBoundaryPixels);
    if (!pixels.ok()) return ErrorAnswer(pixels.error());
    s.max_boundary_pixels = static_cast<int>(pixels.value());
    return Answer(state);
  }
  if (command == "closeStepper") {
    s.stepping = false;
    return Answer(state);
  }
  // openStepper: the playground lesson with the stepper on one training point.
  Result<long long> point = ReadCount(request, "point", 0, std::max(0, m.train.size() - 1));
  if (!point.ok()) return ErrorAnswer(point.error());
  if (m.diverged) return ErrorAnswer("the network has diverged: restore the last good weights first");
  const int index = FindLesson(state, "playground");
  if (state.lesson != index) {
    state.pending_lesson = index;
    ApplyPendingChanges(state);
  }
  StartPlaygroundStepper(state, static_cast<int>(point.value()));
  return Answer(state);
}

}  // namespace bp
