// The open scenario's text in its lesson's panel (session/scenario_state.h): a title bar with
// "Leave the scenario", then the body's parts other than its questions and goals (those are drawn
// with the lesson's, widgets/question_view.h). Before the lesson's controls when the scenario's text
// replaces the lesson's, after them when it follows (then a header at the top points to it, and the
// panel scrolls to it when the scenario opens).
#pragma once

#include "app/session/app_state.h"

namespace bp {

void DrawScenarioText(AppState& state);
// Above the lesson's own text, when the scenario's follows it: its title and a button to go to it.
void DrawScenarioHeader(AppState& state);

}  // namespace bp
