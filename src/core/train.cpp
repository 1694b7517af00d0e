// Training loops and metrics (see train.h). One loop, RunBatches, serves both TrainEpoch and
// TrainSteps: gather a batch into the workspace, Forward, Backward, check the loss, Update.
#include "core/train.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

namespace bp {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Status CheckShapes(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T) {
  if (X.rows() != mlp.inputs()) {
    return Status::Error("X has " + std::to_string(X.rows()) + " rows but the network expects " +
                         std::to_string(mlp.inputs()) + " inputs (one row per feature)");
  }
  if (T.rows() != mlp.outputs()) {
    return Status::Error("T has " + std::to_string(T.rows()) + " rows but the network has " +
                         std::to_string(mlp.outputs()) + " outputs (one row per output)");
  }
  if (X.cols() != T.cols()) {
    return Status::Error("X has " + std::to_string(X.cols()) + " samples but T has " + std::to_string(T.cols()) +
                         "; give one target column per input column");
  }
  if (X.cols() == 0) return Status::Error("the dataset has no samples; give at least one");
  return Status::Ok();
}

Status CheckFinite(const char* name, const Eigen::MatrixXd& M) {
  for (int c = 0; c < M.cols(); ++c) {
    for (int r = 0; r < M.rows(); ++r) {
      if (!std::isfinite(M(r, c))) {
        return Status::Error(std::string(name) + " value at row " + std::to_string(r) + ", column " +
                             std::to_string(c) + " is not a finite number");
      }
    }
  }
  return Status::Ok();
}

Status CheckTrainingCall(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, int batch_size,
                         const OptimizerConfig& config) {
  if (batch_size < 1) {
    return Status::Error("batch size must be at least 1 but got " + std::to_string(batch_size));
  }
  Status status = CheckShapes(mlp, X, T);
  if (status.ok()) status = ValidateOptimizer(config);
  return status;
}

// Gives M the shape rows x cols, calling resize only when the shape changes: Eigen's resize checks
// rows * cols for overflow with an integer division, a cost per call in these small per-batch loops.
void SetShape(Eigen::MatrixXd* M, Eigen::Index rows, Eigen::Index cols) {
  if (M->rows() != rows || M->cols() != cols) M->resize(rows, cols);
}

// Copies column order[first + j] of M into column j of `batch`, for j < count. M, batch: column-major.
void GatherColumns(const Eigen::MatrixXd& M, const std::vector<int>& order, int first, int count,
                   Eigen::MatrixXd* batch) {
  const Eigen::Index rows = M.rows();
  SetShape(batch, rows, count);
  double* target = batch->data();
  for (int j = 0; j < count; ++j, target += rows) {
    const double* source = M.data() + order[first + j] * rows;
    // A column of one or two numbers (the usual targets and features) by hand: a copy loop would
    // become a call to memcpy, which costs more than the copy.
    if (rows == 1) {
      target[0] = source[0];
    } else if (rows == 2) {
      target[0] = source[0];
      target[1] = source[1];
    } else {
      std::copy(source, source + rows, target);
    }
  }
}

// The columns order[first .. first + count) of X and T into the batch buffers.
void Gather(const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, const std::vector<int>& order, int first, int count,
            BatchBuffers* batch) {
  GatherColumns(X, order, first, count, &batch->X);
  GatherColumns(T, order, first, count, &batch->T);
}

void StartEpoch(int n, Rng* shuffle, TrainWorkspace* workspace) {
  workspace->order.resize(n);
  for (int i = 0; i < n; ++i) workspace->order[i] = i;
  if (shuffle != nullptr) Shuffle(shuffle, &workspace->order);
  workspace->cursor = 0;
}

TrainStats RunBatches(Mlp* mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, int batch_size, int steps,
                      const OptimizerConfig& config, OptimizerState* state, Rng* shuffle, TrainWorkspace* workspace) {
  const int n = static_cast<int>(X.cols());
  const int full_size = std::min(batch_size, n);
  TrainStats stats;
  double loss_sum = 0.0;
  for (int step = 0; step < steps; ++step) {
    if (workspace->cursor == 0 || static_cast<int>(workspace->order.size()) != n) StartEpoch(n, shuffle, workspace);
    const int count = std::min(full_size, n - workspace->cursor);
    BatchBuffers& batch = count == full_size ? workspace->full : workspace->tail;
    Gather(X, T, workspace->order, workspace->cursor, count, &batch);

    Forward(*mlp, batch.X, &batch.pass);
    Backward(*mlp, batch.pass, batch.T, &batch.grads, /*data_gradient=*/false);
    const double loss = batch.grads.loss;
    loss_sum += loss * count;
    stats.samples += count;
    stats.batches += 1;
    if (LossDiverged(loss)) {
      stats.diverged = true;
      break;
    }
    Update(mlp, batch.grads, config, state);

    workspace->cursor += count;
    if (workspace->cursor == n) {
      workspace->cursor = 0;
      stats.epochs_completed += 1;
    }
  }
  // A last update can overflow the weights while its (earlier) loss was still finite.
  if (WeightsDiverged(*mlp)) stats.diverged = true;
  stats.mean_loss = stats.samples > 0 ? loss_sum / stats.samples : kNaN;
  return stats;
}

// "NaN", "infinite", or the number and the bound it passed: "4.8e+299, beyond 1e100".
std::string DivergedWord(double x) {
  if (std::isnan(x)) return "NaN";
  if (std::isinf(x)) return "infinite";
  char text[48];
  std::snprintf(text, sizeof text, "%.2g, beyond %s1e100", x, x < 0 ? "-" : "");
  return text;
}

// The parameter to name: a NaN first, then an infinite one, then the largest in magnitude.
double WorstParameter(const Mlp& mlp) {
  double worst = 0.0;
  auto consider = [&worst](double x) {
    if (std::isnan(worst)) return;
    if (std::isnan(x) || (std::isinf(x) && !std::isinf(worst)) || std::fabs(x) > std::fabs(worst)) worst = x;
  };
  for (const Layer& layer : mlp.layers) {
    for (Eigen::Index i = 0; i < layer.W.size(); ++i) consider(layer.W.data()[i]);
    for (Eigen::Index i = 0; i < layer.b.size(); ++i) consider(layer.b(i));
    consider(layer.params.slope);
  }
  return worst;
}

}  // namespace

