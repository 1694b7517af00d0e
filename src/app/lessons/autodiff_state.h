// The Autodiff lesson's own state (kept in AppState): the worked example's network unfolded into a
// scalar computation graph, where the lesson's own stepper stands, and what the learner points at.
#pragma once

#include "app/lessons/autodiff_predict.h"
#include "core/graph.h"
#include "core/mlp.h"

namespace bp {

struct AutodiffState {
  Mlp mlp;                // the worked example's 2-2-2 network
  Graph base;             // its graph for the one sample: leaves set, nothing computed yet
  Graph complete;         // the same after a whole Forward and Backward (the layout is measured on it)
  Graph graph;            // the graph at `position`, replayed from `base` step by step
  Graph previous;         // the graph one step earlier: the panel shows what the last step changed
  Gradients network;      // mlp.h's Forward + Backward on the same network and sample, for comparison
  int position = 0;       // 0: only the leaves; then one forward node per step, the seed, one backward node per step
  int last_position = 0;  // every gradient known
  int pending_position = -1;    // a requested move (the JS API), applied at the start of the next frame
  int current_node = -1;        // the node the last step computed (-1 at the start)
  const char* phase = "start";  // "start", "forward", "backward", "done"
  int w1 = -1, w5 = -1;         // node indices of the weights the comparison table shows
  int hovered_node = -1;        // under the mouse this frame
  int selected_node = -1;       // clicked: the panel explains it until it is clicked again
  GraphPredictState predict;    // predict mode: the values and gradients typed before they are shown
};

}  // namespace bp
