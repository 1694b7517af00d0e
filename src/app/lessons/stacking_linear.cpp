// Lesson "Stacking linear layers": a 2-4-1 network whose hidden layer has the identity activation
// is still one linear map, W = W₂W₁ and b = W₂b₁ + b₂ (core CollapseLinear), so on XOR its boundary
// stays a straight line. Switch the hidden activation to tanh or ReLU and the same net bends it.
// Its words: content/en/stacking-linear.md.
#include <algorithm>
#include <string>

#include "app/lessons/stacking_linear_state.h"
#include "app/session/app_state.h"
#include "app/session/format.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/fonts.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot.h"
#include "app/widgets/widgets.h"
#include "core/collapse.h"
#include "core/history.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr uint64_t kNetSeed = 7;
constexpr int kHidden = 4;
constexpr double kLearningRate = 0.05;
constexpr int kBoundaryResolution = 64;
constexpr int kEpochsButton = 500;
const PlaneRange kRange{-0.5, 1.5, -0.5, 1.5};
// TrainStackingLinear's error when the loss diverged: the UI shows stacking-linear#diverged; the API
// answers with the lesson state as before (lessonState.loss says what happened).
const char* const kDiverged = "diverged";

std::string MatrixText(const Eigen::MatrixXd& M, int d) {
  std::string text = "[";
  for (int r = 0; r < M.rows(); ++r) {
    for (int c = 0; c < M.cols(); ++c) text += (c ? ", " : "") + Num(M(r, c), d);
    if (r + 1 < M.rows()) text += "; ";
  }
  return text + "]";
}

void UpdateBoundary(StackingLinearState& s) {
  ComputeBoundaryGrid(s.mlp, nullptr, kRange, kBoundaryResolution, &s.boundary);
}
}  // namespace

void ResetStackingLinearLesson(StackingLinearState* s) {
  DatasetOptions options;
  options.kind = DatasetKind::kXorCorners;
  options.count = 4;
  Result<Dataset> data = MakeDataset(options);
  if (data.ok()) s->data = data.value();
  MlpSpec spec;
  spec.sizes = {2, kHidden, 1};
  spec.activations = {s->hidden, Activation::kSigmoid};
  spec.loss = Loss::kBinaryCrossEntropy;
  spec.init = InitScheme::kXavier;
  Result<Mlp> mlp = MakeMlp(spec, kNetSeed);
  if (mlp.ok()) s->mlp = mlp.value();
  s->optimizer = OptimizerConfig{};
  s->optimizer.kind = OptimizerKind::kAdam;
  s->optimizer.learning_rate = kLearningRate;
  s->optimizer_state = MakeOptimizerState(s->mlp);
  s->shuffle = Rng(kNetSeed);
  s->workspace = TrainWorkspace{};
  s->epochs = 0;
  s->loss_per_epoch.clear();
  s->loss_epochs.clear();
  s->loss_every = 1;
  s->training = false;
  s->metrics = Evaluate(s->mlp, s->data.X, s->data.T);
  UpdateBoundary(*s);
  s->ready = true;
}

bool TrainStackingLinear(StackingLinearState* s, int epochs, std::string* error) {
  epochs = std::clamp(epochs, 1, kMaxStackingEpochsPerCall);
  bool diverged = false;
  for (int e = 0; e < epochs; ++e) {
    Result<TrainStats> stats = TrainEpoch(&s->mlp, s->data.X, s->data.T, s->data.size(), s->optimizer,
                                          &s->optimizer_state, &s->shuffle, &s->workspace);
    if (!stats.ok()) {
      *error = stats.error();
      return false;
    }
    s->epochs += 1;
    if ((s->epochs - 1) % s->loss_every == 0) {
      s->loss_per_epoch.push_back(stats->mean_loss);
      s->loss_epochs.push_back(s->epochs);
      ThinHistory(kMaxStackingRecords, &s->loss_every, &s->loss_per_epoch, &s->loss_epochs);
    }
    if (stats->diverged) {
      diverged = true;
      s->training = false;
      break;
    }
  }
  s->metrics = Evaluate(s->mlp, s->data.X, s->data.T);
  UpdateBoundary(*s);
  if (diverged) *error = kDiverged;
  return !diverged;
}

