// The display settings' ranges, in one place for the controls, the JS API and links, and the UI
// scale they give.
#pragma once

#include "app/session/app_state.h"

namespace bp {

// Significant digits of every number shown (AppState::precision).
constexpr int kMinPrecision = 3;
constexpr int kMaxPrecision = 9;

// The learner's text size (AppState::font_scale; 1 = the default size) and the keyboard's step.
constexpr float kMinFontScale = 0.75f;
constexpr float kMaxFontScale = 2.0f;
constexpr float kFontScaleStep = 0.25f;

// Embed mode in a small frame: a factor (0.8–1) for the UI scale so 480×320 still shows the lesson.
float EmbedTextFit(const AppState& state);
// The scale the fonts and style should have now (pixel ratio times the learner's font size).
float DesiredUiScale(const AppState& state);

// Where the side panel is this frame: "column", "drawer" (closed, on a narrow canvas), "open
// drawer" or "hidden" (by a link). The page hears of each change (AppState::platform).
const char* PanelLayout(const AppState& state);
// The same for the lesson list (a drawer only in a very narrow window).
const char* LessonListLayout(const AppState& state);

}  // namespace bp
