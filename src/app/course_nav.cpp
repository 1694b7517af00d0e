// The path through the course: the lesson list in the lecture's parts (content/en/course.md), the
// "◂ Previous" / "Next: ‹title› ▸" buttons that end every lesson's panel, and the notation card
// (N, or the button between them) that lists every symbol once with its meaning.
#include <algorithm>
#include <cstdio>

#include "app/io/scenario_io.h"
#include "app/sections.h"
#include "app/session/content.h"
#include "app/session/hide_lock.h"
#include "app/session/quiz.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/widgets.h"
#include "imgui.h"
#include "imgui_internal.h"

namespace bp {

namespace {
constexpr const char* kNotationTitle = "Notation";
constexpr float kNotationWidthEm = 44.0f;

void LessonSelectable(AppState& state, int index) {
  const LessonInfo& lesson = Lessons(state)[index];
  char label[160];
  std::snprintf(label, sizeof label, "%d. %s", index, lesson.title);
  // Its questions answered and goals met: "✓", or how many of them so far, after the title (which
  // is cut short to make room rather than drawn under it).
  const std::string mark = ProgressMark(CountProgress(state, lesson.id));
  const float mark_width = mark.empty() ? 0.0f : ImGui::CalcTextSize(mark.c_str()).x + ImGui::GetStyle().ItemSpacing.x;
  const ImVec2 size(mark.empty() ? 0.0f : std::max(1.0f, ImGui::GetContentRegionAvail().x - mark_width), 0.0f);
  if (ImGui::Selectable(label, state.lesson == index, 0, size)) {
    state.pending_lesson = index;
    state.list_open = false;
  }
  const bool hovered = ImGui::IsItemHovered();
  if (!mark.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", mark.c_str());
  }
  if (hovered) {
    for (const CourseGroup& group : CourseGroups(state.language)) {
      for (const CourseLesson& entry : group.lessons) {
        if (entry.id == lesson.id && !entry.summary.empty()) ImGui::SetTooltip("%s", entry.summary.c_str());
      }
    }
  }
}
}  // namespace

void DrawCourseList(AppState& state) {
  const LessonTable& lessons = Lessons(state);
  std::vector<bool> listed(lessons.size(), false);
  for (const CourseGroup& group : CourseGroups(state.language)) {
    ImGui::Spacing();
    ImGui::TextDisabled("%s", group.title.c_str());
    for (const CourseLesson& entry : group.lessons) {
      const int index = FindLesson(state, entry.id);
      if (index < 0 || listed[index]) continue;
      listed[index] = true;
      LessonSelectable(state, index);
    }
  }
  // A lesson the course file does not list (a test's table) still has its row.
  for (size_t i = 0; i < lessons.size(); ++i) {
    if (!listed[i]) LessonSelectable(state, static_cast<int>(i));
  }
  // Progress is kept in this browser only; the learner can drop it.
  bool any = !state.quiz.progress.questions.empty();
  for (const auto& goal : state.quiz.progress.goals) any = any || goal.second;
  if (any) {
    ImGui::Spacing();
    if (ImGui::SmallButton("Forget my progress")) ForgetProgress(state);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ContentText(state.language, "predict#forget-tip").c_str());
  }
}

void DrawScenarioList(AppState& state) {
  const LessonTable& lessons = Lessons(state);
  const std::vector<ShippedScenario>& shipped = ShippedScenarios(lessons);
  if (shipped.empty()) return;
  // Last in the lesson list (open): the sections above keep their places.
  if (!ImGui::CollapsingHeader("Scenarios", ImGuiTreeNodeFlags_DefaultOpen)) return;
  for (const ShippedScenario& scenario : shipped) {
    const bool open = state.scenario.active && state.scenario.link_path == scenario.path;
    if (ImGui::Selectable(scenario.title.c_str(), open)) {
      state.pending_scenario = scenario.path;
      state.list_open = false;
    }
    if (ImGui::IsItemHovered()) {
      const int index = FindLesson(state, scenario.lesson);
      const char* lesson_title = index >= 0 ? lessons[index].title : scenario.lesson.c_str();
      ImGui::SetTooltip("%s\nA scenario in the lesson \"%s\"", scenario.title.c_str(), lesson_title);
    }
  }
}

std::string CourseGroupTitle(const AppState& state, const std::string& lesson_id) {
  for (const CourseGroup& group : CourseGroups(state.language)) {
    for (const CourseLesson& entry : group.lessons) {
      if (entry.id == lesson_id) return group.title;
    }
  }
  return "";
}

void DrawLessonFooter(AppState& state) {
  ImGui::Spacing();
  ImGui::Separator();
  const LessonTable& lessons = Lessons(state);
  const bool navigate = !state.embed && !Hidden(state, "lessons");
  bool first = true;
  if (navigate && state.lesson > 0) {
    if (ImGui::Button("◂ Previous")) state.pending_lesson = state.lesson - 1;
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", lessons[state.lesson - 1].title);
    first = false;
  }
  const char* notation_label = "Notation (N)";
  if (!first) SameLineIfFits(ButtonWidth(notation_label));
  if (ImGui::Button(notation_label)) state.notation_open = true;
  if (navigate && state.lesson + 1 < static_cast<int>(lessons.size())) {
    const std::string next = std::string("Next: ") + lessons[state.lesson + 1].title + " ▸";
    SameLineIfFits(ButtonWidth(next.c_str()));
    if (ImGui::Button(next.c_str())) state.pending_lesson = state.lesson + 1;
  }
}

void DrawNotationCard(AppState& state) {
  bool open = true;
  if (!BeginOverlay(kNotationTitle, state.notation_open, kNotationWidthEm, &open)) {
    if (!open) state.notation_open = false;
    return;
  }
  Say(state, "notation#card");
  ImGui::Spacing();
  const bool close = ImGui::Button("Close (Esc)");
  ImGui::SetItemDefaultFocus();
  if (!open || close || !state.notation_open) {
    state.notation_open = false;
    ImGui::CloseCurrentPopup();
    ImGui::GetCurrentContext()->NavDisableHighlight = true;
  }
  ImGui::EndPopup();
}

}  // namespace bp
