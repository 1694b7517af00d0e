// Keyboard, help-overlay and screen-reader state (AppState::access). Plain data: keyboard.cpp
// fills it each frame; the platform reads `announcement` after each frame and hands it to the
// page's aria-live region (see docs/accessibility.md).
#pragma once

#include <cstdint>
#include <string>

namespace bp {

// Room for ImGui 1.86's ImGuiKey_COUNT entries (checked in keyboard.cpp).
constexpr int kSavedKeyMapSize = 32;

struct AccessibilityState {
  bool help_open = false;  // the keyboard-shortcuts overlay

  // The sentence a screen reader should say now: the current step in words, or the lesson title
  // after a lesson change. The serial grows with every new sentence, so the platform can tell a
  // repeated sentence from an old one.
  std::string announcement;
  uint64_t announcement_serial = 0;
  int announced_lesson = -1;
  std::string announced_station;
  std::string announced_predict;  // predict mode's verdict and question, when on
  bool announced_notation = false;  // the notation card's words were given when it opened

  // The backend's key numbers for ImGui's named keys, saved on the first frame. While shortcuts own
  // the keyboard, the arrows, Space, Home/End and PageUp/PageDown are taken out of io.KeyMap so
  // ImGui's navigation does not also act on them; the shortcuts read them through this copy.
  int backend_key_map[kSavedKeyMapSize] = {};
  bool key_map_saved = false;

  // Keys ImGui has no name for, set by the platform (-1: not offered there). In the browser,
  // Ctrl+= and Ctrl+- stay the browser's zoom, which scales the app too.
  int key_font_larger = -1;   // with Ctrl
  int key_font_smaller = -1;  // with Ctrl
  int key_font_reset = -1;    // with Ctrl
  int key_next_column = -1;   // F6; Shift+F6 goes back

  // The font-size slider shows its value while dragged and applies it on release (fonts are rebuilt
  // when the scale changes, which is too slow to do on every frame of a drag).
  int font_slider_percent = 100;
  bool font_slider_active = false;
};

}  // namespace bp
