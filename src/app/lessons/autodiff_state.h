// The Autodiff lesson's own state (kept in AppState): the worked example's network unfolded into a
// scalar computation graph and the graph's stepper (graph_stepper.h).
#pragma once

#include "app/lessons/graph_stepper.h"
#include "core/graph.h"
#include "core/mlp.h"

namespace bp {

struct AutodiffState {
  Mlp mlp;               // the worked example's 2-2-2 network
  GraphStepper stepper;  // its graph for the one sample, stepped through
  Gradients network;     // mlp.h's Forward + Backward on the same network and sample, for comparison
  int w1 = -1, w5 = -1;  // node indices of the weights the comparison table shows
};

}  // namespace bp
