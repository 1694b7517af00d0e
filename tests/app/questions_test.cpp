// Questions, goals and progress (#16, parts 3–5): the format read from Markdown, the condition
// language, the number rule, the stored progress, and every lesson file's questions.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include "app/session/condition.h"
#include "app/session/content.h"
#include "app/session/progress.h"
#include "app/session/questions.h"

namespace bp {
namespace {

const char* const kSample = R"(# Sample

## Can one straight line separate XOR? {#q-line}

The four corners of the unit square.

- [ ] Yes.
  - No line has both 1s on one side and both 0s on the other.
- [x] No.
  - The classes cross diagonally.

## What is σ(0)? {#q-sigmoid}

**Answer:** 0.50

**Why:** σ(0) = 1/(1 + e⁰) = 1/2.

## Will it ever reach zero mistakes? {#q-run}

- [ ] Yes.
  - It stays at {lastMistakes}.
- [x] No.
  - After {epochs} epochs it still makes {lastMistakes}.

**Run:** `epochs >= 1000` Train for 1,000 epochs.

## No mistakes {#goal-clean}

**Check:** `lastMistakes == 0 and epochs >= 1`

Train until an epoch is clean.
)";

TEST_CASE("the three kinds of question and a goal are read from Markdown") {
  const ContentDoc doc = ParseContent("en/sample.md", kSample);
  REQUIRE(doc.errors.empty());
  const LessonQuestions quiz = ReadQuestions(doc, "sample");
  const std::string first_error = quiz.errors.empty() ? std::string() : quiz.errors[0];
  INFO(first_error);
  CHECK(quiz.errors.empty());
  REQUIRE(quiz.questions.size() == 3);
  const Question& line = quiz.questions[0];
  CHECK(line.key == "sample#q-line");
  CHECK(line.kind == QuestionKind::kChoice);
  REQUIRE(line.choices.size() == 2);
  CHECK(line.choices[0].text == "Yes.");
  CHECK_FALSE(line.choices[0].right);
  CHECK(line.choices[1].right);
  CHECK(PlainText(line.choices[0].explanation) == "No line has both 1s on one side and both 0s on the other.");
  CHECK(PlainText(line.prompt) == "The four corners of the unit square.");
  const Question& sigmoid = quiz.questions[1];
  CHECK(sigmoid.kind == QuestionKind::kNumber);
  CHECK(sigmoid.answer == 0.5);
  CHECK(sigmoid.answer_digits == 2);  // "0.50": one unit is 0.01
  CHECK(NumberAnswerRight(sigmoid, 0.51));
  CHECK_FALSE(NumberAnswerRight(sigmoid, 0.52));
  CHECK(PlainText(sigmoid.why) == "σ(0) = 1/(1 + e⁰) = 1/2.");
  const Question& run = quiz.questions[2];
  CHECK(run.kind == QuestionKind::kExperiment);
  CHECK(run.run.text == "epochs >= 1000");
  CHECK(PlainText(run.run_text) == "Train for 1,000 epochs.");
  CHECK(PlainText(run.choices[1].explanation, {{"epochs", "1000"}, {"lastMistakes", "4"}}) ==
        "After 1000 epochs it still makes 4.");
  REQUIRE(quiz.goals.size() == 1);
  CHECK(quiz.goals[0].key == "sample#goal-clean");
  CHECK(quiz.goals[0].check.text == "lastMistakes == 0 and epochs >= 1");
}

TEST_CASE("a malformed question or goal is an error naming the file, line and part") {
  const char* bad = R"(# Bad

## Two right answers? {#q-two}

- [x] This.
  - Why.
- [x] That.
  - Why.

## No why {#q-nowhy}

- [ ] This.
- [x] That.
  - Why.

## A number without why {#q-number}

**Answer:** 2.0

## A bad condition {#goal-bad}

**Check:** `epochs >= a lot`
)";
  const LessonQuestions quiz = ReadQuestions(ParseContent("en/bad.md", bad), "bad");
  std::string all;
  for (const std::string& error : quiz.errors) all += error + "\n";
  INFO(all);
  CHECK(all.find("en/bad.md:3: q-two: a multiple-choice question needs exactly one right choice") != std::string::npos);
  CHECK(all.find("q-nowhy: the choice \"This.\" needs one nested bullet saying why it is wrong") != std::string::npos);
  CHECK(all.find("q-number: a number question needs a **Why:** paragraph") != std::string::npos);
  CHECK(all.find("goal-bad: the condition `epochs >= a lot`: at character 11: expected a number after '>='") !=
        std::string::npos);
}

