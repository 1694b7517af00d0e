// The typical mistakes of each quantity, computed from the trace (see predict.h).
#include "app/session/predict.h"

#include <cmath>

namespace bp {

namespace {
double DerivativeAt(const Layer& layer, double x) {
  return ActivationDerivative(layer.activation, x, Activate(layer.activation, x, layer.params), layer.params);
}

// ∂L/∂a of hidden neuron j computed with the next layer's weights after the update.
double DownstreamWithNewWeights(const StepTrace& trace, int layer, int neuron) {
  const Layer& next = trace.after.layers[layer + 1];
  double sum = 0.0;
  for (int k = 0; k < next.outputs(); ++k) sum += trace.layers[layer + 1].neurons[k].delta(0) * next.W(k, neuron);
  return sum;
}

bool PlainSgd(const OptimizerConfig& config) {
  return config.kind == OptimizerKind::kSgd && config.l1 == 0.0 && config.l2 == 0.0;
}
}  // namespace

PredictionQuestion AskPrediction(const StepTrace& trace, const Eigen::VectorXd& t, PredictQuantity what, int layer,
                                 int neuron, int input) {
  PredictionQuestion q;
  const Layer& weights = trace.before.layers[layer];
  const NeuronTrace& n = trace.layers[layer].neurons[neuron];
  const bool output = layer + 1 == static_cast<int>(trace.before.layers.size());
  const bool half_squared = trace.before.loss == Loss::kHalfSquaredError;
  const double z = n.z(0), a = n.a(0);
  auto add = [&](const char* key, double value) {
    if (std::isfinite(value)) q.mistakes.push_back({key, value});
  };
  switch (what) {
    case PredictQuantity::kZ:
      q.expected = z;
      add("predict#no-bias", z - weights.b(neuron));
      break;
    case PredictQuantity::kA:
      q.expected = a;
      add("predict#no-activation", z);
      break;
    case PredictQuantity::kLossTerm:
      q.expected = trace.loss_terms(neuron, 0);
      if (half_squared) add("predict#no-half", (t(neuron) - a) * (t(neuron) - a));
      break;
    case PredictQuantity::kLoss:
      q.expected = trace.loss;
      if (half_squared && trace.loss_terms.rows() > 1) add("predict#mean-not-sum", trace.loss / trace.loss_terms.rows());
      break;
    case PredictQuantity::kDerivative:
      q.expected = n.derivative(0);
      add("predict#derivative-at-a", DerivativeAt(weights, a));
      break;
    case PredictQuantity::kDlDa:
      q.expected = n.dL_da(0);
      if (output && half_squared) add("predict#sign-flipped", -n.dL_da(0));
      if (!output) add("predict#updated-weights", DownstreamWithNewWeights(trace, layer, neuron));
      break;
    case PredictQuantity::kDelta:
      q.expected = n.delta(0);
      if (output && half_squared) add("predict#sign-flipped", -n.delta(0));
      add("predict#no-derivative", n.dL_da(0));
      add("predict#derivative-at-a", n.dL_da(0) * DerivativeAt(weights, a));
      if (!output) add("predict#updated-weights", DownstreamWithNewWeights(trace, layer, neuron) * n.derivative(0));
      break;
    case PredictQuantity::kDlDw: {
      const WeightTrace& w = trace.layers[layer].weight(neuron, input);
      q.expected = w.gradient;
      add("predict#no-input", n.delta(0));
      const Eigen::MatrixXd& in = trace.layers[layer].input;
      for (int other = 0; other < in.rows(); ++other) {
        if (other != input && in(other, 0) != in(input, 0)) {
          add("predict#wrong-input", n.delta(0) * in(other, 0));
          break;
        }
      }
      break;
    }
    case PredictQuantity::kNewWeight: {
      const WeightTrace& w = trace.layers[layer].weight(neuron, input);
      q.expected = w.update.new_value;
      if (PlainSgd(trace.config)) {
        const double eta = trace.config.learning_rate;
        add("predict#plus-eta", w.update.old_value + eta * w.gradient);
        add("predict#no-eta", w.update.old_value - w.gradient);
        add("predict#update-no-input", w.update.old_value - eta * n.delta(0));
      }
      break;
    }
  }
  return q;
}

bool PredictionRight(double typed, double expected, int digits) {
  if (!std::isfinite(typed) || !std::isfinite(expected)) return false;
  const double difference = std::fabs(typed - expected);
  if (difference <= 1e-9) return true;
  if (expected == 0.0) return false;
  const double unit = std::pow(10.0, std::floor(std::log10(std::fabs(expected))) - digits + 1);
  return difference <= unit * (1.0 + 1e-9);
}

PredictionVerdict CheckPrediction(double typed, const PredictionQuestion& question, int digits) {
  PredictionVerdict verdict;
  verdict.right = PredictionRight(typed, question.expected, digits);
  if (verdict.right) return verdict;
  for (const TypicalMistake& mistake : question.mistakes) {
    // A mistake that gives the right value is no diagnosis.
    if (!PredictionRight(mistake.value, question.expected, digits) && PredictionRight(typed, mistake.value, digits)) {
      verdict.mistake = mistake.key;
      return verdict;
    }
  }
  return verdict;
}

}  // namespace bp
