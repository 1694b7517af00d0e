// A lesson as the app sees it: one row of the lesson table (id, title, and the functions that set the
// lesson up, advance, draw it, report its state and answer its commands), and the store that keeps
// each lesson's own state. The table itself is in app/lesson_registry.cpp; the shell hands it to
// AppState, so everything below the shell reaches the rows through the state, and a test can hand
// in a table of its own.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <typeindex>
#include <vector>

#include "app/session/json.h"

namespace bp {

struct AppState;

struct LessonInfo {
  const char* id;                  // stable, used in URLs and the JS API ("intro", "worked-example", ...)
  const char* title;               // shown in the lesson list
  void (*enter)(AppState& state);  // sets the lesson up when it is opened
  // Once per frame before drawing: applies the lesson's pending changes and advances its training
  // by a bounded amount (nullptr for lessons with nothing to advance).
  void (*update)(AppState& state);
  void (*draw_canvas)(AppState& state);  // the central canvas
  void (*draw_panel)(AppState& state);   // the side panel: story text, controls, the math
  // The lesson's key numbers for getState().lessonState (nullptr: null there).
  Json (*state_json)(const AppState& state);
  // The lesson's own commands: the answer, or "" for a command it does not know (nullptr: none).
  std::string (*command)(AppState& state, const std::string& command, const Json& request);
  // True when the lesson answers its commands whichever lesson is open (the playground's model is
  // kept in the state, so a course page can set it up before opening it).
  bool commands_from_any_lesson = false;
  // The lesson's settings command, whose request a link carries as `set=` (JSON): the lesson's
  // state_json gives that request as "linkSettings", and opening the link sends it back through
  // this command (nullptr: the lesson's settings are not in links).
  const char* link_command = nullptr;
};
using LessonTable = std::vector<LessonInfo>;

// Each lesson's own state, one value per type, made the first time a lesson asks for it. A lesson
// declares its state struct in its _state.h and reaches it as state.lesson_states.Get<MyState>().
class LessonStates {
 public:
  template <class T>
  T& Get() {
    return Find<T>();
  }
  template <class T>
  const T& Get() const {
    return Find<T>();
  }

 private:
  struct Slot {
    virtual ~Slot() = default;
  };
  template <class T>
  struct Holder : Slot {
    T value{};
  };
  // Made on first use, also through a const AppState (a lesson's getState part may be asked first).
  template <class T>
  T& Find() const {
    std::unique_ptr<Slot>& slot = slots_[std::type_index(typeid(T))];
    if (!slot) slot = std::make_unique<Holder<T>>();
    return static_cast<Holder<T>*>(slot.get())->value;
  }
  mutable std::map<std::type_index, std::unique_ptr<Slot>> slots_;
};

}  // namespace bp
