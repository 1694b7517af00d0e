// Export and import (see network_io.h): writing the network file, importing one (read and checked
// by network_file.cpp) into the stepper or the playground, and the trace and curve exports.
#include "app/io/network_io.h"
#include "app/io/data_io.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <utility>

#include "app/io/network_file.h"
#include "app/lessons/playground_state.h"
#include "app/session/app_state.h"
#include "app/session/json.h"
#include "app/session/python_export.h"
#include "app/session/python_training.h"

namespace bp {

namespace {
constexpr const char* kTraceFormat = "backprop-lab-trace";

// A number as the shortest text that reads back to the same double (nlohmann's printer).
std::string NumberText(double value) { return std::isfinite(value) ? Json(value).dump() : std::string(); }

template <typename T>
Result<T> Fail(const std::string& message) {
  return Result<T>::Error(message);
}

// --- Writing ---------------------------------------------------------------------------------------

// A vector as one line of JSON.
std::string Row(const Eigen::VectorXd& values) {
  std::string out = "[";
  for (Eigen::Index i = 0; i < values.size(); ++i)
    out += (i ? ", " : "") + (std::isfinite(values(i)) ? NumberText(values(i)) : "null");
  return out + "]";
}

// A matrix as rows, one per line, indented.
std::string Rows(const Eigen::MatrixXd& matrix, const std::string& indent) {
  std::string out = "[\n";
  for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
    out += indent + "  " + Row(matrix.row(r).transpose()) + (r + 1 < matrix.rows() ? ",\n" : "\n");
  }
  return out + indent + "]";
}

std::string ShapeText(const Mlp& mlp) {
  std::string out = std::to_string(mlp.inputs());
  for (const Layer& layer : mlp.layers) out += "-" + std::to_string(layer.outputs());
  return out;
}

const Mlp& HeldNetwork(const AppState& state, NetworkHolder holder) {
  return holder == NetworkHolder::kPlayground ? state.lesson_states.Get<PlaygroundState>().model.mlp : state.step.mlp;
}

std::string NetworkFileText(const AppState& state, NetworkHolder holder) {
  const Mlp& mlp = HeldNetwork(state, holder);
  Json shape = Json::array({mlp.inputs()});
  for (const Layer& layer : mlp.layers) shape.push_back(layer.outputs());
  std::string out = "{\n";
  out += "  \"format\": \"" + std::string(kNetworkFormat) + "\",\n";
  out += "  \"version\": " + std::to_string(kFormatVersion) + ",\n";
  out += "  \"lesson\": " + Json(Lessons(state)[state.lesson].id).dump() + ",\n";
  out += "  \"shape\": " + shape.dump() + ",\n";
  out += "  \"loss\": \"" + std::string(LossName(mlp.loss)) + "\",\n";
  out += "  \"layers\": [\n";
  for (size_t l = 0; l < mlp.layers.size(); ++l) {
    const Layer& layer = mlp.layers[l];
    out += "    {\n";
    out += "      \"activation\": \"" + std::string(ActivationName(layer.activation)) +
           "\", \"slope\": " + NumberText(layer.params.slope) + ", \"alpha\": " + NumberText(layer.params.alpha) +
           ",\n";
    out += "      \"W\": " + Rows(layer.W, "      ") + ",\n";
    out += "      \"b\": " + Row(layer.b) + "\n";
    out += std::string("    }") + (l + 1 < mlp.layers.size() ? ",\n" : "\n");
  }
  out += "  ]";
  if (holder == NetworkHolder::kStepper) {
    out += ",\n  \"sample\": {\"x\": " + Row(state.step.x) + ", \"t\": " + Row(state.step.t) + "}";
  }
  return out + "\n}\n";
}

// --- Importing -------------------------------------------------------------------------------------

}  // namespace

