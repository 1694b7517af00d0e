// What the learner points at on the network canvas: a neuron, an input, a weight or a bias. The
// network view writes it; the side panel's formula and the stepper read it.
#pragma once

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

}  // namespace bp
