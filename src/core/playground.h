// The playground's model: every setting the learner can change (readable and writable as key=value
// text, the same keys for the URL and the JS API), the data and its split, the input features, the
// network, the optimizer, the per-epoch curves, and the divergence guard.
// Notation as in train.h: N points one per column; X_raw: (d, N) with d = 2 (plane) or 1 (curves);
// inputs = ApplyFeatures(X_raw): (n_features, N); T: (n_outputs, N).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Dense>

#include "core/activation.h"
#include "core/dataset.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "core/result.h"
#include "core/rng.h"
#include "core/train.h"

namespace bp {

// The largest network the canvas draws, and so the limit wherever a network enters the app: the
// playground's settings, network files, the API's setNetwork and probeBoundary (app/io/network_file.h).
constexpr int kMaxHiddenLayers = 8;
constexpr int kMinLayerWidth = 1;
constexpr int kMaxLayerWidth = 16;
constexpr int kMaxBatchSize = 10000;
constexpr int kMaxStopEpochs = 1000000;

// The output layer and its loss. kAuto picks by the data: two classes -> sigmoid + BCE,
// K classes -> softmax + softmax CE, regression -> identity + half MSE. kTanhSquared (two classes
// only, targets -1/+1) is the classic playground's choice, kept for comparison.
enum class OutputHead { kAuto, kSigmoidBce, kSoftmaxCe, kLinearMse, kTanhSquared };
const char* OutputHeadName(OutputHead head);  // "auto", "sigmoid_bce", "softmax_ce", "linear_mse", "tanh_mse"
Result<OutputHead> ParseOutputHead(const std::string& name);

struct PlaygroundConfig {
  DatasetOptions data;               // kind, count, noise, seed, num_classes, teeth (encoding follows the head)
  double train_fraction = 0.5;       // (0, 1]
  FeatureSet features;               // 1-D data may use x1 features only
  std::vector<int> hidden = {4, 4};  // widths of the hidden layers, 0..kMaxHiddenLayers entries
  std::vector<Activation> activations = {Activation::kTanh, Activation::kTanh};  // one per hidden layer
  OutputHead head = OutputHead::kAuto;
  InitScheme init = InitScheme::kXavier;
  uint64_t weight_seed = 1;
  OptimizerConfig optimizer;  // learning_rate defaults to 0.03 in MakeDefaultPlaygroundConfig
  int batch_size = 10;
  int stop_epochs = 0;          // pause when this many epochs are done (0: never)
  double stop_test_loss = 0.0;  // pause when the test loss falls below this (0: never)
};

PlaygroundConfig MakeDefaultPlaygroundConfig();  // circle, 200 points, 2-4-4-1 tanh, SGD lr 0.03, batch 10

// The head actually used for this data (resolves kAuto), and the errors of impossible pairs
// (softmax on regression, sigmoid on 3 classes...).
Result<OutputHead> ResolveOutputHead(const PlaygroundConfig& config);

// Own points (own_data.h) travel in a link when there are at most this many.
constexpr int kMaxLinkPoints = 50;

// Key=value access, the same keys in the URL and the API:
//   pts data points noise seed classes teeth ratio features hidden act head init wseed
//   opt lr momentum beta1 beta2 eps l1 l2 batch stop_epochs stop_loss
// hidden: "4,4" (empty string: no hidden layer); act: one name for all layers or one per layer
// ("tanh" or "relu,tanh"); features: "x1,x2,x1x2"; pts: own points as a CSV with ';' between rows
// ("x1,x2,label;0.5,-0.2,1;...", empty when the data is generated or has more than kMaxLinkPoints
// points); data "own" needs own points. A refused value leaves the config untouched
// and the error names the key, what it expects and what it got.
Status SetPlaygroundValue(PlaygroundConfig* config, const std::string& key, const std::string& value);
// Own points (own_data.h) as the data: kind kOwn, count their number, features reduced to x1's for
// a curve, the head back to auto when the set one does not fit. Refused (config untouched) when the
// whole config would not be valid.
Status SetPlaygroundOwnData(PlaygroundConfig* config, std::shared_ptr<const OwnPoints> points);
// Every key with its current value, in the order above (numbers printed so they parse back exactly).
std::vector<std::pair<std::string, std::string>> PlaygroundValues(const PlaygroundConfig& config);
// The whole config checked as one (activation count = hidden count, head fits the data, ...).
Status ValidatePlaygroundConfig(const PlaygroundConfig& config);

// What a change from `before` to `after` needs.
enum class ChangeKind {
  kNone,      // nothing that matters changed
  kTraining,  // only optimizer / learning rate / batch / regularisation / stop: the network is kept
  kNetwork,   // features, shape, activations, head, init or weight seed: new weights, same data
  kData,      // dataset, points, noise, seed, classes, teeth or ratio: new data and new weights
};
ChangeKind ClassifyChange(const PlaygroundConfig& before, const PlaygroundConfig& after);

// One point of the curves: measured after `epoch` epochs (epoch 0: before training).
struct EpochRecord {
  int epoch = 0;
  double train_loss = 0.0, test_loss = 0.0;          // test values NaN when there is no test set
  double train_accuracy = 0.0, test_accuracy = 0.0;  // NaN for regression
};
constexpr int kMaxHistory = 2048;  // the curves keep at most this many records (see Playground)

struct Playground {
  PlaygroundConfig config;
  OutputHead head = OutputHead::kSigmoidBce;  // the resolved head
  Dataset data;                               // every point, including the learner's additions (raw coordinates)
  Dataset train, test;                        // the split of `data` (the learner's additions go to train)
  Eigen::MatrixXd train_inputs;               // ApplyFeatures(train.X): (n_features, N_train)
  Eigen::MatrixXd test_inputs;                // (n_features, N_test), 0 columns when there is no test set
  Mlp mlp;
  OptimizerState optimizer;
  Rng shuffle{1};
  TrainWorkspace workspace;
  int epoch = 0;                        // epochs completed
  int64_t batches = 0;                  // minibatches run in total
  Metrics train_metrics, test_metrics;  // of the current network

