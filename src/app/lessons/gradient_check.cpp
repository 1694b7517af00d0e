// Lesson: gradient check — is backpropagation right? Every parameter's gradient from Backward next
// to a finite difference of the loss itself (core/gradcheck.h), worst first, with a verdict; the
// step h is the learner's to break.
#include <string>

#include "app/lessons/gradient_check_state.h"
#include "app/session/app_state.h"
#include "app/session/format.h"
#include "app/widgets/fonts.h"
#include "app/widgets/palette.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr uint64_t kFirstSeed = 11;
constexpr double kAgree = 1e-6;     // relative error at or below: the gradients agree (✓)
constexpr double kDisagree = 1e-3;  // above: one of them is wrong (✗); in between: roughly (≈)
constexpr double kMinStep = 1e-10, kMaxStep = 1e-1;
constexpr double kTinyStep = 1e-8;   // below it round-off in L(p ± h) takes over
constexpr double kLargeStep = 1e-3;  // above it the curve's bend (truncation) takes over
// The table shows more digits than the display precision so the learner can see where two
// numbers part (they agree to ~10 digits with the default h).
constexpr int kTableDigits = 10;

void Rebuild(AppState& state) {
  GradientCheckState& gc = state.lesson_states.Get<GradientCheckState>();
  gc.pending = false;
  MlpSpec spec;
  spec.sizes = {2, 3, 2};
  spec.activations = {gc.hidden, Activation::kSigmoid};
  spec.loss = Loss::kHalfSquaredError;
  spec.init = InitScheme::kXavier;
  Result<Mlp> made = MakeMlp(spec, gc.seed);
  if (!made.ok()) {
    state.banner = "This network could not be made: " + made.error();
    return;
  }
  gc.mlp = made.value();
  gc.report = CheckGradients(gc.mlp, gc.x, gc.t, gc.step);
  gc.worst_first = WorstFirst(gc.report);
  gc.disagreeing = 0;
  for (const GradientCheckEntry& entry : gc.report.entries) gc.disagreeing += entry.relative_error > kAgree ? 1 : 0;
}

std::string ParameterName(const Mlp& mlp, const GradientCheckEntry& entry) {
  switch (entry.kind) {
    case ParameterKind::kWeight: return WeightName(mlp, Notation::kLayered, entry.layer, entry.row, entry.col);
    case ParameterKind::kBias: return BiasName(mlp, Notation::kLayered, entry.layer, entry.row);
    case ParameterKind::kSlope: return "PReLU slope" + LayerSup(entry.layer + 1);
  }
  return DescribeParameter(entry);
}

// The mark and colour of a relative error: never the colour alone.
const char* Mark(double relative_error) {
  return relative_error <= kAgree ? "✓" : relative_error <= kDisagree ? "≈" : "✗";
}
const char* MarkWords(double relative_error) {
  return relative_error <= kAgree ? "✓ agree" : relative_error <= kDisagree ? "≈ roughly" : "✗ differ";
}
ImU32 MarkColor(double relative_error, bool dark) {
  if (relative_error <= kAgree) return ClassColor(2, dark);                // bluish green
  if (relative_error <= kDisagree) return ClassColor(dark ? 4 : 1, dark);  // yellow / orange
  return ThemePalette(dark).negative;                                      // vermilion
}

// Why the numbers might part, from the settings alone.
std::string Hint(const GradientCheckState& gc) {
  if (gc.step < kTinyStep) {
    return "h is tiny: L(p + h) and L(p − h) agree in almost every digit, so the round-off in them, divided by 2h, "
           "swamps the difference.";
  }
  if (gc.step > kLargeStep) {
    return "h is large: the loss bends between p − h and p + h, so the straight line through them misses the slope "
           "(truncation error).";
  }
  if (gc.hidden == Activation::kRelu || gc.hidden == Activation::kLeakyRelu || gc.hidden == Activation::kPrelu) {
    return "A kink of " + std::string(ActivationTitle(gc.hidden)) +
           " may lie within h of a hidden neuron's z: there "
           "the loss has no single slope.";
  }
  return "With a sensible h and a smooth activation, that would point at a bug in the backward pass.";
}

