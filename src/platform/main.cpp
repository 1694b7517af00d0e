// The main loop for both builds: a GLFW window with an OpenGL 3.3 (desktop) or WebGL2 (browser)
// context, Dear ImGui on top, and the app's frame. Desktop options:
//   --screenshot FILE.png --frames N   render N frames, save the last one as a PNG, exit
//   --size WIDTHxHEIGHT                window size (default 1280x720)
//   --lesson ID                        open a lesson at start
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdint>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include "app/api/api.h"
#include "app/app.h"
#include "app/session/content.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "platform/boundary_renderer.h"
#include "platform/browser.h"
#include "platform/gl.h"
#include "platform/imgui_renderer.h"
#include "platform/key_events.h"
#include "platform/screenshot.h"

namespace {

struct MainLoop {
  GLFWwindow* window = nullptr;
  bp::AppState state;
  float built_ui_scale = 0.0f;
  bool built_dark_theme = true;
  uint64_t announced_serial = 0;     // the last screen-reader sentence handed to the page
  int frames_to_render = -1;         // -1: run until the window closes
  bool drawing_buffer_kept = false;  // the canvas keeps its picture between frames (browser)
  std::string screenshot_path;
  int exit_code = 0;
};

struct Options {
  int width = 1280;
  int height = 720;
  int frames = -1;
  std::string screenshot;
  std::string lesson;
  std::string error;
};

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    bool has_value = i + 1 < argc;
    if (arg == "--screenshot" && has_value) {
      options.screenshot = argv[++i];
    } else if (arg == "--frames" && has_value) {
      options.frames = std::atoi(argv[++i]);
      if (options.frames < 1) options.error = "--frames needs a whole number of at least 1";
    } else if (arg == "--size" && has_value) {
      if (std::sscanf(argv[++i], "%dx%d", &options.width, &options.height) != 2 || options.width < 320 ||
          options.height < 240 || options.width > 8192 || options.height > 8192) {
        options.error = "--size needs WIDTHxHEIGHT between 320x240 and 8192x8192, e.g. 1280x720";
      }
    } else if (arg == "--lesson" && has_value) {
      options.lesson = argv[++i];
    } else {
      options.error = "unknown option '" + arg + "' (options: --screenshot FILE.png --frames N --size WxH --lesson ID)";
    }
  }
  if (!options.screenshot.empty() && options.frames < 0) options.frames = 3;
  return options;
}

// Fonts and style follow the UI scale (pixel ratio times the learner's font size) and the theme.
void RefreshFontsAndStyle(MainLoop& loop) {
  float scale = bp::DesiredUiScale(loop.state);
  if (scale != loop.built_ui_scale) {
    bp::BuildFonts(scale);
    bp::RebuildImGuiFontTexture();
  }
  if (scale != loop.built_ui_scale || loop.state.dark_theme != loop.built_dark_theme) {
    bp::ApplyStyle(loop.state, scale);
    loop.built_ui_scale = scale;
    loop.built_dark_theme = loop.state.dark_theme;
  }
}

#if defined(BP_CONTENT_SOURCE_DIR) && !defined(__EMSCRIPTEN__)
// The desktop build reads the lesson text again when a file of content/ changed (checked about once
// a second), so whoever edits a sentence sees it in the open lesson (docs/content.md).
void ReloadChangedContent() {
  namespace fs = std::filesystem;
  static double checked_at = -1.0;
  static fs::file_time_type newest{};
  const double now = glfwGetTime();
  if (checked_at >= 0.0 && now - checked_at < 1.0) return;
  checked_at = now;
  std::error_code error;
  fs::file_time_type latest{};
  for (fs::recursive_directory_iterator it(BP_CONTENT_SOURCE_DIR, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".md") latest = std::max(latest, fs::last_write_time(it->path(), error));
  }
  if (newest != fs::file_time_type{} && latest > newest) bp::ReloadContentFrom(BP_CONTENT_SOURCE_DIR);
  newest = std::max(newest, latest);
}
#else
void ReloadChangedContent() {}
#endif

void RunFrame(MainLoop& loop) {
  glfwPollEvents();
  ReloadChangedContent();
  int fb_width = 0, fb_height = 0;
  bp::SyncCanvasSize(loop.window, &loop.state, &fb_width, &fb_height);
  RefreshFontsAndStyle(loop);

  ImGui_ImplGlfw_NewFrame();
  loop.state.canvas_width = fb_width;
  loop.state.canvas_height = fb_height;
  // Everything is laid out in framebuffer pixels; the UI scale makes it the right physical size.
  ImGui::GetIO().DisplaySize = ImVec2(static_cast<float>(fb_width), static_cast<float>(fb_height));
  ImGui::GetIO().DisplayFramebufferScale = ImVec2(1.0f, 1.0f);
  ImGui::NewFrame();
  loop.state.pointer_is_finger = bp::PointerIsFinger();
  bp::DrawFrame(loop.state);
  ImGui::Render();

  // In the browser a frame draws only what changed since the last one, and a frame that would
  // change no pixel draws nothing (imgui_renderer.h): the canvas keeps its picture. Natively every
  // frame draws everything (the loop is paced by the buffer swap, which leaves the back buffer
  // undefined), and so does a frame whose pixels are read back (a canvas PNG, a screenshot).
  const bool whole = !loop.drawing_buffer_kept || loop.state.draw_every_frame || loop.state.files.save_canvas_png ||
                     loop.frames_to_render > 0;
  const ImVec4 clear = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  if (bp::PlanImGuiFrame(ImGui::GetDrawData(), fb_width, fb_height, clear, whole)) {
    bp::RenderImGuiDrawData(ImGui::GetDrawData(), fb_width, fb_height, clear);
    loop.state.frames_drawn += 1;
    loop.state.redrawn_fraction = bp::LastRedrawnFraction();
  }
  // Exports asked for this frame (a canvas PNG reads this frame back, so before the swap).
  bp::SaveRequestedFiles(&loop.state, fb_width, fb_height);

  if (loop.frames_to_render > 0 && --loop.frames_to_render == 0) {
    if (!loop.screenshot_path.empty()) {
      std::string error = bp::SaveFramebufferPng(loop.screenshot_path, fb_width, fb_height);
      if (!error.empty()) {
        std::fprintf(stderr, "backprop_lab: %s\n", error.c_str());
        loop.exit_code = 1;
      } else {
        std::printf("backprop_lab: wrote %s (%dx%d)\n", loop.screenshot_path.c_str(), fb_width, fb_height);
      }
    }
    glfwSetWindowShouldClose(loop.window, GLFW_TRUE);
  }
  glfwSwapBuffers(loop.window);
  // After the frame: held key releases go on, and a new sentence goes to the screen reader.
  bp::DeliverHeldKeyEvents();
  if (loop.state.access.announcement_serial != loop.announced_serial) {
    bp::AnnounceToScreenReader(loop.state.access.announcement);
    loop.announced_serial = loop.state.access.announcement_serial;
  }
  if (loop.state.frame == 1) bp::NotifyFirstFrame();
}

