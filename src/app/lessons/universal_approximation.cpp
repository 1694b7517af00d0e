// Lesson "Universal approximation": one hidden layer of N units, trained live on a 1-D curve. The
// canvas shows the target points, the network's fit, each unit's share w₂ⱼ·aⱼ(x) of that fit as a
// faint curve, and the error over the epochs, so the learner sees more units bend the fit closer.
// Every number comes from src/core (MakeMlp, TrainEpoch, Forward, Predict, Evaluate).
#include <algorithm>
#include <cassert>
#include <cmath>
#include <iterator>
#include <string>

#include "app/lessons/universal_approximation_state.h"
#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/session/work_budget.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot.h"
#include "app/widgets/widgets.h"
#include "core/history.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr int kPoints = 64;  // training points on the target curve
constexpr int kSawtoothTeeth = 3;
constexpr uint64_t kDataSeed = 1;
constexpr uint64_t kWeightSeed = 7;
constexpr int kBatchSize = 16;
constexpr double kLearningRate = 0.01;
constexpr int kEpochsPerFrame = 10;  // the frame's training budget
constexpr int kMaxHistory = 1000;    // loss samples kept; older ones are thinned beyond this
constexpr int kGridSamples = 241;    // the fine x grid the fit is drawn on
constexpr double kYMargin = 0.6;     // room above and below the target for the units' shares
constexpr float kMinPlotHeight = 120.0f;
const DatasetKind kTargets[] = {DatasetKind::kRegressionSin, DatasetKind::kRegressionStep, DatasetKind::kRegressionAbs,
                                DatasetKind::kRegressionSawtooth};

Eigen::MatrixXd FineGrid() {
  Eigen::MatrixXd x(1, kGridSamples);
  for (int i = 0; i < kGridSamples; ++i) x(0, i) = -1.0 + 2.0 * i / (kGridSamples - 1);
  return x;
}

void RecordLoss(UniversalApproximationState& s) {
  s.loss = Evaluate(s.mlp, s.data.X, s.data.T, &s.pass).loss;
  s.history_epochs.push_back(s.epochs);
  s.history_loss.push_back(s.loss);
  ThinHistory(kMaxHistory, &s.history_every, &s.history_epochs, &s.history_loss);
}
}  // namespace

void ApplyUniversalPending(UniversalApproximationState& s) {
  if (!s.pending) return;
  s.pending = false;
  s.units = std::clamp(s.units, kUniversalMinUnits, kUniversalMaxUnits);
  DatasetOptions options;
  options.kind = s.target;
  options.count = kPoints;
  options.seed = kDataSeed;
  options.teeth = kSawtoothTeeth;
  Result<Dataset> data = MakeDataset(options);
  assert(data.ok() && "the lesson's dataset options are valid");
  s.data = std::move(data).value();
  MlpSpec spec;
  spec.sizes = {1, s.units, 1};
  spec.activations = {s.hidden, Activation::kIdentity};
  spec.loss = Loss::kHalfSquaredError;
  spec.init = s.hidden == Activation::kRelu ? InitScheme::kHe : InitScheme::kXavier;
  Result<Mlp> mlp = MakeMlp(spec, kWeightSeed);
  assert(mlp.ok() && "the lesson's network spec is valid");
  s.mlp = std::move(mlp).value();
  s.optimizer = OptimizerConfig();
  s.optimizer.kind = OptimizerKind::kAdam;
  s.optimizer.learning_rate = kLearningRate;
  s.optimizer_state = MakeOptimizerState(s.mlp);
  s.shuffle = Rng(kDataSeed);
  s.workspace = TrainWorkspace();
  s.epochs = 0;
  s.diverged = false;
  s.history_epochs.clear();
  s.history_loss.clear();
  s.history_every = 1;
  RecordLoss(s);
}

void TrainUniversal(UniversalApproximationState& s, int epochs) {
  ApplyUniversalPending(s);
  epochs = std::clamp(epochs, 0, kUniversalMaxTrainCall);
  for (int i = 0; i < epochs && !s.diverged; ++i) {
    Result<TrainStats> stats =
        TrainEpoch(&s.mlp, s.data.X, s.data.T, kBatchSize, s.optimizer, &s.optimizer_state, &s.shuffle, &s.workspace);
    if (!stats.ok() || stats.value().diverged) {
      s.diverged = true;
      s.playing = false;
      break;
    }
    s.epochs += 1;
    if (s.epochs % s.history_every == 0) RecordLoss(s);
  }
}

