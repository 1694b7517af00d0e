// Lesson "Vanishing gradients": a deep, narrow network (width 4) whose gradient size is shown layer
// by layer, for sigmoid, tanh or ReLU hidden units; one training step then shows how much each
// layer's weights moved. Gradients come from core TraceStep (Forward + Backward), the step from ApplyStep.
#include <algorithm>
#include <cmath>
#include <string>

#include "app/lessons/vanishing_gradients_state.h"
#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot.h"
#include "app/widgets/widgets.h"
#include "core/dataset.h"
#include "core/optim.h"
#include "core/trace.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr int kBatch = 8;  // two-moons points in the batch
constexpr uint64_t kDataSeed = 5;
constexpr double kLearningRate = 0.5;
constexpr float kMinChartHeight = 160.0f;
const Activation kChoices[] = {Activation::kSigmoid, Activation::kTanh, Activation::kRelu};

OptimizerConfig StepConfig() {
  OptimizerConfig config;
  config.learning_rate = kLearningRate;
  return config;
}

std::string LayerName(int l, int layers) { return l + 1 == layers ? "output" : "layer " + std::to_string(l + 1); }

void Chart(const AppState& state, const char* id, const std::string& y_label, const std::vector<double>& values,
           float height) {
  BarChartSpec chart;
  chart.y_label = y_label;
  chart.precision = std::min(state.precision, 2);  // short labels: up to 11 bars side by side
  chart.dark = state.dark_theme;
  const int n = static_cast<int>(values.size());
  for (int l = 0; l < n; ++l) {
    chart.bars.push_back({LayerName(l, n), values[l], ClassColor(l + 1 == n ? 1 : 0, state.dark_theme), l == 0});
  }
  DrawBarChart(id, chart, ImVec2(ImGui::GetContentRegionAvail().x, height));
}

void SayRatio(AppState& state, const VanishingGradientsState& s) {
  if (s.gradient_means.size() < 2) return;
  const double first = s.gradient_means.front(), last = s.gradient_means.back();
  const int precision = state.precision;
  Say(state, "vanishing-gradients#ratio",
      {{"ratio", Num(first / last, precision)}, {"first", Num(first, precision)}, {"last", Num(last, precision)}});
}
}  // namespace

void MeasureVanishingGradients(VanishingGradientsState& lesson) {
  lesson.gradient_means.clear();
  const Result<StepTrace> trace =
      TraceStep(lesson.mlp, lesson.X, lesson.T, StepConfig(), MakeOptimizerState(lesson.mlp));
  if (!trace.ok()) return;
  lesson.loss = trace->loss;
  for (const LayerGradients& layer : trace->grads.layers) lesson.gradient_means.push_back(layer.dW.cwiseAbs().mean());
}

void RebuildVanishingNetwork(VanishingGradientsState& lesson) {
  lesson.pending = false;
  lesson.relative_change.clear();
  lesson.steps = 0;
  lesson.depth = std::clamp(lesson.depth, kMinVanishingDepth, kMaxVanishingDepth);
  MlpSpec spec;
  spec.sizes = {2};
  for (int l = 0; l < lesson.depth; ++l) {
    spec.sizes.push_back(kVanishingWidth);
    spec.activations.push_back(lesson.activation);
  }
  spec.sizes.push_back(1);
  spec.activations.push_back(Activation::kSigmoid);
  spec.loss = Loss::kBinaryCrossEntropy;
  spec.init = lesson.activation == Activation::kRelu ? InitScheme::kHe : InitScheme::kXavier;
  DatasetOptions options;
  options.kind = DatasetKind::kTwoMoons;
  options.count = kBatch;
  options.seed = kDataSeed;
  const Result<Dataset> data = MakeDataset(options);
  const Result<Mlp> mlp = MakeMlp(spec, lesson.seed);
  if (!data.ok() || !mlp.ok()) {
    lesson.gradient_means.clear();
    return;
  }
  lesson.X = data->X;
  lesson.T = data->T;
  lesson.mlp = mlp.value();
  MeasureVanishingGradients(lesson);
}

void TakeVanishingStep(VanishingGradientsState& lesson) {
  OptimizerState optimizer = MakeOptimizerState(lesson.mlp);
  const Result<StepTrace> trace = TraceStep(lesson.mlp, lesson.X, lesson.T, StepConfig(), optimizer);
  if (!trace.ok()) return;
  lesson.relative_change.clear();
  for (size_t l = 0; l < trace->before.layers.size(); ++l) {
    const Eigen::MatrixXd change = trace->after.layers[l].W - trace->before.layers[l].W;
    lesson.relative_change.push_back(change.norm() / trace->before.layers[l].W.norm());
  }
  ApplyStep(trace.value(), &lesson.mlp, &optimizer);
  ++lesson.steps;
  MeasureVanishingGradients(lesson);
}

void VanishingGradientsEnter(AppState& state) { state.lesson_states.Get<VanishingGradientsState>().pending = true; }

