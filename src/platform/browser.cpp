// Browser glue: the only platform file that talks to Emscripten. The desktop build gets plain
// stand-ins so the main loop reads the same in both.
#include "platform/browser.h"

#include <GLFW/glfw3.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/api/api.h"
#include "platform/screenshot.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#include <malloc.h>
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

namespace {
// Links and embedding (app/embed.h): web/backprop-lab.js copies text to the clipboard (or shows it
// to copy by hand) and forwards lesson and step changes to a host page.
void CopyTextInPage(const std::string& text, const std::string& what) {
  EM_ASM(
      {
        if (Module.onCopyRequest) Module.onCopyRequest(UTF8ToString($0), UTF8ToString($1));
      },
      text.c_str(), what.c_str());
}

void TellPagePanelLayout(const char* layout, bool embedded) {
  EM_ASM(
      {
        if (Module.onPanelLayout) Module.onPanelLayout(UTF8ToString($0), !!$1);
      },
      layout, embedded);
}

// A link in the lesson text to an https:// page, clicked by the learner: a new tab, with no access
// back to this page.
void OpenUrlInPage(const std::string& url) {
  EM_ASM(
      {
        const url = UTF8ToString($0);
        if (url.startsWith('https://')) window.open(url, '_blank', 'noopener,noreferrer');
      },
      url.c_str());
}

// Progress (app/session/progress.h): web/backprop-lab.js keeps it in localStorage (only where the page
// allows it too) and passes events on to an allowed host page.
std::string LoadProgressFromPage() {
  const char* text = emscripten_run_script_string(
      "(Module.onProgressLoad && String(Module.onProgressLoad() || '').slice(0, 1048576)) || ''");
  return text ? std::string(text) : std::string();
}

void SaveProgressInPage(const std::string& json) {
  EM_ASM(
      {
        if (Module.onProgressSave) Module.onProgressSave(UTF8ToString($0));
      },
      json.c_str());
}

void TellPageProgress(const char* kind, const std::string& json) {
  EM_ASM(
      {
        if (Module.onProgressEvent) Module.onProgressEvent(UTF8ToString($0), UTF8ToString($1));
      },
      kind, json.c_str());
}

void TellPageViewChanged(const char* event) {
  EM_ASM(
      {
        if (Module.onViewChange) Module.onViewChange(UTF8ToString($0));
      },
      event);
}
}  // namespace

void InstallBrowserApi(AppState* state) {
  g_api_state = state;
  state->platform.copy_text = CopyTextInPage;
  state->platform.view_changed = TellPageViewChanged;
  state->platform.open_url = OpenUrlInPage;
  state->platform.panel_layout_changed = TellPagePanelLayout;
  state->platform.load_progress = LoadProgressFromPage;
  state->platform.save_progress = SaveProgressInPage;
  state->platform.progress_event = TellPageProgress;
  const char* page_url = emscripten_run_script_string("String(location.href).split('#')[0]");
  if (page_url) state->page_url = page_url;
  state->files.can_drop_files = true;
}

namespace {
// Hands bytes to web/files.js, which offers them as a download (a Blob and an <a download>).
void OfferDownload(const std::string& filename, const std::string& mime, const std::string& bytes) {
  EM_ASM(
      {
        var bytes = HEAPU8.slice($2, $2 + $3);
        if (window.backpropLabFiles) window.backpropLabFiles.download(UTF8ToString($0), UTF8ToString($1), bytes);
      },
      filename.c_str(), mime.c_str(), bytes.data(), bytes.size());
}
}  // namespace

void SaveRequestedFiles(AppState* state, int width, int height) {
  ExportImportState& files = state->files;
  if (files.save_canvas_png) {
    // The screenshot code writes into the in-memory file system; the bytes go on as a download.
    const char* path = "/tmp/backprop-lab-canvas.png";
    std::string error = SaveFramebufferPng(path, width, height);
    if (error.empty()) {
      std::ifstream in(path, std::ios::binary);
      std::string png((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      std::remove(path);
      files.downloads.push_back(FileToSave{"backprop-lab-canvas.png", "image/png", png});
    } else {
      files.message = "The canvas could not be saved: " + error;
      files.message_is_error = true;
    }
    files.save_canvas_png = false;
  }
  for (const FileToSave& file : files.downloads) OfferDownload(file.filename, file.mime, file.contents);
  files.downloads.clear();
}

void AnnounceToScreenReader(const std::string& text) {
  EM_ASM(
      {
        if (Module.onAnnounce) Module.onAnnounce(UTF8ToString($0));
      },
      text.c_str());
}

bool DrawingBufferKept() {
  return EM_ASM_INT({
           var attributes = Module.ctx && Module.ctx.getContextAttributes ? Module.ctx.getContextAttributes() : null;
           return attributes && attributes.preserveDrawingBuffer ? 1 : 0;
         }) != 0;
}

bool PointerIsFinger() {
  return EM_ASM_INT({ return Module.pointerIsFinger ? 1 : 0; }) != 0;
}

void RunBrowserLoop(void (*frame)()) { emscripten_set_main_loop(frame, 0, true); }

}  // namespace bp

// Called from web/backprop-lab.js: one JSON request in, one JSON answer out (see docs/embedding.md).
extern "C" EMSCRIPTEN_KEEPALIVE const char* bp_api(const char* request) {
  if (!bp::g_api_state) return "{\"ok\":false,\"error\":\"the app is not running yet\"}";
  // The heap as the soak test reads it ("getMemory"): the wasm memory's size and malloc's bytes in use.
  bp::g_api_state->files.heap_bytes = static_cast<size_t>(__builtin_wasm_memory_size(0)) * 65536u;
  bp::g_api_state->files.heap_in_use_bytes = static_cast<size_t>(mallinfo().uordblks);
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

bool DrawingBufferKept() { return false; }

bool PointerIsFinger() { return false; }

void NotifyFirstFrame() {}

void InstallBrowserApi(AppState*) {}

void SaveRequestedFiles(AppState* state, int width, int height) {
  ExportImportState& files = state->files;
  std::error_code ignored;
  const std::string folder = std::filesystem::current_path(ignored).string();
  std::string saved, failed;
  if (files.save_canvas_png) {
    files.save_canvas_png = false;
    std::string error = SaveFramebufferPng("backprop-lab-canvas.png", width, height);
    if (error.empty()) saved += " backprop-lab-canvas.png";
    if (!error.empty()) failed += " " + error;
  }
  for (const FileToSave& file : files.downloads) {
    std::ofstream out(file.filename, std::ios::binary);
    out.write(file.contents.data(), static_cast<std::streamsize>(file.contents.size()));
    if (out) saved += " " + file.filename;
    if (!out) failed += " could not write " + file.filename;
  }
  files.downloads.clear();
  if (!saved.empty()) state->banner = "Saved" + saved + " in " + folder + ".";
  if (!failed.empty()) state->banner = "Not saved:" + failed + ".";
}

void AnnounceToScreenReader(const std::string&) {}

void RunBrowserLoop(void (*)()) {}

}  // namespace bp

#endif