MainLoop g_loop;  // the one loop; the browser's requestAnimationFrame callback needs to reach it

#ifdef __EMSCRIPTEN__
void BrowserFrame() { RunFrame(g_loop); }
#endif

}  // namespace

int main(int argc, char** argv) {
  Options options = ParseOptions(argc, argv);
  if (!options.error.empty()) {
    std::fprintf(stderr, "backprop_lab: %s\n", options.error.c_str());
    return 2;
  }
  if (!glfwInit()) {
    std::fprintf(stderr, "backprop_lab: could not initialise GLFW (is there a display? try xvfb-run)\n");
    return 1;
  }
#ifdef __EMSCRIPTEN__
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
#else
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GL_TRUE);
#endif
  // Nothing is drawn with depth or stencil tests: without those buffers the browser has two
  // fewer full-screen buffers to clear every frame.
  glfwWindowHint(GLFW_DEPTH_BITS, 0);
  glfwWindowHint(GLFW_STENCIL_BITS, 0);
  MainLoop& loop = g_loop;
  loop.window = glfwCreateWindow(options.width, options.height, "Backprop Lab", nullptr, nullptr);
  if (!loop.window) {
    std::fprintf(stderr, "backprop_lab: could not create an OpenGL 3.3 window\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(loop.window);
  glfwSwapInterval(1);
  loop.drawing_buffer_kept = bp::DrawingBufferKept();

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // the layout is fixed; nothing to remember between runs
  // Every control is reachable with Tab and the arrows; app/keyboard.h says when the shortcuts have the keys.
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  ImGui_ImplGlfw_InitForOpenGL(loop.window, true);
#ifdef __EMSCRIPTEN__
  // Emscripten 3.1.6's GLFW hands on the browser's wheel deltas as they are: pixels (Chromium, about
  // 100 a notch) or lines (Firefox, 3 a notch), positive when the page would scroll down. ImGui wants
  // notches, positive up: unconverted, the wheel scrolled the panels the wrong way, a page at a time.
  glfwSetScrollCallback(loop.window, [](GLFWwindow* window, double dx, double dy) {
    auto notches = [](double delta) { return std::fabs(delta) >= 10.0 ? delta / 100.0 : delta / 3.0; };
    ImGui_ImplGlfw_ScrollCallback(window, -notches(dx), -notches(dy));
  });
#endif
  // Keys ImGui 1.86 has no name for. In the browser, Ctrl+= and Ctrl+- stay the browser's zoom
  // (which scales the app as well), so the app does not take them there.
#ifndef __EMSCRIPTEN__
  loop.state.access.key_font_larger = GLFW_KEY_EQUAL;
  loop.state.access.key_font_smaller = GLFW_KEY_MINUS;
  loop.state.access.key_font_reset = GLFW_KEY_0;
#endif
  loop.state.access.key_next_column = GLFW_KEY_F6;
  bp::InstallKeyEventQueue(loop.window, loop.state.access.key_next_column);
  std::string renderer_error;
  if (!bp::CreateImGuiRenderer(&renderer_error)) {
    std::fprintf(stderr, "backprop_lab: %s\n", renderer_error.c_str());
    return 1;
  }

  loop.state.pixel_ratio = bp::InitialPixelRatio(loop.window);
  loop.state.platform.render_boundary = bp::RenderBoundary;
  loop.state.platform.probe_boundary = bp::ProbeBoundary;
  loop.state.platform.render_neuron_atlas = bp::RenderNeuronAtlas;
  loop.state.platform.probe_neuron_atlas = bp::ProbeNeuronAtlas;
  bp::InitApp(loop.state);
  if (!options.lesson.empty()) {
    int index = bp::FindLesson(loop.state, options.lesson);
    if (index < 0) {
      loop.state.banner = "There is no lesson called '" + options.lesson + "'; showing the introduction.";
    } else {
      loop.state.pending_lesson = index;
    }
  }
  loop.frames_to_render = options.frames;
  loop.screenshot_path = options.screenshot;

#ifdef __EMSCRIPTEN__
  bp::InstallBrowserApi(&loop.state);
  bp::RunBrowserLoop(BrowserFrame);
#else
  while (!glfwWindowShouldClose(loop.window)) RunFrame(loop);
#endif

  bp::DestroyImGuiRenderer();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(loop.window);
  glfwTerminate();
  return loop.exit_code;
}
