// The network canvas: inputs, hidden layers and outputs as neurons, connections as lines whose
// colour and dash show the weight's sign (never colour alone) and whose thickness shows its size,
// biases, and — as the stepper reaches them — each neuron's z, a, δ and each weight's gradient and
// update. Hover and click select a neuron, weight or bias for the side panel's formula.
#pragma once

#include <string>

#include "app/session/notation.h"
#include "app/session/selection.h"
#include "app/session/step_session.h"
#include "imgui.h"

namespace bp {

struct NetworkViewOptions {
  int precision = 6;
  std::string language = "en";  // of the legend's words (content/<language>/stepper.md)
  Notation notation = Notation::kLayered;
  double now = 0.0;       // seconds, for the flow animation
  float ui_scale = 1.0f;  // fonts and line widths follow the UI scale
  bool show_legend = true;
};

// Draws the session's network into a region of `size` at the cursor. Writes the element under the
// mouse to *hovered (kNone when none); a click also writes it to *selected.
void DrawNetworkView(const StepSession& session, const NetworkViewOptions& options, ImVec2 size, Selection* hovered,
                     Selection* selected);

}  // namespace bp
