// Reading questions and goals from a content file's parts (see questions.h).
#include "app/session/questions.h"

#include <cmath>
#include <cstdlib>
#include <utility>

#include "app/session/format.h"

namespace bp {

namespace {
// The plain words of a run list.
std::string Plain(const std::vector<TextRun>& runs) {
  std::string text;
  for (const TextRun& run : runs) text += run.hard_break ? " " : run.text;
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(text.begin());
  return text;
}

// "**Answer:** 0.5933" → "Answer"; "" when the paragraph does not start with a strong label.
std::string Label(const ContentBlock& block) {
  if (block.kind != ContentBlock::kParagraph || block.runs.empty() || !(block.runs[0].style & kRunStrong)) return "";
  std::string label = Plain({block.runs[0]});
  if (label.empty() || label.back() != ':') return "";
  label.pop_back();
  return label;
}

// The runs after the label, as a part of one paragraph.
ContentPart AfterLabel(const ContentBlock& block) {
  ContentPart part;
  ContentBlock paragraph = block;
  paragraph.runs.erase(paragraph.runs.begin());
  while (!paragraph.runs.empty() && Plain({paragraph.runs[0]}).empty() && !paragraph.runs[0].hard_break)
    paragraph.runs.erase(paragraph.runs.begin());
  if (!paragraph.runs.empty()) {
    std::string& first = paragraph.runs[0].text;
    while (!first.empty() && first.front() == ' ') first.erase(first.begin());
  }
  part.blocks.push_back(paragraph);
  part.line = block.line;
  return part;
}

// "**Check:** `condition` words": the condition, and the words after it; an error when it is not there.
Result<std::pair<Condition, ContentPart>> LabelledCondition(const ContentBlock& block, const std::string& label) {
  using R = Result<std::pair<Condition, ContentPart>>;
  ContentPart rest = AfterLabel(block);
  std::vector<TextRun>& runs = rest.blocks[0].runs;
  if (runs.empty() || !(runs[0].style & kRunCode)) return R::Error("**" + label + ":** needs its condition in `backticks` first");
  Result<Condition> condition = ParseCondition(runs[0].text);
  if (!condition.ok()) return R::Error("the condition `" + runs[0].text + "`: " + condition.error());
  runs.erase(runs.begin());
  if (!runs.empty()) {
    std::string& first = runs[0].text;
    while (!first.empty() && first.front() == ' ') first.erase(first.begin());
  }
  return R::Ok({condition.value(), rest});
}

// Significant digits written in a decimal ("0.5933" → 4, "12" → 2, "0.50" → 2).
int DigitsWritten(const std::string& number) {
  int digits = 0;
  bool leading = true;
  for (char c : number) {
    if (c == 'e' || c == 'E') break;
    if (c < '0' || c > '9') continue;
    if (leading && c == '0') continue;
    leading = false;
    ++digits;
  }
  return std::max(digits, 1);
}
}  // namespace

const char* QuestionKindName(QuestionKind kind) {
  switch (kind) {
    case QuestionKind::kChoice: return "choice";
    case QuestionKind::kNumber: return "number";
    case QuestionKind::kExperiment: return "experiment";
  }
  return "";
}

bool NumberAnswerRight(const Question& question, double typed) {
  if (!std::isfinite(typed)) return false;
  const double expected = question.answer;
  if (expected == 0.0) return std::fabs(typed) <= std::pow(10.0, 1 - question.answer_digits);
  const double unit = std::pow(10.0, std::floor(std::log10(std::fabs(expected))) - question.answer_digits + 1);
  return std::fabs(typed - expected) <= unit * (1.0 + 1e-9);
}

LessonQuestions ReadQuestions(const ContentDoc& doc, const std::string& name) {
  LessonQuestions out;
  for (const ContentPart& part : doc.parts) {
    const bool is_question = part.id.rfind("q-", 0) == 0;
    const bool is_goal = part.id.rfind("goal-", 0) == 0;
    if (!is_question && !is_goal) continue;
    auto error = [&](int line, const std::string& what) {
      out.errors.push_back(doc.path + ":" + std::to_string(line) + ": " + part.id + ": " + what);
    };
    if (part.heading.empty()) error(part.line, "a question or goal needs its words in the heading");
    if (is_goal) {
      Goal goal;
      goal.key = name + "#" + part.id;
      goal.title = part.heading;
      bool checked = false;
      for (const ContentBlock& block : part.blocks) {
        if (Label(block) == "Check") {
          auto check = LabelledCondition(block, "Check");
          if (!check.ok()) {
            error(block.line, check.error());
            continue;
          }
          goal.check = check.value().first;
          checked = true;        } else {
          goal.text.blocks.push_back(block);
        }
      }
      if (!checked) error(part.line, "a goal needs a **Check:** `condition` paragraph");
      out.goals.push_back(goal);
      continue;
    }
    Question q;
    q.key = name + "#" + part.id;
    q.title = part.heading;
    bool has_answer = false, has_run = false;
    for (const ContentBlock& block : part.blocks) {
      const std::string label = Label(block);
      const bool choice_list = block.kind == ContentBlock::kBulletList && !block.children.empty() &&
                               block.children[0].task != ContentBlock::kNoTask;
      if (choice_list) {
        for (const ContentBlock& item : block.children) {
          QuestionChoice choice;
          choice.text = Plain(item.runs);
          choice.right = item.task == ContentBlock::kDoneTask;
          if (item.task == ContentBlock::kNoTask) error(item.line, "every choice is a task item, - [ ] or - [x]");
          if (item.children.size() == 1 && item.children[0].kind == ContentBlock::kBulletList &&
              item.children[0].children.size() == 1) {
            const ContentBlock& why = item.children[0].children[0];
            ContentBlock paragraph;
            paragraph.kind = ContentBlock::kParagraph;
            paragraph.line = why.line;
            paragraph.runs = why.runs;
            choice.explanation.blocks.push_back(paragraph);
          } else {
            error(item.line, "the choice \"" + Printable(choice.text) + "\" needs one nested bullet saying why it is " +
                                 (choice.right ? "right" : "wrong"));
          }
          q.choices.push_back(choice);
        }
      } else if (label == "Answer") {
        const std::string number = Plain(AfterLabel(block).blocks[0].runs);
        Result<double> value = ParseUserNumber(number, "the answer", -1e300, 1e300);
        if (!value.ok()) {
          error(block.line, value.error());
        } else {
          q.answer = value.value();
          q.answer_digits = DigitsWritten(number);
          has_answer = true;
        }
      } else if (label == "Why") {
        q.why = AfterLabel(block);
      } else if (label == "Run") {
        auto run = LabelledCondition(block, "Run");
        if (!run.ok()) {
          error(block.line, run.error());
          continue;
        }
        q.run = run.value().first;
        q.run_text = run.value().second;
        has_run = true;
      } else {
        q.prompt.blocks.push_back(block);
      }
    }
    int right = 0;
    for (const QuestionChoice& choice : q.choices) right += choice.right ? 1 : 0;
    if (!q.choices.empty()) {
      q.kind = has_run ? QuestionKind::kExperiment : QuestionKind::kChoice;
      if (right != 1) error(part.line, "a multiple-choice question needs exactly one right choice, - [x] (it has " +
                                           std::to_string(right) + ")");
      if (q.choices.size() < 2) error(part.line, "a multiple-choice question needs at least two choices");
      if (has_answer) error(part.line, "a question has either choices or an **Answer:**, not both");
    } else if (has_answer) {
      q.kind = QuestionKind::kNumber;
      if (q.why.blocks.empty()) error(part.line, "a number question needs a **Why:** paragraph (the explanation)");
      if (has_run) error(part.line, "**Run:** goes with choices (predict the experiment), not with a number");
    } else {
      error(part.line, "a question needs choices (- [ ] / - [x]) or an **Answer:** number");
    }
    out.questions.push_back(q);
  }
  return out;
}

}  // namespace bp
