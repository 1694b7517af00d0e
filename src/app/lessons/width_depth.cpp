// Lesson "Width vs depth": the same parameter budget spent two ways — one wide hidden layer, or four
// narrow ones — trained side by side with the same optimizer on a sawtooth with many teeth, a curve
// that depth can fold cheaply. Parameter counts come from core Mlp::ParameterCount, every loss from
// core Evaluate, every fit from core Predict.
#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>
#include <string>

#include "app/lessons/width_depth_state.h"
#include "app/session/app_state.h"
#include "app/session/format.h"
#include "app/session/work_budget.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/fonts.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot.h"
#include "app/widgets/widgets.h"
#include "core/history.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr int kPoints = 200;
constexpr uint64_t kDataSeed = 1;
constexpr uint64_t kWeightSeed = 7;
constexpr int kBatchSize = 50;
constexpr double kLearningRate = 0.003;
constexpr int kEpochsPerFrame = 8;  // per network: the frame's training budget
constexpr int kMaxHistory = 1000;
constexpr int kGridSamples = 401;
constexpr int kMinTeeth = 1, kMaxLessonTeeth = 10;
constexpr int kMinDeepWidth = 2, kMaxDeepWidth = 16;
constexpr int kMaxWideUnits = 2000;  // the search for the matching wide layer stops here
constexpr Activation kHidden = Activation::kRelu;
constexpr float kMinPlotHeight = 120.0f;

MlpSpec Spec(const std::vector<int>& hidden_sizes) {
  MlpSpec spec;
  spec.sizes = {1};
  for (int size : hidden_sizes) {
    spec.sizes.push_back(size);
    spec.activations.push_back(kHidden);
  }
  spec.sizes.push_back(1);
  spec.activations.push_back(Activation::kIdentity);
  spec.loss = Loss::kHalfSquaredError;
  spec.init = InitScheme::kHe;
  return spec;
}

Mlp Build(const std::vector<int>& hidden_sizes) {
  Result<Mlp> mlp = MakeMlp(Spec(hidden_sizes), kWeightSeed);
  assert(mlp.ok() && "the lesson's network specs are valid");
  return std::move(mlp).value();
}

void Start(Contestant& c, Mlp mlp, const Dataset& data) {
  c.mlp = std::move(mlp);
  c.optimizer_state = MakeOptimizerState(c.mlp);
  c.shuffle = Rng(kDataSeed);  // the same minibatch order for both networks
  c.workspace = TrainWorkspace();
  c.loss = c.initial_loss = Evaluate(c.mlp, data.X, data.T, &c.pass).loss;
  c.history_loss = {c.loss};
}

void RecordLosses(WidthDepthState& s) {
  for (Contestant* c : {&s.wide, &s.deep}) {
    c->loss = Evaluate(c->mlp, s.data.X, s.data.T, &c->pass).loss;
    c->history_loss.push_back(c->loss);
  }
  s.history_epochs.push_back(s.epochs);
  ThinHistory(kMaxHistory, &s.history_every, &s.history_epochs, &s.wide.history_loss, &s.deep.history_loss);
}

PlotCurve Curve(const std::vector<double>& x, const std::vector<double>& y, ImU32 color, Dash dash,
                const std::string& label) {
  return PlotCurve{x, y, color, dash, label, 2.5f};
}

std::string Verdict(const WidthDepthState& s, int d) {
  if (s.epochs == 0) return "Press Play: both networks start from random weights.";
  const double ratio = s.wide.loss / s.deep.loss;
  std::string now = "After " + std::to_string(s.epochs) + " epochs the ";
  if (ratio > 1.0) {
    return now + "deep network's loss (" + Num(s.deep.loss, d) + ") is " + Num(ratio, 3) +
           " times lower than the wide one's (" + Num(s.wide.loss, d) + ") for the same number of parameters.";
  }
  return now + "wide network's loss (" + Num(s.wide.loss, d) + ") is " + Num(1.0 / ratio, 3) +
         " times lower than the deep one's (" + Num(s.deep.loss, d) + "): depth has not paid off (yet) here.";
}
}  // namespace

