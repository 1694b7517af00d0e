// Gradient checking (see gradcheck.h): nudge one parameter at a time by +-h, recompute the loss
// with the same Forward and BatchLoss that training uses, and compare the slope with Backward's.
#include "core/gradcheck.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>

#include "core/loss.h"

namespace bp {

namespace {

// The mean batch loss of `mlp` on X: (n_in, B) and T: (n_out, B). `pass` is scratch space.
double LossAt(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, ForwardPass* pass) {
  Forward(mlp, X, pass);
  const LayerForward& out = pass->layers.back();
  return BatchLoss(mlp.loss, out.z, out.a, T);
}

// Central difference of the loss in one parameter `p`, which lives inside `probe`; p is restored
// bit for bit afterwards. Divides by the step actually taken, (p + h) - (p - h), which rounding can
// make differ from 2h in the last bits.
double NumericDerivative(Mlp* probe, double* p, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, double step,
                         ForwardPass* pass) {
  const double original = *p;
  const double up = original + step;
  const double down = original - step;
  *p = up;
  const double loss_up = LossAt(*probe, X, T, pass);
  *p = down;
  const double loss_down = LossAt(*probe, X, T, pass);
  *p = original;
  return (loss_up - loss_down) / (up - down);
}

}  // namespace

const char* ParameterKindName(ParameterKind kind) {
  switch (kind) {
    case ParameterKind::kWeight: return "weight";
    case ParameterKind::kBias: return "bias";
    case ParameterKind::kSlope: return "slope";
  }
  assert(false && "ParameterKindName: unknown kind");
  return "";
}

double GradientRelativeError(double analytic, double numeric, double floor) {
  const double scale = std::max({std::fabs(analytic), std::fabs(numeric), floor});
  return std::fabs(analytic - numeric) / scale;
}

GradientCheckReport CheckGradients(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, double step) {
  assert(!mlp.layers.empty() && "CheckGradients: the network has no layers");
  assert(X.rows() == mlp.inputs() && "CheckGradients: X must be (n_in, B)");
  assert(T.rows() == mlp.outputs() && T.cols() == X.cols() && "CheckGradients: T must be (n_out, B), B as in X");
  assert(X.cols() > 0 && "CheckGradients: empty batch");
  assert(step > 0.0 && "CheckGradients: the step h must be positive");

  GradientCheckReport report;
  ForwardPass pass;
  Forward(mlp, X, &pass);
  const Gradients grads = Backward(mlp, pass, T);
  report.loss = grads.loss;

  Mlp probe = mlp;
  report.entries.reserve(static_cast<size_t>(mlp.ParameterCount()));
  const auto record = [&](int layer, ParameterKind kind, int row, int col, double analytic, double* p) {
    GradientCheckEntry entry;
    entry.layer = layer;
    entry.kind = kind;
    entry.row = row;
    entry.col = col;
    entry.analytic = analytic;
    entry.numeric = NumericDerivative(&probe, p, X, T, step, &pass);
    entry.relative_error = GradientRelativeError(entry.analytic, entry.numeric);
    report.entries.push_back(entry);
  };

  for (int k = 0; k < static_cast<int>(probe.layers.size()); ++k) {
    Layer& layer = probe.layers[k];
    const LayerGradients& g = grads.layers[k];
    for (int r = 0; r < layer.W.rows(); ++r) {
      for (int c = 0; c < layer.W.cols(); ++c) {
        record(k, ParameterKind::kWeight, r, c, g.dW(r, c), &layer.W(r, c));
      }
    }
    for (int r = 0; r < layer.b.size(); ++r) record(k, ParameterKind::kBias, r, 0, g.db(r), &layer.b(r));
    if (layer.activation == Activation::kPrelu) {
      record(k, ParameterKind::kSlope, 0, 0, g.d_slope, &layer.params.slope);
    }
  }

  for (int i = 0; i < static_cast<int>(report.entries.size()); ++i) {
    if (report.worst < 0 || report.entries[i].relative_error > report.max_relative_error) {
      report.worst = i;
      report.max_relative_error = report.entries[i].relative_error;
    }
  }
  return report;
}

std::vector<GradientCheckEntry> WorstFirst(const GradientCheckReport& report) {
  std::vector<GradientCheckEntry> sorted = report.entries;
  std::stable_sort(sorted.begin(), sorted.end(), [](const GradientCheckEntry& a, const GradientCheckEntry& b) {
    return a.relative_error > b.relative_error;
  });
  return sorted;
}

std::string DescribeParameter(const GradientCheckEntry& entry) {
  const std::string layer = "layer " + std::to_string(entry.layer + 1) + " ";
  switch (entry.kind) {
    case ParameterKind::kWeight:
      return layer + "W[" + std::to_string(entry.row) + "," + std::to_string(entry.col) + "]";
    case ParameterKind::kBias: return layer + "b[" + std::to_string(entry.row) + "]";
    case ParameterKind::kSlope: return layer + "PReLU slope";
  }
  assert(false && "DescribeParameter: unknown kind");
  return "";
}

}  // namespace bp
