// Optimizers (see optim.h): every parameter, whatever its kind, goes through one scalar step
// function, so SGD, momentum and Adam are each written once.
#include "core/optim.h"

#include <cassert>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/echo.h"

namespace bp {

namespace {

std::string Number(double x) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", x);
  return buffer;
}

Status RequirePositive(const char* field, double value) {
  if (std::isfinite(value) && value > 0.0) return Status::Ok();
  return Status::Error(std::string(field) + " must be a finite number > 0 but got " + Number(value));
}

Status RequireNonNegative(const char* field, double value) {
  if (std::isfinite(value) && value >= 0.0) return Status::Ok();
  return Status::Error(std::string(field) + " must be a finite number >= 0 but got " + Number(value));
}

Status RequireUnitInterval(const char* field, double value) {
  if (value >= 0.0 && value < 1.0) return Status::Ok();
  return Status::Error(std::string(field) + " must be in [0, 1) but got " + Number(value));
}

// Adam's bias corrections for step t: 1 - beta^t.
struct StepContext {
  const OptimizerConfig* config;
  double correction1 = 1.0;
  double correction2 = 1.0;
};

// The step for one parameter with gradient g (penalty already added); updates its moments.
// The optimizer is a template argument so that each parameter loop below has no branch inside.
template <OptimizerKind kKind>
double ParameterStep(const StepContext& context, double g, double* velocity, double* m, double* s) {
  const OptimizerConfig& c = *context.config;
  if constexpr (kKind == OptimizerKind::kSgd) {
    return -c.learning_rate * g;
  } else if constexpr (kKind == OptimizerKind::kMomentum) {
    *velocity = c.momentum * *velocity - c.learning_rate * g;
    return *velocity;
  } else {
    *m = c.beta1 * *m + (1.0 - c.beta1) * g;
    *s = c.beta2 * *s + (1.0 - c.beta2) * g * g;
    const double m_hat = *m / context.correction1;
    const double s_hat = *s / context.correction2;
    return -c.learning_rate * m_hat / (std::sqrt(s_hat) + c.epsilon);
  }
}

// Every weight (with its penalty), bias (if enabled) and PReLU slope of every layer, one step each.
template <OptimizerKind kKind>
void StepAllParameters(const StepContext& context, const Gradients& grads, Mlp* mlp, OptimizerState* state) {
  const OptimizerConfig& config = *context.config;
  const bool penalised = config.l1 != 0.0 || config.l2 != 0.0;
  for (size_t k = 0; k < mlp->layers.size(); ++k) {
    Layer& layer = mlp->layers[k];
    const LayerGradients& g = grads.layers[k];
    LayerMoments& velocity = state->velocity[k];
    LayerMoments& m = state->m[k];
    LayerMoments& s = state->s[k];

    double* w = layer.W.data();
    for (Eigen::Index i = 0; i < layer.W.size(); ++i) {
      const double gradient = penalised ? g.dW.data()[i] + WeightPenaltyGradient(w[i], config) : g.dW.data()[i];
      w[i] += ParameterStep<kKind>(context, gradient, &velocity.W.data()[i], &m.W.data()[i], &s.W.data()[i]);
    }
    if (config.update_biases) {
      for (Eigen::Index i = 0; i < layer.b.size(); ++i) {
        layer.b[i] += ParameterStep<kKind>(context, g.db[i], &velocity.b[i], &m.b[i], &s.b[i]);
      }
    }
    if (layer.activation == Activation::kPrelu) {
      layer.params.slope += ParameterStep<kKind>(context, g.d_slope, &velocity.slope, &m.slope, &s.slope);
    }
  }
}

// Plain SGD without a penalty, the usual case: p <- p - eta * g, one plain loop per parameter
// array, with the same operations as ParameterStep<kSgd> (so the same bits) and no moments.
void StepSgd(const Gradients& grads, const OptimizerConfig& config, Mlp* mlp) {
  const double minus_rate = -config.learning_rate;
  for (size_t k = 0; k < mlp->layers.size(); ++k) {
    Layer& layer = mlp->layers[k];
    const LayerGradients& g = grads.layers[k];
    double* w = layer.W.data();
    const double* dw = g.dW.data();
    const Eigen::Index weights = layer.W.size();
    for (Eigen::Index i = 0; i < weights; ++i) w[i] += minus_rate * dw[i];
    if (config.update_biases) {
      double* b = layer.b.data();
      const double* db = g.db.data();
      const Eigen::Index biases = layer.b.size();
      for (Eigen::Index i = 0; i < biases; ++i) b[i] += minus_rate * db[i];
    }
    if (layer.activation == Activation::kPrelu) layer.params.slope += minus_rate * g.d_slope;
  }
}

LayerMoments ZeroMoments(const Layer& layer) {
  LayerMoments moments;
  moments.W = Eigen::MatrixXd::Zero(layer.W.rows(), layer.W.cols());
  moments.b = Eigen::VectorXd::Zero(layer.b.size());
  return moments;
}

bool MomentsMatch(const std::vector<LayerMoments>& moments, const Mlp& mlp) {
  if (moments.size() != mlp.layers.size()) return false;
  for (size_t k = 0; k < moments.size(); ++k) {
    const Layer& layer = mlp.layers[k];
    if (moments[k].W.rows() != layer.W.rows() || moments[k].W.cols() != layer.W.cols()) return false;
    if (moments[k].b.size() != layer.b.size()) return false;
  }
  return true;
}

}  // namespace

