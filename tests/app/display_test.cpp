// The display settings' scale (session/display.h): embed mode shrinks text in a small frame down
// to 0.8, the UI scale is pixel ratio × font size × that fit within 0.5..4, and the side panel
// and lesson list report where they are.
#include <doctest/doctest.h>

#include <string>

#include "app/session/display.h"

namespace bp {
namespace {

AppState Embedded(int width, int height, float pixel_ratio) {
  AppState state;
  state.embed = true;
  state.canvas_width = width;
  state.canvas_height = height;
  state.pixel_ratio = pixel_ratio;
  return state;
}

TEST_CASE("text fits a small embed frame, never below 0.8") {
  AppState full;
  full.canvas_width = 480;
  full.canvas_height = 320;
  CHECK(EmbedTextFit(full) == 1.0f);  // not embedded
  // 864×640 CSS pixels: min(864/960, 640/640) = 0.9
  CHECK(EmbedTextFit(Embedded(864, 640, 1.0f)) == doctest::Approx(0.9));
  // 1920×1280 device pixels at ratio 2 are 960×640 CSS pixels: full size.
  CHECK(EmbedTextFit(Embedded(1920, 1280, 2.0f)) == 1.0f);
  // 480×320: min(0.5, 0.5), held at 0.8.
  CHECK(EmbedTextFit(Embedded(480, 320, 1.0f)) == 0.8f);
  // No canvas yet or no pixel ratio: no shrinking.
  CHECK(EmbedTextFit(Embedded(0, 320, 1.0f)) == 1.0f);
  CHECK(EmbedTextFit(Embedded(480, 320, 0.0f)) == 1.0f);
}

TEST_CASE("the UI scale is pixel ratio × font size × embed fit, within 0.5..4") {
  AppState state;
  state.pixel_ratio = 2.0f;
  state.font_scale = 1.5f;
  CHECK(DesiredUiScale(state) == 3.0f);
  state.font_scale = kMaxFontScale;
  state.pixel_ratio = 3.0f;
  CHECK(DesiredUiScale(state) == 4.0f);  // 6, held at 4
  state.font_scale = kMinFontScale;
  state.pixel_ratio = 0.5f;
  CHECK(DesiredUiScale(state) == 0.5f);  // 0.375, held at 0.5
  AppState small = Embedded(864, 640, 1.0f);
  small.font_scale = 2.0f;
  CHECK(DesiredUiScale(small) == doctest::Approx(1.8));  // 1 × 2 × 0.9
}

TEST_CASE("the panel and the lesson list say where they are") {
  AppState state;
  CHECK(std::string(PanelLayout(state)) == "column");
  state.panel_is_drawer = true;
  CHECK(std::string(PanelLayout(state)) == "drawer");
  state.panel_open = true;
  CHECK(std::string(PanelLayout(state)) == "open drawer");
  state.hidden_parts = {"panel"};
  CHECK(std::string(PanelLayout(state)) == "hidden");
  CHECK(std::string(LessonListLayout(state)) == "column");
  state.embed = true;  // embed mode hides the lesson list
  CHECK(std::string(LessonListLayout(state)) == "hidden");
}

}  // namespace
}  // namespace bp
