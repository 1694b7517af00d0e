// The step trace: one training step on one sample (or a minibatch), with every number the
// backpropagation lessons show. It is built by running the training code itself (Forward, Backward,
// Update) and reading what they keep, so a step in the stepper is a step of training.
// Notation (mlp.h), for layer l, neuron j, input i, sample s of a batch of B:
//   dL/dw(j,i) = sum_s  dL/da(j,s) * da/dz(j,s) * dz/dw(i,s)        (the chain rule, factor by factor)
//     dL/da:  output layer: the loss's gradient dE/da of sample s, times 1/B (L is the batch mean)
//             hidden layer: sum_k delta_next(k,s) * W_next(k,j)   (the next layer's dX)
//     da/dz = h'(z(j,s));   dz/dw = input(i,s), the previous layer's activation (or the sample)
//     dL/da * da/dz = delta(j,s);   dL/db(j) = sum_s delta(j,s)
//   A softmax output has no per-unit da/dz (its Jacobian is a matrix): da_dz is NaN there and the
//   trace shows delta = (a - t) / B directly, as training uses it.
// Each parameter's update records old value, step = new - old, and new value, as Update made them.
#pragma once

#include <vector>

#include <Eigen/Dense>

#include "core/mlp.h"
#include "core/optim.h"
#include "core/result.h"

namespace bp {

struct ParameterUpdate {
  double old_value = 0.0;
  double step = 0.0;  // new_value - old_value
  double new_value = 0.0;
};

struct WeightTrace {
  int neuron = 0;                 // j, the row of W
  int input = 0;                  // i, the column of W
  Eigen::VectorXd dL_da;          // (B) chain-rule factor 1, per sample
  Eigen::VectorXd da_dz;          // (B) factor 2, h'(z)
  Eigen::VectorXd dz_dw;          // (B) factor 3, the input activation
  double gradient = 0.0;          // dL/dw as Backward computed it (the sum over s of the products)
  double penalty_gradient = 0.0;  // l1 sign(w) + l2 w, added by the optimizer
  ParameterUpdate update;
};

struct NeuronTrace {
  Eigen::VectorXd z, a;        // (B)
  Eigen::VectorXd derivative;  // (B) h'(z); NaN for a softmax output
  Eigen::VectorXd dL_da;       // (B)
  Eigen::VectorXd delta;       // (B) dL/dz
  // Hidden layers: (n_next, B), entry (k, s) = delta_next(k, s) * W_next(k, j); its column sums
  // are dL_da. Empty for the output layer.
  Eigen::MatrixXd downstream;
  double dL_db = 0.0;
  ParameterUpdate bias;  // step 0 when the config does not update biases
};

struct LayerTrace {
  Eigen::MatrixXd input;             // (n_in, B) what the layer saw
  std::vector<NeuronTrace> neurons;  // n_out of them
  std::vector<WeightTrace> weights;  // n_out * n_in, row-major: weight(j, i) = weights[j * n_in + i]
  bool has_slope = false;            // PReLU
  double d_slope = 0.0;
  ParameterUpdate slope;

  const WeightTrace& weight(int neuron, int from) const {
    return weights[static_cast<size_t>(neuron) * static_cast<size_t>(input.rows()) + from];
  }
};

struct StepTrace {
  OptimizerConfig config;
  ForwardPass pass;            // exactly what Forward kept
  Gradients grads;             // exactly what Backward kept
  double loss = 0.0;           // mean data loss of the batch (grads.loss)
  Eigen::MatrixXd loss_terms;  // (K, B): each output unit's share of each sample's loss
  double penalty = 0.0;        // weight penalty before the step (optim.h)
  std::vector<LayerTrace> layers;
  Mlp before, after;           // the network before and after Update
  OptimizerState state_after;  // the optimizer state after Update
};

// X: (n_inputs, B), T: (n_outputs, B), B >= 1 (one column for the classic single-sample trace).
// Runs Forward, Backward and Update (on a copy) with `config` and a copy of `state`; `mlp` and `state`
// are not changed. Errors: data that does not fit the network or is not finite, or a bad config.
Result<StepTrace> TraceStep(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T,
                            const OptimizerConfig& config, const OptimizerState& state);

// Takes the traced step for real: *mlp becomes trace.after and *state trace.state_after. `mlp` must be
// the network the trace was built from (same shapes, asserted), so stepping equals training.
void ApplyStep(const StepTrace& trace, Mlp* mlp, OptimizerState* state);

}  // namespace bp
