// The Recurrent-nets lesson's own state (kept in AppState): a one-unit recurrent cell
// h_t = tanh(w h_{t-1} + u x_t + b) unfolded over kRnnSteps time steps into a scalar graph
// (core/graph.h) whose w, u and b are single shared weight nodes, and the indices of its nodes.
#pragma once

#include <array>

#include "core/graph.h"

namespace bp {

constexpr int kRnnSteps = 4;

struct RecurrentUnfoldedState {
  // The learner's settings; changing one sets `pending` and the graph is rebuilt next frame.
  double w = 0.9, u = 0.8, b = 0.1;  // shared recurrent weight, input weight, bias
  std::array<double, kRnnSteps> x = {1.0, -0.5, 0.8, 0.3};
  double h0 = 0.0;
  double target = 0.2;  // the loss compares the last h with this
  bool pending = true;

  // The unfolded graph after Forward and Backward, and where its nodes are.
  Graph graph;
  int w_node = -1, u_node = -1, b_node = -1, h0_node = -1, loss_node = -1;
  std::array<int, kRnnSteps> x_node{}, recurrent_product{}, input_product{}, h_node{};
};

// Builds the unfolded graph from the settings, runs Forward and Backward, clears `pending`.
void BuildUnfoldedRnn(RecurrentUnfoldedState* state);
// Step t's share of the shared weight's gradient: grad(w·h_{t-1}) · ∂(w·h_{t-1})/∂w = grad · h_{t-1}.
double RecurrentWeightContribution(const RecurrentUnfoldedState& state, int t);
double InputWeightContribution(const RecurrentUnfoldedState& state, int t);

}  // namespace bp
