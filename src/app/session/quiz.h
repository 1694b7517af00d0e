// The questions and goals of the open lesson, answered and ticked (#16): the logic behind the
// question widget (widgets/question_view.h) and the API, without drawing. A lesson's questions come
// from its content file (session/questions.h); progress is kept as session/progress.h says.
#pragma once

#include <string>

#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/json.h"
#include "app/session/questions.h"

namespace bp {

// The questions and goals of lesson `lesson` in `language` (English when the language has none), read
// once per file.
const LessonQuestions& LessonQuiz(const std::string& language, const std::string& lesson);
// The questions and goals shown now: the open scenario's (session/scenario_state.h) in its lesson,
// else the open lesson's.
const LessonQuestions& OpenQuiz(const AppState& state);
const Question* FindQuestion(const AppState& state, const std::string& key);

// Answers a question of the open lesson. A choice question is answered at once; an experiment's
// choice waits for its run; a number is typed text (ParseUserNumber's rules). Refusals (an unknown
// key, a choice out of range, text that is not a number) change nothing.
Status AnswerChoice(AppState& state, const std::string& key, int choice);
Status AnswerNumber(AppState& state, const std::string& key, const std::string& typed);
// Forgets one answer, to answer again.
void ResetAnswer(AppState& state, const std::string& key);

// Checks the open lesson's goals and waiting experiments against `context` (the lesson's state as
// the API gives it, with `step`): a goal whose condition holds is met (and stays met); an experiment
// whose run condition holds is answered. A condition naming an unknown field is kept in
// state.quiz.errors (shown in the lesson and in getState) instead.
void UpdateQuiz(AppState& state, const Json& context);
// The context's values as {field} placeholders for the explanations ("epochs", "wide.testLoss").
ContentVars ContextVars(const Json& context, int precision);

// Whether progress may be kept in the browser: always, except embedded without `progress=1`.
bool ProgressKept(const AppState& state);
// Reads stored progress (the platform's text); a damaged or older value is ignored with a notice.
void LoadProgress(AppState& state, const std::string& stored);
void ForgetProgress(AppState& state);
// One lesson's progress: how many questions it has, answered and right, goals and met.
struct LessonProgress {
  int questions = 0, answered = 0, right = 0, goals = 0, met = 0;
};
LessonProgress CountProgress(const AppState& state, const std::string& lesson);
// The lesson list's mark: "✓" when every question is answered and every goal met, "answered/questions"
// once something is done, "" before.
std::string ProgressMark(const LessonProgress& progress);
// The current verdict in words for the screen-reader mirror, once per answer ("" when nothing new).
std::string TakeQuizAnnouncement(AppState& state);
// Per lesson: questions, answered, right, goals, met.
Json ProgressSummaryJson(const AppState& state);
// The open lesson's questions and goals with their state, for getState().quiz.
Json QuizJson(const AppState& state);

}  // namespace bp
