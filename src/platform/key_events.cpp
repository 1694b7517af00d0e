// The key-event queue (see key_events.h). Events arrive between frames (the browser) or during
// glfwPollEvents (the desktop). ImGui sees a key's state once per frame, so each key may change
// (press or release) at most once between two frames: a second change waits for the next frame,
// and so does every later event of that key, to keep each key's events in order.
#include "platform/key_events.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <vector>

namespace bp {

namespace {
constexpr size_t kMaxHeldEvents = 256;  // a stalled page (hidden tab) must not grow the queue forever

struct KeyEvent {
  GLFWwindow* window;
  int key, scancode, action, mods;
};

struct KeyEventQueue {
  GLFWkeyfun imgui_callback = nullptr;  // ImGui's callback, which we chain in front of
  std::vector<KeyEvent> held;           // waiting for the next frame, in arrival order
  std::vector<int> changed_this_frame;  // keys pressed or released since the last frame
  int focus_key = -1;
  bool focus_moved_this_frame = false;  // the focus key went down since the last frame
};
KeyEventQueue g_queue;  // GLFW callbacks are plain functions: the queue has to be reachable from them

void Deliver(const KeyEvent& event) {
  if (g_queue.imgui_callback) g_queue.imgui_callback(event.window, event.key, event.scancode, event.action, event.mods);
}

bool Contains(const std::vector<int>& keys, int key) { return std::find(keys.begin(), keys.end(), key) != keys.end(); }

void Offer(const KeyEvent& event) {
  bool key_is_held = std::any_of(g_queue.held.begin(), g_queue.held.end(),
                                 [&](const KeyEvent& held) { return held.key == event.key; });
  bool changes_twice = event.action != GLFW_REPEAT && Contains(g_queue.changed_this_frame, event.key);
  bool after_focus_move = g_queue.focus_moved_this_frame && event.key != g_queue.focus_key;
  if (key_is_held || changes_twice || after_focus_move) {
    if (g_queue.held.size() < kMaxHeldEvents) {
      g_queue.held.push_back(event);
      return;
    }
    // Full: hand everything on in order rather than drop events (a tap may merge, no key sticks).
    for (const KeyEvent& held : g_queue.held) Deliver(held);
    g_queue.held.clear();
  }
  if (event.action != GLFW_REPEAT) g_queue.changed_this_frame.push_back(event.key);
  if (event.action == GLFW_PRESS && event.key == g_queue.focus_key) g_queue.focus_moved_this_frame = true;
  Deliver(event);
}

void OnKey(GLFWwindow* window, int key, int scancode, int action, int mods) {
  Offer(KeyEvent{window, key, scancode, action, mods});
}
}  // namespace

void InstallKeyEventQueue(GLFWwindow* window, int focus_key) {
  g_queue.focus_key = focus_key;
  g_queue.imgui_callback = glfwSetKeyCallback(window, OnKey);
}

void DeliverHeldKeyEvents() {
  g_queue.changed_this_frame.clear();
  g_queue.focus_moved_this_frame = false;
  std::vector<KeyEvent> held;
  held.swap(g_queue.held);
  for (const KeyEvent& event : held) Offer(event);
}

}  // namespace bp
