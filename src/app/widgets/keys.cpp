// Reading a shortcut key (see keys.h).
#include "app/widgets/keys.h"

namespace bp {

int BackendKey(const AppState& state, ImGuiKey key) {
  return state.access.key_map_saved ? state.access.backend_key_map[key] : ImGui::GetIO().KeyMap[key];
}

bool ShortcutsOwnKeys(const AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  return !io.WantTextInput && !io.NavVisible && !state.access.help_open;
}

bool ShortcutKeyPressed(const AppState& state, ImGuiKey key, bool repeat) {
  return ShortcutsOwnKeys(state) && ImGui::IsKeyPressed(BackendKey(state, key), repeat);
}

}  // namespace bp
