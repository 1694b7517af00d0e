// The Training problems lesson's own state (kept in AppState): one small ReLU network per problem
// (a too-high learning rate, dead ReLUs, overfitting), its data, its optimizer, the last finite copy
// of both (to restore after a divergence), and the curves and counts the lesson shows.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/widgets/data_plane.h"
#include "core/dataset.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/train.h"

namespace bp {

enum class TrainingProblem { kDivergence, kDeadRelu, kOverfitting };
constexpr int kTrainingProblemCount = 3;
const char* TrainingProblemName(TrainingProblem problem);  // "divergence", "dead-relu", "overfitting"

struct TrainingProblemsState {
  // The learner's settings; changing the problem (or "Start over") sets `pending`.
  TrainingProblem problem = TrainingProblem::kDivergence;
  double learning_rate = 10.0;
  bool pending = true;
  bool running = false;  // training a bounded number of epochs each frame

  Dataset train, test;  // test may be empty (divergence, dead ReLUs)
  Mlp mlp;
  OptimizerConfig config;
  OptimizerState optimizer;
  Rng shuffle{1};
  TrainWorkspace workspace;
  int batch_size = 10;
  int epoch = 0;

  // Saved after every epoch that ended with finite weights: what "Restore" brings back.
  Mlp last_good;
  OptimizerState last_good_optimizer;
  int last_good_epoch = 0;
  bool restored = false;  // the weights were restored after a divergence

  // What ran away, in the core's words ("the loss became NaN"), the epoch and the learning rate:
  // the lesson's sentence (content/en/training-problems.md, part "diverged") is built from them.
  bool diverged = false;
  std::string divergence_what;
  int divergence_epoch = 0;
  double divergence_rate = 0.0;
  std::string error;               // a setup or training error, as a sentence (empty when fine)

  // One entry per epoch (entry 0 before training); NaN or ∞ leave a gap in the plot.
  std::vector<double> train_loss, test_loss;
  Metrics train_metrics, test_metrics;

  // Hidden ReLU neurons whose output is 0 for every training point, per hidden layer.
  std::vector<std::vector<bool>> dead;
  std::vector<std::vector<double>> active_fraction;  // share of training points each neuron fires for
  int dead_count = 0;
  int hidden_count = 0;
  int dead_before_provoke = -1;  // the count just before the last "provoke" (-1: never provoked)

  // The overfitting view's decision regions, recomputed when the network has changed.
  BoundaryGrid boundary;
  int boundary_epoch = -1;
};

// The learning rates the learner may type, and each problem's default (10, 0.1, 0.01).
constexpr double kMinRate = 1e-5, kMaxRate = 100.0;
double DefaultTrainingRate(TrainingProblem problem);
// Epochs a frame may run without going over the sample budget (one while diverging, to watch it).
int TrainingProblemEpochsPerFrame(const TrainingProblemsState& state);
// Builds the data and network of state->problem (with state->learning_rate) and measures them.
void ResetTrainingProblem(TrainingProblemsState* state);
// Up to `epochs` epochs; stops at once when training diverges. Returns the epochs completed.
int TrainProblemEpochs(TrainingProblemsState* state, int epochs);
// Brings back the last network (and optimizer) that had finite weights; pauses training.
void RestoreLastGoodWeights(TrainingProblemsState* state);
// Dead ReLUs: a new network whose hidden biases start strongly negative, so many neurons never fire.
void ProvokeDeadRelus(TrainingProblemsState* state);

}  // namespace bp
