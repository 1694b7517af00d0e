// What the app asks of the platform, as one struct of callbacks (hello_imgui's runner callbacks are
// the model): the GPU's boundary images, the clipboard, and the page's events. The platform layer
// fills AppState::platform before the first frame (src/platform/main.cpp, browser.cpp); a callback
// left empty (a unit test, a build without a GPU) makes the app say in words that it has no such
// thing, never crash. Files to save go the other way, as data (AppState::files.downloads).
#pragma once

#include <string>
#include <vector>

#include "app/session/boundary.h"
#include "core/result.h"

namespace bp {

struct PlatformCallbacks {
  // The decision boundary and neuron images (session/boundary.h).
  Result<TextureHandle> (*render_boundary)(int slot, const BoundaryRequest& request) = nullptr;
  Result<BoundaryProbe> (*probe_boundary)(const BoundaryRequest& request) = nullptr;
  Result<NeuronAtlas> (*render_neuron_atlas)(const BoundaryRequest& request,
                                             const std::vector<ValueRange>& layer_ranges) = nullptr;
  Result<BoundaryProbe> (*probe_neuron_atlas)(const BoundaryRequest& request) = nullptr;
  // Copies a text for the learner (`what`: "link", "embed code"); empty: the shell uses ImGui's
  // clipboard.
  void (*copy_text)(const std::string& text, const std::string& what) = nullptr;
  // Opens an https:// page the learner clicked in the lesson text (a new tab in the browser).
  void (*open_url)(const std::string& url) = nullptr;
  // Tells the page that the lesson or the step changed ("lesson" / "step").
  void (*view_changed)(const char* event) = nullptr;
  // Tells the page where the side panel is now, so its own controls make room for the drawer.
  void (*panel_layout_changed)(const char* layout, bool embedded) = nullptr;
  // The learner's progress (session/progress.h): the stored text ("" when none), and storing it.
  // The app calls these only when it may keep progress (not embedded without progress=1). Empty: the
  // progress lasts as long as the app runs (the desktop build).
  std::string (*load_progress)() = nullptr;
  void (*save_progress)(const std::string& json) = nullptr;
  // Tells the page about an answer, a goal met or the progress ("answer", "goal", "progress"), with
  // its detail as JSON; the page passes it on to an allowed host page only.
  void (*progress_event)(const char* kind, const std::string& json) = nullptr;
};

// The sentence a request gets when the platform has no GPU renderer.
constexpr const char* kNoRenderer = "this build has no GPU renderer for the boundary";

}  // namespace bp
