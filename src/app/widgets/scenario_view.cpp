// The open scenario's text (see scenario_view.h).
#include "app/widgets/scenario_view.h"

#include <string>

#include "app/session/quiz.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
bool IsQuestionOrGoal(const ContentPart& part) { return part.id.rfind("q-", 0) == 0 || part.id.rfind("goal-", 0) == 0; }
}  // namespace

void DrawScenarioHeader(AppState& state) {
  if (!ScenarioShown(state) || state.scenario.replace) return;
  ImGui::PushFont(Fonts().bold);
  WrappedText("Scenario: " + state.scenario.title);
  ImGui::PopFont();
  if (ImGui::SmallButton("Go to its task ▾")) state.scenario.scroll_to_text = true;
  ImGui::Separator();
}

void DrawScenarioText(AppState& state) {
  if (!ScenarioShown(state)) return;
  ScenarioState& scenario = state.scenario;
  // Scrolled to once when it opens: from just above its title, so the title shows whole.
  if (scenario.scroll_to_text) {
    ImGui::SetScrollHereY(0.0f);
    scenario.scroll_to_text = false;
  }
  if (!scenario.replace) {
    ImGui::Spacing();
    ImGui::Separator();
  }
  ImGui::PushFont(Fonts().bold);
  WrappedText("Scenario: " + scenario.title);
  ImGui::PopFont();
  if (ImGui::SmallButton("Leave the scenario")) {
    LeaveScenario(state);
    return;
  }
  if (ImGui::IsItemHovered()) {
    ImGui::SetTooltip("%s", ("Its text and questions go; the lesson stays as it is (" + scenario.name + ").").c_str());
  }
  const ContentVars vars = ContextVars(state.quiz.context, state.precision);
  for (const ContentPart& part : scenario.body.parts) {
    if (IsQuestionOrGoal(part)) continue;
    state.text_drawing.emplace_back("scenario#" + part.id, PlainText(part, vars));
    DrawContentPart(state, part, vars, true);
  }
  if (scenario.replace) ImGui::Separator();
}

}  // namespace bp