Status CheckTrainingData(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T) {
  Status status = CheckShapes(mlp, X, T);
  if (status.ok()) status = CheckFinite("X", X);
  if (status.ok()) status = CheckFinite("T", T);
  return status;
}

void Shuffle(Rng* rng, std::vector<int>* order) {
  for (int i = static_cast<int>(order->size()) - 1; i > 0; --i) {
    const int j = static_cast<int>(rng->Below(static_cast<uint32_t>(i + 1)));
    std::swap((*order)[i], (*order)[j]);
  }
}

Result<DatasetSplit> SplitDataset(const Dataset& data, double train_fraction, uint64_t seed) {
  const int n = data.size();
  if (data.T.cols() != n) {
    return Result<DatasetSplit>::Error("X has " + std::to_string(n) + " samples but T has " +
                                       std::to_string(data.T.cols()));
  }
  const bool has_labels = !data.labels.empty();
  if (has_labels && static_cast<int>(data.labels.size()) != n) {
    return Result<DatasetSplit>::Error("X has " + std::to_string(n) + " samples but labels has " +
                                       std::to_string(data.labels.size()) + " entries");
  }
  if (!(train_fraction > 0.0 && train_fraction <= 1.0)) {
    return Result<DatasetSplit>::Error("the train fraction must be in (0, 1] but got " +
                                       std::to_string(train_fraction));
  }
  const int train_count = static_cast<int>(std::lround(train_fraction * n));
  if (train_count < 1) {
    return Result<DatasetSplit>::Error("a train fraction of " + std::to_string(train_fraction) + " of " +
                                       std::to_string(n) + " samples leaves no training samples");
  }
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = i;
  Rng rng(seed);
  Shuffle(&rng, &order);
  std::sort(order.begin(), order.begin() + train_count);
  std::sort(order.begin() + train_count, order.end());

  // Copies carry every other field (kind, encoding, class count); the per-sample parts are rebuilt.
  DatasetSplit split{data, data};
  const int counts[2] = {train_count, n - train_count};
  Dataset* parts[2] = {&split.train, &split.test};
  for (int p = 0; p < 2; ++p) {
    Dataset& part = *parts[p];
    const int first = p == 0 ? 0 : train_count;
    part.X.resize(data.X.rows(), counts[p]);
    part.T.resize(data.T.rows(), counts[p]);
    part.labels.resize(has_labels ? counts[p] : 0);
    for (int column = 0; column < counts[p]; ++column) {
      const int source = order[first + column];
      part.X.col(column) = data.X.col(source);
      part.T.col(column) = data.T.col(source);
      if (has_labels) part.labels[column] = data.labels[source];
    }
  }
  return Result<DatasetSplit>::Ok(std::move(split));
}

Result<TrainStats> TrainEpoch(Mlp* mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, int batch_size,
                              const OptimizerConfig& config, OptimizerState* state, Rng* shuffle,
                              TrainWorkspace* workspace) {
  Status status = CheckTrainingCall(*mlp, X, T, batch_size, config);
  if (!status.ok()) return Result<TrainStats>::Error(status.error);
  const int n = static_cast<int>(X.cols());
  const int batches = (n + batch_size - 1) / batch_size;
  workspace->cursor = 0;
  return Result<TrainStats>::Ok(RunBatches(mlp, X, T, batch_size, batches, config, state, shuffle, workspace));
}

