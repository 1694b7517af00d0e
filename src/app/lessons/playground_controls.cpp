// The playground's settings panel (data, features, network, training) and the one place where the
// settings become the model. Every control writes a setting through SetPlaygroundValue, the same
// validated path the URL and the JS API use.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/lessons/playground_parts.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/session/hide_lock.h"
#include "app/stepper/step_screen.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
const int kSpeeds[] = {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000};
const int kBoundarySides[] = {128, 256, 512, 1024};

void Set(PlaygroundState& s, const char* key, const std::string& value) {
  Status status = SetPlaygroundValue(&s.settings, key, value);
  s.error = status.ok() ? "" : status.error;
}

std::string Exact(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// The control just drawn gets its help (content/en/playground.md, "help-…") while the mouse is over
// it or the keyboard focus is on it: what it does and the lesson that explains it.
void Help(AppState& state, const char* key) {
  if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled) && !ImGui::IsItemFocused()) return;
  const std::string text = ContentText(state.language, key);
  state.text_drawing.emplace_back(key, text);
  ImGui::BeginTooltip();
  ImGui::PushTextWrapPos(ImGui::GetFontSize() * 24.0f);
  ImGui::TextUnformatted(text.c_str());
  ImGui::PopTextWrapPos();
  ImGui::EndTooltip();
}

// A typed number for a setting: shows the current value, commits through SetPlaygroundValue.
void NumberSetting(AppState& state, const char* label, const char* key, double value, double min, double max,
                   const char* help) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
  double edited = value;
  ImGui::BeginDisabled(Locked(state, key));
  if (NumberField(state, std::string("playground_") + key, &edited, min, max, ImGui::GetFontSize() * 7.0f)) {
    Set(s, key, Exact(edited));
  }
  ImGui::EndDisabled();
  Help(state, help);
}

// The point tool without a mouse: the place typed as two numbers, then Enter in either field or
// the button does there what a click would (the nearest training point for the stepper).
void TypedPoint(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  const float field = ImGui::GetFontSize() * 4.5f;
  const auto entered = [&]() {
    return ImGui::IsItemDeactivated() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false) &&
           state.field_error.empty();
  };
  const bool locked = Locked(state, "points") && s.tool != PointTool::kPickForStepper;
  ImGui::BeginDisabled(locked);
  ImGui::AlignTextToFramePadding();
  ImGui::TextDisabled("or at");
  ImGui::SameLine();
  ImGui::TextUnformatted("x₁");
  ImGui::SameLine();
  NumberField(state, "point x₁", &s.typed_x1, -kMaxPointCoordinate, kMaxPointCoordinate, field);
  bool act = entered();
  ImGui::SameLine();
  ImGui::TextUnformatted("x₂");
  ImGui::SameLine();
  NumberField(state, "point x₂", &s.typed_x2, -kMaxPointCoordinate, kMaxPointCoordinate, field);
  act = entered() || act;
  const char* action = s.tool == PointTool::kAddClass ? "Add" : s.tool == PointTool::kRemove ? "Remove" : "Pick";
  SameLineIfFits(ButtonWidth(action));
  act = ImGui::Button(action) || act;
  ImGui::EndDisabled();
  if (act && !locked) {
    const Eigen::Vector2d x(s.typed_x1, s.typed_x2);
    ApplyPointTool(state, x, /*shift=*/false, NearestTrainingPoint(s.model, x));
  }
}

