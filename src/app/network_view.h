// The network canvas: inputs, hidden layers and outputs as neurons, connections as lines whose
// colour and dash show the weight's sign (never colour alone) and whose thickness shows its size,
// biases, and — as the stepper reaches them — each neuron's z, a, δ and each weight's gradient and
// update. Hover and click select a neuron, weight or bias for the side panel's formula.
#pragma once

#include "app/notation.h"
#include "app/step_session.h"
#include "imgui.h"

namespace bp {

// What the learner points at. layer indexes Mlp::layers; for inputs, kind is kInput and layer -1.
struct Selection {
  enum class Kind { kNone, kInput, kNeuron, kWeight, kBias };
  Kind kind = Kind::kNone;
  int layer = -1;   // Mlp layer of the neuron / the weight's target neuron
  int neuron = -1;  // the neuron (row of W), or the input index for kInput
  int input = -1;   // kWeight: the weight's source (column of W)
  bool operator==(const Selection& other) const {
    return kind == other.kind && layer == other.layer && neuron == other.neuron && input == other.input;
  }
  bool operator!=(const Selection& other) const { return !(*this == other); }
};

struct NetworkViewOptions {
  int precision = 6;
  Notation notation = Notation::kLayered;
  double now = 0.0;          // seconds, for the flow animation
  float ui_scale = 1.0f;     // fonts and line widths follow the UI scale
  bool show_legend = true;
};

// Draws the session's network into a region of `size` at the cursor. Writes the element under the
// mouse to *hovered (kNone when none); a click also writes it to *selected.
void DrawNetworkView(const StepSession& session, const NetworkViewOptions& options, ImVec2 size, Selection* hovered,
                     Selection* selected);

}  // namespace bp