void VanishingGradientsCanvas(AppState& state) {
  VanishingGradientsState& s = state.lesson_states.Get<VanishingGradientsState>();
  if (s.pending) RebuildVanishingNetwork(s);
  ImGui::PushFont(Fonts().heading);
  WrappedText(std::to_string(s.depth) + " hidden layers × " + std::to_string(kVanishingWidth) + " " +
              ActivationTitle(s.activation) + " units · " + std::to_string(kBatch) + " samples · loss " +
              Num(s.loss, state.precision));
  ImGui::PopFont();
  SayRatio(state, s);
  const float available = ImGui::GetContentRegionAvail().y;
  const float half = std::max(
      kMinChartHeight, available * (s.relative_change.empty() ? 1.0f : 0.5f) - ImGui::GetFrameHeightWithSpacing());
  Chart(state, "##gradient_bars", ContentText(state.language, "vanishing-gradients#gradient-axis"), s.gradient_means,
        half);
  if (!s.relative_change.empty()) {
    ImGui::Spacing();
    Chart(state, "##change_bars",
          ContentText(state.language, "vanishing-gradients#change-axis", {{"step", std::to_string(s.steps)}}),
          s.relative_change, std::max(kMinChartHeight, ImGui::GetContentRegionAvail().y));
  }
}

void VanishingGradientsPanel(AppState& state) {
  VanishingGradientsState& s = state.lesson_states.Get<VanishingGradientsState>();
  Say(state, "vanishing-gradients#intro");
  Say(state, "vanishing-gradients#try");
  ImGui::Separator();
  ImGui::TextUnformatted("Hidden activation");
  for (Activation activation : kChoices) {
    if (activation != kChoices[0]) ImGui::SameLine();
    if (ImGui::RadioButton(ActivationTitle(activation), s.activation == activation) && s.activation != activation) {
      s.activation = activation;
      s.pending = true;
    }
  }
  ImGui::TextUnformatted("Hidden layers");
  ImGui::SetNextItemWidth(-1.0f);
  if (ImGui::SliderInt("##depth", &s.depth, kMinVanishingDepth, kMaxVanishingDepth)) s.pending = true;
  Say(state, "vanishing-gradients#init",
      {{"init", s.activation == Activation::kRelu ? "He" : "Xavier"}, {"seed", std::to_string(s.seed)}});
  if (ImGui::Button("New weights")) {
    ++s.seed;
    s.pending = true;
  }
  ImGui::SameLine();
  if (ImGui::Button("Take one training step")) TakeVanishingStep(s);
  Say(state, "vanishing-gradients#step", {{"rate", Num(kLearningRate, state.precision)}});
  if (ImGui::BeginTable("##vanishing_table", 3, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg)) {
    for (const char* header : {"layer", "mean |∂L/∂W|", "‖ΔW‖/‖W‖"}) ImGui::TableSetupColumn(header);
    ImGui::TableHeadersRow();
    const int n = static_cast<int>(s.gradient_means.size());
    for (int l = 0; l < n; ++l) {
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(LayerName(l, n).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(Num(s.gradient_means[l], state.precision).c_str());
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(
          l < static_cast<int>(s.relative_change.size()) ? Num(s.relative_change[l], state.precision).c_str() : "—");
    }
    ImGui::EndTable();
  }
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json VanishingLessonJson(const AppState& state) {
  const VanishingGradientsState& s = state.lesson_states.Get<VanishingGradientsState>();
  Json norms = Json::array(), change = Json::array();
  for (double value : s.gradient_means) norms.push_back(NumberOrNull(value));
  for (double value : s.relative_change) change.push_back(NumberOrNull(value));
  return Json{{"activation", ActivationName(s.activation)},
              {"depth", s.depth},
              {"seed", s.seed},
              {"pending", s.pending},
              {"loss", NumberOrNull(s.loss)},
              {"gradientNorms", norms},
              {"relativeChange", change},
              {"steps", s.steps}};
}

std::string VanishingCommand(AppState& state, const std::string& command, const Json& request) {
  if (command == "vanishingStep") {
    // The "take one training step" button: one SGD step on the batch (bounded: 10 layers of 4 units).
    TakeVanishingStep(state.lesson_states.Get<VanishingGradientsState>());
    return LessonStateAnswer(VanishingLessonJson(state));
  }
  if (command != "setVanishing") return "";
  VanishingGradientsState next = state.lesson_states.Get<VanishingGradientsState>();
  if (request.contains("activation")) {
    if (!request["activation"].is_string()) return ErrorAnswer("activation must be sigmoid, tanh or relu");
    Result<Activation> activation = ParseActivation(request["activation"].get<std::string>());
    if (!activation.ok() || (activation.value() != Activation::kSigmoid && activation.value() != Activation::kTanh &&
                             activation.value() != Activation::kRelu)) {
      return ErrorAnswer("activation must be sigmoid, tanh or relu");
    }
    next.activation = activation.value();
  }
  if (request.contains("depth")) {
    if (!request["depth"].is_number_integer() || request["depth"].get<long long>() < kMinVanishingDepth ||
        request["depth"].get<long long>() > kMaxVanishingDepth) {
      return ErrorAnswer("depth must be a whole number from 2 to 10");
    }
    next.depth = request["depth"].get<int>();
  }
  VanishingGradientsState& s = state.lesson_states.Get<VanishingGradientsState>();
  s.activation = next.activation;
  s.depth = next.depth;
  // Rebuilt now (at most 10 layers of 4 units on 8 samples) so the answer holds the new gradients.
  RebuildVanishingNetwork(s);
  return LessonStateAnswer(VanishingLessonJson(state));
}

}  // namespace

LessonInfo VanishingGradientsLesson() {
  return {"vanishing-gradients",    "Vanishing gradients",   VanishingGradientsEnter, nullptr,
          VanishingGradientsCanvas, VanishingGradientsPanel, VanishingLessonJson,     VanishingCommand};
}

}  // namespace bp
