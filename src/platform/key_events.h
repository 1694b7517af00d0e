// A small key-event queue in front of ImGui's GLFW key callback. ImGui 1.86 samples the key state
// once per frame, so a key pressed and released between two frames (a quick tap, or a test's
// keyboard.press) was never seen down, and a release and the next press of a key between two
// frames looked like a key held down. The queue replays such events over the following frames: a
// tap is down for one frame and up for the next, and none is lost.
#pragma once

struct GLFWwindow;

namespace bp {

// Call after ImGui_ImplGlfw_InitForOpenGL(window, true): chains in front of ImGui's key callback.
void InstallKeyEventQueue(GLFWwindow* window);
// Call once after each frame: hands the held events on (at most one change of each key per frame).
void DeliverHeldKeyEvents();

}  // namespace bp
