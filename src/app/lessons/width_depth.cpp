// Lesson "Width vs depth": the same parameter budget spent two ways — one wide hidden layer, or four
// narrow ones — trained side by side with the same optimizer on a sawtooth with many teeth, a curve
// that depth can fold cheaply. Half of the sawtooth's points are held out (core SplitDataset): their
// test loss shows whether the deeper network also generalises better. Parameter counts come from
// core Mlp::ParameterCount, every loss from core Evaluate, every fit from core Predict.
#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdlib>
#include <string>

#include "app/lessons/width_depth_state.h"
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
constexpr int kTrainPoints = 200;
constexpr int kHeldOutPoints = 200;  // as many as trained on, so the test loss is as steady as the training loss
constexpr uint64_t kDataSeed = 1;    // the points, their split and the minibatch order
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

void Start(Contestant& c, Mlp mlp, const Dataset& data, const Dataset& test) {
  c.mlp = std::move(mlp);
  c.optimizer_state = MakeOptimizerState(c.mlp);
  c.shuffle = Rng(kDataSeed);  // the same minibatch order for both networks
  c.workspace = TrainWorkspace();
  c.loss = c.initial_loss = Evaluate(c.mlp, data.X, data.T, &c.pass).loss;
  c.test_loss = c.initial_test_loss = Evaluate(c.mlp, test.X, test.T, &c.test_pass).loss;
  c.history_loss = {c.loss};
  c.history_test_loss = {c.test_loss};
}

// Both losses of both networks as they are now.
void MeasureLosses(WidthDepthState& s) {
  for (Contestant* c : {&s.wide, &s.deep}) {
    c->loss = Evaluate(c->mlp, s.data.X, s.data.T, &c->pass).loss;
    c->test_loss = Evaluate(c->mlp, s.test.X, s.test.T, &c->test_pass).loss;
  }
}

void RecordLosses(WidthDepthState& s) {
  MeasureLosses(s);
  for (Contestant* c : {&s.wide, &s.deep}) {
    c->history_loss.push_back(c->loss);
    c->history_test_loss.push_back(c->test_loss);
  }
  s.history_epochs.push_back(s.epochs);
  ThinHistory(kMaxHistory, &s.history_every, &s.history_epochs, &s.wide.history_loss, &s.deep.history_loss,
              &s.wide.history_test_loss, &s.deep.history_test_loss);
}

PlotCurve Curve(const std::vector<double>& x, const std::vector<double>& y, ImU32 color, Dash dash,
                const std::string& label) {
  return PlotCurve{x, y, color, dash, label, 2.5f};
}

// How the two networks compare now, in words: on the training points, then on the held-out ones
// (and whether the network that fits better is also the one that does better there).
// How much lower `lower` is than `higher`, in percent of `higher`, to 3 significant digits.
std::string PercentLower(double lower, double higher) { return Num(100.0 * (higher - lower) / higher, 3); }

void SayVerdict(AppState& state, const WidthDepthState& s) {
  if (s.epochs == 0) {
    Say(state, "width-depth#start");
    return;
  }
  const int d = state.precision;
  const std::string epochs = std::to_string(s.epochs), held_out = std::to_string(s.test.size());
  const std::string wide = Num(s.wide.loss, d), deep = Num(s.deep.loss, d);
  const std::string wide_test = Num(s.wide.test_loss, d), deep_test = Num(s.deep.test_loss, d);
  const bool deep_fits_better = s.deep.loss < s.wide.loss;
  if (deep_fits_better) {
    Say(state, "width-depth#train-deep-lower",
        {{"epochs", epochs}, {"deep", deep}, {"wide", wide}, {"percent", PercentLower(s.deep.loss, s.wide.loss)}});
  } else {
    Say(state, "width-depth#train-wide-lower",
        {{"epochs", epochs}, {"deep", deep}, {"wide", wide}, {"percent", PercentLower(s.wide.loss, s.deep.loss)}});
  }
  const ContentVars test_vars = {{"held_out", held_out}, {"deep", deep_test}, {"wide", wide_test}};
  if (s.deep.test_loss < s.wide.test_loss) {
    ContentVars vars = test_vars;
    vars.emplace_back("percent", PercentLower(s.deep.test_loss, s.wide.test_loss));
    Say(state, deep_fits_better ? "width-depth#test-deep-lower-too" : "width-depth#test-deep-lower-only", vars);
  } else {
    ContentVars vars = test_vars;
    vars.emplace_back("percent", PercentLower(s.wide.test_loss, s.deep.test_loss));
    Say(state, deep_fits_better ? "width-depth#test-wide-lower-only" : "width-depth#test-wide-lower-too", vars);
  }
}

