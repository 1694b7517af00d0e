// The playground's model (see playground.h): building data, split, features and network from a
// config, training with per-epoch curves, the divergence guard and the stop condition. The
// learner's point edits are in playground_points.cpp; the settings as key=value text and their
// checks in playground_config.cpp.
#include "core/playground.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/history.h"
#include "core/playground_internal.h"

namespace bp {

using playground_detail::FormatG;
using playground_detail::FormatNumber;
using playground_detail::MeasureMetrics;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The split and the minibatch shuffle draw from their own sequences, not repeating the data's numbers.
constexpr uint64_t kSplitSeedSalt = 0x9E3779B97F4A7C15ull;
constexpr uint64_t kShuffleStream = 1013;

// --- Building -----------------------------------------------------------------------------------

TargetEncoding EncodingFor(OutputHead head) {
  if (head == OutputHead::kSoftmaxCe) return TargetEncoding::kOneHot;
  if (head == OutputHead::kTanhSquared) return TargetEncoding::kPlusMinusOne;
  return TargetEncoding::kZeroOne;
}

Activation OutputActivationFor(OutputHead head) {
  switch (head) {
    case OutputHead::kSoftmaxCe: return Activation::kSoftmax;
    case OutputHead::kLinearMse: return Activation::kIdentity;
    case OutputHead::kTanhSquared: return Activation::kTanh;
    default: return Activation::kSigmoid;
  }
}

Loss LossFor(OutputHead head) {
  if (head == OutputHead::kSigmoidBce) return Loss::kBinaryCrossEntropy;
  if (head == OutputHead::kSoftmaxCe) return Loss::kSoftmaxCrossEntropy;
  return Loss::kHalfSquaredError;
}

Metrics NoMetrics() {
  Metrics metrics;
  metrics.loss = kNaN;
  metrics.accuracy = kNaN;
  return metrics;
}

// One record per history_stride epochs; past kMaxHistory records, ThinHistory (history.h) drops
// every second record and doubles the stride. Records always sit at epochs 0, s, 2s, ..., so the
// kept ones are the multiples of 2s.
void AppendHistory(Playground* p) {
  if (p->epoch % p->history_stride != 0) return;
  EpochRecord record;
  record.epoch = p->epoch;
  record.train_loss = p->train_metrics.loss;
  record.test_loss = p->test_metrics.loss;
  record.train_accuracy = p->train_metrics.accuracy;
  record.test_accuracy = p->test_metrics.accuracy;
  p->history.push_back(record);
  ThinHistory(kMaxHistory, &p->history_stride, &p->history);
}

void SaveLastFinite(Playground* p) {
  p->last_finite = p->mlp;  // same shapes: the copy reuses the buffers
  p->last_finite_optimizer = p->optimizer;
  p->last_finite_epoch = p->epoch;
}

// Training from the start on `mlp` (shapes already checked): epoch 0, fresh optimizer state and
// shuffle order, one record in the curves, the guard armed.
void StartTraining(Playground* p, Mlp mlp) {
  p->mlp = std::move(mlp);
  p->optimizer = MakeOptimizerState(p->mlp);
  p->shuffle = Rng(p->config.weight_seed, kShuffleStream);
  p->workspace = TrainWorkspace();
  p->epoch = 0;
  p->batches = 0;
  p->history.clear();
  // One more than the limit: ThinHistory runs after the record that passes it is appended.
  p->history.reserve(kMaxHistory + 1);
  p->history_stride = 1;
  p->diverged = false;
  p->divergence_message.clear();
  p->stopped = false;
  p->stop_message.clear();
  p->stop_loss_armed = true;
  MeasureMetrics(p);
  AppendHistory(p);
  SaveLastFinite(p);
}

// Inputs, a fresh network, optimizer and training state for the playground's data (already split
// and encoded for p->head). Writes only into *p; the caller keeps a copy for failure.
Status BuildNetwork(Playground* p) {
  const PlaygroundConfig& config = p->config;
  p->train_inputs = PlaygroundInputs(*p, p->train.X);
  p->test_inputs = PlaygroundInputs(*p, p->test.X);

  MlpSpec spec;
  spec.sizes.push_back(config.features.Count());
  spec.sizes.insert(spec.sizes.end(), config.hidden.begin(), config.hidden.end());
  spec.sizes.push_back(p->head == OutputHead::kSoftmaxCe ? p->data.num_classes : 1);
  spec.activations = config.activations;
  spec.activations.push_back(OutputActivationFor(p->head));
  spec.loss = LossFor(p->head);
  spec.init = config.init;
  Result<Mlp> mlp = MakeMlp(spec, config.weight_seed);
  if (!mlp) return Status::Error("The network cannot be built: " + mlp.error() + ".");
  Status data_fits = CheckTrainingData(*mlp, p->train_inputs, p->train.T);
  if (!data_fits) return Status::Error("The training data does not fit the network: " + data_fits.error + ".");

  StartTraining(p, std::move(mlp.value()));
  return Status::Ok();
}

// New data from the config, split, encoded for p->head, then BuildNetwork.
Status BuildAll(Playground* p) {
  DatasetOptions options = p->config.data;
  options.encoding = EncodingFor(p->head);
  Result<Dataset> data = MakeDataset(options);
  if (!data) return Status::Error(data.error());
  Result<DatasetSplit> split = SplitDataset(*data, p->config.train_fraction, options.seed ^ kSplitSeedSalt);
  if (!split) return Status::Error("The data cannot be split: " + split.error() + ".");
  p->data = std::move(data.value());
  p->train = std::move(split->train);
  p->test = std::move(split->test);
  return BuildNetwork(p);
}

// --- Training ---------------------------------------------------------------------------------

// Minibatches left in the epoch under way (a whole epoch when none is under way).
int BatchesLeftInEpoch(const Playground& p) {
  const int n = p.train.size();
  const int full = std::min(p.config.batch_size, n);
  const bool under_way = p.workspace.cursor != 0 && static_cast<int>(p.workspace.order.size()) == n;
  const int samples_left = under_way ? n - p.workspace.cursor : n;
  return (samples_left + full - 1) / full;
}

void Diverge(Playground* p, double batch_loss, int epoch) {
  const std::string what = DivergedWhat(p->mlp, batch_loss, p->train_metrics.loss);
  p->diverged = true;
  p->divergence_message = what + " at epoch " + std::to_string(epoch) + ": the learning rate " +
                          FormatG(p->config.optimizer.learning_rate) + " is too high for this network";
}

// After a completed epoch: true (and the message) when a stop condition holds.
bool CheckStop(Playground* p) {
  const PlaygroundConfig& config = p->config;
  if (config.stop_epochs > 0 && p->epoch == config.stop_epochs) {
    p->stop_message = "stopped at epoch " + std::to_string(p->epoch) + ", as asked";
    return p->stopped = true;
  }
  if (config.stop_test_loss > 0.0 && p->stop_loss_armed) {
    // Without a test set (ratio 1) the training loss stands in.
    const bool has_test = p->test_metrics.samples > 0;
    const double loss = has_test ? p->test_metrics.loss : p->train_metrics.loss;
    if (loss < config.stop_test_loss) {
      char text[160];
      std::snprintf(text, sizeof text, "stopped at epoch %d: the %s loss %.3g fell below %g", p->epoch,
                    has_test ? "test" : "training", loss, config.stop_test_loss);
      p->stop_message = text;
      p->stop_loss_armed = false;
      return p->stopped = true;
    }
  }
  return false;
}

// Runs `steps` minibatches, never past the end of the epoch under way, then the bookkeeping: the
// guard, and for a completed epoch the history record and the stop condition. Returns false when
// training must pause (diverged or stopped).
bool RunBatchesOfOneEpoch(Playground* p, int steps, PlaygroundProgress* progress) {
  const int epoch_under_way = p->epoch + 1;
  Result<TrainStats> stats = TrainSteps(&p->mlp, p->train_inputs, p->train.T, p->config.batch_size, steps,
                                        p->config.optimizer, &p->optimizer, &p->shuffle, &p->workspace);
  assert(stats.ok() && "the playground's config and data were validated when built");
  if (!stats) return false;
  progress->batches += stats->batches;
  p->batches += stats->batches;
  MeasureMetrics(p);
  // An epoch that ends in divergence does not count as done: `epoch` stays at the last good one.
  if (stats->diverged || WeightsDiverged(p->mlp) || LossDiverged(p->train_metrics.loss)) {
    Diverge(p, stats->mean_loss, epoch_under_way);
    progress->diverged = true;
    return false;
  }
  const bool completed = stats->epochs_completed > 0;
  if (completed) {
    p->epoch += 1;
    progress->epochs += 1;
  }
  SaveLastFinite(p);
  if (!completed) return true;
  AppendHistory(p);
  if (CheckStop(p)) {
    progress->stopped = true;
    return false;
  }
  return true;
}

}  // namespace

