// A small key-event queue in front of ImGui's GLFW key callback. ImGui 1.86 samples the key state
// once per frame, so a key pressed and released between two frames (a quick tap, or a test's
// keyboard.press) was never seen down, and a release and the next press of a key between two
// frames looked like a key held down. The queue replays such events over the following frames: a
// tap is down for one frame and up for the next, and none is lost. A key that moves the keyboard
// focus to another column (F6) ends its frame's keys: ImGui reads Tab and the arrows at the start
// of a frame and the app moves the focus during it, so keys after F6 wait for the next frame,
// where they reach the column F6 focused, as they do when a person types them.
#pragma once

struct GLFWwindow;

namespace bp {

// Call after ImGui_ImplGlfw_InitForOpenGL(window, true): chains in front of ImGui's key callback.
// `focus_key` is the key that moves the focus between columns (AccessibilityState::key_next_column).
void InstallKeyEventQueue(GLFWwindow* window, int focus_key);
// Call once after each frame: hands the held events on (at most one change of each key per frame).
void DeliverHeldKeyEvents();

}  // namespace bp
