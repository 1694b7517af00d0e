// Names for the canvas and the formulas (see notation.h).
#include "app/session/notation.h"

#include "app/session/format.h"

namespace bp {

namespace {
// "h1" for hidden neuron 0, "o2" for output neuron 1 (classic names).
std::string ClassicNeuron(const Mlp& mlp, int layer, int neuron) {
  bool output = layer == static_cast<int>(mlp.layers.size()) - 1;
  return (output ? "o" : "h") + std::to_string(neuron + 1);
}
std::string Layered(const char* symbol, int layer, int neuron) {
  return symbol + Sub(neuron + 1) + LayerSup(layer + 1);
}
}  // namespace

Notation EffectiveNotation(const Mlp& mlp, Notation wanted) {
  return (wanted == Notation::kClassic && mlp.layers.size() == 2) ? Notation::kClassic : Notation::kLayered;
}

std::string InputName(Notation notation, int input) {
  return notation == Notation::kClassic ? "i" + std::to_string(input + 1) : "x" + Sub(input + 1);
}

std::string PreActivationName(const Mlp& mlp, Notation notation, int layer, int neuron) {
  return notation == Notation::kClassic ? "net_" + ClassicNeuron(mlp, layer, neuron) : Layered("z", layer, neuron);
}

std::string ActivationValueName(const Mlp& mlp, Notation notation, int layer, int neuron) {
  return notation == Notation::kClassic ? "out_" + ClassicNeuron(mlp, layer, neuron) : Layered("a", layer, neuron);
}

std::string DeltaName(const Mlp& mlp, Notation notation, int layer, int neuron) {
  return notation == Notation::kClassic ? "δ_" + ClassicNeuron(mlp, layer, neuron) : Layered("δ", layer, neuron);
}

std::string WeightName(const Mlp& mlp, Notation notation, int layer, int neuron, int input) {
  if (notation == Notation::kClassic) {
    // Numbered layer by layer, row by row: w1 = i1→h1, w2 = i2→h1, w3 = i1→h2, ...
    int number = 0;
    for (int l = 0; l < layer; ++l) number += mlp.layers[l].outputs() * mlp.layers[l].inputs();
    number += neuron * mlp.layers[layer].inputs() + input + 1;
    return "w" + std::to_string(number);
  }
  // A comma between the two indices, so w₁,₁₂ (neuron 1, input 12) never reads as w₁₁,₂.
  return "w" + Sub(neuron + 1) + "," + Sub(input + 1) + LayerSup(layer + 1);
}

std::string BiasName(const Mlp& mlp, Notation notation, int layer, int neuron) {
  return notation == Notation::kClassic ? "b_" + ClassicNeuron(mlp, layer, neuron) : Layered("b", layer, neuron);
}

std::string TargetName(Notation notation, int output) {
  return notation == Notation::kClassic ? "target_o" + std::to_string(output + 1) : "t" + Sub(output + 1);
}

std::string LossName(Notation notation) { return notation == Notation::kClassic ? "E_total" : "L"; }

std::string LossTermName(Notation notation, int output) {
  return notation == Notation::kClassic ? "E_o" + std::to_string(output + 1) : "L" + Sub(output + 1);
}

std::string ActivationSymbol(Activation activation) {
  switch (activation) {
    case Activation::kIdentity: return "id";
    case Activation::kStep: return "step";
    case Activation::kSigmoid: return "σ";
    case Activation::kTanh: return "tanh";
    case Activation::kRelu: return "ReLU";
    case Activation::kLeakyRelu: return "LReLU";
    case Activation::kPrelu: return "PReLU";
    case Activation::kElu: return "ELU";
    case Activation::kGelu: return "GELU";
    case Activation::kSoftmax: return "softmax";
  }
  return "h";
}

}  // namespace bp
