// How the canvas and the formulas name things: the classic worked example's names (i1, h1, o1,
// w1..w8 numbered layer by layer and row by row, net_h1, out_o1, E) for networks with one hidden
// layer, or layer notation (x₁, z₁⁽¹⁾, a₁⁽¹⁾, w₁,₂⁽¹⁾, b₁⁽¹⁾, L) for any network. Layers are numbered
// from 1 in names (Mlp::layers[0] is layer ⁽¹⁾).
#pragma once

#include <string>

#include "core/mlp.h"

namespace bp {

enum class Notation { kLayered, kClassic };
// kClassic only fits networks with exactly two layers; others fall back to kLayered.
Notation EffectiveNotation(const Mlp& mlp, Notation wanted);

std::string InputName(Notation notation, int input);                                        // "i1" / "x₁"
std::string PreActivationName(const Mlp& mlp, Notation notation, int layer, int neuron);    // "net_h1" / "z₁⁽¹⁾"
std::string ActivationValueName(const Mlp& mlp, Notation notation, int layer, int neuron);  // "out_h1" / "a₁⁽¹⁾"
std::string DeltaName(const Mlp& mlp, Notation notation, int layer, int neuron);            // "δ_h1" / "δ₁⁽¹⁾"
std::string WeightName(const Mlp& mlp, Notation notation, int layer, int neuron, int input);  // "w5" / "w₁,₂⁽²⁾"
std::string BiasName(const Mlp& mlp, Notation notation, int layer, int neuron);               // "b_h1" / "b₁⁽¹⁾"
std::string TargetName(Notation notation, int output);                                        // "target_o1" / "t₁"
std::string LossName(Notation notation);                                                      // "E_total" / "L"
std::string LossTermName(Notation notation, int output);                                      // "E_o1" / "L₁"
// The activation as a function name in formulas: "σ", "tanh", "ReLU", ... ("softmax" for softmax).
std::string ActivationSymbol(Activation activation);

}  // namespace bp
