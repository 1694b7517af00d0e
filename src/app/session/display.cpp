// The UI scale from the display settings (see display.h).
#include "app/session/display.h"

#include <algorithm>

namespace bp {

namespace {
// Embed mode's text shrinks with the frame below this size (CSS pixels), down to kMinEmbedFit.
constexpr float kEmbedFullWidth = 960.0f;
constexpr float kEmbedFullHeight = 640.0f;
constexpr float kMinEmbedFit = 0.8f;
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

}  // namespace bp
