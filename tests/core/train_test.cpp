// Tests for training (train.h): end-to-end learning (XOR, sin), determinism, epochs versus steps,
// the train/test split, metrics by hand, divergence, buffer reuse, and validation messages.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/mlp.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/train.h"

namespace {

constexpr double kPi = 3.14159265358979323846;

bool Mentions(const std::string& message, const std::string& word) { return message.find(word) != std::string::npos; }

bool SameParameters(const bp::Mlp& a, const bp::Mlp& b) {
  for (size_t k = 0; k < a.layers.size(); ++k) {
    if (a.layers[k].W != b.layers[k].W || a.layers[k].b != b.layers[k].b) return false;
  }
  return true;
}

// XOR on {-1, +1}^2 with targets -1 / +1 (one sample per column).
bp::Dataset XorData() {
  bp::Dataset data;
  data.X.resize(2, 4);
  data.X << -1, -1, 1, 1, -1, 1, -1, 1;
  data.T.resize(1, 4);
  data.T << -1, 1, 1, -1;
  return data;
}

bp::Mlp XorNet(uint64_t seed) {
  bp::MlpSpec spec;
  spec.sizes = {2, 4, 1};
  spec.activations = {bp::Activation::kTanh, bp::Activation::kTanh};
  return bp::MakeMlp(spec, seed).value();
}

// A 1-1 identity net with w = 1, b = 0: its output is its input, so metrics can be worked by hand.
bp::Mlp PassThrough(int width) {
  bp::MlpSpec spec;
  spec.sizes = {width, width};
  spec.activations = {bp::Activation::kIdentity};
  bp::Mlp mlp = bp::MakeMlp(spec, 1).value();
  REQUIRE(bp::SetLayerWeights(&mlp, 0, Eigen::MatrixXd::Identity(width, width), Eigen::VectorXd::Zero(width)).ok());
  return mlp;
}

}  // namespace

TEST_CASE("A 2-4-1 tanh net learns XOR from seed 7") {
  const bp::Dataset data = XorData();
  bp::Mlp mlp = XorNet(7);
  bp::OptimizerConfig config;
  config.learning_rate = 0.1;
  bp::OptimizerState state;
  bp::TrainWorkspace workspace;
  bp::Rng shuffle(7);
  // Measured (full batch, SGD 0.1): 100% accuracy first at epoch 29, loss < 0.01 at epoch 290.
  int first_perfect = -1;
  for (int epoch = 1; epoch <= 400; ++epoch) {
    REQUIRE(bp::TrainEpoch(&mlp, data.X, data.T, 4, config, &state, &shuffle, &workspace).ok());
    if (first_perfect < 0 && bp::Evaluate(mlp, data.X, data.T).accuracy == 1.0) first_perfect = epoch;
  }
  CHECK(first_perfect > 0);
  CHECK(first_perfect <= 40);
  const bp::Metrics metrics = bp::Evaluate(mlp, data.X, data.T);
  CHECK(metrics.accuracy == 1.0);
  CHECK(metrics.correct == 4);
  CHECK(metrics.loss < 0.01);
}

TEST_CASE("A 1-16-1 tanh net fits sin(x) on [-pi, pi]") {
  const int n = 64;
  Eigen::MatrixXd X(1, n), T(1, n);
  for (int i = 0; i < n; ++i) {
    X(0, i) = -kPi + 2.0 * kPi * i / (n - 1);
    T(0, i) = std::sin(X(0, i));
  }
  bp::MlpSpec spec;
  spec.sizes = {1, 16, 1};
  spec.activations = {bp::Activation::kTanh, bp::Activation::kIdentity};
  bp::Mlp mlp = bp::MakeMlp(spec, 7).value();
  bp::OptimizerConfig config;
  config.kind = bp::OptimizerKind::kAdam;
  config.learning_rate = 0.01;
  bp::OptimizerState state;
  bp::TrainWorkspace workspace;
  for (int epoch = 0; epoch < 2000; ++epoch) {
    REQUIRE(bp::TrainEpoch(&mlp, X, T, n, config, &state, nullptr, &workspace).ok());
  }
  // Measured: MSE 6.8e-5 after 2000 full-batch Adam epochs (sin itself has variance 1/2).
  const Eigen::MatrixXd Y = bp::Predict(mlp, X);
  const double mse = (Y - T).squaredNorm() / n;
  CHECK(mse < 2e-4);
  const bp::Metrics metrics = bp::Evaluate(mlp, X, T);
  CHECK_FALSE(metrics.has_accuracy);
  CHECK(std::isnan(metrics.accuracy));
  CHECK(metrics.loss == doctest::Approx(mse / 2.0));  // half squared error
}

