// Keyboard shortcuts and the help overlay (see keyboard.h). ImGui 1.86 lets its navigation read
// the arrows and Space whenever a window is focused; here they are lent to ImGui only while a
// widget has the keyboard focus, so → steps the stepper instead of moving an invisible focus.
#include "app/keyboard.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/link/embed.h"
#include "app/session/app_state.h"
#include "app/session/hide_lock.h"
#include "app/session/predict.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/widgets.h"
#include "imgui_internal.h"  // the focused window's name, for F6

namespace bp {

static_assert(ImGuiKey_COUNT <= kSavedKeyMapSize, "AccessibilityState::backend_key_map is too small");

namespace {
constexpr const char* kHelpTitle = "Keyboard shortcuts";
constexpr float kHelpWidthEm = 40.0f;  // the overlay's width in font heights, at most
// The keys the shortcuts use that ImGui's navigation would also act on.
constexpr ImGuiKey kRoutedKeys[] = {ImGuiKey_LeftArrow, ImGuiKey_RightArrow, ImGuiKey_UpArrow,
                                    ImGuiKey_DownArrow, ImGuiKey_PageUp,     ImGuiKey_PageDown,
                                    ImGuiKey_Home,      ImGuiKey_End,        ImGuiKey_Space};

void SaveKeyMap(AppState& state) {
  if (state.access.key_map_saved) return;
  const ImGuiIO& io = ImGui::GetIO();
  std::copy(io.KeyMap, io.KeyMap + ImGuiKey_COUNT, state.access.backend_key_map);
  state.access.key_map_saved = true;
}

// Moves the font scale to the next step up (+1) or down (-1) of kFontScaleStep.
void StepFontScale(AppState& state, int direction) {
  float steps = state.font_scale / kFontScaleStep;
  float next = direction > 0 ? std::floor(steps + 1e-3f) + 1.0f : std::ceil(steps - 1e-3f) - 1.0f;
  state.font_scale = std::clamp(next * kFontScaleStep, kMinFontScale, kMaxFontScale);
}

// F6 / Shift+F6: the keyboard focus moves to the next or previous column shown (a link may hide
// the lesson list or the panel). On a narrow canvas the panel is a drawer (app.cpp): moving to it
// opens it, and it takes the focus when drawn.
void FocusNextColumn(AppState& state, int direction) {
  std::vector<const char*> shown;
  if (!Hidden(state, "lessons")) shown.push_back(kLessonListWindow);
  shown.push_back(kCanvasWindow);
  if (!Hidden(state, "panel")) shown.push_back(kExplanationWindow);
  const int count = static_cast<int>(shown.size());
  const ImGuiWindow* focused = ImGui::GetCurrentContext()->NavWindow;
  int current = -1;
  for (int i = 0; i < count && focused; ++i) {
    if (std::string(focused->RootWindow->Name) == shown[i]) current = i;
  }
  const int next = current < 0 ? 0 : (current + direction + count) % count;
  if (shown[next] == kExplanationWindow && state.panel_is_drawer) {
    state.panel_open = true;
    state.focus_panel = true;
    return;
  }
  if (shown[next] == kLessonListWindow && state.list_is_drawer) {
    state.list_open = true;
    state.focus_list = true;
    return;
  }
  ImGui::SetWindowFocus(shown[next]);
}

void HandleCharacters(AppState& state) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;
  for (ImWchar c : io.InputQueueCharacters) {
    if (c == '?') {
      state.access.help_open = !state.access.help_open;
    } else if ((c == 'n' || c == 'N') && !state.access.help_open) {
      state.notation_open = !state.notation_open;
    } else if (c >= '1' && c <= '4' && ShortcutsOwnKeys(state) && !state.step.stations.empty()) {
      state.granularity = static_cast<Granularity>(c - '1');
    } else if ((c == 'p' || c == 'P') && ShortcutsOwnKeys(state) && !state.step.stations.empty()) {
      SetPredictMode(&state.step, !state.step.predict.on);
    } else if ((c == 'r' || c == 'R') && ShortcutsOwnKeys(state) && CurrentQuestion(state.step)) {
      RevealPrediction(&state.step, state.precision, state.time);
    }
  }
}

}  // namespace

void HandleAppShortcuts(AppState& state) {
  SaveKeyMap(state);
  const ImGuiIO& io = ImGui::GetIO();
  AccessibilityState& access = state.access;
  const bool escape = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false);
  // Esc closes a drawer (the panel's, the lesson list's) when it has the focus and no control does
  // (the first Esc leaves a control, as everywhere).
  const ImGuiWindow* focused = ImGui::GetCurrentContext()->NavWindow;
  const std::string focused_name = focused != nullptr ? focused->RootWindow->Name : "";
  if (escape && ShortcutsOwnKeys(state) && state.panel_is_drawer && state.panel_open &&
      focused_name == kExplanationWindow) {
    state.panel_open = false;
    ImGui::SetWindowFocus(kCanvasWindow);
  }
  if (escape && ShortcutsOwnKeys(state) && state.list_is_drawer && state.list_open &&
      focused_name == kLessonListWindow) {
    state.list_open = false;
    ImGui::SetWindowFocus(kCanvasWindow);
  }
  if (access.help_open && escape) access.help_open = false;
  if (state.notation_open && escape) state.notation_open = false;
  HandleCharacters(state);

  int lesson_count = static_cast<int>(Lessons(state).size());
  if (ShortcutKeyPressed(state, ImGuiKey_PageDown, false) && state.lesson + 1 < lesson_count) {
    state.pending_lesson = state.lesson + 1;
  }
  if (ShortcutKeyPressed(state, ImGuiKey_PageUp, false) && state.lesson > 0) state.pending_lesson = state.lesson - 1;

  if (io.WantTextInput) return;
  if (io.KeyCtrl && ImGui::IsKeyPressed(access.key_font_larger)) StepFontScale(state, +1);
  if (io.KeyCtrl && ImGui::IsKeyPressed(access.key_font_smaller)) StepFontScale(state, -1);
  if (io.KeyCtrl && ImGui::IsKeyPressed(access.key_font_reset, false)) state.font_scale = 1.0f;
  if (!access.help_open && ImGui::IsKeyPressed(access.key_next_column, false))
    FocusNextColumn(state, io.KeyShift ? -1 : +1);
}

void RouteKeysForNextFrame(AppState& state) {
  SaveKeyMap(state);
  ImGuiIO& io = ImGui::GetIO();
  bool shortcuts = ShortcutsOwnKeys(state);
  for (ImGuiKey key : kRoutedKeys) io.KeyMap[key] = shortcuts ? -1 : state.access.backend_key_map[key];
}

void DrawKeyboardHelp(AppState& state) {
  AccessibilityState& access = state.access;
  bool open = true;
  if (!BeginOverlay(kHelpTitle, access.help_open, kHelpWidthEm, &open)) {
    if (!open) access.help_open = false;
    return;
  }
  if (!open) access.help_open = false;
  // The words are content/en/shell.md's (docs/content.md).
  Say(state, "shell#shortcuts-intro");
  Say(state, "shell#shortcuts");
  ImGui::Spacing();
  bool close = ImGui::Button("Close (Esc)");
  ImGui::SetItemDefaultFocus();  // Tab and the arrows start from the button, not the table
  if (close || !access.help_open) {
    access.help_open = false;
    ImGui::CloseCurrentPopup();
    // Closing the overlay gives the keys back to the shortcuts, even if Tab had focused its button.
    ImGui::GetCurrentContext()->NavDisableHighlight = true;
  }
  ImGui::EndPopup();
}

}  // namespace bp
