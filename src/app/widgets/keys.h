// Reading a shortcut key from a widget or a lesson. The rule (docs/accessibility.md): shortcuts own
// the keys unless text is being typed, a widget has the keyboard focus (after Tab), or the help is
// open. The shell (app/keyboard.h) saves the key map and routes the keys each frame.
#pragma once

#include "app/session/app_state.h"
#include "imgui.h"

namespace bp {

// The backend's key number for a named key: from the key map saved on the first frame, so it works
// while the key is taken away from ImGui's navigation.
int BackendKey(const AppState& state, ImGuiKey key);
// True while shortcuts own the keyboard this frame (see above).
bool ShortcutsOwnKeys(const AppState& state);
// A named key's press this frame, read through the saved key map (so it works while the key is
// taken away from ImGui's navigation). False when shortcuts do not own the keys.
bool ShortcutKeyPressed(const AppState& state, ImGuiKey key, bool repeat);

}  // namespace bp