// A plot of one loss of both networks over the epochs, on a log scale.
PlotSpec LossPlot(const WidthDepthState& s, const std::vector<double>& wide, const std::vector<double>& deep,
                  const std::string& y_label, bool dark, int precision) {
  PlotSpec plot;
  plot.x_label = "epoch";
  plot.x_symbol = "epoch";
  plot.y_label = y_label;
  plot.x_min = 0.0;
  plot.x_max = std::max(1, s.epochs);
  plot.precision = precision;
  plot.dark = dark;
  std::vector<double> wide_log, deep_log;
  for (double l : wide) wide_log.push_back(std::log10(l));
  for (double l : deep) deep_log.push_back(std::log10(l));
  plot.curves.push_back(Curve(s.history_epochs, wide_log, ClassColor(0, dark), Dash::kSolid, "wide"));
  plot.curves.push_back(Curve(s.history_epochs, deep_log, ClassColor(1, dark), Dash::kDashed, "deep"));
  return plot;
}
}  // namespace

void ApplyWidthDepthPending(WidthDepthState& s) {
  if (!s.pending) return;
  s.pending = false;
  s.teeth = std::clamp(s.teeth, kMinTeeth, kMaxLessonTeeth);
  s.deep_width = std::clamp(s.deep_width, kMinDeepWidth, kMaxDeepWidth);
  DatasetOptions options;
  options.kind = DatasetKind::kRegressionSawtooth;
  options.count = kTrainPoints + kHeldOutPoints;
  options.seed = kDataSeed;
  options.teeth = s.teeth;
  Result<Dataset> data = MakeDataset(options);
  assert(data.ok() && "the lesson's dataset options are valid");
  Result<DatasetSplit> split =
      SplitDataset(data.value(), static_cast<double>(kTrainPoints) / (kTrainPoints + kHeldOutPoints), kDataSeed);
  assert(split.ok() && "the lesson's split is valid");
  s.data = std::move(split.value().train);
  s.test = std::move(split.value().test);
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
  Start(s.wide, Build({best_units}), s.data, s.test);
  Start(s.deep, std::move(deep), s.data, s.test);
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
  // The numbers shown are the last epoch's, also between the curves' (thinned) samples.
  if (!s.diverged && s.epochs % s.history_every != 0) MeasureLosses(s);
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
  SayVerdict(state, s);

  Eigen::MatrixXd grid(1, kGridSamples);
  for (int i = 0; i < kGridSamples; ++i) grid(0, i) = -1.0 + 2.0 * i / (kGridSamples - 1);
  const Eigen::MatrixXd wide_fit = Predict(s.wide.mlp, grid), deep_fit = Predict(s.deep.mlp, grid);
  std::vector<double> xs(grid.data(), grid.data() + kGridSamples);
  PlotSpec fits;
  fits.x_label = "x";
  fits.y_label = "t and the fits";
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
                                  "t: sawtooth, " + std::to_string(s.teeth) + " teeth", 1.5f});
  fits.curves.push_back(Curve(xs, std::vector<double>(wide_fit.data(), wide_fit.data() + kGridSamples),
                              ClassColor(0, dark), Dash::kSolid, wide_name));
  fits.curves.push_back(Curve(xs, std::vector<double>(deep_fit.data(), deep_fit.data() + kGridSamples),
                              ClassColor(1, dark), Dash::kDashed, deep_name));
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  DrawPlot("##width_depth_fits", fits, ImVec2(avail.x, std::max(avail.y * 0.55f, kMinPlotHeight)));

  // Training and test loss side by side, each with both networks (wide solid, deep dashed).
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float width = (avail.x - gap) * 0.5f;
  const float height = std::max(ImGui::GetContentRegionAvail().y, kMinPlotHeight);
  DrawPlot("##width_depth_losses", LossPlot(s, s.wide.history_loss, s.deep.history_loss, "log₁₀ training L", dark, d),
           ImVec2(width, height));
  ImGui::SameLine();
  DrawPlot("##width_depth_test_losses",
           LossPlot(s, s.wide.history_test_loss, s.deep.history_test_loss, "log₁₀ test L", dark, d),
           ImVec2(avail.x - width - gap, height));
}

