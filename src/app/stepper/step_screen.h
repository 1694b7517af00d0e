// The screen the step-through lessons share: the stepper bar and the network canvas in the
// centre; the math, the matrix view and the editable numbers in the side panel. Its logic (starting
// a step, samples, typed fields) is in app/session/step_edit.h.
#pragma once

#include <cstdint>
#include <vector>

#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/step_edit.h"
#include "core/mlp.h"
#include "core/optim.h"

namespace bp {

void DrawStepCanvas(AppState& state);
// The sample picker (when the lesson offers samples) and the typed inputs: which sample is stepped.
void DrawSamplePicker(AppState& state);
// The formula panel plus the matrix-view toggle, under a heading.
void DrawStepMath(AppState& state);
// Editable weights, biases, inputs, targets and η of the network before the current step. Field ids
// (also used by the API's "typeValue"): "W:l:j:i", "b:l:j", "x:i", "t:k", "eta".
void DrawStepEditor(AppState& state);

// The side panel of a step-through lesson: its story, a button that starts it afresh, the sample
// picker (when the lesson offers samples), the math, the number editor (unless a link hides it) and
// a "Try this" prompt. Forward propagation, backpropagation and the worked example share it.
struct StepLessonPanel {
  const char* story_key;  // the lesson text's part (docs/content.md), e.g. "forward#intro"
  const char* restart_label;
  void (*restart)(AppState& state);
  bool offers_samples;
  const char* try_key;  // "forward#try"
  ContentVars story_vars = {};
};
void DrawStepLessonPanel(AppState& state, const StepLessonPanel& panel);

}  // namespace bp
