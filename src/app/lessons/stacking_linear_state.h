// The lesson "Stacking linear layers" keeps a 2-4-1 network on XOR, its hidden activation
// (identity or a non-linear one), its training run and the boundary image.
#pragma once

#include <vector>

#include "app/widgets/data_plane.h"
#include "core/activation.h"
#include "core/dataset.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/train.h"

namespace bp {

constexpr int kStackingEpochsPerFrame = 20;
constexpr int kMaxStackingEpochsPerCall = 10000;
constexpr int kMaxStackingRecords = 1024;

struct StackingLinearState {
  bool ready = false;
  Activation hidden = Activation::kIdentity;  // identity, tanh or relu
  bool training = false;                      // "Train" pressed: a few epochs per frame
  int epochs = 0;
  // The loss curve: at most kMaxStackingRecords records, one every loss_every epochs from epoch 1
  // (ThinHistory), however many epochs are trained.
  std::vector<double> loss_per_epoch;
  std::vector<double> loss_epochs;
  int loss_every = 1;
  Dataset data;  // XOR corners
  Mlp mlp;
  OptimizerConfig optimizer;
  OptimizerState optimizer_state;
  Rng shuffle{1};
  TrainWorkspace workspace;
  Metrics metrics;
  BoundaryGrid boundary;
};

// Makes the data and a fresh network with the chosen hidden activation.
void ResetStackingLinearLesson(StackingLinearState* lesson);
// Up to `epochs` epochs (clamped to 1..kMaxStackingEpochsPerCall); updates metrics. False on error.
bool TrainStackingLinear(StackingLinearState* lesson, int epochs, std::string* error);

}  // namespace bp