TEST_CASE("the condition language: comparisons, and binds tighter than or, dotted fields, null and unknown fields") {
  const Json state = Json::parse(R"({"epochs": 1000, "lastMistakes": 3, "converged": false,
                                     "wide": {"testLoss": 0.02}, "test": null})");
  auto holds = [&](const std::string& text) {
    Result<Condition> c = ParseCondition(text);
    REQUIRE(c.ok());
    Result<bool> value = EvaluateCondition(c.value(), state);
    REQUIRE(value.ok());
    return value.value();
  };
  CHECK(holds("epochs >= 1000"));
  CHECK_FALSE(holds("epochs > 1000"));
  CHECK(holds("lastMistakes == 0 or epochs >= 1000"));
  CHECK_FALSE(holds("lastMistakes == 0 or epochs >= 1000 and converged == 1"));  // and first
  CHECK(holds("converged == 0 and wide.testLoss < 0.05"));
  CHECK_FALSE(holds("test.accuracy >= 0.95"));  // inside a null part: no comparison holds
  CHECK(holds("epochs != 3"));
  Result<bool> unknown = EvaluateCondition(ParseCondition("epoch >= 1").value(), state);
  CHECK(unknown.error() == "no field 'epoch' in this lesson's state");
  CHECK(ParseCondition("epochs").error() == "at character 7: expected one of < <= > >= == != after 'epochs'");
  CHECK(ParseCondition("epochs >= 1 but loss < 2").error() == "at character 13: expected `and` or `or`, found 'but'");
  CHECK(ParseCondition(">= 1").error() == "at character 1: expected a field name, as in `epochs >= 1000`");
}

TEST_CASE("hostile conditions and answers are refused in words, never read as something else") {
  // A number out of range, text after a NUL, a huge input, a dangling joint: each one an error.
  CHECK(ParseCondition("epochs >= 1e400").error() == "at character 11: expected a number after '>='");
  CHECK_FALSE(ParseCondition(std::string("epochs >= 1\0 or loss < 2", 25)).ok());
  CHECK_FALSE(ParseCondition(std::string(100000, 'a')).ok());
  CHECK_FALSE(ParseCondition("epochs >= 1 and").ok());
  CHECK_FALSE(ParseCondition("").ok());
  // A field that is an object, or text, compares with nothing: an error, not false.
  const Json state = Json::parse(R"({"w5": {"grad": 0.1}, "target": "sin"})");
  CHECK(EvaluateCondition(ParseCondition("w5 > 0").value(), state).error() == "the field 'w5' is not a number or true/false");
  CHECK(EvaluateCondition(ParseCondition("target == 1").value(), state).error() ==
        "the field 'target' is not a number or true/false");
  // A stored answer's choice far out of range is damage, not an index.
  ProgressState progress;
  CHECK(ProgressFromJson(R"({"version": 1, "questions": {"a#q-b": {"right": true, "choice": 4294967296}}, "goals": {}})",
                         &progress) == "an answer's choice is damaged");
  CHECK(progress.questions.empty());
}

TEST_CASE("progress is stored as versioned JSON; a damaged or older value is refused and changes nothing") {
  ProgressState progress;
  progress.questions["xor#q-xor-proof"] = {true, true, 1, 0.0, false};
  progress.questions["loss#q-loss-steeper"] = {true, false, -1, 99.5, false};
  progress.goals["perceptron#goal-perceptron-break"] = true;
  const std::string stored = ProgressToJson(progress);
  ProgressState read;
  CHECK(ProgressFromJson(stored, &read).empty());
  CHECK(read.questions.size() == 2);
  CHECK(read.questions["xor#q-xor-proof"].choice == 1);
  CHECK(read.questions["xor#q-xor-proof"].right);
  CHECK(read.questions["loss#q-loss-steeper"].value == 99.5);
  CHECK_FALSE(read.questions["loss#q-loss-steeper"].right);
  CHECK(read.goals["perceptron#goal-perceptron-break"]);
  for (const char* damaged : {"not json", "{\"version\": 2, \"questions\": {}, \"goals\": {}}", "[1, 2]",
                              "{\"version\": 1, \"questions\": {\"a\": {\"right\": 3}}, \"goals\": {}}"}) {
    ProgressState kept = read;
    INFO(damaged);
    CHECK_FALSE(ProgressFromJson(damaged, &kept).empty());
    CHECK(kept.questions.size() == 2);
  }
}

TEST_CASE("every lesson file's questions and goals are well formed, at least two questions each") {
  int lessons = 0;
  for (const auto& file : Content().Files().at("en")) {
    const std::string name = file.first;  // (clang cannot capture a structured binding in INFO)
    const LessonQuestions quiz = ReadQuestions(file.second, name);
    for (const std::string& error : quiz.errors) FAIL_CHECK(error);
    if (quiz.questions.empty() && quiz.goals.empty()) continue;
    ++lessons;
    INFO(name);
    CHECK(quiz.questions.size() >= 2);
  }
  CHECK(lessons == 22);
}

}  // namespace
}  // namespace bp