void UniversalApproximationEnter(AppState& state) {
  state.lesson_states.Get<UniversalApproximationState>().pending = true;
}

// Once per frame before drawing: apply pending changes and advance training (bounded).
void UniversalApproximationUpdate(AppState& state) {
  UniversalApproximationState& s = state.lesson_states.Get<UniversalApproximationState>();
  // Apply changes and advance training (bounded) before anything is drawn.
  ApplyUniversalPending(s);
  if (s.playing) TrainUniversal(s, kEpochsPerFrame);
}

void UniversalApproximationCanvas(AppState& state) {
  UniversalApproximationState& s = state.lesson_states.Get<UniversalApproximationState>();

  const bool dark = state.dark_theme;
  const int d = state.precision;
  const Eigen::MatrixXd grid = FineGrid();
  const Eigen::MatrixXd fit = Predict(s.mlp, grid);
  const ForwardPass pass = Forward(s.mlp, grid);
  const Eigen::MatrixXd& hidden = pass.layers[0].a;  // (N, grid)
  const Eigen::MatrixXd& w2 = s.mlp.layers[1].W;     // (1, N)

  PlotSpec plot;
  plot.x_label = "x";
  plot.y_label = "t and the fit";
  plot.x_min = -1.0;
  plot.x_max = 1.0;
  plot.auto_y = false;
  plot.y_min = s.data.T.minCoeff() - kYMargin;
  plot.y_max = s.data.T.maxCoeff() + kYMargin;
  plot.precision = d;
  plot.dark = dark;
  for (int j = 0; j < s.units; ++j) {
    PlotCurve share{
        {}, {}, WithAlpha(ClassColor(2, dark), 0.35f), Dash::kSolid, j == 0 ? "each unit's share w₂ₖ·aₖ(x)" : "", 1.0f};
    for (int i = 0; i < kGridSamples; ++i) {
      share.x.push_back(grid(0, i));
      share.y.push_back(w2(0, j) * hidden(j, i));
    }
    plot.curves.push_back(share);
  }
  PlotCurve output{{}, {}, ClassColor(0, dark), Dash::kSolid, "the network's fit (sum of shares + b₂)", 3.0f};
  for (int i = 0; i < kGridSamples; ++i) {
    output.x.push_back(grid(0, i));
    output.y.push_back(fit(0, i));
  }
  plot.curves.push_back(output);
  for (int n = 0; n < s.data.size(); ++n)
    plot.points.push_back({s.data.X(0, n), s.data.T(0, n), ClassColor(1, dark), ""});

  Say(state, "universal-approximation#status",
      {{"curve", DatasetKindTitle(s.target)},
       {"units", std::to_string(s.units)},
       {"activation", ActivationTitle(s.hidden)},
       {"epoch", std::to_string(s.epochs)},
       {"loss", Num(s.loss, d)}});
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float fit_height = std::max(avail.y * 0.62f, kMinPlotHeight);
  DrawPlot("##universal_fit", plot, ImVec2(avail.x, fit_height));

  PlotSpec errors;
  errors.x_label = "epoch";
  errors.y_label = "log₁₀ L";
  errors.x_symbol = "epoch";
  errors.x_min = 0.0;
  errors.x_max = std::max(1, s.epochs);
  errors.precision = d;
  errors.dark = dark;
  PlotCurve curve{{}, {}, ClassColor(0, dark), Dash::kSolid, "L on the training points", 2.0f};
  for (size_t i = 0; i < s.history_loss.size(); ++i) {
    curve.x.push_back(s.history_epochs[i]);
    curve.y.push_back(std::log10(s.history_loss[i]));
  }
  errors.curves.push_back(curve);
  DrawPlot("##universal_loss", errors, ImVec2(avail.x, std::max(ImGui::GetContentRegionAvail().y, kMinPlotHeight)));
}