void ApplyWidthDepthPending(WidthDepthState& s) {
  if (!s.pending) return;
  s.pending = false;
  s.teeth = std::clamp(s.teeth, kMinTeeth, kMaxLessonTeeth);
  s.deep_width = std::clamp(s.deep_width, kMinDeepWidth, kMaxDeepWidth);
  DatasetOptions options;
  options.kind = DatasetKind::kRegressionSawtooth;
  options.count = kPoints;
  options.seed = kDataSeed;
  options.teeth = s.teeth;
  Result<Dataset> data = MakeDataset(options);
  assert(data.ok() && "the lesson's dataset options are valid");
  s.data = std::move(data).value();
  s.optimizer = OptimizerConfig();
  s.optimizer.kind = OptimizerKind::kAdam;
  s.optimizer.learning_rate = kLearningRate;

  Mlp deep = Build(std::vector<int>(kDeepHiddenLayers, s.deep_width));
  // The wide layer whose parameter count is nearest the deep network's (counted by the core).
  const int budget = deep.ParameterCount();
  int best_units = 1, best_gap = -1;
  for (int units = 1; units <= kMaxWideUnits; ++units) {
    const int gap = std::abs(Build({units}).ParameterCount() - budget);
    if (best_gap < 0 || gap < best_gap) {
      best_gap = gap;
      best_units = units;
    }
    if (best_gap == 0 || Build({units}).ParameterCount() > budget) break;
  }
  s.wide_units = best_units;
  Start(s.wide, Build({best_units}), s.data);
  Start(s.deep, std::move(deep), s.data);
  s.epochs = 0;
  s.diverged = false;
  s.history_epochs = {0.0};
  s.history_every = 1;
}

void TrainWidthDepth(WidthDepthState& s, int epochs) {
  ApplyWidthDepthPending(s);
  epochs = std::clamp(epochs, 0, kWidthDepthMaxTrainCall);
  for (int i = 0; i < epochs && !s.diverged; ++i) {
    for (Contestant* c : {&s.wide, &s.deep}) {
      Result<TrainStats> stats = TrainEpoch(&c->mlp, s.data.X, s.data.T, kBatchSize, s.optimizer, &c->optimizer_state,
                                            &c->shuffle, &c->workspace);
      if (!stats.ok() || stats.value().diverged) s.diverged = true;
    }
    if (s.diverged) {
      s.playing = false;
      break;
    }
    s.epochs += 1;
    if (s.epochs % s.history_every == 0) RecordLosses(s);
  }
}

void WidthDepthEnter(AppState& state) { state.lesson_states.Get<WidthDepthState>().pending = true; }

// Once per frame before drawing: apply pending changes and advance training (bounded).
void WidthDepthUpdate(AppState& state) {
  WidthDepthState& s = state.lesson_states.Get<WidthDepthState>();
  // Apply changes and advance training (bounded) before anything is drawn.
  ApplyWidthDepthPending(s);
  if (s.playing) TrainWidthDepth(s, kEpochsPerFrame);
}