Result<TrainStats> TrainSteps(Mlp* mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, int batch_size, int steps,
                              const OptimizerConfig& config, OptimizerState* state, Rng* shuffle,
                              TrainWorkspace* workspace) {
  Status status = CheckTrainingCall(*mlp, X, T, batch_size, config);
  if (status.ok() && steps < 0)
    status = Status::Error("the number of steps must be >= 0 but got " + std::to_string(steps));
  if (!status.ok()) return Result<TrainStats>::Error(status.error);
  return Result<TrainStats>::Ok(RunBatches(mlp, X, T, batch_size, steps, config, state, shuffle, workspace));
}

bool LossDiverged(double loss) { return !(std::fabs(loss) <= kDivergedBound); }

bool WeightsDiverged(const Mlp& mlp) {
  for (const Layer& layer : mlp.layers) {
    // !(x <= bound) is true for NaN too.
    if (!(layer.W.cwiseAbs().maxCoeff() <= kDivergedBound) || !(layer.b.cwiseAbs().maxCoeff() <= kDivergedBound) ||
        !(std::fabs(layer.params.slope) <= kDivergedBound)) {
      return true;
    }
  }
  return false;
}

std::string DivergedWhat(const Mlp& mlp, double loss, double metrics_loss) {
  if (LossDiverged(loss)) return "the loss became " + DivergedWord(loss);
  if (WeightsDiverged(mlp)) return "a weight became " + DivergedWord(WorstParameter(mlp));
  return "the loss became " + DivergedWord(metrics_loss);
}

// --- Metrics ---------------------------------------------------------------------------------------

DecisionRule DetectDecisionRule(const Eigen::MatrixXd& T, Activation output_activation) {
  DecisionRule rule;
  if (T.size() == 0) return rule;
  if (T.rows() == 1) {
    bool has_minus_one = false, has_zero = false;
    for (int c = 0; c < T.cols(); ++c) {
      const double t = T(0, c);
      if (t == -1.0)
        has_minus_one = true;
      else if (t == 0.0)
        has_zero = true;
      else if (t != 1.0)
        return rule;
    }
    if (has_minus_one && has_zero) return rule;
    const bool plus_minus = has_minus_one || (!has_zero && output_activation == Activation::kTanh);
    rule.kind = TargetKind::kBinary;
    rule.threshold = plus_minus ? 0.0 : 0.5;
    return rule;
  }
  // One-hot: exactly one 1 per column, every other entry the same "off" value, 0 or -1.
  const double off = T.minCoeff();
  if (off != 0.0 && off != -1.0) return rule;
  for (int c = 0; c < T.cols(); ++c) {
    int ones = 0;
    for (int r = 0; r < T.rows(); ++r) {
      if (T(r, c) == 1.0)
        ones += 1;
      else if (T(r, c) != off)
        return rule;
    }
    if (ones != 1) return rule;
  }
  rule.kind = TargetKind::kOneHot;
  return rule;
}

int ClassOf(const DecisionRule& rule, const Eigen::MatrixXd& Y, int column) {
  switch (rule.kind) {
    case TargetKind::kBinary: return Y(0, column) > rule.threshold ? 1 : 0;
    case TargetKind::kOneHot: {
      Eigen::Index best = 0;
      Y.col(column).maxCoeff(&best);
      return static_cast<int>(best);
    }
    case TargetKind::kRegression: return 0;
  }
  return 0;
}

Metrics Evaluate(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, ForwardPass* pass) {
  assert(CheckShapes(mlp, X, T).ok() && "Evaluate: X and T must fit the network (see CheckTrainingData)");
  Forward(mlp, X, pass);
  const LayerForward& out = pass->layers.back();
  Metrics metrics;
  metrics.samples = static_cast<int>(X.cols());
  metrics.loss = BatchLoss(mlp.loss, out.z, out.a, T);
  const DecisionRule rule = DetectDecisionRule(T, mlp.layers.back().activation);
  metrics.has_accuracy = rule.kind != TargetKind::kRegression;
  if (!metrics.has_accuracy) {
    metrics.accuracy = kNaN;
    return metrics;
  }
  const int classes = rule.kind == TargetKind::kBinary ? 2 : static_cast<int>(T.rows());
  metrics.confusion = Eigen::MatrixXi::Zero(classes, classes);
  for (int c = 0; c < metrics.samples; ++c) {
    const int truth = ClassOf(rule, T, c), given = ClassOf(rule, out.a, c);
    if (given == truth) metrics.correct += 1;
    metrics.confusion(truth, given) += 1;
  }
  metrics.accuracy = static_cast<double>(metrics.correct) / metrics.samples;
  return metrics;
}

Metrics Evaluate(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T) {
  ForwardPass pass;
  return Evaluate(mlp, X, T, &pass);
}

}  // namespace bp
