// The training-problems lesson's runs without drawing (see training_problems_state.h): the three
// problems' data and networks, bounded training with the divergence guard, restoring the last good
// weights, and the dead-ReLU count.
#include <algorithm>
#include <cmath>
#include <string>

#include "app/lessons/training_problems_state.h"

namespace bp {

namespace {
constexpr uint64_t kDataSeed = 5;
constexpr uint64_t kWeightSeed = 3;
constexpr int kMaxEpochs = 20000;       // training stops by itself here
constexpr int kSamplesPerFrame = 4000;  // the per-frame training budget, in samples
constexpr int kOverfitTrainPoints = 20;
constexpr int kOverfitAllPoints = 220;  // 20 to train on, 200 to test on
constexpr double kDeadBias = -2.0;      // "provoke": every hidden bias starts here
const char* const kProblemNames[kTrainingProblemCount] = {"divergence", "dead-relu", "overfitting"};
// Hidden ReLU neurons that output 0 for every training point (one Forward over the training set).
void CountDeadNeurons(TrainingProblemsState* s) {
  if (!AllFinite(s->mlp)) return;  // keep the last count: NaN weights say nothing about dead units
  const ForwardPass pass = Forward(s->mlp, s->train.X);
  s->dead.clear();
  s->active_fraction.clear();
  s->dead_count = 0;
  s->hidden_count = 0;
  for (size_t l = 0; l + 1 < s->mlp.layers.size(); ++l) {
    const Eigen::MatrixXd& a = pass.layers[l].a;
    std::vector<bool> dead(a.rows());
    std::vector<double> active(a.rows());
    for (int j = 0; j < a.rows(); ++j) {
      const int firing = static_cast<int>((a.row(j).array() > 0.0).count());
      dead[j] = firing == 0;
      active[j] = static_cast<double>(firing) / a.cols();
      s->dead_count += dead[j] ? 1 : 0;
      ++s->hidden_count;
    }
    s->dead.push_back(dead);
    s->active_fraction.push_back(active);
  }
}

void Measure(TrainingProblemsState* s) {
  s->train_metrics = Evaluate(s->mlp, s->train.X, s->train.T);
  s->train_loss.push_back(s->train_metrics.loss);
  if (s->test.size() > 0) {
    s->test_metrics = Evaluate(s->mlp, s->test.X, s->test.T);
    s->test_loss.push_back(s->test_metrics.loss);
  }
  CountDeadNeurons(s);
}

void SaveGood(TrainingProblemsState* s) {
  s->last_good = s->mlp;
  s->last_good_optimizer = s->optimizer;
  s->last_good_epoch = s->epoch;
}

Status MakeNetwork(TrainingProblemsState* s, double initial_bias) {
  const bool overfit = s->problem == TrainingProblem::kOverfitting;
  const int width = overfit ? 40 : 8;
  MlpSpec spec;
  spec.sizes = {2, width, width, 1};
  // Divergence uses a linear output so nothing bounds the blow-up; the others a tanh for ±1 labels.
  const Activation output = s->problem == TrainingProblem::kDivergence ? Activation::kIdentity : Activation::kTanh;
  spec.activations = {Activation::kRelu, Activation::kRelu, output};
  spec.loss = Loss::kHalfSquaredError;
  spec.init = InitScheme::kHe;
  spec.initial_bias = initial_bias;
  Result<Mlp> made = MakeMlp(spec, kWeightSeed);
  if (!made.ok()) return Status::Error(made.error());
  s->mlp = made.value();
  s->config = OptimizerConfig();
  s->config.kind = overfit ? OptimizerKind::kAdam : OptimizerKind::kSgd;
  s->config.learning_rate = s->learning_rate;
  Status valid = ValidateOptimizer(s->config);
  if (!valid.ok()) return valid;
  s->optimizer = MakeOptimizerState(s->mlp);
  s->shuffle = Rng(kWeightSeed);
  s->workspace = TrainWorkspace();
  s->batch_size = overfit ? kOverfitTrainPoints : 10;
  s->epoch = 0;
  s->diverged = false;
  s->restored = false;
  s->running = false;
  s->divergence_what.clear();
  s->train_loss.clear();
  s->test_loss.clear();
  s->boundary_epoch = -1;
  SaveGood(s);
  Measure(s);
  return Status::Ok();
}

}  // namespace

const char* TrainingProblemName(TrainingProblem problem) { return kProblemNames[static_cast<int>(problem)]; }

void ResetTrainingProblem(TrainingProblemsState* s) {
  s->pending = false;
  s->error.clear();
  s->dead_before_provoke = -1;
  const bool overfit = s->problem == TrainingProblem::kOverfitting;
  DatasetOptions options;
  // Overfitting: a noisy circle, so that a few points lie on the wrong side and the boundary bends round them.
  options.kind = overfit ? DatasetKind::kCircle : DatasetKind::kTwoMoons;
  options.count = overfit ? kOverfitAllPoints : 200;
  options.noise = overfit ? 1.0 : 0.3;
  options.seed = kDataSeed;
  options.encoding = TargetEncoding::kPlusMinusOne;
  Result<Dataset> data = MakeDataset(options);
  if (!data.ok()) {
    s->error = data.error();
    return;
  }
  if (overfit) {
    Result<DatasetSplit> split =
        SplitDataset(data.value(), static_cast<double>(kOverfitTrainPoints) / kOverfitAllPoints, kDataSeed);
    if (!split.ok()) {
      s->error = split.error();
      return;
    }
    s->train = split->train;
    s->test = split->test;
  } else {
    s->train = data.value();
    s->test = Dataset();
  }
  Status made = MakeNetwork(s, 0.0);
  if (!made.ok()) s->error = made.error;
}

int TrainProblemEpochs(TrainingProblemsState* s, int epochs) {
  int done = 0;
  for (; done < epochs && !s->diverged && s->epoch < kMaxEpochs; ++done) {
    Result<TrainStats> stats = TrainEpoch(&s->mlp, s->train.X, s->train.T, s->batch_size, s->config, &s->optimizer,
                                          &s->shuffle, &s->workspace);
    if (!stats.ok()) {
      s->error = stats.error();
      s->running = false;
      break;
    }
    ++s->epoch;
    Measure(s);
    if (stats->diverged || WeightsDiverged(s->mlp) || LossDiverged(s->train_metrics.loss)) {
      // Pause at once and keep what happened for the lesson's sentence; the last finite network stays saved.
      s->diverged = true;
      s->running = false;
      s->divergence_what = DivergedWhat(s->mlp, stats->mean_loss, s->train_metrics.loss);
      s->divergence_epoch = s->epoch;
      s->divergence_rate = s->config.learning_rate;
      return done + 1;
    }
    SaveGood(s);
  }
  if (s->epoch >= kMaxEpochs) s->running = false;
  return done;
}

void RestoreLastGoodWeights(TrainingProblemsState* s) {
  s->mlp = s->last_good;
  s->optimizer = s->last_good_optimizer;
  s->epoch = s->last_good_epoch;
  s->workspace = TrainWorkspace();
  s->diverged = false;
  s->restored = true;
  s->running = false;
  s->boundary_epoch = -1;
  s->train_loss.resize(s->epoch);
  if (!s->test_loss.empty()) s->test_loss.resize(s->epoch);
  Measure(s);
}

void ProvokeDeadRelus(TrainingProblemsState* s) {
  const int before = s->dead_count;
  Status made = MakeNetwork(s, kDeadBias);
  if (!made.ok()) s->error = made.error;
  s->dead_before_provoke = before;
}

double DefaultTrainingRate(TrainingProblem problem) {
  switch (problem) {
    case TrainingProblem::kDivergence: return 10.0;
    case TrainingProblem::kDeadRelu: return 0.1;
    case TrainingProblem::kOverfitting: return 0.01;
  }
  return 0.1;
}

// Epochs a frame may run without going over the sample budget.
int TrainingProblemEpochsPerFrame(const TrainingProblemsState& s) {
  // One epoch a frame while diverging, so the climb is slow enough to watch.
  if (s.problem == TrainingProblem::kDivergence) return 1;
  return std::max(1, kSamplesPerFrame / std::max(1, s.train.size()));
}

}  // namespace bp
