// The questions and goals of the open lesson (see question_view.h).
#include "app/widgets/question_view.h"

#include <cstdlib>
#include <string>

#include "app/session/format.h"
#include "app/session/quiz.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/widgets.h"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace bp {

namespace {
// A heading from a part of predict.md, in the heading or the bold font.
void Heading(AppState& state, const char* key, ImFont* font) {
  const std::string text = ContentText(state.language, key);
  state.text_drawing.emplace_back(key, text);
  ImGui::PushFont(font);
  WrappedText(text);
  ImGui::PopFont();
}

void Coloured(AppState& state, bool right, const std::string& key, const ContentVars& vars = {}) {
  const ImU32 colour = right ? ThemePalette(state.dark_theme).positive : ThemePalette(state.dark_theme).invalid;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colour));
  Say(state, key, vars);
  ImGui::PopStyleColor();
}

void DrawGoals(AppState& state, const LessonQuestions& quiz, const ContentVars& vars) {
  if (quiz.goals.empty()) return;
  Heading(state, "predict#goals-heading", Fonts().bold);
  for (const Goal& goal : quiz.goals) {
    auto found = state.quiz.progress.goals.find(goal.key);
    const bool met = found != state.quiz.progress.goals.end() && found->second;
    // A goal met in the "right" colour; an open one in the text's own (it is a task, not a mistake).
    if (met) {
      Coloured(state, true, "predict#quiz-goal-met", {{"goal", goal.title}});
    } else {
      Say(state, "predict#quiz-goal-open", {{"goal", goal.title}});
    }
    if (!met) DrawContentPart(state, goal.text, vars, false);
    if (state.quiz.errors.count(goal.key)) WarningText(state, "⚠ " + goal.key + ": " + state.quiz.errors.at(goal.key));
  }
}

void DrawAnswered(AppState& state, const Question& q, const QuestionProgress& answer, const ContentVars& vars) {
  if (q.kind == QuestionKind::kNumber) {
    if (answer.right) {
      Coloured(state, true, "predict#quiz-right");
    } else {
      Coloured(state, false, "predict#quiz-number-wrong",
               {{"typed", ExactNum(answer.value)}, {"answer", ExactNum(q.answer)}});
    }
    DrawContentPart(state, q.why, vars, false);
    return;
  }
  Coloured(state, answer.right, answer.right ? "predict#quiz-right" : "predict#quiz-wrong");
  DrawContentPart(state, q.choices[answer.choice].explanation, vars, false);
  if (answer.right) return;
  for (const QuestionChoice& choice : q.choices) {
    if (!choice.right) continue;
    Say(state, "predict#quiz-answer", {{"answer", choice.text}});
    DrawContentPart(state, choice.explanation, vars, false);
  }
}

void DrawQuestion(AppState& state, const Question& q, const ContentVars& vars) {
  ImGui::PushID(q.key.c_str());
  ContentPart head = q.prompt;
  head.heading = q.title;
  head.level = 3;
  state.text_drawing.emplace_back(q.key, q.title + " " + PlainText(q.prompt, vars));
  DrawContentPart(state, head, vars, true);
  auto found = state.quiz.progress.questions.find(q.key);
  const bool answered = found != state.quiz.progress.questions.end() && found->second.answered;
  const bool waiting = found != state.quiz.progress.questions.end() && found->second.waiting;
  std::string& typed = state.quiz.typed[q.key];
  if (q.kind == QuestionKind::kNumber) {
    ImGui::BeginDisabled(answered);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8.0f);
    bool check = ImGui::InputText("##answer", &typed, ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    check = ImGui::Button("Check") || check;
    ImGui::EndDisabled();
    if (check && !answered) {
      const Status status = AnswerNumber(state, q.key, typed);
      state.quiz.error = status.ok() ? "" : q.key + ": " + status.error;
    }
  } else {
    // The picked choice before Check is kept as its index in `typed`.
    const int picked = answered || waiting ? found->second.choice : (typed.empty() ? -1 : static_cast<int>(std::strtol(typed.c_str(), nullptr, 10)));
    ImGui::BeginDisabled(answered || waiting);
    for (int c = 0; c < static_cast<int>(q.choices.size()); ++c) {
      ImGui::PushID(c);
      const float wrap = ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() - ImGui::GetStyle().ItemInnerSpacing.x;
      // A long choice wraps under itself: the radio button, then its words.
      if (ImGui::RadioButton("##choice", picked == c)) typed = std::to_string(c);
      ImGui::SameLine();
      ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
      ImGui::TextUnformatted(q.choices[c].text.c_str());
      ImGui::PopTextWrapPos();
      if (ImGui::IsItemClicked()) typed = std::to_string(c);
      ImGui::PopID();
    }
    const bool check = picked >= 0 && ImGui::Button(q.kind == QuestionKind::kExperiment ? "Predict" : "Check");
    ImGui::EndDisabled();
    if (check && !answered && !waiting) {
      const Status status = AnswerChoice(state, q.key, picked);
      state.quiz.error = status.ok() ? "" : q.key + ": " + status.error;
    }
  }
  found = state.quiz.progress.questions.find(q.key);
  if (found != state.quiz.progress.questions.end() && found->second.waiting) {
    Say(state, "predict#quiz-waiting", {{"choice", q.choices[found->second.choice].text}});
    DrawContentPart(state, q.run_text, vars, false);
  } else if (found != state.quiz.progress.questions.end() && found->second.answered) {
    DrawAnswered(state, q, found->second, vars);
    if (ImGui::SmallButton("Answer again")) ResetAnswer(state, q.key);
  }
  if (state.quiz.errors.count(q.key)) WarningText(state, "⚠ " + q.key + ": " + state.quiz.errors.at(q.key));
  ImGui::PopID();
}
}  // namespace

void DrawLessonQuestions(AppState& state) {
  const LessonInfo* lesson = CurrentLesson(state);
  if (lesson == nullptr) return;
  const LessonQuestions& quiz = OpenQuiz(state);
  if (quiz.questions.empty() && quiz.goals.empty()) return;
  const ContentVars vars = ContextVars(state.quiz.context, state.precision);
  ImGui::Separator();
  ImGui::Spacing();
  Heading(state, "predict#quiz-heading", Fonts().heading);
  DrawGoals(state, quiz, vars);
  for (const Question& q : quiz.questions) DrawQuestion(state, q, vars);
  if (!state.quiz.error.empty()) WarningText(state, "⚠ " + state.quiz.error);
  // A file with a malformed question says so here too (the content test fails first).
  for (const std::string& error : quiz.errors) WarningText(state, "⚠ " + error);
}

}  // namespace bp