// --- Metrics (also measured again after a point edit, playground_points.cpp) -----------------

namespace playground_detail {

// The current network's train and test metrics (reusing the forward buffers).
void MeasureMetrics(Playground* p) {
  const bool regression = p->data.regression();
  p->train_metrics = Evaluate(p->mlp, p->train_inputs, p->train.T, &p->train_pass);
  p->test_metrics =
      p->test_inputs.cols() > 0 ? Evaluate(p->mlp, p->test_inputs, p->test.T, &p->test_pass) : NoMetrics();
  // Regression targets that happen to be all 0 or 1 (the step curve at noise 0) are still not classes.
  for (Metrics* metrics : {&p->train_metrics, &p->test_metrics}) {
    if (regression) {
      metrics->has_accuracy = false;
      metrics->accuracy = kNaN;
      metrics->correct = 0;
      metrics->confusion.resize(0, 0);
    }
  }
}

}  // namespace playground_detail

// --- The playground -----------------------------------------------------------------------------

Result<Playground> MakePlayground(const PlaygroundConfig& config) {
  Status valid = ValidatePlaygroundConfig(config);
  if (!valid) return Result<Playground>::Error(valid.error);
  Playground p;
  p.config = config;
  p.head = ResolveOutputHead(config).value();
  Status built = BuildAll(&p);
  if (!built) return Result<Playground>::Error(built.error);
  return Result<Playground>::Ok(std::move(p));
}