namespace {
// Training from the UI: a refusal or a divergence goes to the banner, in the learner's words.
void TrainFromUi(AppState& state, StackingLinearState* s, int epochs) {
  std::string error;
  if (TrainStackingLinear(s, epochs, &error)) return;
  state.banner = error == kDiverged ? ContentText(state.language, "stacking-linear#diverged") : error;
}
}  // namespace

void StackingLinearEnter(AppState& state) {
  if (!state.lesson_states.Get<StackingLinearState>().ready)
    ResetStackingLinearLesson(&state.lesson_states.Get<StackingLinearState>());
}

// Once per frame before drawing: apply pending changes and advance training (bounded).
void StackingLinearUpdate(AppState& state) {
  StackingLinearState& s = state.lesson_states.Get<StackingLinearState>();
  if (s.training) TrainFromUi(state, &s, kStackingEpochsPerFrame);
}

void StackingLinearCanvas(AppState& state) {
  StackingLinearState& s = state.lesson_states.Get<StackingLinearState>();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const bool wide = std::min(avail.y, avail.x * 0.6f) >= std::min(avail.x, avail.y * 0.62f);
  const float plane_w = wide ? std::min(avail.y, avail.x * 0.6f) : avail.x;
  const float plane_h = wide ? avail.y : avail.y * 0.62f;
  DataPlaneSpec spec;
  spec.range = kRange;
  spec.dark = state.dark_theme;
  spec.precision = state.precision;
  SetDataPoints(&spec, s.data);
  spec.boundary = &s.boundary;
  spec.marker_radius = 8.0f;
  DrawDataPlane("##stacking_plane", spec, ImVec2(plane_w, plane_h));
  if (wide) ImGui::SameLine(0.0f, gap);
  PlotSpec plot;
  plot.x_label = "epoch";
  plot.y_label = "loss (binary cross-entropy)";
  plot.x_min = 1;
  plot.x_max = std::max(2, s.epochs);
  plot.dark = state.dark_theme;
  plot.precision = state.precision;
  PlotCurve curve;
  curve.color = ClassColor(0, state.dark_theme);
  curve.label = "loss";
  curve.x = s.loss_epochs;
  curve.y = s.loss_per_epoch;
  plot.curves.push_back(curve);
  const float plot_w = wide ? avail.x - plane_w - gap : avail.x;
  const float plot_h = wide ? avail.y * 0.6f : avail.y - plane_h - ImGui::GetStyle().ItemSpacing.y;
  DrawPlot("##stacking_loss", plot, ImVec2(plot_w, std::max(plot_h, ImGui::GetFontSize() * 6.0f)));
}