void UniversalApproximationPanel(AppState& state) {
  UniversalApproximationState& s = state.lesson_states.Get<UniversalApproximationState>();
  Say(state, "universal-approximation#intro");
  ImGui::Separator();
  int target = static_cast<int>(std::find(std::begin(kTargets), std::end(kTargets), s.target) - std::begin(kTargets));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  if (ImGui::BeginCombo("t(x)", DatasetKindTitle(s.target))) {
    for (int i = 0; i < static_cast<int>(std::size(kTargets)); ++i) {
      if (ImGui::Selectable(DatasetKindTitle(kTargets[i]), i == target)) {
        s.target = kTargets[i];
        s.pending = true;
      }
    }
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  if (ImGui::SliderInt("hidden units N", &s.units, kUniversalMinUnits, kUniversalMaxUnits)) s.pending = true;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("activation:");
  for (Activation a : {Activation::kTanh, Activation::kRelu}) {
    ImGui::SameLine();
    if (ImGui::RadioButton(ActivationTitle(a), s.hidden == a) && s.hidden != a) {
      s.hidden = a;
      s.pending = true;
    }
  }
  PlayPauseButton(state, &s.playing, "Play", "Pause");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) s.pending = true;
  ImGui::SameLine();
  ImGui::Text("epochs so far: %d", s.epochs);
  Say(state, "universal-approximation#setup",
      {{"rate", Num(s.optimizer.learning_rate, state.precision)},
       {"batch", std::to_string(kBatchSize)},
       {"epochs", std::to_string(kEpochsPerFrame)},
       {"loss", Num(s.loss, state.precision)}});
  if (s.diverged) WarningText(state, ContentText(state.language, "universal-approximation#diverged"));
  ImGui::Separator();
  Say(state, "universal-approximation#try");
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json UniversalLessonJson(const AppState& state) {
  const UniversalApproximationState& s = state.lesson_states.Get<UniversalApproximationState>();
  return Json{{"target", DatasetKindName(s.target)},
              {"units", s.units},
              {"activation", ActivationName(s.hidden)},
              {"epochs", s.epochs},
              {"playing", s.playing},
              {"diverged", s.diverged},
              // Evaluate's loss is ½·MSE; "mse" is the plain mean squared error.
              {"loss", NumberOrNull(s.loss)},
              {"mse", NumberOrNull(2.0 * s.loss)},
              {"initialLoss", s.history_loss.empty() ? Json() : NumberOrNull(s.history_loss.front())},
              {"parameters", s.mlp.ParameterCount()}};
}

std::string UniversalCommand(AppState& state, const std::string& command, const Json& request) {
  UniversalApproximationState& s = state.lesson_states.Get<UniversalApproximationState>();
  if (command == "trainEpochs") {
    Result<int> epochs = ReadEpochs(request, kUniversalMaxTrainCall);
    if (!epochs.ok()) return ErrorAnswer(epochs.error());
    ApplyUniversalPending(s);  // the network and data the epochs will run on
    const long long n = s.data.size();
    const std::string over = WorkBudgetError("trainEpochs", epochs.value(), "epochs", "of this network",
                                             EpochWork(s.mlp, n, n), 0.0, "Send several commands, or press Play.");
    if (!over.empty()) return ErrorAnswer(over);
    TrainUniversal(s, epochs.value());
  } else if (command == "setUniversal") {
    UniversalApproximationState next = s;
    if (request.contains("target")) {
      Result<DatasetKind> kind = request["target"].is_string() ? ParseDatasetKind(request["target"].get<std::string>())
                                                               : Result<DatasetKind>::Error("target must be a name");
      if (!kind.ok()) return ErrorAnswer(kind.error());
      if (kind.value() != DatasetKind::kRegressionSin && kind.value() != DatasetKind::kRegressionStep &&
          kind.value() != DatasetKind::kRegressionAbs && kind.value() != DatasetKind::kRegressionSawtooth) {
        return ErrorAnswer("target must be one of sin, step, abs, sawtooth");
      }
      next.target = kind.value();
    }
    if (request.contains("units")) {
      if (!request["units"].is_number_integer() || request["units"].get<long long>() < kUniversalMinUnits ||
          request["units"].get<long long>() > kUniversalMaxUnits) {
        return ErrorAnswer("units must be a whole number from 1 to 64");
      }
      next.units = request["units"].get<int>();
    }
    if (request.contains("activation")) {
      std::string name = request["activation"].is_string() ? request["activation"].get<std::string>() : "";
      if (name != "tanh" && name != "relu") return ErrorAnswer("activation must be tanh or relu");
      next.hidden = ParseActivation(name).value();
    }
    if (request.contains("playing")) {
      if (!request["playing"].is_boolean()) return ErrorAnswer("playing must be true or false");
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
  return LessonStateAnswer(UniversalLessonJson(state));
}

}  // namespace

LessonInfo UniversalApproximationLesson() {
  return {"universal-approximation",    "Universal approximation",
          UniversalApproximationEnter,  UniversalApproximationUpdate,
          UniversalApproximationCanvas, UniversalApproximationPanel,
          UniversalLessonJson,          UniversalCommand};
}

}  // namespace bp