void WidthDepthCanvas(AppState& state) {
  WidthDepthState& s = state.lesson_states.Get<WidthDepthState>();

  const bool dark = state.dark_theme;
  const int d = state.precision;
  const std::string wide_name = "wide: 1 layer × " + std::to_string(s.wide_units) + " (" +
                                std::to_string(s.wide.mlp.ParameterCount()) + " parameters)";
  const std::string deep_name = "deep: " + std::to_string(kDeepHiddenLayers) + " layers × " +
                                std::to_string(s.deep_width) + " (" + std::to_string(s.deep.mlp.ParameterCount()) +
                                " parameters)";
  ImGui::TextWrapped("%s", Verdict(s, d).c_str());

  Eigen::MatrixXd grid(1, kGridSamples);
  for (int i = 0; i < kGridSamples; ++i) grid(0, i) = -1.0 + 2.0 * i / (kGridSamples - 1);
  const Eigen::MatrixXd wide_fit = Predict(s.wide.mlp, grid), deep_fit = Predict(s.deep.mlp, grid);
  std::vector<double> xs(grid.data(), grid.data() + kGridSamples);
  PlotSpec fits;
  fits.x_label = "x";
  fits.y_label = "y";
  fits.x_min = -1.0;
  fits.x_max = 1.0;
  fits.auto_y = false;
  fits.y_min = -0.4;
  fits.y_max = 1.4;
  fits.precision = d;
  fits.dark = dark;
  // The target as a thin dotted curve through the training points (they are sorted by x below).
  std::vector<int> order(s.data.size());
  for (int n = 0; n < s.data.size(); ++n) order[n] = n;
  std::sort(order.begin(), order.end(), [&](int a, int b) { return s.data.X(0, a) < s.data.X(0, b); });
  std::vector<double> tx, ty;
  for (int n : order) {
    tx.push_back(s.data.X(0, n));
    ty.push_back(s.data.T(0, n));
  }
  fits.curves.push_back(PlotCurve{tx, ty, ThemePalette(dark).muted_text, Dash::kDotted,
                                  "target: sawtooth, " + std::to_string(s.teeth) + " teeth", 1.5f});
  fits.curves.push_back(Curve(xs, std::vector<double>(wide_fit.data(), wide_fit.data() + kGridSamples),
                              ClassColor(0, dark), Dash::kSolid, wide_name));
  fits.curves.push_back(Curve(xs, std::vector<double>(deep_fit.data(), deep_fit.data() + kGridSamples),
                              ClassColor(1, dark), Dash::kDashed, deep_name));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  DrawPlot("##width_depth_fits", fits, ImVec2(avail.x, std::max(avail.y * 0.55f, kMinPlotHeight)));

  PlotSpec losses;
  losses.x_label = "epoch (both networks, same optimizer and minibatches)";
  losses.x_symbol = "epoch";
  losses.y_label = "log₁₀ loss (½·MSE)";
  losses.x_min = 0.0;
  losses.x_max = std::max(1, s.epochs);
  losses.precision = d;
  losses.dark = dark;
  std::vector<double> wide_log, deep_log;
  for (double l : s.wide.history_loss) wide_log.push_back(std::log10(l));
  for (double l : s.deep.history_loss) deep_log.push_back(std::log10(l));
  losses.curves.push_back(Curve(s.history_epochs, wide_log, ClassColor(0, dark), Dash::kSolid, "wide"));
  losses.curves.push_back(Curve(s.history_epochs, deep_log, ClassColor(1, dark), Dash::kDashed, "deep"));
  DrawPlot("##width_depth_losses", losses, ImVec2(avail.x, std::max(ImGui::GetContentRegionAvail().y, kMinPlotHeight)));
}

