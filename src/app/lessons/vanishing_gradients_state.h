// The settings of the lesson "Vanishing gradients" (kept in AppState::vanishing_gradients_lesson):
// a deep narrow network, a small batch, the gradient size per layer, and what one training step did.
// Every number comes from core Forward/Backward (TraceStep) and ApplyStep.
#pragma once

#include <cstdint>
#include <vector>

#include <Eigen/Dense>

#include "core/activation.h"
#include "core/mlp.h"

namespace bp {

constexpr int kMinVanishingDepth = 2;
constexpr int kMaxVanishingDepth = 10;
constexpr int kVanishingWidth = 4;

struct VanishingGradientsState {
  Activation activation = Activation::kSigmoid;  // every hidden layer: sigmoid, tanh or ReLU
  int depth = 8;                                 // hidden layers
  uint64_t seed = 1;
  bool pending = true;  // rebuild the network (and forget the step) at the start of the next frame

  Mlp mlp;
  Eigen::MatrixXd X, T;  // the batch: (2, B) and (1, B)
  double loss = 0.0;
  std::vector<double> gradient_means;   // mean |∂L/∂W| of each layer (hidden layers, then the output)
  std::vector<double> relative_change;  // ‖ΔW‖ / ‖W‖ of each layer after the last step (empty before)
  int steps = 0;
};

// Rebuilds the network from the settings (He init for ReLU, Xavier otherwise) and its gradients.
void RebuildVanishingNetwork(VanishingGradientsState& lesson);
// Recomputes loss and gradient_means for the current weights.
void MeasureVanishingGradients(VanishingGradientsState& lesson);
// One SGD step (TraceStep + ApplyStep); records relative_change and re-measures.
void TakeVanishingStep(VanishingGradientsState& lesson);

}  // namespace bp
