// Loss functions L(prediction, target) and their gradients, computed from the output layer.
// Notation: for one sample, z is the output layer's pre-activation (the logits), a = h(z) the
// network output (also written y-hat or "out"), t the target.
//   - Binary cross-entropy on a sigmoid output: L = -[t log a + (1 - t) log(1 - a)], computed
//     from the logit z as max(z, 0) - z t + log(1 + e^-|z|), finite for every finite z.
//     dL/dz = a - t.
//   - Softmax cross-entropy, K classes, t one-hot (or a probability vector):
//     L = -sum_k t_k log softmax(z)_k = logsumexp(z) - sum_k t_k z_k (stable). dL/dz = a - t.
//   - Half squared error, the classic worked examples' E = sum_k 1/2 (t_k - a_k)^2 (a sum over
//     output units, as in M. Mazur's example); dL/da_k = a_k - t_k, and dL/dz = (a - t) h'(z)
//     through whatever output activation the layer has (sigmoid, tanh, identity...).
// For a batch the loss is the mean over samples of the per-sample loss (so gradients are
// means too). Regularisation is added by the optimizer, not here.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/activation.h"
#include "core/result.h"

namespace bp {

enum class Loss { kBinaryCrossEntropy, kSoftmaxCrossEntropy, kHalfSquaredError };

const char* LossName(Loss loss);   // "bce", "softmax_ce", "half_mse"
const char* LossTitle(Loss loss);  // "Binary cross-entropy", ...
Result<Loss> ParseLoss(const std::string& name);
// The output activation a loss is paired with: sigmoid for BCE, softmax for softmax CE.
// Half squared error works with any elementwise output activation (returns false for step/softmax).
bool LossAcceptsOutputActivation(Loss loss, Activation output_activation);

// Per-sample loss for one column; z: (K), a: (K), t: (K).
double SampleLoss(Loss loss, const Eigen::VectorXd& z, const Eigen::VectorXd& a, const Eigen::VectorXd& t);

// Mean loss over a batch. Z, A, T: (K, batch), one column per sample.
double BatchLoss(Loss loss, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A, const Eigen::MatrixXd& T);

// delta = dL/dz for the output layer, (K, batch), for the MEAN batch loss (each column is divided by
// the batch size). `output_derivative` is h'(z) of the output layer (only used by half squared error;
// may be empty for the cross-entropies).
void OutputDelta(Loss loss, const Eigen::MatrixXd& A, const Eigen::MatrixXd& T,
                 const Eigen::MatrixXd& output_derivative, Eigen::MatrixXd* delta);

// dL/da for one sample (the first factor of the chain rule, shown by the step trace).
// For BCE this is (a - t) / (a (1 - a)), which is huge when a saturates: the trace shows it, the
// training path never divides by it (it uses dL/dz = a - t directly).
Eigen::VectorXd LossGradientWrtOutput(Loss loss, const Eigen::VectorXd& a, const Eigen::VectorXd& t);

// Binary cross-entropy from a logit, stable; and the naive -[t log sigmoid(z) + ...] for the lesson.
double BinaryCrossEntropyFromLogit(double z, double t);
double NaiveBinaryCrossEntropy(double z, double t);

}  // namespace bp