const char* OptimizerName(OptimizerKind kind) {
  switch (kind) {
    case OptimizerKind::kSgd: return "sgd";
    case OptimizerKind::kMomentum: return "momentum";
    case OptimizerKind::kAdam: return "adam";
  }
  return "unknown";
}

Result<OptimizerKind> ParseOptimizer(const std::string& name) {
  for (OptimizerKind kind : {OptimizerKind::kSgd, OptimizerKind::kMomentum, OptimizerKind::kAdam}) {
    if (name == OptimizerName(kind)) return Result<OptimizerKind>::Ok(kind);
  }
  return Result<OptimizerKind>::Error("unknown optimizer " + Echo(name) + "; expected one of: sgd, momentum, adam");
}

Status ValidateOptimizer(const OptimizerConfig& config) {
  Status status = RequirePositive("learning rate", config.learning_rate);
  if (status.ok() && config.kind == OptimizerKind::kMomentum) status = RequireUnitInterval("momentum", config.momentum);
  if (status.ok() && config.kind == OptimizerKind::kAdam) {
    status = RequireUnitInterval("Adam beta1", config.beta1);
    if (status.ok()) status = RequireUnitInterval("Adam beta2", config.beta2);
    if (status.ok()) status = RequirePositive("Adam epsilon", config.epsilon);
  }
  if (status.ok()) status = RequireNonNegative("L1 strength", config.l1);
  if (status.ok()) status = RequireNonNegative("L2 strength", config.l2);
  return status;
}

double WeightPenalty(const Mlp& mlp, const OptimizerConfig& config) {
  double penalty = 0.0;
  for (const Layer& layer : mlp.layers) {
    penalty += config.l1 * layer.W.cwiseAbs().sum() + 0.5 * config.l2 * layer.W.squaredNorm();
  }
  return penalty;
}

OptimizerState MakeOptimizerState(const Mlp& mlp) {
  OptimizerState state;
  for (const Layer& layer : mlp.layers) {
    state.velocity.push_back(ZeroMoments(layer));
    state.m.push_back(ZeroMoments(layer));
    state.s.push_back(ZeroMoments(layer));
  }
  return state;
}

bool StateMatches(const OptimizerState& state, const Mlp& mlp) {
  return MomentsMatch(state.velocity, mlp) && MomentsMatch(state.m, mlp) && MomentsMatch(state.s, mlp);
}

void Update(Mlp* mlp, const Gradients& grads, const OptimizerConfig& config, OptimizerState* state) {
  assert(ValidateOptimizer(config).ok() && "Update: validate the optimizer config where it enters");
  assert(grads.layers.size() == mlp->layers.size() && "Update: grads must come from Backward on this mlp");
  if (!StateMatches(*state, *mlp)) *state = MakeOptimizerState(*mlp);

  state->t += 1;
  StepContext context{&config};
  if (config.kind == OptimizerKind::kAdam) {
    context.correction1 = 1.0 - std::pow(config.beta1, static_cast<double>(state->t));
    context.correction2 = 1.0 - std::pow(config.beta2, static_cast<double>(state->t));
  }

  switch (config.kind) {
    case OptimizerKind::kSgd:
      if (config.l1 == 0.0 && config.l2 == 0.0) {
        StepSgd(grads, config, mlp);
        break;
      }
      StepAllParameters<OptimizerKind::kSgd>(context, grads, mlp, state);
      break;
    case OptimizerKind::kMomentum: StepAllParameters<OptimizerKind::kMomentum>(context, grads, mlp, state); break;
    case OptimizerKind::kAdam: StepAllParameters<OptimizerKind::kAdam>(context, grads, mlp, state); break;
  }
}

}  // namespace bp
