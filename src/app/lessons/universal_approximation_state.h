// The Universal approximation lesson's own state (kept in AppState): a 1-D target curve, a network
// with one hidden layer of N units that trains on it live, and the error measured along the way.
// The lesson file and the JS API both call the functions below, so the screen and the API agree.
#pragma once

#include <cstdint>
#include <vector>

#include "core/dataset.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/train.h"

namespace bp {

struct AppState;

constexpr int kUniversalMinUnits = 1;
constexpr int kUniversalMaxUnits = 64;
constexpr int kUniversalMaxTrainCall = 20000;  // most epochs one API call may run

struct UniversalApproximationState {
  // Settings the learner picks; changing one sets `pending` and the network starts afresh.
  DatasetKind target = DatasetKind::kRegressionSin;
  int units = 8;
  Activation hidden = Activation::kTanh;
  bool playing = true;
  bool pending = true;

  // The model and its training, rebuilt from the settings by ApplyUniversalPending.
  Dataset data;
  Mlp mlp;
  OptimizerConfig optimizer;
  OptimizerState optimizer_state;
  Rng shuffle{1};
  TrainWorkspace workspace;
  ForwardPass pass;  // reused by Evaluate
  int epochs = 0;
  double loss = 0.0;  // ½ · mean squared error over the training points, from core Evaluate
  bool diverged = false;
  // The loss curve: one sample every `history_every` epochs (thinned as training goes on).
  std::vector<double> history_epochs, history_loss;
  int history_every = 1;
};

// Rebuilds data, network and optimizer from the settings when `pending` is set.
void ApplyUniversalPending(UniversalApproximationState& lesson);
// Runs `epochs` epochs now (clamped to kUniversalMaxTrainCall), recording the loss curve; stops on divergence.
void TrainUniversal(UniversalApproximationState& lesson, int epochs);

}  // namespace bp
