// The computation-graph canvas's bookkeeping and geometry, shared by graph_view.cpp (which draws)
// and graph_formulas.cpp (which writes the panel's words): who uses each node, how far the
// step-through has got for each node, and where every box goes for a region of a given size.
#pragma once

#include <vector>

#include "app/widgets/graph_view.h"
#include "imgui.h"

namespace bp {

// Node n is operand number `slot` of node `node`.
struct Use {
  int node;
  int slot;
};

// Who uses whom, and where each node falls in the graph's two orders.
struct Topology {
  explicit Topology(const Graph& graph);
  std::vector<std::vector<Use>> consumers;  // [n] every use of n as an operand
  std::vector<int> forward_index;           // [n] position in forward_order, -1 for leaves
  std::vector<int> backward_index;          // [n] position in backward_order, -1 for leaves

  bool HasValue(const GraphProgress& progress, int n) const;
  GradState Grad(const Graph& graph, const GraphProgress& progress, int n) const;
};

struct GraphBox {
  ImVec2 min{0, 0}, max{0, 0};
  bool Contains(ImVec2 p) const { return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y; }
  ImVec2 Centre() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
};

// How much a box says: name, value and gradient; the name only; or nothing (a dot, read on hover).
enum class GraphDetail { kFull, kLabels, kDots };

struct GraphLayout {
  bool vertical = false;  // bands top to bottom instead of left to right
  GraphDetail detail = GraphDetail::kFull;
  int digits = 6;  // significant digits of the numbers in the boxes
  const ImFont* font = nullptr;
  float font_size = 13.0f;
  float pad = 4.0f;
  float badge_radius = 8.0f;    // the operation's circle on a computed node's entry side
  std::vector<GraphBox> boxes;  // [n]
  std::vector<bool> leaf;       // [n] leaves have no badge

  float LineHeight() const { return font_size * 1.12f; }
  // The badge sits on the box's border next to the name: left border (bands left to right) or
  // top border (top to bottom); arrows end on it.
  ImVec2 BadgeCentre(int n) const;
  ImVec2 Entry(int n) const;  // where arrows into n end
  ImVec2 Exit(int n) const;   // where arrows out of n start
  // Where line `line` of n's words starts (the name, line 0, keeps clear of the badge).
  ImVec2 TextOrigin(int n, int line) const;
};

// Picks the most readable layout that fits `region`: full boxes at the display precision, then
// smaller text, rounded numbers, names only, dots; bands left to right first, then top to bottom.
// Boxes are measured on `complete`, the fully evaluated graph.
GraphLayout ComputeGraphLayout(const Graph& complete, const Topology& topology, GraphBox region, const ImFont* font,
                               int precision, float ui_scale);

}  // namespace bp
