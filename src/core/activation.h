// Activation functions h and their derivatives h'(z), each pair side by side.
// Notation: z is a neuron's pre-activation, a = h(z) its activation.
// Conventions (the lessons state them too):
//   - ReLU'(0) = 0 (the subgradient most libraries use); LeakyReLU'(0) = PReLU'(0) = slope.
//   - Step is the perceptron's threshold unit: step(z) = 1 if z > 0 else 0. It has no useful
//     gradient: ActivationDerivative() returns 0 and IsElementwiseDifferentiable() is false, so an
//     Mlp refuses it.
//   - Leaky ReLU: z > 0 ? z : slope * z, slope fixed (default 0.01).
//   - PReLU: the same formula with the slope learned per layer (Layer::params.slope); its
//     gradient with respect to the slope is dh/dslope = (z > 0 ? 0 : z).
//   - ELU: z > 0 ? z : alpha (e^z - 1), alpha default 1.
//   - GELU: exact form z * Phi(z) = z/2 (1 + erf(z / sqrt 2)); derivative Phi(z) + z phi(z).
//   - Softmax is not elementwise: see Softmax() below and loss.h.
//   - Edge cases, the same in every form: NaN in gives NaN out, for h and h' of every activation
//     (softmax: a NaN logit makes its column NaN), so a diverged network shows NaN, never a 0 or 1
//     that looks healthy; ±inf give the limits of the elementwise h and h' (sigmoid(-inf) = 0,
//     ELU(-inf) = -alpha, GELU(-inf) = 0, GELU'(inf) = 1). The sign of a zero is not part of the
//     contract: ReLU(-0) is -0 natively and +0 in wasm (its max); no finite number depends on it.
//   - Each activation is defined once: the scalar forms (one value, for the lessons' plots and the
//     graph) and the matrix forms (elementwise, for training) give the same bits for every input.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/result.h"

namespace bp {

enum class Activation { kIdentity, kStep, kSigmoid, kTanh, kRelu, kLeakyRelu, kPrelu, kElu, kGelu, kSoftmax };

// Parameters of the parametric activations. For PReLU `slope` is the initial / current slope.
struct ActivationParams {
  double slope = 0.01;  // Leaky ReLU and PReLU negative-side slope
  double alpha = 1.0;   // ELU
};

// Every activation, in the order the gallery lists them.
const std::vector<Activation>& AllActivations();
// Lower-case names: "identity", "step", "sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "gelu", "softmax".
const char* ActivationName(Activation activation);
// Display names for the UI: "Sigmoid", "Leaky ReLU", ...
const char* ActivationTitle(Activation activation);
// Accepts the lower-case names above (and "linear" for identity); an unknown name is an error.
Result<Activation> ParseActivation(const std::string& name);
// False for step (no gradient) and softmax (vector-valued: handled with its loss).
bool IsElementwiseDifferentiable(Activation activation);

// a = h(z) for one value. Softmax is not valid here (assert).
double Activate(Activation activation, double z, const ActivationParams& params = {});
// h'(z) for one value, given z and a = h(z) (sigmoid, tanh and ReLU use a, the others z).
double ActivationDerivative(Activation activation, double z, double a, const ActivationParams& params = {});
// dh/dslope for PReLU (0 for every other activation).
double ActivationSlopeDerivative(Activation activation, double z);

// Elementwise over a matrix of any shape. For kSoftmax, each column is one sample and the
// stable softmax is applied per column.
void ActivateMatrix(Activation activation, const Eigen::MatrixXd& z, const ActivationParams& params,
                    Eigen::MatrixXd* a);
// h'(z) elementwise (not valid for softmax: its Jacobian is folded into the loss gradient).
void ActivationDerivativeMatrix(Activation activation, const Eigen::MatrixXd& z, const Eigen::MatrixXd& a,
                                const ActivationParams& params, Eigen::MatrixXd* derivative);

// Softmax of one vector of logits. Stable: subtracts max(z) before exp, so finite logits
// always give finite probabilities that sum to 1.
Eigen::VectorXd Softmax(const Eigen::VectorXd& logits);
// The textbook formula exp(z_i) / sum_j exp(z_j) without the max subtraction, kept so the
// cost-function lesson can show it overflowing (logit 1000 gives inf / inf = NaN).
Eigen::VectorXd NaiveSoftmax(const Eigen::VectorXd& logits);

}  // namespace bp