void StackingLinearPanel(AppState& state) {
  StackingLinearState& s = state.lesson_states.Get<StackingLinearState>();
  const int d = state.precision;
  Say(state, "stacking-linear#intro");
  Say(state, "stacking-linear#try");
  ImGui::Separator();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("hidden activation");
  int choice = s.hidden == Activation::kIdentity ? 0 : s.hidden == Activation::kTanh ? 1 : 2;
  const int before = choice;
  ImGui::SameLine();
  ImGui::RadioButton("identity", &choice, 0);
  ImGui::SameLine();
  ImGui::RadioButton("tanh", &choice, 1);
  ImGui::SameLine();
  ImGui::RadioButton("ReLU", &choice, 2);
  if (choice != before) {
    s.hidden = choice == 0 ? Activation::kIdentity : choice == 1 ? Activation::kTanh : Activation::kRelu;
    ResetStackingLinearLesson(&s);
  }
  PlayPauseButton(state, &s.training, "Train", "Pause");
  ImGui::SameLine();
  if (ImGui::Button("Train 500 epochs")) TrainFromUi(state, &s, kEpochsButton);
  ImGui::SameLine();
  if (ImGui::Button("Reset")) ResetStackingLinearLesson(&s);
  Say(state, "stacking-linear#progress",
      {{"epochs", std::to_string(s.epochs)},
       {"loss", Num(s.metrics.loss, d)},
       {"correct", std::to_string(s.metrics.correct)},
       {"samples", std::to_string(s.metrics.samples)},
       {"percent", Num(100.0 * s.metrics.accuracy, 3)}});
  ImGui::Separator();
  // The output's sum z as one linear map of x, multiplied out by the core.
  const LinearMap map = CollapseLinearMaps(s.mlp);
  ImGui::PushFont(Fonts().mono);
  WrappedText("W₂W₁ = " + MatrixText(map.W, d));
  WrappedText("W₂b₁ + b₂ = " + MatrixText(map.b, d));
  ImGui::PopFont();
  if (s.hidden == Activation::kIdentity) {
    Say(state, "stacking-linear#collapsed");
  } else {
    Say(state, "stacking-linear#bends", {{"activation", s.hidden == Activation::kTanh ? "tanh" : "ReLU"}});
  }
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json StackingJson(const StackingLinearState& s) {
  Json json = {{"hidden", ActivationName(s.hidden)},
               {"epochs", s.epochs},
               {"training", s.training},
               {"loss", NumberOrNull(s.metrics.loss)},
               {"accuracy", NumberOrNull(s.metrics.accuracy)},
               {"correct", s.metrics.correct},
               {"samples", s.metrics.samples}};
  if (!s.mlp.layers.empty()) {
    const LinearMap map = CollapseLinearMaps(s.mlp);
    json["collapsedW"] = ToJson(map.W);
    json["collapsedB"] = ToJson(map.b);
    // Whether the hidden layer is linear: then W₂W₁, W₂b₁ + b₂ is the whole network's pre-activation.
    json["linear"] = s.hidden == Activation::kIdentity;
  }
  return json;
}

Json StackingLessonJson(const AppState& state) { return StackingJson(state.lesson_states.Get<StackingLinearState>()); }

std::string StackingCommand(AppState& state, const std::string& command, const Json& request) {
  StackingLinearState& s = state.lesson_states.Get<StackingLinearState>();
  if (!s.ready) ResetStackingLinearLesson(&s);
  if (command == "trainEpochs") {
    Result<int> epochs = ReadEpochs(request, kMaxStackingEpochsPerCall);
    if (!epochs.ok()) return ErrorAnswer(epochs.error());
    std::string error;
    s.training = false;
    if (!TrainStackingLinear(&s, epochs.value(), &error) && error != kDiverged) return ErrorAnswer(error);
  } else if (command == "setHidden") {
    if (!request.contains("activation") || !request["activation"].is_string()) {
      return ErrorAnswer("activation must be identity, tanh or relu");
    }
    Result<Activation> activation = ParseActivation(request["activation"].get<std::string>());
    if (!activation.ok() || (activation.value() != Activation::kIdentity && activation.value() != Activation::kTanh &&
                             activation.value() != Activation::kRelu)) {
      return ErrorAnswer("activation must be identity, tanh or relu");
    }
    s.hidden = activation.value();
    ResetStackingLinearLesson(&s);
  } else if (command == "resetNetwork") {
    ResetStackingLinearLesson(&s);
  } else {
    return "";
  }
  return LessonStateAnswer(StackingJson(s));
}

}  // namespace

LessonInfo StackingLinearLesson() {
  return {"stacking-linear",    "Stacking linear layers", StackingLinearEnter, StackingLinearUpdate,
          StackingLinearCanvas, StackingLinearPanel,      StackingLessonJson,  StackingCommand};
}

}  // namespace bp