TEST_CASE("Two training runs from the same seed are bitwise identical") {
  const bp::Dataset data = XorData();
  bp::OptimizerConfig config;
  config.kind = bp::OptimizerKind::kAdam;
  config.learning_rate = 0.05;
  config.l2 = 1e-3;
  std::vector<double> losses[2];
  bp::Mlp nets[2];
  for (int run = 0; run < 2; ++run) {
    nets[run] = XorNet(11);
    bp::OptimizerState state;
    bp::TrainWorkspace workspace;
    bp::Rng shuffle(3);
    for (int epoch = 0; epoch < 50; ++epoch) {
      losses[run].push_back(
          bp::TrainEpoch(&nets[run], data.X, data.T, 3, config, &state, &shuffle, &workspace)->mean_loss);
    }
  }
  CHECK(losses[0] == losses[1]);
  CHECK(SameParameters(nets[0], nets[1]));
  CHECK(losses[0].back() < losses[0].front());  // it did train
  // Another shuffle seed visits the samples in another order, so the weights differ.
  bp::Mlp other = XorNet(11);
  bp::OptimizerState state;
  bp::TrainWorkspace workspace;
  bp::Rng shuffle(4);
  for (int epoch = 0; epoch < 50; ++epoch)
    bp::TrainEpoch(&other, data.X, data.T, 3, config, &state, &shuffle, &workspace);
  CHECK_FALSE(SameParameters(nets[0], other));
}

TEST_CASE("TrainSteps continues the epoch: ceil(N / B) steps are one TrainEpoch") {
  const bp::Dataset data = XorData();
  bp::OptimizerConfig config;
  config.kind = bp::OptimizerKind::kMomentum;
  bp::Mlp by_epoch = XorNet(5), by_steps = XorNet(5);
  bp::OptimizerState epoch_state, steps_state;
  bp::TrainWorkspace epoch_workspace, steps_workspace;
  bp::Rng epoch_shuffle(9), steps_shuffle(9);
  for (int epoch = 0; epoch < 3; ++epoch) {
    const bp::TrainStats e =
        bp::TrainEpoch(&by_epoch, data.X, data.T, 3, config, &epoch_state, &epoch_shuffle, &epoch_workspace).value();
    CHECK(e.batches == 2);  // 4 samples in batches of 3 and 1
    CHECK(e.samples == 4);
    CHECK(e.epochs_completed == 1);
    int completed = 0;
    for (int step = 0; step < 2; ++step) {
      completed +=
          bp::TrainSteps(&by_steps, data.X, data.T, 3, 1, config, &steps_state, &steps_shuffle, &steps_workspace)
              ->epochs_completed;
    }
    CHECK(completed == 1);
    CHECK(SameParameters(by_epoch, by_steps));
  }
  CHECK(steps_workspace.cursor == 0);
  const bp::TrainStats five =
      bp::TrainSteps(&by_steps, data.X, data.T, 3, 5, config, &steps_state, &steps_shuffle, &steps_workspace).value();
  // Five steps of 3, 1, 3, 1, 3 samples: two whole epochs and a batch into the third.
  CHECK(five.samples == 11);
  CHECK(five.epochs_completed == 2);
  CHECK(steps_workspace.cursor == 3);
}