// The stepper restarts on the imported network; its sample is the file's, else the current one
// when it fits, else zeros (and class 0 for a softmax output).
Status ImportIntoStepper(AppState& state, const NetworkFile& file) {
  const Mlp& mlp = file.mlp;
  Eigen::VectorXd x = file.x, t = file.t;
  if (!file.has_sample) {
    const bool fits = state.step.x.size() == mlp.inputs() && state.step.t.size() == mlp.outputs();
    x = fits ? state.step.x : Eigen::VectorXd::Zero(mlp.inputs());
    t = fits ? state.step.t : Eigen::VectorXd::Zero(mlp.outputs());
    if (!fits && mlp.loss == Loss::kSoftmaxCrossEntropy) t(0) = 1.0;
  }
  Status started = StartSession(&state.step, mlp, x, t, state.step.config);
  if (!started) return Status::Error("the stepper cannot use this network: " + started.error);
  // The lesson's sample picker offers only samples that fit the new shape.
  if (!state.sample_inputs.empty() && state.sample_inputs[0].size() != mlp.inputs()) {
    state.sample_inputs.clear();
    state.sample_targets.clear();
  }
  state.playing = false;
  state.selected = Selection();
  state.field_error.clear();
  state.edit_text.clear();
  return Status::Ok();
}

namespace {

// The playground's output head for the file's output layer and loss.
Result<OutputHead> HeadOf(const Mlp& mlp) {
  const Activation output = mlp.layers.back().activation;
  if (output == Activation::kSigmoid && mlp.loss == Loss::kBinaryCrossEntropy)
    return Result<OutputHead>::Ok(OutputHead::kSigmoidBce);
  if (output == Activation::kSoftmax && mlp.loss == Loss::kSoftmaxCrossEntropy)
    return Result<OutputHead>::Ok(OutputHead::kSoftmaxCe);
  if (output == Activation::kIdentity && mlp.loss == Loss::kHalfSquaredError)
    return Result<OutputHead>::Ok(OutputHead::kLinearMse);
  if (output == Activation::kTanh && mlp.loss == Loss::kHalfSquaredError)
    return Result<OutputHead>::Ok(OutputHead::kTanhSquared);
  return Fail<OutputHead>("the output layer is " + std::string(ActivationName(output)) + " with the loss " +
                          LossName(mlp.loss) +
                          "; the playground's outputs are sigmoid with bce, softmax with softmax_ce, identity with "
                          "half_mse or tanh with half_mse");
}

Status ImportIntoPlayground(AppState& state, const NetworkFile& file) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  ApplyPlaygroundSettings(s);
  if (!s.built) return Status::Error("the playground could not be built: " + s.error);
  const Mlp& mlp = file.mlp;
  const PlaygroundConfig& now = s.model.config;
  std::string features;
  for (const auto& [key, value] : PlaygroundValues(now)) {
    if (key == "features") features = value;
  }
  if (mlp.inputs() != now.features.Count()) {
    return Status::Error("the file's network takes " + Plural(mlp.inputs(), "input", "inputs") +
                         ", but the playground feeds it " + Plural(now.features.Count(), "feature", "features") + " (" +
                         features + "): switch features on or off to match, or import a network with " +
                         std::to_string(now.features.Count()));
  }
  Result<OutputHead> head = HeadOf(mlp);
  if (!head) return Status::Error(head.error());
  PlaygroundConfig next = now;
  std::string hidden, activations;
  for (size_t l = 0; l + 1 < mlp.layers.size(); ++l) {
    hidden += (l ? "," : "") + std::to_string(mlp.layers[l].outputs());
    activations += (l ? "," : "") + std::string(ActivationName(mlp.layers[l].activation));
  }
  Status set = SetPlaygroundValue(&next, "hidden", hidden);
  if (set && !activations.empty()) set = SetPlaygroundValue(&next, "act", activations);
  Result<OutputHead> resolved = ResolveOutputHead(now);
  if (set && (!resolved || resolved.value() != head.value()))
    set = SetPlaygroundValue(&next, "head", OutputHeadName(head.value()));
  if (set) set = ValidatePlaygroundConfig(next);
  if (!set) return Status::Error("the network does not fit the playground: " + set.error);
  // Built on a copy, so that a refusal leaves the playground as it was.
  Playground model = s.model;
  Status applied = ApplyPlaygroundConfig(&model, next, nullptr);
  if (!applied) return Status::Error("the network does not fit the playground: " + applied.error);
  if (model.mlp.outputs() != mlp.outputs()) {
    return Status::Error("the file's network has " + Plural(mlp.outputs(), "output", "outputs") +
                         ", but the playground's data (" + std::string(DatasetKindName(model.config.data.kind)) + ", " +
                         OutputHeadName(model.head) + ") needs " + std::to_string(model.mlp.outputs()));
  }
  Status started = StartPlaygroundFrom(&model, mlp);
  if (!started) return Status::Error("the network does not fit the playground: " + started.error);
  s.model = std::move(model);
  s.settings = next;
  s.running = false;
  s.stepping = false;
  s.error.clear();
  s.notice = "Imported a " + ShapeText(mlp) + " network: training starts again from epoch 0.";
  return Status::Ok();
}