void WidthDepthPanel(AppState& state) {
  WidthDepthState& s = state.lesson_states.Get<WidthDepthState>();
  const int d = state.precision;
  Say(state, "width-depth#intro", {{"train", std::to_string(s.data.size())}});
  ImGui::Separator();
  if (ImGui::BeginTable("##budget", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    for (const char* header : {"network", "parameters", "training L", "test L"}) ImGui::TableSetupColumn(header);
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
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(Num(c->test_loss, d).c_str());
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
  Say(state, "width-depth#setup",
      {{"rate", Num(kLearningRate, d)},
       {"batch", std::to_string(kBatchSize)},
       {"epochs", std::to_string(kEpochsPerFrame)}});
  if (s.diverged) WarningText(state, ContentText(state.language, "width-depth#diverged"));
  ImGui::Separator();
  const int train = s.data.size(), held_out = s.test.size();
  Say(state, "width-depth#generalise",
      {{"all", std::to_string(train + held_out)},
       {"train", std::to_string(train)},
       {"held_out", std::to_string(held_out)}});
  ImGui::Separator();
  Say(state, "width-depth#try");
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json WidthDepthLessonJson(const AppState& state) {
  const WidthDepthState& s = state.lesson_states.Get<WidthDepthState>();
  return Json{{"teeth", s.teeth},
              {"epochs", s.epochs},
              {"trainPoints", s.data.size()},
              {"testPoints", s.test.size()},
              {"playing", s.playing},
              {"diverged", s.diverged},
              {"wide",
               {{"units", s.wide_units},
                {"layers", 1},
                {"parameters", s.wide.mlp.ParameterCount()},
                {"loss", NumberOrNull(s.wide.loss)},
                {"initialLoss", NumberOrNull(s.wide.initial_loss)},
                {"testLoss", NumberOrNull(s.wide.test_loss)},
                {"initialTestLoss", NumberOrNull(s.wide.initial_test_loss)}}},
              {"deep",
               {{"units", s.deep_width},
                {"layers", kDeepHiddenLayers},
                {"parameters", s.deep.mlp.ParameterCount()},
                {"loss", NumberOrNull(s.deep.loss)},
                {"initialLoss", NumberOrNull(s.deep.initial_loss)},
                {"testLoss", NumberOrNull(s.deep.test_loss)},
                {"initialTestLoss", NumberOrNull(s.deep.initial_test_loss)}}}};
}

std::string WidthDepthCommand(AppState& state, const std::string& command, const Json& request) {
  WidthDepthState& s = state.lesson_states.Get<WidthDepthState>();
  if (command == "trainEpochs") {
    Result<int> epochs = ReadEpochs(request, kWidthDepthMaxTrainCall);
    if (!epochs.ok()) return ErrorAnswer(epochs.error());
    ApplyWidthDepthPending(s);  // the networks and data the epochs will run on
    // Each epoch trains on the training points, then measures the loss on them and on the held-out ones.
    const long long n = s.data.size(), measured = s.data.size() + s.test.size();
    const std::string over = WorkBudgetError("trainEpochs", epochs.value(), "epochs", "of both networks",
                                             EpochWork(s.wide.mlp, n, measured) + EpochWork(s.deep.mlp, n, measured),
                                             0.0, "Send several commands, or press Play.");
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
