// Files going out and coming in: what the learner asked to save this frame (the platform saves it),
// and the export/import section's state. Plain data, kept in AppState; io/network_io.h fills it.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace bp {

// A network file larger than this is refused before it is parsed (the largest network the app
// holds, 9 layers of 16 neurons, is about 60 KB).
constexpr size_t kMaxNetworkFileBytes = 1024 * 1024;

// A file the learner asked for this frame. The platform saves it after the frame (a browser
// download, or a file in the current directory on the desktop) and clears the list.
struct FileToSave {
  std::string filename;
  std::string mime;
  std::string contents;
};

// The export/import section's state, kept in AppState.
struct ExportImportState {
  std::vector<FileToSave> downloads;  // taken by the platform after the frame
  bool save_canvas_png = false;       // the platform reads the frame back once it is drawn
  std::string paste_text;             // the import box
  std::string message;                // what the last export or import did, or why it was refused
  bool message_is_error = false;
  bool can_drop_files = false;  // the browser page takes dropped files (web/files.js)
  int export_epochs = 5;        // the playground's "Training as Python" exports this many epochs
  // The wasm heap, measured by the platform before each API call (browser only; 0 on the desktop):
  // the memory's size and the bytes malloc has handed out. For the soak test ("getMemory").
  size_t heap_bytes = 0;
  size_t heap_in_use_bytes = 0;
};

}  // namespace bp
