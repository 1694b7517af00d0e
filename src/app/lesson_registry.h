// The lesson list: one table (lesson_registry.cpp), like ImPlot's demo list. Each lesson file
// defines its row (a LessonInfo, see app/session/lesson.h); adding a lesson is adding its file in
// src/app/lessons/ and one line in that table. Nothing else lists lessons.
#pragma once

#include "app/session/lesson.h"

namespace bp {

// Every lesson, in the order of the tutorial. InitApp hands it to the AppState.
const LessonTable& LessonRegistry();

}  // namespace bp
