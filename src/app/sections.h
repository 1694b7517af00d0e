// The lesson list's own sections below the lessons (Export / import, Share) and the course's
// navigation (course_nav.cpp): the lesson list in the lecture's parts, Previous / Next, the notation card.
#pragma once

#include <string>

#include "app/session/app_state.h"

namespace bp {

// "Export / import": the export buttons and the paste box (export_import_section.cpp).
void DrawExportImport(AppState& state);
// "Share": Copy link and Copy embed code, through the platform's copy_text callback (share_section.cpp).
void DrawShareSection(AppState& state);

// The lessons in the parts of content/<language>/course.md, each a selectable row.
void DrawCourseList(AppState& state);
// "Scenarios": the shipped scenarios (scenarios/*.md), each opening its lesson set up (course_nav.cpp).
void DrawScenarioList(AppState& state);
// The part of the course a lesson belongs to ("Learning: backpropagation"), or "".
std::string CourseGroupTitle(const AppState& state, const std::string& lesson_id);
// The end of every lesson's panel: "◂ Previous", "Notation (N)" and "Next: ‹title› ▸" (no lesson
// buttons in embed mode or when a link hides the lesson list).
void DrawLessonFooter(AppState& state);
// The notation card, while state.notation_open (N, the footer's button, a #notation link, the API).
void DrawNotationCard(AppState& state);

}  // namespace bp
