// Training: a dataset's train/test split, minibatch epochs (and single steps for the stepper),
// and the metrics the lessons plot. Notation, N samples stored one per column:
//   X: (n_features, N)   T: (n_outputs, N)   a minibatch of B samples gathers B columns into
//   Xb: (n_features, B), Tb: (n_outputs, B), and runs Forward -> Backward -> Update on them.
// The loss reported is the data loss (loss.h), without the optimizer's weight penalty.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/dataset.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "core/result.h"
#include "core/rng.h"

namespace bp {

// Rejects data that does not fit the network: row counts, column counts that differ, no samples,
// or a non-finite value (named by row and column). X: (n_features, N), T: (n_outputs, N).
Status CheckTrainingData(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T);

struct DatasetSplit {
  Dataset train;
  Dataset test;  // may be empty (train_fraction 1)
};
// Shuffles the sample indices with Rng(seed), puts round(train_fraction * N) of them in `train`
// and the rest in `test`; each part keeps its samples in their original order, and the columns of
// X, T and (when present) labels travel together. Other fields (kind, encoding...) are copied.
// train_fraction must be in (0, 1] and leave at least one training sample.
Result<DatasetSplit> SplitDataset(const Dataset& data, double train_fraction, uint64_t seed);

// Fisher-Yates with the core's Rng: the same seed gives the same order natively and in wasm.
void Shuffle(Rng* rng, std::vector<int>* order);

// Buffers for one batch size, kept between calls so training does not allocate.
struct BatchBuffers {
  Eigen::MatrixXd X;  // (n_features, B)
  Eigen::MatrixXd T;  // (n_outputs, B)
  ForwardPass pass;
  Gradients grads;
};
struct TrainWorkspace {
  std::vector<int> order;  // sample order of the current epoch
  int cursor = 0;          // next position in `order`; 0 means the next batch starts a new epoch
  BatchBuffers full;       // batches of exactly batch_size samples
  BatchBuffers tail;       // an epoch's last, shorter batch (N % batch_size samples)
};

struct TrainStats {
  // Mean per-sample loss over the batches run, each measured before its own update. When the run
  // diverged it includes the non-finite batch loss, so it is non-finite too. NaN when no batch ran.
  double mean_loss = 0.0;
  int batches = 0;
  int samples = 0;
  int epochs_completed = 0;
  // A batch loss or a parameter became NaN / infinite. Training stops at that batch (a non-finite
  // loss is never turned into an update); the app should pause and restore a saved network.
  bool diverged = false;
};

// Training has diverged when a loss or a parameter is NaN, infinite, or finite but beyond this
// bound: a network that far out never comes back, and its numbers (a loss of 4.8e299) are noise.
constexpr double kDivergedBound = 1e100;
bool LossDiverged(double loss);        // NaN, ±inf or |loss| > kDivergedBound
bool WeightsDiverged(const Mlp& mlp);  // some weight, bias or slope is
// What diverged, in words, for the app's message: "the loss became NaN", "a weight became
// infinite", "the loss became 4.8e+299, beyond 1e100". `loss` is the training loss that was looked
// at first (a batch's, or an epoch's mean); then the weights; then `metrics_loss` (over the data).
std::string DivergedWhat(const Mlp& mlp, double loss, double metrics_loss);

// One epoch: a fresh order (shuffled by `shuffle`, or in dataset order when it is null), then
// ceil(N / batch_size) minibatches. A batch_size above N means full-batch training. Any partial
// epoch left by TrainSteps is dropped. X: (n_inputs, N), T: (n_outputs, N).
// Errors (shapes, batch_size < 1, config) come back as a sentence; the data's values are checked
// once by CheckTrainingData where they enter, not here on every epoch.
Result<TrainStats> TrainEpoch(Mlp* mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, int batch_size,
                              const OptimizerConfig& config, OptimizerState* state, Rng* shuffle,
                              TrainWorkspace* workspace);
// `steps` minibatches, continuing the epoch in the workspace and starting (shuffling) a new one
// whenever the previous one is finished. Same shapes and errors as TrainEpoch.
Result<TrainStats> TrainSteps(Mlp* mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, int batch_size, int steps,
                              const OptimizerConfig& config, OptimizerState* state, Rng* shuffle,
                              TrainWorkspace* workspace);

// --- Metrics ---------------------------------------------------------------------------------------
// How targets encode classes, read from the targets themselves:
//   one output, every target in {0, 1}:     binary; predicted class = output > 0.5
//   one output, every target in {-1, +1}:   binary; predicted class = output > 0
//     (the threshold is the midpoint of the two labels, i.e. the nearer label wins; if every target
//      is 1, a tanh output means {-1, +1} and any other output {0, 1})
//   K >= 2 outputs, each column one 1 and the rest 0 (or the rest -1):  one-hot; class = argmax
//   anything else: regression, and accuracy is NaN (Metrics::has_accuracy false).
enum class TargetKind { kRegression, kBinary, kOneHot };
struct DecisionRule {
  TargetKind kind = TargetKind::kRegression;
  double threshold = 0.5;  // binary only
};
// T: (n_outputs, N).
DecisionRule DetectDecisionRule(const Eigen::MatrixXd& T, Activation output_activation);
// The class of column `column` of Y (network outputs or targets), (K, N): 0/1 for binary, the argmax
// (first on ties) for one-hot. Not meaningful for regression (returns 0).
int ClassOf(const DecisionRule& rule, const Eigen::MatrixXd& Y, int column);

struct Metrics {
  double loss = 0.0;      // mean data loss
  double accuracy = 0.0;  // fraction in [0, 1], NaN for regression
  bool has_accuracy = false;
  int correct = 0;
  int samples = 0;
  // (K, K) counts: row = the true class, column = the class the network gives (ClassOf); its
  // diagonal sums to `correct`. Empty (0 x 0) for regression.
  Eigen::MatrixXi confusion;
};
// X: (n_inputs, N), T: (n_outputs, N), N >= 1, shapes as CheckTrainingData requires (asserted).
Metrics Evaluate(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T);
// The same, reusing `pass` (for evaluating every frame without allocating).
Metrics Evaluate(const Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T, ForwardPass* pass);

}  // namespace bp