// --- The trace ---------------------------------------------------------------------------------------

// One number of the trace: a CSV row, and its place in the JSON.
struct TraceCsv {
  std::string text = "phase,layer,neuron,input,quantity,value\n";
  size_t rows = 0;
  void Add(const char* phase, int layer, int neuron, int input, const char* quantity, double value) {
    auto cell = [](int index) { return index < 0 ? std::string() : std::to_string(index); };
    text += std::string(phase) + "," + cell(layer) + "," + cell(neuron) + "," + cell(input) + "," + quantity + "," +
            NumberText(value) + "\n";
    ++rows;
  }
};

bool HasDerivative(const StepTrace& trace, int l) { return trace.grads.layers[l].derivative.size() > 0; }

Result<const StepSession*> Stepper(const AppState& state) {
  if (!HasTrace(state)) {
    return Result<const StepSession*>::Error(
        "there is no step to export: open a step-through lesson (or the playground's stepper)");
  }
  return Result<const StepSession*>::Ok(&state.step);
}

}  // namespace

bool HasTrace(const AppState& state) {
  // The playground keeps its last stepper after "Back to the playground"; only a shown one counts.
  const bool hidden =
      state.lesson == FindLesson(state, "playground") && !state.lesson_states.Get<PlaygroundState>().stepping;
  return !state.step.stations.empty() && !hidden;
}

Result<NetworkHolder> CurrentNetworkHolder(const AppState& state) {
  if (state.lesson == FindLesson(state, "playground")) return Result<NetworkHolder>::Ok(NetworkHolder::kPlayground);
  if (!state.step.stations.empty()) return Result<NetworkHolder>::Ok(NetworkHolder::kStepper);
  return Fail<NetworkHolder>(
      "this lesson has no network to export or import: open a step-through lesson (such as "
      "the worked example) or the playground");
}

Result<std::string> ExportNetwork(AppState& state) {
  Result<NetworkHolder> holder = CurrentNetworkHolder(state);
  if (!holder) return Fail<std::string>(holder.error());
  if (holder.value() == NetworkHolder::kPlayground) {
    ApplyPlaygroundSettings(state.lesson_states.Get<PlaygroundState>());
    if (!state.lesson_states.Get<PlaygroundState>().built)
      return Fail<std::string>("the playground could not be built: " +
                               state.lesson_states.Get<PlaygroundState>().error);
  }
  return Result<std::string>::Ok(NetworkFileText(state, holder.value()));
}

namespace {
Status ImportInto(AppState& state, const std::string& text) {
  Result<NetworkHolder> holder = CurrentNetworkHolder(state);
  if (!holder) return Status::Error(holder.error());
  const bool playground = holder.value() == NetworkHolder::kPlayground;
  Result<NetworkFile> file = ReadNetworkFile(text, playground ? "the playground" : "the stepper");
  if (!file) return Status::Error(file.error());
  return playground ? ImportIntoPlayground(state, file.value()) : ImportIntoStepper(state, file.value());
}
}  // namespace

