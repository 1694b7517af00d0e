// Optimizers: how a gradient becomes a step. Plain SGD, SGD with momentum, and Adam, with optional
// L1 / L2 weight penalties. Notation, for one parameter p (a weight, a bias or a PReLU slope) with
// gradient g = dL/dp from Backward, learning rate eta:
//   penalty gradient (weights W only):  r = l1 * sign(w) + l2 * w
//        which is the gradient of  l1 * sum |w| + (l2 / 2) * sum w^2   added to the loss.
//        Biases and PReLU slopes are not penalised (the usual choice: they do not make the network
//        "wiggly", and shrinking them only shifts the units).
//   SGD:       p <- p - eta * g
//   momentum:  v <- mu * v - eta * g;   p <- p + v                       (v starts at 0)
//   Adam:      t <- t + 1;  m <- beta1 m + (1 - beta1) g;  s <- beta2 s + (1 - beta2) g^2
//              m_hat = m / (1 - beta1^t);  s_hat = s / (1 - beta2^t)
//              p <- p - eta * m_hat / (sqrt(s_hat) + epsilon)           (Kingma & Ba, 2015)
// (g includes r for weights.) The state (v, m, s, t) has the shapes of the network's parameters.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/mlp.h"
#include "core/result.h"

namespace bp {

enum class OptimizerKind { kSgd, kMomentum, kAdam };
const char* OptimizerName(OptimizerKind kind);  // "sgd", "momentum", "adam"
Result<OptimizerKind> ParseOptimizer(const std::string& name);

// The learning rates a learner can set anywhere in the app (typed, in a link, through the API):
// the core accepts any finite η > 0, but below 1e-6 nothing visibly moves and above 100 every
// network here diverges at once. One range, so a link the app writes is one it accepts.
constexpr double kMinLearningRate = 1e-6;
constexpr double kMaxLearningRate = 100.0;

struct OptimizerConfig {
  OptimizerKind kind = OptimizerKind::kSgd;
  double learning_rate = 0.1;  // eta, finite and > 0
  double momentum = 0.9;       // mu in [0, 1), momentum only
  double beta1 = 0.9;          // Adam, in [0, 1)
  double beta2 = 0.999;        // Adam, in [0, 1)
  double epsilon = 1e-8;       // Adam, finite and > 0
  double l1 = 0.0;             // L1 strength on weights, finite and >= 0
  double l2 = 0.0;             // L2 strength on weights, finite and >= 0
  // The classic worked example (M. Mazur) leaves the biases alone; false reproduces it.
  bool update_biases = true;
};

// Rejects out-of-range settings with a sentence naming the field, e.g.
// "learning rate must be a finite number > 0 but got 0".
Status ValidateOptimizer(const OptimizerConfig& config);

// The penalty's gradient for one weight: l1 * sign(w) + l2 * w (sign(0) = 0).
inline double WeightPenaltyGradient(double w, const OptimizerConfig& config) {
  const double sign = (w > 0.0) - (w < 0.0);
  return config.l1 * sign + config.l2 * w;
}
// The penalty itself, l1 * sum |w| + (l2 / 2) * sum w^2 over every weight (not biases or slopes).
double WeightPenalty(const Mlp& mlp, const OptimizerConfig& config);

// One moment per parameter, shaped like the network.
struct LayerMoments {
  Eigen::MatrixXd W;  // (n_out, n_in)
  Eigen::VectorXd b;  // (n_out)
  double slope = 0.0;
};
struct OptimizerState {
  std::vector<LayerMoments> velocity;  // momentum's v
  std::vector<LayerMoments> m;         // Adam's first moment
  std::vector<LayerMoments> s;         // Adam's second moment (raw, uncentred)
  int64_t t = 0;                       // number of Update calls so far
};

// Zero moments shaped like `mlp`, t = 0.
OptimizerState MakeOptimizerState(const Mlp& mlp);
// True when the state's moments have the network's shapes.
bool StateMatches(const OptimizerState& state, const Mlp& mlp);

// One step on every weight, bias (if config.update_biases) and PReLU slope, from grads computed by
// Backward on this mlp. A state that does not match the network (fresh, or after a shape change) is
// reset to zeros first. The config must pass ValidateOptimizer (asserted).
void Update(Mlp* mlp, const Gradients& grads, const OptimizerConfig& config, OptimizerState* state);

}  // namespace bp