TEST_CASE("The epoch loss is the per-sample mean, weighting the short last batch") {
  // Learning rate ~0: the weights do not move, so the epoch loss must equal the loss of all samples
  // at once. A plain mean of the three batch means (4, 4, 2 samples) would not.
  bp::Mlp mlp = PassThrough(1);
  Eigen::MatrixXd X(1, 10), T = Eigen::MatrixXd::Zero(1, 10);
  for (int i = 0; i < 10; ++i) X(0, i) = i;
  bp::OptimizerConfig config;
  config.learning_rate = 1e-300;
  bp::OptimizerState state;
  bp::TrainWorkspace workspace;
  const bp::TrainStats stats = bp::TrainEpoch(&mlp, X, T, 4, config, &state, nullptr, &workspace).value();
  // 1/10 sum_i 1/2 i^2 = 1/20 * 285 = 14.25
  CHECK(stats.mean_loss == doctest::Approx(14.25));
  CHECK(stats.batches == 3);
}

TEST_CASE("Training reuses the workspace: no new buffers after the first epoch") {
  bp::Mlp mlp = XorNet(2);
  bp::Rng rng(8);
  Eigen::MatrixXd X(2, 10), T = Eigen::MatrixXd::Ones(1, 10);
  for (int i = 0; i < X.size(); ++i) X(i) = rng.Uniform(-1.0, 1.0);
  bp::OptimizerConfig config;
  bp::OptimizerState state;
  bp::TrainWorkspace workspace;
  bp::Rng shuffle(1);
  bp::TrainEpoch(&mlp, X, T, 4, config, &state, &shuffle, &workspace);
  const std::vector<const double*> before = {workspace.full.X.data(), workspace.tail.X.data(),
                                             workspace.full.pass.layers[0].z.data(),
                                             workspace.tail.grads.layers[1].dW.data(), state.velocity[0].W.data()};
  CHECK(workspace.tail.X.cols() == 2);  // 10 = 4 + 4 + 2
  bp::TrainEpoch(&mlp, X, T, 4, config, &state, &shuffle, &workspace);
  const std::vector<const double*> after = {workspace.full.X.data(), workspace.tail.X.data(),
                                            workspace.full.pass.layers[0].z.data(),
                                            workspace.tail.grads.layers[1].dW.data(), state.velocity[0].W.data()};
  CHECK(before == after);
}

TEST_CASE("Divergence is reported and training stops") {
  // y = w x with x = 10, SGD at eta = 1000: each step multiplies the error by about 1 - eta x^2 = -1e5,
  // so the weight overflows within a few dozen steps.
  bp::Mlp mlp = PassThrough(1);
  const Eigen::MatrixXd X = Eigen::MatrixXd::Constant(1, 4, 10.0), T = Eigen::MatrixXd::Constant(1, 4, 1.0);
  bp::OptimizerConfig config;
  config.learning_rate = 1000.0;
  bp::OptimizerState state;
  bp::TrainWorkspace workspace;
  bool diverged = false;
  int epochs = 0;
  bp::TrainStats last;
  while (!diverged && epochs < 100) {
    last = bp::TrainEpoch(&mlp, X, T, 1, config, &state, nullptr, &workspace).value();
    diverged = last.diverged;
    ++epochs;
  }
  CHECK(diverged);
  CHECK(epochs < 50);
  CHECK((bp::LossDiverged(last.mean_loss) || bp::WeightsDiverged(mlp)));

  // A healthy run never raises the flag.
  bp::Mlp healthy = PassThrough(1);
  config.learning_rate = 0.001;
  CHECK_FALSE(bp::TrainEpoch(&healthy, X, T, 1, config, &state, nullptr, &workspace)->diverged);
}

