// Rosenblatt's perceptron: prediction, the one-sample learning rule with its full record, and the
// epoch / training loops built on it. The lesson's step table comes from the same PerceptronStep.
#include "core/perceptron.h"

#include <cassert>
#include <cmath>
#include <string>
#include <utility>

#include "core/rng.h"
#include "core/train.h"  // Shuffle: the one Fisher-Yates with our Rng

namespace bp {
namespace {

constexpr int kMaxEpochs = 100000;

Status CheckEta(double eta) {
  if (!std::isfinite(eta) || eta <= 0.0) return Status::Error("The learning rate must be a positive number.");
  return Status::Ok();
}

Status CheckSample(const Perceptron& p, const Eigen::VectorXd& x, int y) {
  if (x.size() != p.inputs()) {
    return Status::Error("The perceptron has " + std::to_string(p.inputs()) + " input(s) but the sample has " +
                         std::to_string(x.size()) + ".");
  }
  if (!x.allFinite()) return Status::Error("The sample's inputs must be finite numbers.");
  if (y != 0 && y != 1) return Status::Error("A perceptron label must be 0 or 1 (got " + std::to_string(y) + ").");
  return Status::Ok();
}

Status CheckWeights(const Perceptron& p) {
  if (!p.w.allFinite() || !std::isfinite(p.b)) return Status::Error("The perceptron's weights are not finite.");
  return Status::Ok();
}

Status CheckData(const Perceptron& p, const Eigen::MatrixXd& X, const std::vector<int>& labels) {
  Status weights = CheckWeights(p);
  if (!weights) return weights;
  if (X.rows() != p.inputs()) {
    return Status::Error("The perceptron has " + std::to_string(p.inputs()) + " input(s) but the data has " +
                         std::to_string(X.rows()) + " row(s).");
  }
  if (static_cast<int>(labels.size()) != X.cols()) {
    return Status::Error("The data has " + std::to_string(X.cols()) + " samples but " + std::to_string(labels.size()) +
                         " labels.");
  }
  if (!X.allFinite()) return Status::Error("The data contains a non-finite value.");
  for (int y : labels) {
    if (y != 0 && y != 1) return Status::Error("A perceptron label must be 0 or 1 (got " + std::to_string(y) + ").");
  }
  return Status::Ok();
}

// The rule itself, on checked input.
PerceptronStepRecord Step(Perceptron* p, const Eigen::VectorXd& x, int y, double eta, int index) {
  PerceptronStepRecord r;
  r.index = index;
  r.x = x;
  r.y = y;
  r.z = PerceptronNet(*p, x);
  r.prediction = r.z > 0.0 ? 1 : 0;
  r.old_w = p->w;
  r.old_b = p->b;
  const double error = y - r.prediction;  // -1, 0 or +1
  r.delta_w = eta * error * x;
  r.delta_b = eta * error;
  p->w += r.delta_w;
  p->b += r.delta_b;
  r.new_w = p->w;
  r.new_b = p->b;
  r.mistake = r.prediction != y;
  return r;
}

// keep_steps = false drops the records (training only needs the mistake count).
PerceptronEpoch Epoch(Perceptron* p, const Eigen::MatrixXd& X, const std::vector<int>& labels,
                      const std::vector<int>& order, double eta, bool keep_steps) {
  PerceptronEpoch epoch;
  if (keep_steps) epoch.steps.reserve(order.size());
  for (int n : order) {
    Eigen::VectorXd x = X.col(n);
    PerceptronStepRecord step = Step(p, x, labels[n], eta, n);
    epoch.mistakes += step.mistake ? 1 : 0;
    if (keep_steps) epoch.steps.push_back(std::move(step));
  }
  return epoch;
}

}  // namespace

Perceptron MakePerceptron(int n_inputs) {
  assert(n_inputs >= 1 && "a perceptron needs at least one input");
  Perceptron p;
  p.w = Eigen::VectorXd::Zero(n_inputs);
  p.b = 0.0;
  return p;
}

double PerceptronNet(const Perceptron& p, const Eigen::VectorXd& x) {
  assert(x.size() == p.w.size());
  return p.w.dot(x) + p.b;
}

int PerceptronPredict(const Perceptron& p, const Eigen::VectorXd& x) { return PerceptronNet(p, x) > 0.0 ? 1 : 0; }

Result<PerceptronStepRecord> PerceptronStep(Perceptron* p, const Eigen::VectorXd& x, int y, double eta, int index) {
  Status valid = CheckEta(eta);
  if (valid) valid = CheckWeights(*p);
  if (valid) valid = CheckSample(*p, x, y);
  if (!valid) return Result<PerceptronStepRecord>::Error(valid.error);
  return Result<PerceptronStepRecord>::Ok(Step(p, x, y, eta, index));
}

Result<PerceptronEpoch> RunPerceptronEpoch(Perceptron* p, const Eigen::MatrixXd& X, const std::vector<int>& labels,
                                           const std::vector<int>& order, double eta) {
  Status valid = CheckEta(eta);
  if (valid) valid = CheckData(*p, X, labels);
  for (int n : order) {
    if (valid && (n < 0 || n >= X.cols())) {
      valid = Status::Error("The visiting order names sample " + std::to_string(n) + ", but there are " +
                            std::to_string(X.cols()) + ".");
    }
  }
  if (!valid) return Result<PerceptronEpoch>::Error(valid.error);
  return Result<PerceptronEpoch>::Ok(Epoch(p, X, labels, order, eta, true));
}

Result<PerceptronTrainResult> TrainPerceptron(Perceptron* p, const Eigen::MatrixXd& X, const std::vector<int>& labels,
                                              const PerceptronTrainOptions& options) {
  using R = Result<PerceptronTrainResult>;
  Status valid = CheckEta(options.eta);
  if (valid) valid = CheckData(*p, X, labels);
  if (!valid) return R::Error(valid.error);
  if (options.max_epochs < 1 || options.max_epochs > kMaxEpochs) {
    return R::Error("The number of epochs must be between 1 and " + std::to_string(kMaxEpochs) + ".");
  }
  if (X.cols() == 0) return R::Error("There are no samples to learn from.");

  std::vector<int> order(X.cols());
  for (int n = 0; n < static_cast<int>(order.size()); ++n) order[n] = n;
  Rng rng(options.seed);
  PerceptronTrainResult result;
  while (result.epochs_run < options.max_epochs) {
    if (options.shuffle) Shuffle(&rng, &order);
    int mistakes = Epoch(p, X, labels, order, options.eta, false).mistakes;
    result.mistakes_per_epoch.push_back(mistakes);
    ++result.epochs_run;
    if (mistakes == 0) {
      result.converged = true;
      break;
    }
  }
  return R::Ok(std::move(result));
}

}  // namespace bp
