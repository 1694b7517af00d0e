// Questions and goals in a lesson's content file (#16; format in docs/content.md): parts whose id
// starts with `q-` are questions — multiple choice (a task list, one `[x]`, each choice with a nested
// bullet saying why it is right or wrong), a number (`**Answer:**` and `**Why:**`), or predict the
// experiment (choices plus `**Run:** `condition` what to do`, revealed once the condition holds) —
// and parts whose id starts with `goal-` are goals (`**Check:** `condition``), ticked by the app. No
// ImGui here: the widget is app/widgets/question_view.cpp.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/session/condition.h"
#include "app/session/content.h"

namespace bp {

enum class QuestionKind { kChoice, kNumber, kExperiment };
const char* QuestionKindName(QuestionKind kind);  // "choice", "number", "experiment"

struct QuestionChoice {
  std::string text;         // the choice's words (plain)
  bool right = false;
  ContentPart explanation;  // why it is right or wrong (a part without a heading)
};

struct Question {
  std::string key;    // "lesson#q-…"
  std::string title;  // the heading: the question
  QuestionKind kind = QuestionKind::kChoice;
  ContentPart prompt;  // the paragraphs shown with the question (no heading)
  std::vector<QuestionChoice> choices;
  double answer = 0.0;  // a number question: right within one unit of the last digit written
  int answer_digits = 1;
  ContentPart why;      // a number question's explanation
  Condition run;        // predict the experiment: revealed once this holds
  ContentPart run_text;  // what to do until then
};

struct Goal {
  std::string key;  // "lesson#goal-…"
  std::string title;
  Condition check;
  ContentPart text;
};

struct LessonQuestions {
  std::vector<Question> questions;
  std::vector<Goal> goals;
  std::vector<std::string> errors;  // "en/perceptron.md:41: q-line: …"
};

// The questions and goals of one parsed file (`name` is the file's name without ".md": the key prefix).
LessonQuestions ReadQuestions(const ContentDoc& doc, const std::string& name);
// A number question's check: within one unit of the last digit written in the answer.
bool NumberAnswerRight(const Question& question, double typed);

}  // namespace bp