void DataSection(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  PlaygroundConfig& c = s.settings;
  ImGui::BeginDisabled(Locked(state, "data"));
  ImGui::SetNextItemWidth(-1.0f);
  // Own points (a CSV, a scenario) stay on offer after another data set is picked.
  const bool own = c.data.kind == DatasetKind::kOwn;
  const std::string own_title =
      c.data.own != nullptr ? "Your data (" + std::to_string(c.data.own->X.cols()) + " points)" : std::string();
  if (ImGui::BeginCombo("##dataset", own ? own_title.c_str() : DatasetKindTitle(c.data.kind))) {
    if (c.data.own != nullptr && ImGui::Selectable(own_title.c_str(), own) && !own) Set(s, "data", "own");
    for (DatasetKind kind : AllDatasetKinds()) {
      if (ImGui::Selectable(DatasetKindTitle(kind), kind == c.data.kind) && kind != c.data.kind) {
        Set(s, "data", DatasetKindName(kind));
      }
    }
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
  Help(state, "playground#help-data");
  if (own) {
    ImGui::TextDisabled("%s", c.data.own->header.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("· drop or paste a CSV for new data");
  }
  if (c.data.kind == DatasetKind::kSpiralK || c.data.kind == DatasetKind::kBlobs) {
    ImGui::BeginDisabled(Locked(state, "classes"));
    int classes = c.data.num_classes;
    if (ImGui::SliderInt("classes", &classes, kMinClasses, kMaxClasses, "%d", ImGuiSliderFlags_AlwaysClamp))
      Set(s, "classes", std::to_string(classes));
    Help(state, "playground#help-classes");
    ImGui::EndDisabled();
  }
  if (c.data.kind == DatasetKind::kRegressionSawtooth) {
    ImGui::BeginDisabled(Locked(state, "teeth"));
    int teeth = c.data.teeth;
    if (ImGui::SliderInt("teeth", &teeth, 1, kMaxTeeth, "%d", ImGuiSliderFlags_AlwaysClamp))
      Set(s, "teeth", std::to_string(teeth));
    Help(state, "playground#help-teeth");
    ImGui::EndDisabled();
  }
  if (!own) {
    ImGui::BeginDisabled(Locked(state, "points"));
    int points = c.data.count;
    if (ImGui::SliderInt("points", &points, 10, 1000, "%d",
                         ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic))
      Set(s, "points", std::to_string(points));
    Help(state, "playground#help-points");
    ImGui::EndDisabled();
    ImGui::BeginDisabled(Locked(state, "noise"));
    float noise = static_cast<float>(c.data.noise);
    if (ImGui::SliderFloat("noise", &noise, 0.0f, 1.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp)) {
      Set(s, "noise", Exact(std::round(noise * 100.0) / 100.0));
    }
    Help(state, "playground#help-noise");
    ImGui::EndDisabled();
  }
  ImGui::BeginDisabled(Locked(state, "ratio"));
  int percent = static_cast<int>(std::lround(c.train_fraction * 100.0));
  if (ImGui::SliderInt("% for training", &percent, 10, 100, "%d %%", ImGuiSliderFlags_AlwaysClamp))
    Set(s, "ratio", Exact(percent / 100.0));
  Help(state, "playground#help-ratio");
  ImGui::EndDisabled();
  ImGui::BeginDisabled(Locked(state, "seed"));
  if (ImGui::Button(own ? "New split (next seed)" : "New data (next seed)"))
    Set(s, "seed", std::to_string(c.data.seed + 1));
  Help(state, "playground#help-seed");
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::TextDisabled("seed %llu", static_cast<unsigned long long>(c.data.seed));
  ImGui::Checkbox("show the test points (hollow)", &s.show_test);
  Help(state, "playground#help-show-test");

  if (InputDimension(c.data) == 2) {
    ImGui::TextUnformatted("A click on the plane:");
    ImGui::BeginDisabled(Locked(state, "points"));
    const bool regression = IsRegression(c.data);
    if (ImGui::RadioButton("adds a point", s.tool == PointTool::kAddClass)) s.tool = PointTool::kAddClass;
    Help(state, "playground#help-point-tool");
    if (s.tool == PointTool::kAddClass) {
      ImGui::SameLine();
      if (regression) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
        float value = static_cast<float>(s.add_value);
        if (ImGui::SliderFloat("t", &value, -1.0f, 1.0f, "%.2f", ImGuiSliderFlags_AlwaysClamp)) s.add_value = value;
      } else {
        const int classes = std::max(2, s.model.data.num_classes);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.0f);
        s.add_class = std::clamp(s.add_class, 0, classes - 1);
        ImGui::SliderInt("class", &s.add_class, 0, classes - 1, "class %d", ImGuiSliderFlags_AlwaysClamp);
        ImGui::TextDisabled("(Shift+click adds class 1)");
      }
    }
    if (ImGui::RadioButton("removes the nearest point", s.tool == PointTool::kRemove)) s.tool = PointTool::kRemove;
    ImGui::EndDisabled();
    if (Locked(state, "points") && s.tool != PointTool::kPickForStepper) s.tool = PointTool::kPickForStepper;
    if (ImGui::RadioButton("picks a point for the stepper", s.tool == PointTool::kPickForStepper))
      s.tool = PointTool::kPickForStepper;
    TypedPoint(state);
  }
}

void FeatureSection(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  ImGui::BeginDisabled(Locked(state, "features"));
  const bool one_d = InputDimension(s.settings.data) == 1;
  int shown = 0;
  for (Feature f : AllFeatures()) {
    const bool uses_x2 = f == Feature::kX2 || f == Feature::kX2Squared || f == Feature::kX1X2 || f == Feature::kSinX2;
    if (one_d && uses_x2) continue;
    bool on = s.settings.features.Has(f);
    if (shown++ % 4 != 0) ImGui::SameLine();
    if (ImGui::Checkbox(FeatureTitle(f), &on)) {
      FeatureSet next = s.settings.features;
      next.Set(f, on);
      std::string names;
      for (Feature g : next.Enabled()) names += (names.empty() ? "" : ",") + std::string(FeatureName(g));
      if (names.empty()) {
        s.error = "At least one input feature must stay on.";
      } else {
        Set(s, "features", names);
      }
    }
    Help(state, "playground#help-features");
  }
  ImGui::EndDisabled();
}

