// The network and sample of the classic worked example (M. Mazur, "A Step by Step Backpropagation
// Example"), for every lesson that uses its published numbers.
#pragma once

#include <Eigen/Dense>

#include "core/mlp.h"

namespace bp {

struct WorkedExampleData {
  Mlp mlp;
  Eigen::VectorXd x, t;
};

// 2-2-2 sigmoid network, half squared error. w1..w4 = 0.15, 0.20, 0.25, 0.30 into h1, h2 (row per
// neuron), w5..w8 = 0.40, 0.45, 0.50, 0.55 into o1, o2; biases 0.35 (hidden), 0.60 (output);
// x = (0.05, 0.10), t = (0.01, 0.99).
WorkedExampleData WorkedExample();

// Whether a network and sample are the published ones, so the lesson's text can say the published
// numbers only when they are the ones on screen: kPublished (the same network, weights, sample,
// η 0.5 and fixed biases), kPublishedShape (2-2-2 sigmoid with ½ squared error, other numbers), or
// kOther (another shape, activation or loss).
enum class WorkedExampleMatch { kPublished, kPublishedShape, kOther };
WorkedExampleMatch MatchWorkedExample(const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t,
                                      double learning_rate, bool update_biases);

}  // namespace bp
