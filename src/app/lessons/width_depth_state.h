// The Width vs depth lesson's own state (kept in AppState): two networks with the same number of
// parameters, one shallow and wide, one deep and narrow, trained side by side with the same
// optimizer on the training half of a sawtooth's points; the other half, never trained on, gives
// each a test loss. The lesson file and the JS API both call the functions below.
#pragma once

#include <cstdint>
#include <vector>

#include "core/dataset.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/train.h"

namespace bp {

constexpr int kDeepHiddenLayers = 4;
constexpr int kWidthDepthMaxTrainCall = 20000;  // most epochs one API call may run

// One of the two contestants: its network, its optimizer and its loss curves.
struct Contestant {
  Mlp mlp;
  OptimizerState optimizer_state;
  Rng shuffle{1};
  TrainWorkspace workspace;
  ForwardPass pass, test_pass;
  double loss = 0.0;          // on the training points: ½ · mean squared error, from core Evaluate
  double initial_loss = 0.0;  // before the first epoch
  double test_loss = 0.0;     // the same on the held-out points
  double initial_test_loss = 0.0;
  std::vector<double> history_loss, history_test_loss;
};

struct WidthDepthState {
  int teeth = 6;       // the sawtooth's teeth
  int deep_width = 8;  // units in each of the deep network's hidden layers
  bool playing = true;
  bool pending = true;

  Dataset data;  // the training points
  Dataset test;  // the held-out points: measured, never trained on
  OptimizerConfig optimizer;
  int wide_units = 0;  // picked so the shallow network's parameter count is nearest the deep one's
  Contestant wide, deep;
  int epochs = 0;
  bool diverged = false;
  std::vector<double> history_epochs;  // shared by every loss curve
  int history_every = 1;
};

void ApplyWidthDepthPending(WidthDepthState& lesson);
// Trains both networks `epochs` more epochs (clamped to kWidthDepthMaxTrainCall).
void TrainWidthDepth(WidthDepthState& lesson, int epochs);

}  // namespace bp