void WidthDepthPanel(AppState& state) {
  WidthDepthState& s = state.lesson_states.Get<WidthDepthState>();
  const int d = state.precision;
  WrappedText(
      "One hidden layer is enough in principle, but it may need a huge number of units. Stacking layers "
      "lets a network reuse what earlier layers computed: with ReLU, each layer can fold the line onto "
      "itself, so the number of kinks can grow with depth much faster than with width. Here two networks "
      "get the same budget of parameters (counted by the core, shown below). The wide one spends it on a "
      "single layer; the deep one on four narrow layers. Both see the same data, the same optimizer and "
      "the same number of epochs, on a sawtooth whose many teeth reward repeated folding.");
  ImGui::Separator();
  if (ImGui::BeginTable("##budget", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    for (const char* header : {"network", "parameters", "loss ½·MSE"}) ImGui::TableSetupColumn(header);
    ImGui::TableHeadersRow();
    const std::string wide_shape = "wide 1 × " + std::to_string(s.wide_units);
    const std::string deep_shape = "deep " + std::to_string(kDeepHiddenLayers) + " × " + std::to_string(s.deep_width);
    for (const auto& [name, c] : {std::pair<std::string, const Contestant*>{wide_shape, &s.wide},
                                  std::pair<std::string, const Contestant*>{deep_shape, &s.deep}}) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name.c_str());
      ImGui::TableNextColumn();
      ImGui::Text("%d", c->mlp.ParameterCount());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(Num(c->loss, d).c_str());
    }
    ImGui::EndTable();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  if (ImGui::SliderInt("teeth", &s.teeth, kMinTeeth, kMaxLessonTeeth)) s.pending = true;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  if (ImGui::SliderInt("deep layer width", &s.deep_width, kMinDeepWidth, kMaxDeepWidth)) s.pending = true;
  PlayPauseButton(state, &s.playing, "Play", "Pause");
  ImGui::SameLine();
  if (ImGui::Button("Reset")) s.pending = true;
  ImGui::SameLine();
  ImGui::Text("epochs so far: %d", s.epochs);
  ImGui::TextWrapped(
      "ReLU hidden layers, identity output, Adam (learning rate %s), minibatches of %d, %d epochs per "
      "frame.",
      Num(kLearningRate, d).c_str(), kBatchSize, kEpochsPerFrame);
  if (s.diverged) {
    WarningText(state, "✗ Training diverged (a loss or weight became NaN or ∞) and was paused. Press Reset.");
  }
  ImGui::Separator();
  WrappedText(
      "Try this: lower the teeth to 1 and reset. Does the deep network still win when the target is "
      "simple — and what happens to its lead as you add teeth again?");
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json WidthDepthLessonJson(const AppState& state) {
  const WidthDepthState& s = state.lesson_states.Get<WidthDepthState>();
  return Json{{"teeth", s.teeth},
              {"epochs", s.epochs},
              {"playing", s.playing},
              {"diverged", s.diverged},
              {"wide",
               {{"units", s.wide_units},
                {"layers", 1},
                {"parameters", s.wide.mlp.ParameterCount()},
                {"loss", NumberOrNull(s.wide.loss)},
                {"initialLoss", NumberOrNull(s.wide.initial_loss)}}},
              {"deep",
               {{"units", s.deep_width},
                {"layers", kDeepHiddenLayers},
                {"parameters", s.deep.mlp.ParameterCount()},
                {"loss", NumberOrNull(s.deep.loss)},
                {"initialLoss", NumberOrNull(s.deep.initial_loss)}}}};
}

std::string WidthDepthCommand(AppState& state, const std::string& command, const Json& request) {
  WidthDepthState& s = state.lesson_states.Get<WidthDepthState>();
  if (command == "trainEpochs") {
    Result<int> epochs = ReadEpochs(request, kWidthDepthMaxTrainCall);
    if (!epochs.ok()) return ErrorAnswer(epochs.error());
    ApplyWidthDepthPending(s);  // the networks and data the epochs will run on
    const long long n = s.data.size();
    const std::string over = WorkBudgetError("trainEpochs", epochs.value(), "epochs", "of both networks",
                                             EpochWork(s.wide.mlp, n, n) + EpochWork(s.deep.mlp, n, n), 0.0,
                                             "Send several commands, or press Play.");
    if (!over.empty()) return ErrorAnswer(over);
    TrainWidthDepth(s, epochs.value());
  } else if (command == "setWidthDepth") {
    if (request.contains("playing")) {
      if (!request["playing"].is_boolean()) return ErrorAnswer("playing must be true or false");
      s.playing = request["playing"].get<bool>();
    }
    if (request.contains("reset") && request["reset"].is_boolean() && request["reset"].get<bool>()) {
      s.pending = true;
      ApplyWidthDepthPending(s);
    }
  } else {
    return "";
  }
  return LessonStateAnswer(WidthDepthLessonJson(state));
}

}  // namespace

LessonInfo WidthDepthLesson() {
  return {"width-depth",    "Width vs depth", WidthDepthEnter,      WidthDepthUpdate,
          WidthDepthCanvas, WidthDepthPanel,  WidthDepthLessonJson, WidthDepthCommand};
}

}  // namespace bp
