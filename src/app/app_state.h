// AppState: everything the app shows, owned by the main loop and passed down each frame.
// Widgets edit plain settings directly; structural changes (a new lesson, a new network) are
// requested through the pending_* fields and applied in one place at the start of a frame.
#pragma once

#include <cstdint>
#include <string>

namespace bp {

struct AppState {
  // Which lesson is open (index into Lessons()) and a requested change, applied next frame.
  int lesson = 0;
  int pending_lesson = -1;

  // Display settings.
  int precision = 6;          // significant digits for every number shown
  float font_scale = 1.0f;    // the learner's font-size choice, times the screen's pixel ratio below
  float pixel_ratio = 1.0f;   // device pixels per CSS pixel (browser) or content scale (desktop)
  bool dark_theme = true;

  // A sentence for the learner (bad input, a diverged training run...), shown until dismissed.
  std::string banner;

  // Bookkeeping for the JS API and tests.
  uint64_t frame = 0;
  int canvas_width = 0;   // framebuffer size in pixels
  int canvas_height = 0;
  std::string api_response;  // the last API answer, kept alive for the caller to read
};

}  // namespace bp
