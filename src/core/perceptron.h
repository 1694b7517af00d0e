// Rosenblatt's perceptron (1958): one threshold unit and its mistake-driven learning rule.
// Notation (n inputs):
//   w: (n)  weights      b: bias      x: (n) one sample      y in {0, 1} its label
//   z = w.x + b          y_hat = 1 if z > 0 else 0
// The threshold sits at 0: a unit that fires when w.x > theta is the same unit with b = -theta,
// so the bias plays the threshold's role and is learned like a weight on a constant input 1.
// Learning rule, one sample at a time, with learning rate eta > 0:
//   w <- w + eta (y - y_hat) x        b <- b + eta (y - y_hat)
// Nothing changes when the prediction is right; a mistake moves w towards x (missed 1) or
// away from it (false 1). With labels written as +-1 and y_hat = sign(z), a mistake has
// y - y_hat = 2y, so the same rule reads "on a mistake, w <- w + eta y x" (2 folded into eta).
// Novikoff's theorem: on linearly separable data the rule stops making mistakes after finitely
// many updates; on XOR it never does.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "core/result.h"

namespace bp {

struct Perceptron {
  Eigen::VectorXd w;  // (n)
  double b = 0.0;

  int inputs() const { return static_cast<int>(w.size()); }
};

// All-zero weights and bias (the textbook start), n >= 1.
Perceptron MakePerceptron(int n_inputs);

// x: (n). z = w.x + b, and the prediction 1 if z > 0 else 0. The caller guarantees the size.
double PerceptronNet(const Perceptron& p, const Eigen::VectorXd& x);
int PerceptronPredict(const Perceptron& p, const Eigen::VectorXd& x);

// Everything one application of the rule did, for the lesson's step table.
struct PerceptronStepRecord {
  int index = -1;         // which sample (as passed by the caller, -1 if unknown)
  Eigen::VectorXd x;      // (n)
  int y = 0;              // label
  int prediction = 0;     // y_hat before the update
  double z = 0.0;         // w.x + b before the update
  Eigen::VectorXd old_w;  // (n)
  double old_b = 0.0;
  Eigen::VectorXd delta_w;  // (n) eta (y - y_hat) x
  double delta_b = 0.0;     // eta (y - y_hat)
  Eigen::VectorXd new_w;    // (n)
  double new_b = 0.0;
  bool mistake = false;  // y_hat != y
};

// One sample, x: (n), y in {0, 1}. Validates eta (finite, > 0), the size of x, finite x and the label.
Result<PerceptronStepRecord> PerceptronStep(Perceptron* p, const Eigen::VectorXd& x, int y, double eta, int index = -1);

struct PerceptronEpoch {
  int mistakes = 0;
  std::vector<PerceptronStepRecord> steps;  // one per sample, in the order visited
};

// X: (n, N) samples as columns, labels: (N) in {0, 1}, order: sample indices to visit (each in 0..N-1).
Result<PerceptronEpoch> RunPerceptronEpoch(Perceptron* p, const Eigen::MatrixXd& X, const std::vector<int>& labels,
                                           const std::vector<int>& order, double eta);

struct PerceptronTrainOptions {
  double eta = 1.0;
  int max_epochs = 100;  // 1..100000
  bool shuffle = false;  // false: samples in index order every epoch; true: a fresh order per epoch from `seed`
  uint64_t seed = 1;
};
struct PerceptronTrainResult {
  bool converged = false;  // an epoch finished with zero mistakes
  int epochs_run = 0;
  std::vector<int> mistakes_per_epoch;  // (epochs_run)
};

// X: (n, N), labels: (N) in {0, 1}. Runs epochs until one has no mistake, or max_epochs.
Result<PerceptronTrainResult> TrainPerceptron(Perceptron* p, const Eigen::MatrixXd& X, const std::vector<int>& labels,
                                              const PerceptronTrainOptions& options);

}  // namespace bp
