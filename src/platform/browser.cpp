// Browser glue: the only platform file that talks to Emscripten. The desktop build gets plain
// stand-ins so the main loop reads the same in both.
#include "platform/browser.h"

#include <GLFW/glfw3.h>

#include <cmath>

#include "app/api.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#endif

#ifdef __EMSCRIPTEN__

namespace bp {

namespace {
AppState* g_api_state = nullptr;  // the main loop's state, for calls arriving from JavaScript
}

float InitialPixelRatio(GLFWwindow*) { return static_cast<float>(emscripten_get_device_pixel_ratio()); }

void SyncCanvasSize(GLFWwindow*, AppState* state, int* width, int* height) {
  double css_width = 0.0, css_height = 0.0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  double ratio = emscripten_get_device_pixel_ratio();
  if (!(ratio > 0.0) || !std::isfinite(ratio)) ratio = 1.0;
  int wanted_width = static_cast<int>(std::lround(css_width * ratio));
  int wanted_height = static_cast<int>(std::lround(css_height * ratio));
  int current_width = 0, current_height = 0;
  emscripten_get_canvas_element_size("#canvas", &current_width, &current_height);
  // Set the backing store directly: Emscripten's glfwSetWindowSize asks for fullscreen when the size
  // happens to equal the screen's, which a page must never do on its own.
  if (wanted_width > 0 && wanted_height > 0 && (wanted_width != current_width || wanted_height != current_height)) {
    emscripten_set_canvas_element_size("#canvas", wanted_width, wanted_height);
    current_width = wanted_width;
    current_height = wanted_height;
  }
  *width = current_width;
  *height = current_height;
  state->pixel_ratio = static_cast<float>(ratio);
}

void NotifyFirstFrame() {
  EM_ASM({
    if (Module.onFirstFrame) Module.onFirstFrame();
  });
}

void InstallBrowserApi(AppState* state) { g_api_state = state; }

void AnnounceToScreenReader(const std::string& text) {
  EM_ASM({
    if (Module.onAnnounce) Module.onAnnounce(UTF8ToString($0));
  }, text.c_str());
}

void RunBrowserLoop(void (*frame)()) { emscripten_set_main_loop(frame, 0, true); }

}  // namespace bp

// Called from web/backprop-lab.js: one JSON request in, one JSON answer out (see docs/embedding.md).
extern "C" EMSCRIPTEN_KEEPALIVE const char* bp_api(const char* request) {
  if (!bp::g_api_state) return "{\"ok\":false,\"error\":\"the app is not running yet\"}";
  bp::g_api_state->api_response = bp::HandleApiRequest(*bp::g_api_state, request ? request : "");
  return bp::g_api_state->api_response.c_str();
}

#else  // desktop

namespace bp {

float InitialPixelRatio(GLFWwindow* window) {
  float x_scale = 1.0f, y_scale = 1.0f;
  glfwGetWindowContentScale(window, &x_scale, &y_scale);
  return x_scale > 0.0f ? x_scale : 1.0f;
}

void SyncCanvasSize(GLFWwindow* window, AppState* state, int* width, int* height) {
  state->pixel_ratio = InitialPixelRatio(window);
  glfwGetFramebufferSize(window, width, height);
}

void NotifyFirstFrame() {}

void InstallBrowserApi(AppState*) {}

void AnnounceToScreenReader(const std::string&) {}

void RunBrowserLoop(void (*)()) {}

}  // namespace bp

#endif
