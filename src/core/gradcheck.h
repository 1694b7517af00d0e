// Gradient checking: is backpropagation right? Every parameter's analytic gradient (Forward +
// Backward, mlp.h) is compared with a central finite difference of the loss itself.
// Notation, for one parameter p (a weight W(r, c), a bias b(r), or a layer's PReLU slope), L the
// MEAN batch loss (loss.h) of the network on X: (n_in, B) with targets T: (n_out, B), step h:
//   analytic        = dL/dp from Backward
//   numeric         = (L(p + h) - L(p - h)) / (2 h)          error O(h^2) plus rounding ~eps L / h
//   relative_error  = |analytic - numeric| / max(|analytic|, |numeric|, floor)
// The floor keeps a gradient that is zero on both sides (a dead ReLU) from dividing 0 by 0, and
// keeps rounding noise on a near-zero gradient from looking like a 100% error.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/mlp.h"

namespace bp {

// h: small enough that the O(h^2) truncation is ~1e-10, large enough that rounding (eps L / h) is too.
constexpr double kGradientCheckStep = 1e-5;
// Gradients smaller than this are compared absolutely: the finite difference cannot resolve them
// more finely than its rounding noise, ~eps L / h = 2e-16 / 1e-5 = 2e-11, allows.
constexpr double kGradientCheckFloor = 1e-7;

enum class ParameterKind { kWeight, kBias, kSlope };
const char* ParameterKindName(ParameterKind kind);  // "weight", "bias", "slope"

// One parameter's comparison.
struct GradientCheckEntry {
  int layer = 0;  // index into Mlp::layers (the lessons call mlp.layers[k] "layer k + 1")
  ParameterKind kind = ParameterKind::kWeight;
  int row = 0;  // W's row, or b's index; 0 for a slope
  int col = 0;  // W's column; 0 for a bias or a slope
  double analytic = 0.0;
  double numeric = 0.0;
  double relative_error = 0.0;
};

struct GradientCheckReport {
  // Every parameter in network order: for each layer, W row by row, then b, then the PReLU slope
  // (only for PReLU layers).
  std::vector<GradientCheckEntry> entries;
  double loss = 0.0;                // L at the unperturbed parameters
  double max_relative_error = 0.0;  // over all entries
  int worst = -1;                   // index in `entries` of the largest relative error, -1 if none
};

// |analytic - numeric| / max(|analytic|, |numeric|, floor).
double GradientRelativeError(double analytic, double numeric, double floor = kGradientCheckFloor);

// Checks every weight, bias and PReLU slope of `mlp`. X: (n_in, B), T: (n_out, B), B >= 1; step > 0.
// Costs two forward passes per parameter: meant for small networks and the lesson, not training.
GradientCheckReport CheckGradients(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T,
                                   double step = kGradientCheckStep);

// The entries sorted by relative error, largest first (ties keep network order).
std::vector<GradientCheckEntry> WorstFirst(const GradientCheckReport& report);

// "layer 2 W[1,0]", "layer 1 b[3]", "layer 1 PReLU slope".
std::string DescribeParameter(const GradientCheckEntry& entry);

}  // namespace bp