TEST_CASE("A finite loss or weight beyond 1e100 is divergence too, and the batch is not applied") {
  // y = w x, x = 10, t = 1, half squared error: L = ½ (10 w − 1)².
  const Eigen::MatrixXd X = Eigen::MatrixXd::Constant(1, 1, 10.0), T = Eigen::MatrixXd::Constant(1, 1, 1.0);
  bp::OptimizerConfig config;
  config.learning_rate = 1e-6;
  // w = 1e51: L = ½ (1e52 − 1)² ≈ 5e103, finite but past the bound: diverged, the weight untouched.
  bp::Mlp absurd = PassThrough(1);
  absurd.layers[0].W(0, 0) = 1e51;
  bp::OptimizerState state;
  bp::TrainWorkspace workspace;
  bp::TrainStats stats = bp::TrainEpoch(&absurd, X, T, 1, config, &state, nullptr, &workspace).value();
  CHECK(stats.diverged);
  CHECK(std::isfinite(stats.mean_loss));
  CHECK(stats.mean_loss == doctest::Approx(5e103).epsilon(1e-9));
  CHECK(absurd.layers[0].W(0, 0) == 1e51);
  CHECK(bp::DivergedWhat(absurd, stats.mean_loss, 0.0) == "the loss became 5e+103, beyond 1e100");
  // w = 1e49: L = ½ (1e50 − 1)² ≈ 5e99, under the bound: the step is taken (w − η · 10 (10 w − 1) = 1e49 − 1e45).
  bp::Mlp large = PassThrough(1);
  large.layers[0].W(0, 0) = 1e49;
  bp::OptimizerState state2;
  bp::TrainWorkspace workspace2;
  stats = bp::TrainEpoch(&large, X, T, 1, config, &state2, nullptr, &workspace2).value();
  CHECK_FALSE(stats.diverged);
  CHECK(large.layers[0].W(0, 0) == doctest::Approx(1e49 - 1e45).epsilon(1e-12));
  // The bound on parameters: a bias of -2e100 is named with its sign, whatever the loss.
  bp::Mlp far = PassThrough(1);
  far.layers[0].b(0) = -2e100;
  CHECK(bp::WeightsDiverged(far));
  CHECK_FALSE(bp::WeightsDiverged(large));
  CHECK(bp::DivergedWhat(far, 0.5, 0.5) == "a weight became -2e+100, beyond -1e100");
  CHECK(bp::LossDiverged(1.0000001e100));
  CHECK_FALSE(bp::LossDiverged(1e100));
  CHECK(bp::LossDiverged(std::numeric_limits<double>::quiet_NaN()));
}

TEST_CASE("Evaluate: accuracy by hand for 0/1, -1/+1, one-hot and regression targets") {
  const bp::Mlp mlp = PassThrough(1);
  Eigen::MatrixXd X(1, 4), T(1, 4);
  X << 0.7, 0.2, 0.6, -0.1;
  T << 1, 0, 0, 0;
  // 0/1 targets: threshold 0.5, predicted (1, 0, 1, 0): 3 of 4 right.
  // Loss: mean of 1/2 (0.09, 0.04, 0.36, 0.01) = 0.25 / 4 = 0.0625.
  bp::Metrics metrics = bp::Evaluate(mlp, X, T);
  CHECK(metrics.has_accuracy);
  CHECK(metrics.accuracy == 0.75);
  CHECK(metrics.loss == doctest::Approx(0.0625));
  // -1/+1 targets: threshold 0, predicted (1, 1, 1, -1): samples 0 and 3 right.
  T << 1, -1, -1, -1;
  CHECK(bp::Evaluate(mlp, X, T).accuracy == 0.5);
  // Targets that are not labels: regression, no accuracy.
  T << 0.3, 0.1, 0.5, 0.0;
  metrics = bp::Evaluate(mlp, X, T);
  CHECK_FALSE(metrics.has_accuracy);
  CHECK(std::isnan(metrics.accuracy));

  // One-hot with 2 outputs: argmax of (0.2, 0.9) is 1 (right), of (0.8, 0.1) is 0 (wrong).
  const bp::Mlp two = PassThrough(2);
  Eigen::MatrixXd X2(2, 2), T2(2, 2);
  X2 << 0.2, 0.8, 0.9, 0.1;
  T2 << 0, 0, 1, 1;
  metrics = bp::Evaluate(two, X2, T2);
  CHECK(metrics.correct == 1);
  CHECK(metrics.accuracy == 0.5);

  // All targets 1: a tanh output reads them as -1/+1 labels, others as 0/1.
  const Eigen::MatrixXd ones = Eigen::MatrixXd::Ones(1, 3);
  CHECK(bp::DetectDecisionRule(ones, bp::Activation::kTanh).threshold == 0.0);
  CHECK(bp::DetectDecisionRule(ones, bp::Activation::kSigmoid).threshold == 0.5);
}

