// The UI scale from the display settings (see display.h).
#include "app/session/display.h"

#include <algorithm>

#include "app/session/hide_lock.h"

namespace bp {

namespace {
// Embed mode's text shrinks with the frame below this size (CSS pixels), down to kMinEmbedFit.
constexpr float kEmbedFullWidth = 960.0f;
constexpr float kEmbedFullHeight = 640.0f;
constexpr float kMinEmbedFit = 0.8f;
const char* SideLayout(bool hidden, bool is_drawer, bool open) {
  if (hidden) return "hidden";
  if (!is_drawer) return "column";
  return open ? "open drawer" : "drawer";
}
}  // namespace

float EmbedTextFit(const AppState& state) {
  if (!state.embed || state.canvas_width <= 0 || state.canvas_height <= 0 || !(state.pixel_ratio > 0.0f)) return 1.0f;
  const float css_width = state.canvas_width / state.pixel_ratio;
  const float css_height = state.canvas_height / state.pixel_ratio;
  return std::clamp(std::min(css_width / kEmbedFullWidth, css_height / kEmbedFullHeight), kMinEmbedFit, 1.0f);
}

float DesiredUiScale(const AppState& state) {
  return std::clamp(state.pixel_ratio * state.font_scale * EmbedTextFit(state), 0.5f, 4.0f);
}

const char* PanelLayout(const AppState& state) {
  return SideLayout(Hidden(state, "panel"), state.panel_is_drawer, state.panel_open);
}

const char* LessonListLayout(const AppState& state) {
  return SideLayout(Hidden(state, "lessons"), state.list_is_drawer, state.list_open);
}

}  // namespace bp