Status ImportNetwork(AppState& state, const std::string& text) {
  Status imported = ImportInto(state, text);
  // Shown in the Export / import section, whichever way the file came (paste box, page, API).
  state.files.message =
      imported ? "Imported a " + ShapeText(HeldNetwork(state, CurrentNetworkHolder(state).value())) + " network."
               : "Not imported: " + imported.error + ".";
  state.files.message_is_error = !imported.ok();
  return imported;
}

Result<std::string> ExportTraceJson(const AppState& state) {
  Result<const StepSession*> stepper = Stepper(state);
  if (!stepper) return Fail<std::string>(stepper.error());
  const StepSession& session = *stepper.value();
  const StepTrace& trace = session.trace;
  Json layers = Json::array();
  for (size_t l = 0; l < trace.layers.size(); ++l) layers.push_back(LayerTraceJson(trace, static_cast<int>(l)));
  Json json = {
      {"format", kTraceFormat},
      {"version", kFormatVersion},
      {"lesson", Lessons(state)[state.lesson].id},
      {"stepsTaken", session.steps_taken},
      {"lossName", LossName(trace.before.loss)},
      {"optimizer", OptimizerName(session.config.kind)},
      {"learningRate", session.config.learning_rate},
      {"updateBiases", session.config.update_biases},
      {"x", ToJson(session.x)},
      {"t", ToJson(session.t)},
      {"loss", NumberOrNull(trace.loss)},
      {"lossTerms", ToJson(Eigen::VectorXd(trace.loss_terms.col(0)))},
      {"layers", layers},
  };
  return Result<std::string>::Ok(json.dump(1, ' ', false, Json::error_handler_t::replace) + "\n");
}

Result<std::string> ExportTraceCsv(const AppState& state) {
  Result<const StepSession*> stepper = Stepper(state);
  if (!stepper) return Fail<std::string>(stepper.error());
  const StepSession& session = *stepper.value();
  const StepTrace& trace = session.trace;
  const int L = static_cast<int>(trace.layers.size());
  TraceCsv csv;
  // In the stepper's order: forward layer by layer, the loss, backward from the last layer, update.
  for (int l = 0; l < L; ++l) {
    const LayerForward& forward = trace.pass.layers[l];
    for (int i = 0; i < forward.input.rows(); ++i) csv.Add("forward", l, -1, i, "input", forward.input(i, 0));
    for (int j = 0; j < forward.z.rows(); ++j) {
      csv.Add("forward", l, j, -1, "z", forward.z(j, 0));
      csv.Add("forward", l, j, -1, "a", forward.a(j, 0));
    }
  }
  for (int k = 0; k < session.t.size(); ++k) {
    csv.Add("loss", L - 1, k, -1, "t", session.t(k));
    csv.Add("loss", L - 1, k, -1, "term", trace.loss_terms(k, 0));
  }
  csv.Add("loss", -1, -1, -1, "loss", trace.loss);
  for (int l = L - 1; l >= 0; --l) {
    const LayerGradients& grads = trace.grads.layers[l];
    const LayerTrace& layer = trace.layers[l];
    for (int j = 0; j < grads.delta.rows(); ++j) {
      if (HasDerivative(trace, l)) csv.Add("backward", l, j, -1, "derivative", grads.derivative(j, 0));
      csv.Add("backward", l, j, -1, "dL_da", layer.neurons[j].dL_da(0));
      csv.Add("backward", l, j, -1, "delta", grads.delta(j, 0));
      for (int i = 0; i < grads.dW.cols(); ++i) csv.Add("backward", l, j, i, "dW", grads.dW(j, i));
      csv.Add("backward", l, j, -1, "db", grads.db(j));
    }
    if (layer.has_slope) csv.Add("backward", l, -1, -1, "dL_dslope", layer.d_slope);
  }
  for (int l = 0; l < L; ++l) {
    const Layer& before = trace.before.layers[l];
    const Layer& after = trace.after.layers[l];
    for (int j = 0; j < before.W.rows(); ++j) {
      for (int i = 0; i < before.W.cols(); ++i) {
        csv.Add("update", l, j, i, "W", before.W(j, i));
        csv.Add("update", l, j, i, "newW", after.W(j, i));
      }
      csv.Add("update", l, j, -1, "b", before.b(j));
      csv.Add("update", l, j, -1, "newB", after.b(j));
    }
    if (trace.layers[l].has_slope) {
      csv.Add("update", l, -1, -1, "slope", trace.layers[l].slope.old_value);
      csv.Add("update", l, -1, -1, "newSlope", trace.layers[l].slope.new_value);
    }
  }
  return Result<std::string>::Ok(csv.text);
}

