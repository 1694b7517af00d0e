// Browser glue (the web build) and its desktop stand-ins: canvas size and pixel ratio, the
// first-frame signal, the JS API entry point and the main loop hand-off.
#pragma once

#include <string>

#include "app/session/app_state.h"

struct GLFWwindow;

namespace bp {

// Device pixels per CSS pixel in the browser, the monitor's content scale on the desktop.
float InitialPixelRatio(GLFWwindow* window);
// Browser: keeps the canvas backing store at CSS size × devicePixelRatio (crisp text on HiDPI).
// Desktop: follows the window's content scale. Writes the framebuffer size in pixels.
void SyncCanvasSize(GLFWwindow* window, AppState* state, int* width, int* height);
// Whether the canvas keeps its picture between frames (web/backprop-lab.js asks for WebGL's
// preserveDrawingBuffer), so that a frame may draw only what changed; false on the desktop.
bool DrawingBufferKept();
// Whether the last pointer event came from a finger (web/backprop-lab.js forwards touches as
// mouse events and says so); false on the desktop.
bool PointerIsFinger();
// Resolves window.backpropLab.ready in the browser; nothing on the desktop.
void NotifyFirstFrame();
// Makes the state reachable from the exported bp_api() function (browser only).
void InstallBrowserApi(AppState* state);
// Puts a sentence into the page's aria-live region (web/backprop-lab.js); nothing on the desktop.
void AnnounceToScreenReader(const std::string& text);
// After the frame is drawn, before the swap: saves the exports the learner asked for
// (state->files, app/network_io.h). Browser: each file becomes a download through web/files.js,
// the canvas PNG read back from this frame. Desktop: written into the current directory, with a
// banner saying where. Clears the requests.
void SaveRequestedFiles(AppState* state, int width, int height);
// Hands the frame function to the browser's requestAnimationFrame loop (does not return).
void RunBrowserLoop(void (*frame)());

}  // namespace bp
