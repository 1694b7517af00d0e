// The lesson table as the app's logic sees it: a table of two made-up lessons handed to an AppState,
// then opened, asked for its state and sent commands through the JSON API (api/api.cpp), with no
// ImGui and no window. What is checked: lessons are found by their exact id, opening one runs its
// enter function, getState's lessonState is the open lesson's, and a command reaches the open
// lesson first, then a lesson whose commands work from anywhere, and is refused when none knows it.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <string>

#include "app/api/api.h"
#include "app/session/app_state.h"

namespace bp {
namespace {

// Each made-up lesson keeps a counter as its own state.
struct CounterState {
  int entered = 0;
  int value = 0;
};
struct OtherState {
  int pings = 0;
};

void NoDraw(AppState&) {}
void CounterEnter(AppState& state) { state.lesson_states.Get<CounterState>().entered += 1; }
Json CounterJson(const AppState& state) { return Json{{"value", state.lesson_states.Get<CounterState>().value}}; }
std::string CounterCommand(AppState& state, const std::string& command, const Json&) {
  if (command != "bump" && command != "shared") return "";
  state.lesson_states.Get<CounterState>().value += 1;
  return Json{{"ok", true}, {"by", "counter"}}.dump();
}
void OtherEnter(AppState&) {}
std::string OtherCommand(AppState& state, const std::string& command, const Json&) {
  if (command != "ping" && command != "shared") return "";
  state.lesson_states.Get<OtherState>().pings += 1;
  return Json{{"ok", true}, {"by", "other"}}.dump();
}

const LessonTable& TestTable() {
  static const LessonTable kTable = {
      {"counter", "A counter", CounterEnter, nullptr, NoDraw, NoDraw, CounterJson, CounterCommand},
      {"other", "Another", OtherEnter, nullptr, NoDraw, NoDraw, nullptr, OtherCommand, true},
  };
  return kTable;
}

using test::Send;

TEST_CASE("lessons are found by their exact id") {
  AppState state;
  CHECK(FindLesson(state, "counter") == -1);  // no table handed in yet: no lessons
  CHECK(Lessons(state).empty());
  state.lessons = &TestTable();
  CHECK(FindLesson(state, "counter") == 0);
  CHECK(FindLesson(state, "other") == 1);
  CHECK(FindLesson(state, "Counter") == -1);
  CHECK(FindLesson(state, std::string("counter\0x", 9)) == -1);  // a NUL and more is another id
  CHECK(FindLesson(state, "") == -1);
}

TEST_CASE("opening a lesson runs its enter function once and resets the stepper's selection") {
  AppState state;
  state.lessons = &TestTable();
  state.lesson = 1;
  state.selected.kind = Selection::Kind::kNeuron;
  Json answer = Send(state, {{"cmd", "openLesson"}, {"id", "counter"}});
  CHECK(answer["ok"] == true);
  CHECK(state.lesson == 0);
  CHECK(state.lesson_states.Get<CounterState>().entered == 1);
  CHECK(state.selected.kind == Selection::Kind::kNone);
  CHECK(answer["state"]["lesson"]["id"] == "counter");
  CHECK(answer["state"]["lessons"] == Json::array({"counter", "other"}));

  Json refused = Send(state, {{"cmd", "openLesson"}, {"id", "nowhere"}});
  CHECK(refused["ok"] == false);
  CHECK(refused["error"] == "there is no lesson with id 'nowhere'");
  CHECK(state.lesson == 0);
  CHECK(state.lesson_states.Get<CounterState>().entered == 1);
}

TEST_CASE("getState's lessonState is the open lesson's, and null for a lesson without one") {
  AppState state;
  state.lessons = &TestTable();
  state.lesson_states.Get<CounterState>().value = 41;
  CHECK(Send(state, {{"cmd", "getState"}})["state"]["lessonState"] == Json{{"value", 41}});
  state.lesson = 1;
  CHECK(Send(state, {{"cmd", "getState"}})["state"]["lessonState"].is_null());
}

TEST_CASE("a command reaches the open lesson first, then lessons whose commands work from anywhere") {
  AppState state;
  state.lessons = &TestTable();
  state.lesson = 0;
  // Both lessons know "shared": the open one answers.
  CHECK(Send(state, {{"cmd", "shared"}})["by"] == "counter");
  // Only the other lesson knows "ping", and its commands work from any lesson.
  CHECK(Send(state, {{"cmd", "ping"}})["by"] == "other");
  CHECK(state.lesson_states.Get<OtherState>().pings == 1);
  // With the other lesson open, "bump" (the counter's alone) is not reachable: the counter's
  // commands work only while it is open.
  state.lesson = 1;
  Json refused = Send(state, {{"cmd", "bump"}});
  CHECK(refused["ok"] == false);
  CHECK(refused["error"] == "unknown command 'bump'");
  CHECK(state.lesson_states.Get<CounterState>().value == 1);
  CHECK(Send(state, {{"cmd", "shared"}})["by"] == "other");
}

TEST_CASE("each lesson's state is kept apart and made once") {
  AppState state;
  CounterState& first = state.lesson_states.Get<CounterState>();
  first.value = 7;
  state.lesson_states.Get<OtherState>().pings = 3;
  CHECK(&state.lesson_states.Get<CounterState>() == &first);
  CHECK(state.lesson_states.Get<CounterState>().value == 7);
  const AppState& read_only = state;
  CHECK(read_only.lesson_states.Get<OtherState>().pings == 3);
  AppState other;
  CHECK(other.lesson_states.Get<CounterState>().value == 0);
}

}  // namespace
}  // namespace bp
