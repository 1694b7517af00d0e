// Keyboard shortcuts, who gets the keys (shortcuts or ImGui's widget navigation), and the help
// overlay that lists every shortcut. The rule, also in docs/accessibility.md: shortcuts own the
// keys unless text is being typed, a widget has the keyboard focus (after Tab), or the help is open.
#pragma once

#include "app/session/app_state.h"
#include "app/session/display.h"
#include "app/widgets/keys.h"
#include "imgui.h"

namespace bp {

// The three columns' window names (F6 moves the focus between them).
constexpr const char* kLessonListWindow = "Lessons";
constexpr const char* kCanvasWindow = "Canvas";
constexpr const char* kExplanationWindow = "Explanation";

// Lesson next/previous, help, granularity, font size and column focus. Call first in the frame.
void HandleAppShortcuts(AppState& state);
// Gives the arrows, Space, Home/End and PageUp/PageDown to ImGui's navigation or takes them away
// for the next frame. Call last in the frame.
void RouteKeysForNextFrame(AppState& state);
// The "Keyboard shortcuts" modal, while state.access.help_open. Call after the windows.
void DrawKeyboardHelp(AppState& state);

}  // namespace bp