void DrawVerdict(const AppState& state) {
  const GradientCheckState& gc = state.lesson_states.Get<GradientCheckState>();
  if (gc.worst_first.empty()) return;
  const GradientCheckEntry& worst = gc.worst_first.front();
  const int count = static_cast<int>(gc.report.entries.size());
  const std::string total = std::to_string(count);
  std::string verdict;
  if (gc.disagreeing == 0) {
    verdict =
        "All " + total + " gradients agree to " + Num(gc.report.max_relative_error, 2) + ": backpropagation is right.";
  } else {
    const std::string name = ParameterName(gc.mlp, worst);
    const char* how = worst.relative_error > kDisagree ? " disagrees" : " only roughly agrees";
    const std::string how_many =
        gc.disagreeing == count ? "All " + total : std::to_string(gc.disagreeing) + " of " + total;
    verdict = how_many + " gradients are off by more than " + Num(kAgree, 1) + ". The worst, " + name + "," + how +
              ": backprop " + Num(worst.analytic, kTableDigits) + ", finite difference " +
              Num(worst.numeric, kTableDigits) + " (relative error " + Num(worst.relative_error, 2) + ").";
  }
  ImGui::PushFont(Fonts().heading);
  ImGui::PushStyleColor(ImGuiCol_Text, MarkColor(gc.report.max_relative_error, state.dark_theme));
  ImGui::TextUnformatted(Mark(gc.report.max_relative_error));
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SameLine();
  WrappedText(verdict);
  if (gc.disagreeing > 0) ImGui::TextWrapped("%s", Hint(gc).c_str());
}

void DrawTable(const AppState& state) {
  const GradientCheckState& gc = state.lesson_states.Get<GradientCheckState>();
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersOuter |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("##gradients", 5, flags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("parameter");
  ImGui::TableSetupColumn("backprop ∂L/∂p");
  ImGui::TableSetupColumn("finite difference");
  ImGui::TableSetupColumn("relative error");
  ImGui::TableSetupColumn("agree?", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableHeadersRow();
  for (const GradientCheckEntry& entry : gc.worst_first) {
    const ImU32 color = MarkColor(entry.relative_error, state.dark_theme);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(ParameterName(gc.mlp, entry).c_str());
    ImGui::PushFont(Fonts().mono);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Num(entry.analytic, kTableDigits).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Num(entry.numeric, kTableDigits).c_str());
    ImGui::TableNextColumn();
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    ImGui::TextUnformatted(Num(entry.relative_error, 2).c_str());
    ImGui::PopFont();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(MarkWords(entry.relative_error));
    ImGui::PopStyleColor();
  }
  ImGui::EndTable();
}
}  // namespace

void GradientCheckEnter(AppState& state) {
  GradientCheckState& gc = state.lesson_states.Get<GradientCheckState>();
  gc = GradientCheckState();
  gc.seed = kFirstSeed;
  gc.x = Eigen::Vector2d(0.3, 0.9);
  gc.t = Eigen::Vector2d(1.0, 0.0);
  state.field_error.clear();
  Rebuild(state);
}

// Settings changed in the panel or the API: rebuild and re-check in one place, before drawing.
void GradientCheckUpdate(AppState& state) {
  if (state.lesson_states.Get<GradientCheckState>().pending) Rebuild(state);
}

void GradientCheckCanvas(AppState& state) {
  const GradientCheckState& gc = state.lesson_states.Get<GradientCheckState>();
  DrawVerdict(state);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  WrappedText(
      "numeric = (L(p + h) − L(p − h)) / 2h,   relative error = |backprop − numeric| / max(|backprop|, "
      "|numeric|, " +
      Num(kGradientCheckFloor, 1) + ")");
  ImGui::PopStyleColor();
  ImGui::Text("Loss L = %s with h = %s; ✓ below %s, ≈ up to %s, ✗ above. Worst first:",
              Num(gc.report.loss, state.precision).c_str(), Num(gc.step, 3).c_str(), Num(kAgree, 1).c_str(),
              Num(kDisagree, 1).c_str());
  DrawTable(state);
}

