// Predict mode in the stepper (#16): the switch, and above the canvas the question with its formula
// and an answer field, the verdict of the last answer (the right value, the formula with numbers and
// the diagnosis of a typical mistake) and the score. The rules are in session/predict.h; the words
// in content/en/predict.md.
#include <string>

#include "app/session/format.h"
#include "app/session/predict.h"
#include "app/session/step_formulas.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/widgets.h"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace bp {

namespace {
FormulaOptions Options(const AppState& state, bool hide_result) {
  FormulaOptions options;
  options.notation = EffectiveNotation(state.step.mlp, state.notation);
  options.precision = state.precision;
  options.hide_result = hide_result;
  options.all_terms = true;
  return options;
}

void Formula(const std::string& text) {
  ImGui::PushFont(Fonts().mono);
  WrappedText(text);
  ImGui::PopFont();
}

// R (or r) typed into the answer field reveals instead of being typed.
int RevealKeyFilter(ImGuiInputTextCallbackData* data) {
  if (data->EventChar == 'r' || data->EventChar == 'R') {
    *static_cast<bool*>(data->UserData) = true;
    return 1;
  }
  return 0;
}

ContentVars VerdictVars(const AppState& state) {
  const PredictRecord& last = state.step.predict.last;
  const Notation notation = EffectiveNotation(state.step.mlp, state.notation);
  return {{"name", QuantityName(state.step, notation, last.item)},
          {"value", Num(last.expected, state.precision)},
          {"typed", ExactNum(last.typed)}};
}

const char* VerdictKey(bool right, bool revealed) {
  return right ? "predict#right" : revealed ? "predict#revealed" : "predict#wrong";
}

void DrawVerdict(AppState& state, const PredictPanel& panel) {
  const ImU32 colour = panel.right ? ThemePalette(state.dark_theme).positive : ThemePalette(state.dark_theme).invalid;
  if (!panel.revealed) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
  Say(state, VerdictKey(panel.right, panel.revealed), panel.verdict_vars);
  if (!panel.revealed) ImGui::PopStyleColor();
  if (panel.right) return;
  Formula(panel.verdict_formula);
  if (!panel.revealed) Say(state, panel.mistake.empty() ? "predict#no-diagnosis" : panel.mistake);
}

// The question, its formula and the answer field (focused whenever a new question appears).
PredictAction DrawQuestion(AppState& state, const PredictPanel& panel) {
  Say(state, "predict#ask",
      {{"name", panel.name}, {"index", std::to_string(panel.index + 1)}, {"count", std::to_string(panel.count)}});
  Formula(panel.question_formula);
  if (state.predict_focused_for != panel.focus_key) {
    state.predict_focused_for = panel.focus_key;
    state.predict_text.clear();
    ImGui::SetKeyboardFocusHere();
  }
  bool reveal = false;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9.0f);
  bool check = ImGui::InputText("##prediction", &state.predict_text,
                                ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackCharFilter,
                                RevealKeyFilter, &reveal);
  SameLineIfFits(ButtonWidth("Check"));
  check = ImGui::Button("Check") || check;
  SameLineIfFits(ButtonWidth("Reveal"));
  reveal = ImGui::Button("Reveal") || reveal;
  // The hint when there is room for it (not on a short screen, where the canvas needs the height).
  if (ImGui::GetContentRegionAvail().y > ImGui::GetFontSize() * 16.0f) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    WrappedText(ContentText(state.language, "predict#hint"));
    ImGui::PopStyleColor();
  }
  return reveal ? PredictAction::kReveal : check ? PredictAction::kCheck : PredictAction::kNone;
}

PredictPanel StepperPanel(const AppState& state) {
  const StepSession& session = state.step;
  const PredictState& p = session.predict;
  PredictPanel panel;
  panel.has_verdict = p.has_last && p.last.item.layer < static_cast<int>(session.mlp.layers.size());
  if (panel.has_verdict) {
    panel.right = p.last.right;
    panel.revealed = p.last.revealed;
    panel.mistake = p.last.mistake;
    panel.verdict_vars = VerdictVars(state);
    panel.verdict_formula = QuantityFormula(session, p.last.item, Options(state, false));
  }
  if (const std::optional<PredictItem> item = CurrentQuestion(session)) {
    panel.asking = true;
    panel.name = QuantityName(session, EffectiveNotation(session.mlp, state.notation), *item);
    panel.index = p.question;
    panel.count = CurrentQuestionCount(session);
    panel.question_formula = QuantityFormula(session, *item, Options(state, true));
    panel.focus_key = "step:" + std::to_string(p.frontier_step) + ":" + std::to_string(p.frontier) + ":" +
                      std::to_string(p.question) + ":" + std::to_string(p.session_score.asked);
  }
  panel.step_score = &p.step_score;
  panel.session_score = &p.session_score;
  return panel;
}
}  // namespace

PredictAction DrawPredictPanel(AppState& state, const PredictPanel& panel) {
  state.predict_sentence = PredictPanelSentence(state, panel);
  if (panel.has_verdict) DrawVerdict(state, panel);
  PredictAction action = PredictAction::kNone;
  if (panel.asking) {
    state.playing = false;  // Play waits for the answer
    action = DrawQuestion(state, panel);
    if (!state.predict_error.empty()) WarningText(state, "⚠ " + state.predict_error);
  } else if (!panel.has_verdict) {
    Say(state, "predict#waiting");
  }
  if (panel.session_score->asked > 0) {
    const PredictScore& step = panel.step_score ? *panel.step_score : *panel.session_score;
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    Say(state, panel.step_score ? "predict#score" : "predict#score-graph",
        {{"right", std::to_string(step.right)},
         {"asked", std::to_string(step.asked)},
         {"session_right", std::to_string(panel.session_score->right)},
         {"session_asked", std::to_string(panel.session_score->asked)}});
    ImGui::PopStyleColor();
  }
  return action;
}

std::string PredictPanelSentence(const AppState& state, const PredictPanel& panel) {
  std::string sentence;
  if (panel.has_verdict) {
    sentence = ContentText(state.language, VerdictKey(panel.right, panel.revealed), panel.verdict_vars);
    if (!panel.right && !panel.revealed && !panel.mistake.empty())
      sentence += " " + ContentText(state.language, panel.mistake);
  }
  if (panel.asking) sentence += (sentence.empty() ? "" : " ") + std::string("Predict ") + panel.name + ": " + panel.question_formula;
  return sentence;
}

void DrawPredictSwitch(AppState& state) {
  bool on = state.step.predict.on;
  if (ImGui::Checkbox("Predict (P)", &on)) SetPredictMode(&state.step, on);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ContentText(state.language, "predict#switch").c_str());
}

void DrawPredictBox(AppState& state) {
  StepSession& session = state.step;
  if (!session.predict.on) return;
  const PredictAction action = DrawPredictPanel(state, StepperPanel(state));
  if (action == PredictAction::kReveal) {
    state.predict_error.clear();
    RevealPrediction(&session, state.precision, state.time);
  } else if (action == PredictAction::kCheck) {
    state.predict_error = SubmitPrediction(&session, state.predict_text, state.precision, state.time).error;
    if (!state.predict_error.empty()) state.predict_focused_for.clear();  // back into the field
  }
}

}  // namespace bp