Status ApplyPlaygroundConfig(Playground* playground, const PlaygroundConfig& config, ChangeKind* change) {
  Status valid = ValidatePlaygroundConfig(config);
  if (!valid) return valid;
  const ChangeKind kind = ClassifyChange(playground->config, config);
  if (kind == ChangeKind::kData || kind == ChangeKind::kNetwork) {
    // Built on a copy, so that a failure leaves the playground as it was.
    Playground next = *playground;
    next.config = config;
    next.head = ResolveOutputHead(config).value();
    Status built;
    if (kind == ChangeKind::kData) {
      built = BuildAll(&next);
    } else {
      // Same points (the learner's additions included), targets encoded for the new head.
      if (!next.data.regression() && next.data.encoding != EncodingFor(next.head)) {
        for (Dataset* part : {&next.data, &next.train, &next.test}) {
          if (built) built = SetTargetEncoding(part, EncodingFor(next.head));
        }
      }
      if (built) built = BuildNetwork(&next);
    }
    if (!built) return built;
    *playground = std::move(next);
  } else {
    Playground& p = *playground;
    const PlaygroundConfig before = p.config;
    p.config = config;
    if (kind == ChangeKind::kTraining) {
      // Momentum's velocity and Adam's moments (and its step count) mean different things.
      if (before.optimizer.kind != config.optimizer.kind) {
        p.optimizer = MakeOptimizerState(p.mlp);
        p.last_finite_optimizer = MakeOptimizerState(p.last_finite);
      }
      // A new stop condition is a new question: it may pause training again.
      if (before.stop_epochs != config.stop_epochs || before.stop_test_loss != config.stop_test_loss) {
        p.stopped = false;
        p.stop_message.clear();
        p.stop_loss_armed = true;
      }
    }
  }
  if (change != nullptr) *change = kind;
  return Status::Ok();
}

PlaygroundProgress TrainPlaygroundEpochs(Playground* playground, int epochs) {
  PlaygroundProgress progress;
  if (playground->diverged || playground->stopped) return progress;
  for (int e = 0; e < epochs; ++e) {
    if (!RunBatchesOfOneEpoch(playground, BatchesLeftInEpoch(*playground), &progress)) break;
  }
  return progress;
}

PlaygroundProgress TrainPlaygroundBatches(Playground* playground, int batches) {
  PlaygroundProgress progress;
  if (playground->diverged || playground->stopped) return progress;
  int left = batches;
  while (left > 0) {
    const int steps = std::min(left, BatchesLeftInEpoch(*playground));
    left -= steps;
    if (!RunBatchesOfOneEpoch(playground, steps, &progress)) break;
  }
  return progress;
}

void RestoreLastFinite(Playground* playground) {
  Playground& p = *playground;
  p.mlp = p.last_finite;
  p.optimizer = p.last_finite_optimizer;
  p.epoch = p.last_finite_epoch;
  while (!p.history.empty() && p.history.back().epoch > p.epoch) p.history.pop_back();
  p.diverged = false;
  p.divergence_message.clear();
  // A partial epoch starts over.
  p.workspace.cursor = 0;
  MeasureMetrics(&p);
}

void ClearStop(Playground* playground) {
  playground->stopped = false;
  playground->stop_message.clear();
}

Eigen::MatrixXd PlaygroundInputs(const Playground& playground, const Eigen::MatrixXd& X_raw) {
  assert((X_raw.rows() == 1 || X_raw.rows() == 2) && "PlaygroundInputs: points are 1-D or 2-D");
  if (X_raw.rows() >= 2) return ApplyFeatures(playground.config.features, X_raw.topRows(2));
  // 1-D data: x2 is absent; its features are not allowed (validated), so its row is never read.
  Eigen::MatrixXd X2 = Eigen::MatrixXd::Zero(2, X_raw.cols());
  if (X_raw.rows() == 1) X2.row(0) = X_raw.row(0);
  return ApplyFeatures(playground.config.features, X2);
}

Status StartPlaygroundFrom(Playground* playground, const Mlp& mlp) {
  const Mlp& now = playground->mlp;
  bool same = mlp.layers.size() == now.layers.size() && mlp.loss == now.loss;
  for (size_t l = 0; same && l < mlp.layers.size(); ++l) {
    same = mlp.layers[l].W.rows() == now.layers[l].W.rows() && mlp.layers[l].W.cols() == now.layers[l].W.cols() &&
           mlp.layers[l].b.size() == now.layers[l].b.size() && mlp.layers[l].activation == now.layers[l].activation;
  }
  if (!same) {
    return Status::Error("The network does not have the playground's shape, activations and loss; set those first.");
  }
  if (!AllFinite(mlp)) return Status::Error("The network has a weight that is not a finite number.");
  StartTraining(playground, mlp);
  return Status::Ok();
}

}  // namespace bp
