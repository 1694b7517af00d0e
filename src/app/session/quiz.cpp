// Answering questions, ticking goals, keeping progress (see quiz.h).
#include "app/session/quiz.h"

#include <map>
#include <utility>

#include "app/session/format.h"
#include "app/session/predict.h"

namespace bp {

namespace {
std::string LessonId(const AppState& state) {
  const LessonInfo* lesson = CurrentLesson(state);
  return lesson ? lesson->id : "";
}

void Changed(AppState& state) { ++state.quiz.progress.changed; }

void Event(AppState& state, const char* kind, const Json& detail) {
  state.quiz.progress.events.push_back({kind, Dump(detail)});
}

// The answer event, then the lesson's progress.
void Answered(AppState& state, const Question& q, const QuestionProgress& answer) {
  // For the screen-reader mirror: the verdict and the explanation.
  const ContentVars vars = ContextVars(state.quiz.context, state.precision);
  std::string said = ContentText(state.language, answer.right ? "predict#quiz-right" : "predict#quiz-wrong") + " ";
  said += answer.choice >= 0 ? PlainText(q.choices[answer.choice].explanation, vars) : PlainText(q.why, vars);
  state.quiz.announce = q.title + " " + said;
  Json detail = {{"lesson", LessonId(state)}, {"key", q.key}, {"kind", QuestionKindName(q.kind)},
                 {"question", q.title}, {"right", answer.right}};
  if (answer.choice >= 0) {
    detail["choice"] = answer.choice;
    detail["answer"] = q.choices[answer.choice].text;
  } else {
    detail["value"] = NumberOrNull(answer.value);
  }
  Event(state, "answer", detail);
  Event(state, "progress", Json{{"lessons", ProgressSummaryJson(state)}});
  Changed(state);
}

void Flatten(const Json& json, const std::string& prefix, int precision, ContentVars* vars) {
  for (const auto& [name, value] : json.items()) {
    const std::string key = prefix.empty() ? name : prefix + "." + name;
    if (value.is_object()) {
      Flatten(value, key, precision, vars);
    } else if (value.is_number()) {
      vars->push_back({key, Num(value.get<double>(), precision)});
    } else if (value.is_boolean()) {
      vars->push_back({key, value.get<bool>() ? "true" : "false"});
    } else if (value.is_string()) {
      vars->push_back({key, value.get<std::string>()});
    }
  }
}
}  // namespace

const LessonQuestions& LessonQuiz(const std::string& language, const std::string& lesson) {
  static std::map<const ContentDoc*, LessonQuestions> cache;
  static const LessonQuestions empty;
  const ContentDoc* doc = Content().Doc(language, lesson);
  if (doc == nullptr) return empty;
  auto found = cache.find(doc);
  if (found == cache.end()) found = cache.emplace(doc, ReadQuestions(*doc, lesson)).first;
  return found->second;
}

const LessonQuestions& OpenQuiz(const AppState& state) {
  if (ScenarioShown(state)) return state.scenario.quiz;
  return LessonQuiz(state.language, LessonId(state));
}

const Question* FindQuestion(const AppState& state, const std::string& key) {
  for (const Question& q : OpenQuiz(state).questions) {
    if (q.key == key) return &q;
  }
  return nullptr;
}

Status AnswerChoice(AppState& state, const std::string& key, int choice) {
  const Question* q = FindQuestion(state, key);
  if (q == nullptr) return Status::Error("the open lesson has no question '" + Printable(key) + "'");
  if (q->kind == QuestionKind::kNumber) return Status::Error("'" + Printable(key) + "' asks for a number, not a choice");
  if (choice < 0 || choice >= static_cast<int>(q->choices.size()))
    return Status::Error("'" + Printable(key) + "' has choices 0 to " + std::to_string(q->choices.size() - 1));
  QuestionProgress& answer = state.quiz.progress.questions[key];
  answer = QuestionProgress();
  answer.choice = choice;
  answer.right = q->choices[choice].right;
  if (q->kind == QuestionKind::kExperiment) {
    answer.waiting = true;  // the verdict waits for the run (UpdateQuiz)
    Changed(state);
    state.quiz.checked_at = -1.0;  // check at once: the run may have happened already
    return Status::Ok();
  }
  answer.answered = true;
  Answered(state, *q, answer);
  return Status::Ok();
}

Status AnswerNumber(AppState& state, const std::string& key, const std::string& typed) {
  const Question* q = FindQuestion(state, key);
  if (q == nullptr) return Status::Error("the open lesson has no question '" + Printable(key) + "'");
  if (q->kind != QuestionKind::kNumber) return Status::Error("'" + Printable(key) + "' asks for a choice, not a number");
  Result<double> value = ParsePrediction(typed, "your answer");
  if (!value.ok()) return Status::Error(value.error());
  QuestionProgress& answer = state.quiz.progress.questions[key];
  answer = QuestionProgress();
  answer.value = value.value();
  answer.right = NumberAnswerRight(*q, value.value());
  answer.answered = true;
  Answered(state, *q, answer);
  return Status::Ok();
}

void ResetAnswer(AppState& state, const std::string& key) {
  if (state.quiz.progress.questions.erase(key) > 0) Changed(state);
  state.quiz.typed.erase(key);
}

void UpdateQuiz(AppState& state, const Json& context) {
  state.quiz.context = context;
  const LessonQuestions& quiz = OpenQuiz(state);
  for (const Goal& goal : quiz.goals) {
    Result<bool> met = EvaluateCondition(goal.check, context);
    if (!met.ok()) {
      state.quiz.errors[goal.key] = met.error();
      continue;
    }
    state.quiz.errors.erase(goal.key);
    bool& was = state.quiz.progress.goals[goal.key];
    if (met.value() && !was) {
      was = true;
      Event(state, "goal", Json{{"lesson", LessonId(state)}, {"key", goal.key}, {"goal", goal.title}});
      Event(state, "progress", Json{{"lessons", ProgressSummaryJson(state)}});
      Changed(state);
    }
  }
  for (const Question& q : quiz.questions) {
    if (q.kind != QuestionKind::kExperiment) continue;
    Result<bool> ran = EvaluateCondition(q.run, context);
    if (!ran.ok()) {
      state.quiz.errors[q.key] = ran.error();
      continue;
    }
    state.quiz.errors.erase(q.key);
    auto found = state.quiz.progress.questions.find(q.key);
    if (found == state.quiz.progress.questions.end() || !found->second.waiting || !ran.value()) continue;
    found->second.waiting = false;
    found->second.answered = true;
    Answered(state, q, found->second);
  }
}

ContentVars ContextVars(const Json& context, int precision) {
  ContentVars vars;
  if (context.is_object()) Flatten(context, "", precision, &vars);
  return vars;
}

bool ProgressKept(const AppState& state) { return !state.embed || state.quiz.keep_in_embed; }

void LoadProgress(AppState& state, const std::string& stored) {
  state.quiz.progress.loaded = true;
  if (stored.empty()) return;
  const std::string error = ProgressFromJson(stored, &state.quiz.progress);
  if (!error.empty()) {
    state.banner = "Your saved progress could not be read (" + error + "), so it starts afresh.";
    ++state.quiz.progress.changed;  // the damaged value is replaced at the next save
  }
}

void ForgetProgress(AppState& state) {
  state.quiz.progress.questions.clear();
  state.quiz.progress.goals.clear();
  state.quiz.typed.clear();
  Event(state, "progress", Json{{"lessons", ProgressSummaryJson(state)}});
  Changed(state);
}

LessonProgress CountProgress(const AppState& state, const std::string& lesson) {
  const LessonQuestions& quiz = LessonQuiz(state.language, lesson);
  LessonProgress count;
  count.questions = static_cast<int>(quiz.questions.size());
  count.goals = static_cast<int>(quiz.goals.size());
  for (const Question& q : quiz.questions) {
    auto found = state.quiz.progress.questions.find(q.key);
    if (found == state.quiz.progress.questions.end() || !found->second.answered) continue;
    ++count.answered;
    if (found->second.right) ++count.right;
  }
  for (const Goal& goal : quiz.goals) {
    auto found = state.quiz.progress.goals.find(goal.key);
    if (found != state.quiz.progress.goals.end() && found->second) ++count.met;
  }
  return count;
}

std::string ProgressMark(const LessonProgress& p) {
  if (p.questions + p.goals == 0 || p.answered + p.met == 0) return "";
  if (p.answered == p.questions && p.met == p.goals) return "✓";
  return std::to_string(p.answered + p.met) + "/" + std::to_string(p.questions + p.goals);
}

std::string TakeQuizAnnouncement(AppState& state) { return std::exchange(state.quiz.announce, std::string()); }

Json ProgressSummaryJson(const AppState& state) {
  Json lessons = Json::object();
  for (const LessonInfo& lesson : Lessons(state)) {
    const LessonProgress p = CountProgress(state, lesson.id);
    lessons[lesson.id] = {{"questions", p.questions}, {"answered", p.answered}, {"right", p.right},
                          {"goals", p.goals}, {"met", p.met}, {"mark", ProgressMark(p)}};
  }
  return lessons;
}

Json QuizJson(const AppState& state) {
  const LessonQuestions& quiz = OpenQuiz(state);
  const ContentVars vars = ContextVars(state.quiz.context, state.precision);
  Json questions = Json::array();
  for (const Question& q : quiz.questions) {
    Json entry = {{"key", q.key}, {"kind", QuestionKindName(q.kind)}, {"question", q.title}};
    Json choices = Json::array();
    for (const QuestionChoice& choice : q.choices) choices.push_back(choice.text);
    entry["choices"] = choices;
    auto found = state.quiz.progress.questions.find(q.key);
    const QuestionProgress answer = found == state.quiz.progress.questions.end() ? QuestionProgress() : found->second;
    entry["answered"] = answer.answered;
    entry["waiting"] = answer.waiting;
    entry["right"] = answer.answered ? Json(answer.right) : Json();
    entry["choice"] = answer.choice >= 0 ? Json(answer.choice) : Json();
    // What the learner reads after answering: the picked choice's why (and the right one's), or the why.
    std::string explanation;
    if (answer.answered && answer.choice >= 0) {
      explanation = PlainText(q.choices[answer.choice].explanation, vars);
    } else if (answer.answered) {
      explanation = PlainText(q.why, vars);
    }
    entry["explanation"] = explanation;
    if (q.kind == QuestionKind::kExperiment) entry["run"] = q.run.text;
    if (state.quiz.errors.count(q.key)) entry["error"] = state.quiz.errors.at(q.key);
    questions.push_back(entry);
  }
  Json goals = Json::array();
  for (const Goal& goal : quiz.goals) {
    auto found = state.quiz.progress.goals.find(goal.key);
    Json entry = {{"key", goal.key}, {"goal", goal.title}, {"check", goal.check.text},
                  {"met", found != state.quiz.progress.goals.end() && found->second}};
    if (state.quiz.errors.count(goal.key)) entry["error"] = state.quiz.errors.at(goal.key);
    goals.push_back(entry);
  }
  return Json{{"questions", questions}, {"goals", goals}, {"error", state.quiz.error},
              {"keep", ProgressKept(state)}};
}

}  // namespace bp
