// Reaching the lesson table through the state (see app_state.h).
#include "app/session/app_state.h"

namespace bp {

const LessonTable& Lessons(const AppState& state) {
  static const LessonTable kNoLessons;
  return state.lessons != nullptr ? *state.lessons : kNoLessons;
}

const LessonInfo* CurrentLesson(const AppState& state) {
  const LessonTable& lessons = Lessons(state);
  if (state.lesson < 0 || state.lesson >= static_cast<int>(lessons.size())) return nullptr;
  return &lessons[state.lesson];
}

int FindLesson(const AppState& state, const std::string& id) {
  const LessonTable& lessons = Lessons(state);
  for (size_t i = 0; i < lessons.size(); ++i) {
    if (id == lessons[i].id) return static_cast<int>(i);
  }
  return -1;
}

// Opening a lesson: the previous lesson's stepper does not carry over, and the new lesson sets up
// what it uses.
bool ScenarioShown(const AppState& state) {
  const LessonInfo* lesson = CurrentLesson(state);
  return state.scenario.active && lesson != nullptr && state.scenario.lesson == lesson->id;
}

void LeaveScenario(AppState& state) {
  state.scenario = ScenarioState();
  state.quiz.checked_at = -1.0;
}

void ApplyPendingChanges(AppState& state) {
  if (state.pending_lesson >= 0) {
    const LessonTable& lessons = Lessons(state);
    if (state.pending_lesson < static_cast<int>(lessons.size())) {
      // Another lesson leaves the open scenario (its setup belongs to its own lesson).
      if (state.scenario.active && state.scenario.lesson != lessons[state.pending_lesson].id) LeaveScenario(state);
      state.lesson = state.pending_lesson;
      // Each lesson sets up what it uses; nothing of the previous lesson's stepper carries over.
      state.step = StepSession();
      state.playing = false;
      state.selected = Selection();
      lessons[state.lesson].enter(state);
    }
    state.pending_lesson = -1;
  }
}

}  // namespace bp