Result<std::string> ExportCurveCsv(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  ApplyPlaygroundSettings(s);
  if (!s.built) return Fail<std::string>("the playground could not be built: " + s.error);
  std::string csv = "epoch,train_loss,test_loss,train_accuracy,test_accuracy\n";
  for (const EpochRecord& r : s.model.history) {
    csv += std::to_string(r.epoch) + "," + NumberText(r.train_loss) + "," + NumberText(r.test_loss) + "," +
           NumberText(r.train_accuracy) + "," + NumberText(r.test_accuracy) + "\n";
  }
  return Result<std::string>::Ok(csv);
}

Result<std::string> ExportTrainingScript(AppState& state, bool torch, int epochs) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  if (!s.built) return Result<std::string>::Error("the playground is not built yet: open it first");
  return torch ? TrainingScriptTorch(s.model, epochs) : TrainingScriptNumpy(s.model, epochs);
}

Result<std::string> QueueDownload(AppState& state, const std::string& what) {
  const std::string prefix = std::string("backprop-lab-") + Lessons(state)[state.lesson].id;
  Result<std::string> text = Result<std::string>::Error("");
  std::string filename, mime = "text/csv";
  if (what == "canvas") {
    state.files.save_canvas_png = true;
    return Result<std::string>::Ok("backprop-lab-canvas.png");
  } else if (what == "network") {
    text = ExportNetwork(state);
    filename = prefix + "-network.json";
    mime = "application/json";
  } else if (what == "traceJson") {
    text = ExportTraceJson(state);
    filename = prefix + "-trace.json";
    mime = "application/json";
  } else if (what == "traceCsv") {
    text = ExportTraceCsv(state);
    filename = prefix + "-trace.csv";
  } else if (what == "curve") {
    text = ExportCurveCsv(state);
    filename = "backprop-lab-playground-curve.csv";
  } else if (what == "data") {
    text = ExportData(state);
    filename = prefix + "-data.csv";
  } else if ((what == "pythonNumpy" || what == "pythonTorch") && !HasTrace(state) && CurrentNetworkHolder(state).ok() &&
             CurrentNetworkHolder(state).value() == NetworkHolder::kPlayground) {
    text = ExportTrainingScript(state, what == "pythonTorch", state.files.export_epochs);
    filename = prefix + "-training-" + std::to_string(state.files.export_epochs) + "-epochs" +
               (what == "pythonNumpy" ? "-numpy.py" : "-torch.py");
    mime = "text/x-python";
  } else if (what == "pythonNumpy" || what == "pythonTorch") {
    if (!HasTrace(state)) return Result<std::string>::Error("there is no step to export: open a step-through lesson");
    text = what == "pythonNumpy" ? StepScriptNumpy(state.step) : StepScriptTorch(state.step);
    filename = prefix + (what == "pythonNumpy" ? "-step-numpy.py" : "-step-torch.py");
    mime = "text/x-python";
  } else {
    return Result<std::string>::Error(
        "there is no export called '" + what +
        "' (network, traceJson, traceCsv, curve, data, canvas, pythonNumpy, pythonTorch)");
  }
  if (!text) return text;
  state.files.downloads.push_back(FileToSave{filename, mime, text.value()});
  return Result<std::string>::Ok(filename);
}

}  // namespace bp
