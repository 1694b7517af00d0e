// The app's frame: apply pending changes, then draw the layout (lesson list, canvas, side panel).
// The platform layer calls these; it owns the window, the GL context and the AppState.
#pragma once

#include "app/session/app_state.h"
#include "app/session/display.h"
#include "app/widgets/fonts.h"

namespace bp {

// Hands the lesson table to the state and opens the first lesson.
void InitApp(AppState& state);
// Applies the ImGui style (theme, sizes) for a scale.
void ApplyStyle(const AppState& state, float scale);
// One frame of UI: apply pending changes, then draw. Call between ImGui::NewFrame and Render.
void DrawFrame(AppState& state);
}  // namespace bp
