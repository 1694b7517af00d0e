// The Gradient check lesson's own state (kept in AppState): a small network and one sample, the
// step ε, and the last comparison of every parameter's backprop gradient with a finite difference.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "core/gradcheck.h"
#include "core/mlp.h"

namespace bp {

struct GradientCheckState {
  // The learner's settings; changing one sets `pending`, and the check re-runs next frame.
  Activation hidden = Activation::kTanh;  // the hidden layer's activation
  uint64_t seed = 0;                      // the weights' seed; "New random weights" takes the next
  double step = kGradientCheckStep;       // ε of the central difference
  bool pending = true;

  Mlp mlp;
  Eigen::VectorXd x, t;
  GradientCheckReport report;                   // in network order
  std::vector<GradientCheckEntry> worst_first;  // the same entries, largest relative error first
  int disagreeing = 0;                          // entries whose relative error is above the lesson's "agree" bound
};

}  // namespace bp
