// The app's frame: apply pending changes, then draw the layout (lesson list, canvas, side panel).
// The platform layer calls these; it owns the window, the GL context and the AppState.
#pragma once

#include "app/app_state.h"

struct ImFont;

namespace bp {

// Fonts the app draws with, (re)built by BuildFonts for a pixel scale.
struct AppFonts {
  ImFont* text = nullptr;
  ImFont* heading = nullptr;
  ImFont* mono = nullptr;
};
const AppFonts& Fonts();

// Builds the font atlas (DejaVu Sans, Sans Bold, Sans Mono; Latin, Greek and math glyphs) at
// `scale` times the base size. The caller re-uploads the atlas texture afterwards.
void BuildFonts(float scale);
// Base text size in pixels before scaling.
constexpr float kBaseFontSize = 16.0f;

void InitApp(AppState& state);
// The scale the fonts and style should have now (pixel ratio times the learner's font size).
float DesiredUiScale(const AppState& state);
// Applies the ImGui style (theme, sizes) for a scale.
void ApplyStyle(const AppState& state, float scale);
// Applies requested structural changes (a new lesson...) now; DrawFrame calls it first thing.
void ApplyPendingChanges(AppState& state);
// One frame of UI: apply pending changes, then draw. Call between ImGui::NewFrame and Render.
void DrawFrame(AppState& state);
// Where the side panel is this frame: "column", "drawer" (closed, on a narrow canvas), "open
// drawer" or "hidden" (by a link). The page hears of each change (AppState::panel_layout_changed).
const char* PanelLayout(const AppState& state);
// The same for the lesson list (a drawer only in a very narrow window).
const char* LessonListLayout(const AppState& state);

}  // namespace bp
