// The computation-graph canvas: a bp::Graph (core/graph.h) drawn as boxes and arrows, stepped
// through node by node (forward in forward_order, then backward in backward_order), plus the
// words of each node's local formula for the side panel. Every number comes from the graph itself
// (its values and grads, and the core's LocalGradient); this file only arranges and writes them.
#pragma once

#include <string>
#include <vector>

#include "core/graph.h"
#include "imgui.h"

namespace bp {

// How far a step-through of a graph has got: the first `forward_done` nodes of forward_order have
// their value; once `seeded`, the root's gradient is 1 and the first `backward_done` nodes of
// backward_order have passed their gradient down to their operands (BackwardNode).
struct GraphProgress {
  int forward_done = 0;
  bool seeded = false;
  int backward_done = 0;
};

// The graph at a point of the step-through, replayed from `base` (leaves set, nothing computed)
// with the core's ForwardNode and BackwardNode, so stepping back gives exactly the earlier state.
Graph GraphAt(const Graph& base, const GraphProgress& progress);
// The number of steps of a full pass: every forward node, the seed, every backward node.
int GraphStepCount(const Graph& graph);
// Step `position` (0 = nothing computed, GraphStepCount = done) as a progress.
GraphProgress GraphProgressAt(const Graph& graph, int position);
// The node the last step computed (-1 at the start): a forward node, the root when seeded, or
// the backward node that just passed its gradient down.
int CurrentGraphNode(const Graph& graph, const GraphProgress& progress);

// Whether node n has its value: leaves always, computed nodes once the forward pass reached them.
bool NodeHasValue(const Graph& graph, const GraphProgress& progress, int n);
// A node's gradient so far: none yet, some of its consumers' contributions, or all of them.
enum class GradState { kNone, kPartial, kComplete };
GradState NodeGradState(const Graph& graph, const GraphProgress& progress, int n);

struct GraphViewOptions {
  int precision = 6;
  float ui_scale = 1.0f;
  bool dark = true;
};

// Draws `graph` (at `progress`) into a region of `size` at the cursor. `complete` is the same graph
// fully evaluated: boxes are measured with every number revealed, so nothing moves while stepping.
// Writes the node under the mouse to *hovered (-1 when none); a click toggles *selected.
void DrawGraphView(const Graph& graph, const Graph& complete, const GraphProgress& progress,
                   const GraphViewOptions& options, ImVec2 size, int* hovered, int* selected);

// ---- the words of the side panel -----------------------------------------------------------------
// "∂E/∂w5" (the root is called E); labels with operators are wrapped: "∂E/∂(w5·out_h1)".
std::string GradName(const Graph& graph, int n);
// How node n gets its value: "w5·out_h1 = 0.4 · 0.593269992 = 0.237307997"; leaves say what they are.
std::string NodeValueFormula(const Graph& graph, int n, int precision);
// Node n's whole gradient, one chain-rule term per consumer: "∂E/∂w5 = ∂E/∂(w5·out_h1) · out_h1 =
// 0.138498562 · 0.593269992 = 0.082167041". Only meaningful once NodeGradState is kComplete.
std::string NodeGradFormula(const Graph& graph, int n, int precision);
// What one backward step (BackwardNode of node n) did to each operand: one line per operand, with
// the operand's gradient before the step (read from `before`) and after it (from `after`).
std::vector<std::string> BackwardStepFormulas(const Graph& before, const Graph& after, int n, int precision);

}  // namespace bp