void GradientCheckPanel(AppState& state) {
  GradientCheckState& gc = state.lesson_states.Get<GradientCheckState>();
  ImGui::TextWrapped(
      "How do we know backpropagation's gradients are right? Ask the loss itself. Nudge one parameter p up by a tiny "
      "h and down by h, recompute the loss each time, and the slope between the two points, (L(p + h) − L(p − h)) / "
      "2h, "
      "is the derivative, up to an error that shrinks like h². Library authors run exactly this check on every new "
      "layer. Here it runs on every weight and bias of a 2-3-2 network, for one sample, and the table lists them "
      "worst first.");
  ImGui::Separator();
  ImGui::TextUnformatted("Hidden activation");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10.0f);
  if (ImGui::BeginCombo("##hidden", ActivationTitle(gc.hidden))) {
    for (Activation activation : AllActivations()) {
      if (!IsElementwiseDifferentiable(activation)) continue;
      if (ImGui::Selectable(ActivationTitle(activation), activation == gc.hidden)) {
        gc.hidden = activation;
        gc.pending = true;
      }
    }
    ImGui::EndCombo();
  }
  if (ImGui::Button("New random weights")) {
    ++gc.seed;
    gc.pending = true;
  }
  ImGui::SameLine();
  ImGui::TextDisabled("seed %d", static_cast<int>(gc.seed));
  ImGui::TextUnformatted("Step h (type, then Enter)");
  if (NumberField(state, "h", &gc.step, kMinStep, kMaxStep, ImGui::GetFontSize() * 10.0f)) gc.pending = true;
  ImGui::SameLine();
  ImGui::TextDisabled("from %s to %s", Num(kMinStep, 1).c_str(), Num(kMaxStep, 1).c_str());
  if (!state.field_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ThemePalette(state.dark_theme).negative);
    ImGui::TextWrapped("%s", state.field_error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Separator();
  WrappedText(
      "Try this: make h = 1e-10 and watch round-off take over: the losses L(p ± h) now differ only in "
      "their last few digits. Then make h = 0.1 and watch the curve's bend take over. Which h in between "
      "gives the smallest errors, and why is it neither the largest nor the smallest?");
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json GradientCheckLessonJson(const AppState& state) {
  const GradientCheckState& s = state.lesson_states.Get<GradientCheckState>();
  Json json = {{"h", s.step},
               {"hidden", ActivationName(s.hidden)},
               {"seed", s.seed},
               {"parameters", s.report.entries.size()},
               {"disagreeing", s.disagreeing},
               {"maxRelativeError", NumberOrNull(s.report.max_relative_error)}};
  if (!s.worst_first.empty()) {
    json["worst"] = {{"parameter", DescribeParameter(s.worst_first.front())},
                     {"analytic", NumberOrNull(s.worst_first.front().analytic)},
                     {"numeric", NumberOrNull(s.worst_first.front().numeric)}};
  }
  return json;
}

std::string GradientCheckCommand(AppState& state, const std::string& command, const Json& request) {
  if (command != "gradientCheck") return "";
  GradientCheckState& s = state.lesson_states.Get<GradientCheckState>();
  GradientCheckState next = s;
  if (request.contains("h")) {
    if (!request["h"].is_number() || !(request["h"].get<double>() >= 1e-10) || !(request["h"].get<double>() <= 1e-1)) {
      return ErrorAnswer("h must be a number from 1e-10 to 0.1");
    }
    next.step = request["h"].get<double>();
  }
  if (request.contains("hidden")) {
    if (!request["hidden"].is_string()) return ErrorAnswer("hidden must be an activation name");
    Result<Activation> hidden = ParseActivation(request["hidden"].get<std::string>());
    if (!hidden.ok()) return ErrorAnswer(hidden.error());
    if (!IsElementwiseDifferentiable(hidden.value()))
      return ErrorAnswer("the hidden activation needs a gradient (not step or softmax)");
    next.hidden = hidden.value();
  }
  s.step = next.step;
  s.hidden = next.hidden;
  s.pending = true;
  return Json{{"ok", true}}.dump();
}

}  // namespace

LessonInfo GradientCheckLesson() {
  return {"gradient-check",    "Gradient check",   GradientCheckEnter,      GradientCheckUpdate,
          GradientCheckCanvas, GradientCheckPanel, GradientCheckLessonJson, GradientCheckCommand};
}

}  // namespace bp
