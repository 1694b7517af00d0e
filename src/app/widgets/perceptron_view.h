// What the three perceptron lessons draw: the data plane with the unit's line (or its boundary
// image), the mistakes-per-epoch chart, and the side panel's controls and last-step numbers.
#pragma once

#include "app/session/app_state.h"
#include "app/session/perceptron_run.h"
#include "app/widgets/data_plane.h"

namespace bp {

struct PerceptronViewOptions {
  PlaneRange range;
  bool draw_line = true;                   // the unit's line w·x + b = 0 (two inputs only)
  const BoundaryGrid* boundary = nullptr;  // a background image instead of (or with) the line
  bool allow_adding = true;                // clicks add points
  float marker_radius = 5.0f;              // pixels at the base font size
};

// The canvas: the data plane on the left (top on a narrow canvas), the mistakes chart beside it.
void DrawPerceptronCanvas(AppState& state, PerceptronRun& run, const PerceptronViewOptions& options);
// The data plane alone, filling `size` (the features lesson draws two planes).
void DrawPerceptronPlane(AppState& state, PerceptronRun& run, const PerceptronViewOptions& options, ImVec2 size);
void DrawMistakesChart(const AppState& state, const PerceptronRun& run, ImVec2 size);
// The controls: Step one sample, Run one epoch, Run until no mistakes, Reset, η, the class that a
// click adds; then the last step's numbers ŷ, y, Δw = η(y − ŷ)x from the core's record.
void DrawPerceptronControls(AppState& state, PerceptronRun& run, bool allow_adding);
void DrawPerceptronStepNumbers(const AppState& state, const PerceptronRun& run);

}  // namespace bp
