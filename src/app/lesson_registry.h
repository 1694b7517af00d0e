// The lesson list: one table (lesson_registry.cpp), like ImPlot's demo list. Adding a lesson is
// adding its file in src/app/lessons/ and one row in that table; nothing else lists lessons.
#pragma once

#include <vector>

#include "app/app_state.h"

namespace bp {

struct LessonInfo {
  const char* id;     // stable, used in URLs and the JS API ("intro", "worked-example", ...)
  const char* title;  // shown in the lesson list
  void (*enter)(AppState& state);        // sets the lesson up when it is opened
  // Once per frame before drawing: applies the lesson's pending changes and advances its training
  // by a bounded amount (nullptr for lessons with nothing to advance).
  void (*update)(AppState& state);
  void (*draw_canvas)(AppState& state);  // the central canvas
  void (*draw_panel)(AppState& state);   // the side panel: story text, controls, the math
};

const std::vector<LessonInfo>& Lessons();
// Index of the lesson with this id, or -1.
int FindLesson(const char* id);

}  // namespace bp
