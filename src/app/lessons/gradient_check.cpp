// Lesson: gradient check — is backpropagation right? Every parameter's gradient from Backward next
// to a finite difference of the loss itself (core/gradcheck.h), worst first, with a verdict; the
// step ε is the learner's to break (its API word stays "h").
#include <string>

#include "app/lessons/gradient_check_state.h"
#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr uint64_t kFirstSeed = 11;
constexpr double kAgree = 1e-6;     // relative error at or below: the gradients agree (✓)
constexpr double kDisagree = 1e-3;  // above: one of them is wrong (✗); in between: roughly (≈)
constexpr double kMinStep = 1e-10, kMaxStep = 1e-1;
constexpr double kTinyStep = 1e-8;   // below it round-off in L(p ± ε) takes over
constexpr double kLargeStep = 1e-3;  // above it the curve's bend (truncation) takes over
// The table shows more digits than the display precision so the learner can see where two
// numbers part (they agree to ~10 digits with the default ε).
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
void SayHint(AppState& state, const GradientCheckState& gc) {
  if (gc.step < kTinyStep) {
    Say(state, "gradient-check#hint-tiny");
  } else if (gc.step > kLargeStep) {
    Say(state, "gradient-check#hint-large");
  } else if (gc.hidden == Activation::kRelu || gc.hidden == Activation::kLeakyRelu ||
             gc.hidden == Activation::kPrelu) {
    Say(state, "gradient-check#hint-kink", {{"activation", ActivationTitle(gc.hidden)}});
  } else {
    Say(state, "gradient-check#hint-bug");
  }
}

void DrawVerdict(AppState& state) {
  const GradientCheckState& gc = state.lesson_states.Get<GradientCheckState>();
  if (gc.worst_first.empty()) return;
  const GradientCheckEntry& worst = gc.worst_first.front();
  const std::string total = std::to_string(gc.report.entries.size());
  ImGui::PushFont(Fonts().heading);
  ImGui::PushStyleColor(ImGuiCol_Text, MarkColor(gc.report.max_relative_error, state.dark_theme));
  ImGui::TextUnformatted(Mark(gc.report.max_relative_error));
  ImGui::PopStyleColor();
  ImGui::PopFont();
  ImGui::SameLine();
  if (gc.disagreeing == 0) {
    Say(state, "gradient-check#verdict-agree", {{"total", total}, {"error", Num(gc.report.max_relative_error, 2)}});
    return;
  }
  const ContentVars vars = {{"count", std::to_string(gc.disagreeing)},
                            {"total", total},
                            {"agree", Num(kAgree, 1)},
                            {"name", ParameterName(gc.mlp, worst)},
                            {"analytic", Num(worst.analytic, kTableDigits)},
                            {"numeric", Num(worst.numeric, kTableDigits)},
                            {"error", Num(worst.relative_error, 2)}};
  if (worst.relative_error > kDisagree) {
    Say(state, "gradient-check#verdict-differs", vars);
  } else {
    Say(state, "gradient-check#verdict-roughly", vars);
  }
  SayHint(state, gc);
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
  Say(state, "gradient-check#formula", {{"floor", Num(kGradientCheckFloor, 1)}});
  ImGui::PopStyleColor();
  Say(state, "gradient-check#loss-line",
      {{"loss", Num(gc.report.loss, state.precision)},
       {"step", Num(gc.step, 3)},
       {"agree", Num(kAgree, 1)},
       {"disagree", Num(kDisagree, 1)}});
  DrawTable(state);
}

void GradientCheckPanel(AppState& state) {
  GradientCheckState& gc = state.lesson_states.Get<GradientCheckState>();
  Say(state, "gradient-check#intro");
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
  ImGui::TextUnformatted("Step ε (type, then Enter)");
  // The field's name is what a refusal of typed text starts with ("ε: 'abc' is not a number").
  if (NumberField(state, "ε", &gc.step, kMinStep, kMaxStep, ImGui::GetFontSize() * 10.0f)) gc.pending = true;
  ImGui::SameLine();
  ImGui::TextDisabled("from %s to %s", Num(kMinStep, 1).c_str(), Num(kMaxStep, 1).c_str());
  if (!state.field_error.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, ThemePalette(state.dark_theme).negative);
    ImGui::TextWrapped("%s", state.field_error.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::Separator();
  Say(state, "gradient-check#try");
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