TEST_CASE("SplitDataset: a deterministic shuffled partition by ratio") {
  bp::Dataset data;
  data.X.resize(1, 10);
  data.T.resize(1, 10);
  for (int i = 0; i < 10; ++i) {
    data.X(0, i) = i;
    data.T(0, i) = 100 + i;
    data.labels.push_back(i % 2);
  }
  const bp::DatasetSplit split = bp::SplitDataset(data, 0.7, 42).value();
  CHECK(split.train.size() == 7);
  CHECK(split.test.size() == 3);
  std::vector<int> seen;
  for (const bp::Dataset* part : {&split.train, &split.test}) {
    for (int i = 0; i < part->size(); ++i) {
      seen.push_back(static_cast<int>(part->X(0, i)));
      CHECK(part->T(0, i) == part->X(0, i) + 100);  // columns travel together
      CHECK(part->labels[i] == static_cast<int>(part->X(0, i)) % 2);
    }
  }
  std::sort(seen.begin(), seen.end());
  CHECK(seen == std::vector<int>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
  // Shuffled: the test part is not simply the last three samples for this seed.
  CHECK(split.test.X != (Eigen::MatrixXd(1, 3) << 7, 8, 9).finished());
  CHECK(bp::SplitDataset(data, 0.7, 42)->test.X == split.test.X);
  CHECK(bp::SplitDataset(data, 0.7, 43)->test.X != split.test.X);
  CHECK(bp::SplitDataset(data, 1.0, 42)->test.size() == 0);

  CHECK(Mentions(bp::SplitDataset(data, 0.0, 1).error(), "train fraction must be in (0, 1]"));
  CHECK(Mentions(bp::SplitDataset(data, 1.5, 1).error(), "train fraction must be in (0, 1]"));
  CHECK(Mentions(bp::SplitDataset(data, std::nan(""), 1).error(), "train fraction"));
  CHECK(Mentions(bp::SplitDataset(data, 0.04, 1).error(), "leaves no training samples"));
  data.labels.pop_back();
  CHECK(Mentions(bp::SplitDataset(data, 0.7, 1).error(), "labels has 9 entries"));
}

TEST_CASE("Training rejects bad calls with a sentence") {
  const bp::Dataset data = XorData();
  bp::Mlp mlp = XorNet(1);
  bp::OptimizerConfig config;
  bp::OptimizerState state;
  bp::TrainWorkspace workspace;
  const bp::Result<bp::TrainStats> zero_batch =
      bp::TrainEpoch(&mlp, data.X, data.T, 0, config, &state, nullptr, &workspace);
  REQUIRE_FALSE(zero_batch.ok());
  CHECK(zero_batch.error() == "batch size must be at least 1 but got 0");
  CHECK(Mentions(
      bp::TrainEpoch(&mlp, data.X, Eigen::MatrixXd::Zero(2, 4), 2, config, &state, nullptr, &workspace).error(),
      "T has 2 rows but the network has 1 outputs"));
  CHECK(Mentions(
      bp::TrainEpoch(&mlp, data.X, Eigen::MatrixXd::Zero(1, 3), 2, config, &state, nullptr, &workspace).error(),
      "X has 4 samples but T has 3"));
  CHECK(Mentions(bp::TrainSteps(&mlp, data.X, data.T, 2, -1, config, &state, nullptr, &workspace).error(), "steps"));
  config.learning_rate = std::numeric_limits<double>::infinity();
  CHECK(
      Mentions(bp::TrainEpoch(&mlp, data.X, data.T, 2, config, &state, nullptr, &workspace).error(), "learning rate"));
  CHECK(SameParameters(mlp, XorNet(1)));  // nothing ran

  Eigen::MatrixXd T = data.T;
  T(0, 2) = std::numeric_limits<double>::quiet_NaN();
  CHECK(bp::CheckTrainingData(mlp, data.X, T).error == "T value at row 0, column 2 is not a finite number");
  CHECK(bp::CheckTrainingData(mlp, data.X, data.T).ok());
}

TEST_CASE("DivergedWhat names what diverged: the loss first, then a weight, then the loss over the data") {
  // The playground and the training-problems lesson both build their message from this.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  bp::Mlp finite = XorNet(1);
  CHECK(bp::DivergedWhat(finite, nan, 0.5) == "the loss became NaN");
  CHECK(bp::DivergedWhat(finite, inf, 0.5) == "the loss became infinite");
  CHECK(bp::DivergedWhat(finite, -inf, 0.5) == "the loss became infinite");
  bp::Mlp infinite_weight = XorNet(1);
  infinite_weight.layers[1].W(0, 2) = inf;
  CHECK(bp::DivergedWhat(infinite_weight, 0.25, 0.5) == "a weight became infinite");
  bp::Mlp nan_bias = infinite_weight;
  nan_bias.layers[0].b(3) = nan;  // a NaN anywhere outranks an infinity
  CHECK(bp::DivergedWhat(nan_bias, 0.25, 0.5) == "a weight became NaN");
  CHECK(bp::DivergedWhat(nan_bias, inf, 0.5) == "the loss became infinite");
  // Every batch and weight finite, but the loss over the whole data overflowed.
  CHECK(bp::DivergedWhat(finite, 0.25, inf) == "the loss became infinite");
}

TEST_CASE("The confusion matrix counts true class against given class, its diagonal the correct ones") {
  // One sigmoid neuron a = σ(x), threshold 0.5: x = -2, -1 give class 0, x = 1, 2 class 1. Targets
  // 0, 1, 0, 1: (t0,p0) at x=-2, (t1,p0) at x=-1, (t0,p1) at x=1, (t1,p1) at x=2 — one in each cell.
  bp::MlpSpec spec;
  spec.sizes = {1, 1};
  spec.activations = {bp::Activation::kSigmoid};
  spec.loss = bp::Loss::kBinaryCrossEntropy;
  bp::Result<bp::Mlp> made = bp::MakeMlp(spec, 1);
  REQUIRE(made.ok());
  bp::Mlp mlp = made.value();
  mlp.layers[0].W(0, 0) = 1.0;
  mlp.layers[0].b(0) = 0.0;
  Eigen::MatrixXd X(1, 4), T(1, 4);
  X << -2, -1, 1, 2;
  T << 0, 1, 0, 1;
  bp::Metrics m = bp::Evaluate(mlp, X, T);
  REQUIRE(m.confusion.rows() == 2);
  CHECK(m.confusion(0, 0) == 1);
  CHECK(m.confusion(0, 1) == 1);
  CHECK(m.confusion(1, 0) == 1);
  CHECK(m.confusion(1, 1) == 1);
  CHECK(m.correct == m.confusion.trace());
  // Three classes, softmax over W x with W = (1, 0, -1)ᵀ: x = 2 gives class 0, x = -2 class 2, and
  // x = 0 ties all three (argmax takes the first, class 0). Truths 0, 2, 1.
  spec.sizes = {1, 3};
  spec.activations = {bp::Activation::kSoftmax};
  spec.loss = bp::Loss::kSoftmaxCrossEntropy;
  made = bp::MakeMlp(spec, 1);
  REQUIRE(made.ok());
  mlp = made.value();
  mlp.layers[0].W << 1, 0, -1;
  mlp.layers[0].b.setZero();
  Eigen::MatrixXd X3(1, 3), T3 = Eigen::MatrixXd::Zero(3, 3);
  X3 << 2, -2, 0;
  T3(0, 0) = 1;
  T3(2, 1) = 1;
  T3(1, 2) = 1;
  m = bp::Evaluate(mlp, X3, T3);
  REQUIRE(m.confusion.rows() == 3);
  CHECK(m.confusion(0, 0) == 1);
  CHECK(m.confusion(2, 2) == 1);
  CHECK(m.confusion(1, 0) == 1);
  CHECK(m.confusion.sum() == 3);
  CHECK(m.correct == 2);
  // Regression: no matrix.
  spec.sizes = {1, 1};
  spec.activations = {bp::Activation::kIdentity};
  spec.loss = bp::Loss::kHalfSquaredError;
  made = bp::MakeMlp(spec, 1);
  REQUIRE(made.ok());
  Eigen::MatrixXd Y(1, 2);
  Y << 0.3, 0.7;
  CHECK(bp::Evaluate(made.value(), X.leftCols(2), Y).confusion.size() == 0);
}