void NetworkSection(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  PlaygroundConfig& c = s.settings;
  std::string shape;
  for (size_t l = 0; l < c.hidden.size(); ++l) shape += (l ? "-" : "") + std::to_string(c.hidden[l]);
  ImGui::Text("hidden layers: %s", shape.empty() ? "none (a linear model)" : shape.c_str());
  ImGui::TextDisabled("(+/− on the network view)");
  Help(state, "playground#help-hidden");
  if (!c.activations.empty()) {
    ImGui::BeginDisabled(Locked(state, "act"));
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
    if (ImGui::BeginCombo("activation, all layers", "choose…")) {
      for (Activation a : AllActivations()) {
        if (IsElementwiseDifferentiable(a) && ImGui::Selectable(ActivationTitle(a))) Set(s, "act", ActivationName(a));
      }
      ImGui::EndCombo();
    }
    Help(state, "playground#help-act");
    ImGui::EndDisabled();
  }
  static const OutputHead kHeads[] = {OutputHead::kAuto, OutputHead::kSigmoidBce, OutputHead::kSoftmaxCe,
                                      OutputHead::kLinearMse, OutputHead::kTanhSquared};
  static const char* const kHeadTitles[] = {"chosen by the data", "sigmoid + cross-entropy", "softmax + cross-entropy",
                                            "linear + squared error", "tanh + squared error (classic)"};
  const int head = static_cast<int>(c.head);
  ImGui::BeginDisabled(Locked(state, "head"));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13.0f);
  if (ImGui::BeginCombo("output", kHeadTitles[head])) {
    for (int h = 0; h < 5; ++h) {
      if (ImGui::Selectable(kHeadTitles[h], h == head) && h != head) Set(s, "head", OutputHeadName(kHeads[h]));
    }
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
  Help(state, "playground#help-head");
  if (c.head == OutputHead::kAuto) ImGui::TextDisabled("now: %s", OutputHeadName(s.model.head));
  static const InitScheme kInits[] = {InitScheme::kUniform, InitScheme::kXavier, InitScheme::kHe};
  ImGui::BeginDisabled(Locked(state, "init"));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  if (ImGui::BeginCombo("initial weights", InitSchemeName(c.init))) {
    for (InitScheme scheme : kInits) {
      if (ImGui::Selectable(InitSchemeName(scheme), scheme == c.init) && scheme != c.init)
        Set(s, "init", InitSchemeName(scheme));
    }
    ImGui::EndCombo();
  }
  Help(state, "playground#help-init");
  ImGui::EndDisabled();
  ImGui::BeginDisabled(Locked(state, "wseed") || Locked(state, "weights"));
  if (ImGui::Button("New weights (next seed)")) Set(s, "wseed", std::to_string(c.weight_seed + 1));
  ImGui::EndDisabled();
  Help(state, "playground#help-wseed");
  ImGui::SameLine();
  ImGui::TextDisabled("weight seed %llu", static_cast<unsigned long long>(c.weight_seed));
}