  // The curves: one record per `history_stride` epochs. When the history would pass kMaxHistory,
  // every second record is dropped and the stride doubles (ThinHistory, history.h), so a long run
  // keeps its whole shape.
  std::vector<EpochRecord> history;
  int history_stride = 1;

  // The divergence guard: the last network (and optimizer state) whose loss and weights were all
  // finite, saved after every finite epoch or batch.
  Mlp last_finite;
  OptimizerState last_finite_optimizer;
  int last_finite_epoch = 0;
  bool diverged = false;
  // A sentence: "the loss became NaN at epoch 37: the learning rate 3 is too high for this network".
  std::string divergence_message;

  // The stop condition was reached (training should pause); says which, in words.
  bool stopped = false;
  std::string stop_message;
  // The stop loss pauses training once; it fires again only after the setting changes or the
  // network is rebuilt (so ClearStop lets training go on below it).
  bool stop_loss_armed = true;

  // Reused by the per-epoch metrics, so measuring does not allocate.
  ForwardPass train_pass, test_pass;
};

// Data, split, features, network and optimizer from the config (validated first).
Result<Playground> MakePlayground(const PlaygroundConfig& config);
// Applies a new config: kTraining keeps the network and epoch count (a new optimizer kind starts
// fresh moments); kNetwork / kData rebuild. On error the playground is untouched. *change (optional)
// says what happened.
Status ApplyPlaygroundConfig(Playground* playground, const PlaygroundConfig& config, ChangeKind* change);

struct PlaygroundProgress {
  int epochs = 0;   // epochs completed by this call
  int batches = 0;  // minibatches run by this call
  bool diverged = false;
  bool stopped = false;
};
// Up to `epochs` whole epochs (a partial epoch left by batches is finished first and counts as one).
// After each epoch: metrics, a history record, the guard (stops at once on divergence), the stop
// condition. Does nothing while diverged or stopped (returns zeros).
PlaygroundProgress TrainPlaygroundEpochs(Playground* playground, int epochs);
// `batches` minibatches (the "step one minibatch" button), continuing the epoch; an epoch that
// completes is recorded as in TrainPlaygroundEpochs.
PlaygroundProgress TrainPlaygroundBatches(Playground* playground, int batches);
// Brings back the last finite network and optimizer, the epoch count and history to that point;
// clears the divergence flag.
void RestoreLastFinite(Playground* playground);
// Training starts over from explicitly given weights (an imported network): epoch 0, fresh
// optimizer state, curves and guard, as after a rebuild. The network must have the playground's
// current shape, activations and loss (set them through the config first) and finite weights.
Status StartPlaygroundFrom(Playground* playground, const Mlp& mlp);
// Clears the stop flag so training can go on past the stop condition.
void ClearStop(Playground* playground);

// A point's coordinates lie in [-kMaxPointCoordinate, kMaxPointCoordinate]: the plane shows about
// [-1, 1]^2, this leaves room without inviting overflow.
constexpr double kMaxPointCoordinate = 10.0;
// The learner's edits: a point of class `label` (regression: target `label_or_value`) at x (d);
// it joins the training set. Removing takes the nearest point (train or test) within `radius`.
// The network is kept; metrics are re-measured.
Status AddPlaygroundPoint(Playground* playground, const Eigen::VectorXd& x, double label_or_value);
Result<bool> RemovePlaygroundPointNear(Playground* playground, const Eigen::VectorXd& x, double radius);
// The training point nearest to x (d): its column of playground.train; -1 when there is none or x
// is not a point of this data (wrong size, not finite).
int NearestTrainingPoint(const Playground& playground, const Eigen::VectorXd& x);

// The network's inputs for raw points X_raw (d, M): (n_features, M). For the boundary grid, the
// shader comparison and the stepper.
Eigen::MatrixXd PlaygroundInputs(const Playground& playground, const Eigen::MatrixXd& X_raw);

}  // namespace bp
