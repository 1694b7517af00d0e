// The step trace (see trace.h). Every number comes from the training code's own kept intermediates:
// Forward's pass, Backward's gradients, Update's new parameters. What this file adds is only the
// bookkeeping that splits those numbers into the chain rule's factors, per neuron and per weight.
#include "core/trace.h"

#include <cassert>
#include <limits>

#include "core/train.h"

namespace bp {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

ParameterUpdate MakeUpdate(double old_value, double new_value) {
  return ParameterUpdate{old_value, new_value - old_value, new_value};
}

// Each output unit's share of each sample's loss, (K, B). Half squared error and BCE are sums over
// units, so a unit's share is the loss of that unit alone; softmax CE's share of unit k is
// -t_k log a_k, the loss with the target t_k e_k (one-hot e_k scaled by t_k).
Eigen::MatrixXd LossTerms(Loss loss, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A, const Eigen::MatrixXd& T) {
  Eigen::MatrixXd terms(T.rows(), T.cols());
  for (int s = 0; s < T.cols(); ++s) {
    const Eigen::VectorXd z = Z.col(s), a = A.col(s), t = T.col(s);
    for (int k = 0; k < T.rows(); ++k) {
      if (loss == Loss::kSoftmaxCrossEntropy) {
        const Eigen::VectorXd unit_target = Eigen::VectorXd::Unit(t.size(), k);
        terms(k, s) = t[k] * SampleLoss(loss, z, a, unit_target);
      } else {
        terms(k, s) = SampleLoss(loss, z.segment(k, 1), a.segment(k, 1), t.segment(k, 1));
      }
    }
  }
  return terms;
}

// dL/da of the output layer for the mean batch loss, (K, B): the loss's per-sample gradient over B.
Eigen::MatrixXd OutputLossGradient(Loss loss, const Eigen::MatrixXd& A, const Eigen::MatrixXd& T) {
  Eigen::MatrixXd dL_da(T.rows(), T.cols());
  const double inverse_batch = 1.0 / static_cast<double>(T.cols());
  for (int s = 0; s < T.cols(); ++s) {
    dL_da.col(s) = LossGradientWrtOutput(loss, A.col(s), T.col(s)) * inverse_batch;
  }
  return dL_da;
}

// Layer k's neurons and weights. dL_da: (n_out, B), the first chain-rule factor of every neuron.
LayerTrace TraceLayer(const StepTrace& trace, int k, const Eigen::MatrixXd& dL_da) {
  const Layer& layer = trace.before.layers[k];
  const Layer& updated = trace.after.layers[k];
  const LayerForward& f = trace.pass.layers[k];
  const LayerGradients& g = trace.grads.layers[k];
  const bool is_output = k + 1 == static_cast<int>(trace.before.layers.size());
  const Eigen::MatrixXd derivative =
      g.derivative.size() > 0 ? g.derivative : Eigen::MatrixXd::Constant(f.z.rows(), f.z.cols(), kNaN);

  LayerTrace out;
  out.input = f.input;
  for (int j = 0; j < layer.outputs(); ++j) {
    NeuronTrace neuron;
    neuron.z = f.z.row(j).transpose();
    neuron.a = f.a.row(j).transpose();
    neuron.derivative = derivative.row(j).transpose();
    neuron.dL_da = dL_da.row(j).transpose();
    neuron.delta = g.delta.row(j).transpose();
    if (!is_output) {
      const Eigen::MatrixXd& delta_next = trace.grads.layers[k + 1].delta;
      const Eigen::VectorXd w_next = trace.before.layers[k + 1].W.col(j);
      neuron.downstream = (delta_next.array().colwise() * w_next.array()).matrix();
    }
    neuron.dL_db = g.db[j];
    neuron.bias = MakeUpdate(layer.b[j], updated.b[j]);
    out.neurons.push_back(neuron);

    for (int i = 0; i < layer.inputs(); ++i) {
      WeightTrace weight;
      weight.neuron = j;
      weight.input = i;
      weight.dL_da = neuron.dL_da;
      weight.da_dz = neuron.derivative;
      weight.dz_dw = f.input.row(i).transpose();
      weight.gradient = g.dW(j, i);
      weight.penalty_gradient = WeightPenaltyGradient(layer.W(j, i), trace.config);
      weight.update = MakeUpdate(layer.W(j, i), updated.W(j, i));
      out.weights.push_back(weight);
    }
  }
  out.has_slope = layer.activation == Activation::kPrelu;
  out.d_slope = g.d_slope;
  out.slope = MakeUpdate(layer.params.slope, updated.params.slope);
  return out;
}

}  // namespace

Result<StepTrace> TraceStep(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T,
                            const OptimizerConfig& config, const OptimizerState& state) {
  Status status = CheckTrainingData(mlp, X, T);
  if (status.ok()) status = ValidateOptimizer(config);
  if (!status.ok()) return Result<StepTrace>::Error(status.error);

  StepTrace trace;
  trace.config = config;
  trace.before = mlp;
  // The training step itself: the same three calls TrainEpoch makes.
  Forward(mlp, X, &trace.pass);
  Backward(mlp, trace.pass, T, &trace.grads);
  trace.after = mlp;
  trace.state_after = state;
  Update(&trace.after, trace.grads, config, &trace.state_after);

  const LayerForward& out = trace.pass.layers.back();
  trace.loss = trace.grads.loss;
  trace.loss_terms = LossTerms(mlp.loss, out.z, out.a, T);
  trace.penalty = WeightPenalty(mlp, config);

  const int count = static_cast<int>(mlp.layers.size());
  trace.layers.resize(count);
  for (int k = count - 1; k >= 0; --k) {
    const Eigen::MatrixXd dL_da =
        k == count - 1 ? OutputLossGradient(mlp.loss, out.a, T) : trace.grads.layers[k + 1].d_input;
    trace.layers[k] = TraceLayer(trace, k, dL_da);
  }
  return Result<StepTrace>::Ok(std::move(trace));
}

void ApplyStep(const StepTrace& trace, Mlp* mlp, OptimizerState* state) {
  assert(mlp->layers.size() == trace.before.layers.size() && "ApplyStep: the trace was built from another network");
  for (size_t k = 0; k < mlp->layers.size(); ++k) {
    assert(mlp->layers[k].W.rows() == trace.before.layers[k].W.rows() &&
           mlp->layers[k].W.cols() == trace.before.layers[k].W.cols() &&
           "ApplyStep: the trace was built from another network");
  }
  *mlp = trace.after;
  *state = trace.state_after;
}

}  // namespace bp