void TrainingSection(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  PlaygroundConfig& c = s.settings;
  static const OptimizerKind kOptimizers[] = {OptimizerKind::kSgd, OptimizerKind::kMomentum, OptimizerKind::kAdam};
  ImGui::BeginDisabled(Locked(state, "opt"));
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  if (ImGui::BeginCombo("optimizer", OptimizerName(c.optimizer.kind))) {
    for (OptimizerKind kind : kOptimizers) {
      if (ImGui::Selectable(OptimizerName(kind), kind == c.optimizer.kind) && kind != c.optimizer.kind)
        Set(s, "opt", OptimizerName(kind));
    }
    ImGui::EndCombo();
  }
  ImGui::EndDisabled();
  Help(state, "playground#help-opt");
  NumberSetting(state, "learning rate η", "lr", c.optimizer.learning_rate, 1e-9, 100.0, "playground#help-lr");
  if (c.optimizer.kind == OptimizerKind::kMomentum)
    NumberSetting(state, "momentum μ", "momentum", c.optimizer.momentum, 0.0, 0.999999, "playground#help-momentum");
  if (c.optimizer.kind == OptimizerKind::kAdam) {
    NumberSetting(state, "β₁", "beta1", c.optimizer.beta1, 0.0, 0.999999, "playground#help-beta1");
    NumberSetting(state, "β₂", "beta2", c.optimizer.beta2, 0.0, 0.999999, "playground#help-beta2");
  }
  NumberSetting(state, "L1 on weights", "l1", c.optimizer.l1, 0.0, 10.0, "playground#help-l1");
  NumberSetting(state, "L2 on weights", "l2", c.optimizer.l2, 0.0, 10.0, "playground#help-l2");
  ImGui::BeginDisabled(Locked(state, "batch"));
  int batch = c.batch_size;
  if (ImGui::SliderInt("batch size", &batch, 1, 500, "%d", ImGuiSliderFlags_AlwaysClamp | ImGuiSliderFlags_Logarithmic))
    Set(s, "batch", std::to_string(batch));
  ImGui::EndDisabled();
  Help(state, "playground#help-batch");
  int speed = 0;
  for (int i = 0; i < static_cast<int>(std::size(kSpeeds)); ++i)
    if (kSpeeds[i] <= s.epochs_per_frame) speed = i;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  if (ImGui::SliderInt("speed", &speed, 0, static_cast<int>(std::size(kSpeeds)) - 1,
                       (std::to_string(kSpeeds[speed]) + " epochs/frame").c_str(), ImGuiSliderFlags_AlwaysClamp)) {
    s.epochs_per_frame = kSpeeds[speed];
  }
  Help(state, "playground#help-speed");
  NumberSetting(state, "stop after epochs", "stop_epochs", c.stop_epochs, 0, kMaxStopEpochs,
                "playground#help-stop-epochs");
  // Without test points (100 % for training) the stop watches the training loss (core/playground.h).
  const char* stop_loss = s.model.test.size() > 0 ? "or test loss below" : "or training loss below";
  NumberSetting(state, stop_loss, "stop_loss", c.stop_test_loss, 0.0, 1e6, "playground#help-stop-loss");
  ImGui::TextDisabled("(0: no stop)");
  ImGui::TextDisabled("Changing these keeps the network.");
}

void DisplaySection(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  int side = 0;
  for (int i = 0; i < static_cast<int>(std::size(kBoundarySides)); ++i)
    if (kBoundarySides[i] <= s.max_boundary_pixels) side = i;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  const std::string format = "at most " + std::to_string(kBoundarySides[side]) + "²";
  if (ImGui::SliderInt("boundary points", &side, 0, static_cast<int>(std::size(kBoundarySides)) - 1, format.c_str(),
                       ImGuiSliderFlags_AlwaysClamp)) {
    s.max_boundary_pixels = kBoundarySides[side];
  }
  Help(state, "playground#help-quality");
  const auto fixed = [](double value, int decimals) {
    char text[32];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return std::string(text);
  };
  ImGui::TextUnformatted(ContentText(state.language, "playground#speed",
                                     {{"rate", fixed(s.epochs_per_second, 0)},
                                      {"frame", fixed(s.frame_ms, 1)},
                                      {"train", fixed(s.train_ms, 1)},
                                      {"budget", fixed(s.train_budget_ms, 1)}})
                             .c_str());
  if (!s.render_error.empty())
    WrappedText(ContentText(state.language, "playground#gpu-fallback", {{"error", s.render_error}}));
}
}  // namespace

void DrawPlaygroundControls(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  if (!s.error.empty()) {
    WarningText(state, "⚠ " + s.error);
  }
  if (!state.field_error.empty()) WrappedText("⚠ " + state.field_error);
  // Each section can be hidden by an embedding page (hide=data,features,...).
  if (!Hidden(state, "data") && ImGui::CollapsingHeader("Data", ImGuiTreeNodeFlags_DefaultOpen)) {
    DataSection(state);
    Say(state, "playground#learn-data");
  }
  if (!Hidden(state, "features") && ImGui::CollapsingHeader("Input features", ImGuiTreeNodeFlags_DefaultOpen))
    FeatureSection(state);
  if (!Hidden(state, "network") && ImGui::CollapsingHeader("Network", ImGuiTreeNodeFlags_DefaultOpen)) {
    NetworkSection(state);
    Say(state, "playground#learn-network");
  }
  if (!Hidden(state, "training") && ImGui::CollapsingHeader("Training", ImGuiTreeNodeFlags_DefaultOpen)) {
    TrainingSection(state);
    Say(state, "playground#learn-training");
  }
  if (!Hidden(state, "training") && ImGui::CollapsingHeader("Confusion matrix", ImGuiTreeNodeFlags_DefaultOpen))
    DrawConfusionMatrices(state);
  if (!Hidden(state, "display") && ImGui::CollapsingHeader("Display")) DisplaySection(state);
}

}  // namespace bp
