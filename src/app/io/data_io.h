// The learner's own data in and out (core/own_data.h's CSV): the open lesson takes it when it has
// points to replace — the playground (classes or regression) and the three perceptron lessons (two
// classes in the plane) — through its own "importData" and "exportData" commands, so the API, the
// paste box and a dropped file all take the same path and get the same refusals.
#pragma once

#include <string>

#include "core/result.h"

namespace bp {

struct AppState;

// Whether the open lesson takes data (for the buttons).
bool LessonTakesData(AppState& state);
// Puts the CSV's points into the open lesson. All or nothing: a refusal names the row and column
// and leaves the lesson as it was.
Status ImportData(AppState& state, const std::string& text);
// The open lesson's points as CSV (header x1,x2,label, x,y or x1,x2,y), every number exact.
Result<std::string> ExportData(AppState& state);

}  // namespace bp
