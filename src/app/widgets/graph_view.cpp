// The computation-graph canvas (see graph_view.h). Nodes sit in bands by depth (leaves just before
// their first use, the root last); bands run left to right when the boxes fit across the region,
// top to bottom otherwise, and the boxes shrink (smaller text, rounded numbers, names only, dots)
// until the graph fits. Within a band, nodes line up with the nodes they feed.
#include "app/widgets/graph_view.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>
#include <vector>

#include "app/session/format.h"
#include "app/session/notation.h"
#include "app/widgets/fonts.h"
#include "app/widgets/graph_view_layout.h"
#include "app/widgets/palette.h"

namespace bp {

namespace {
constexpr float kRingWidth = 3.0f;  // the current node's ring, × ui scale
constexpr float kEdgeWidth = 1.2f;  // arrows; the current step's arrows are thicker
constexpr float kActiveEdgeWidth = 2.8f;
constexpr float kArrowHead = 5.0f;
constexpr float kRounding = 6.0f;       // computed nodes are rounded, leaves square
constexpr float kLegendScale = 0.85f;   // legend text relative to the text font
constexpr float kStraightRatio = 2.5f;  // edges steeper than this across the bands are drawn straight
constexpr float kFitSlack = 1.0f;       // pixels: rounding in the layout must not cost a digit

// The operation drawn in a computed node's badge.
std::string KindSymbol(const Node& node) {
  switch (node.kind) {
    case NodeKind::kAdd: return "+";
    case NodeKind::kMultiply: return "×";
    case NodeKind::kSum: return "Σ";
    case NodeKind::kActivation: return ActivationSymbol(node.activation);
    case NodeKind::kLoss: return "E";
    case NodeKind::kSubtract: return "−";
    case NodeKind::kDivide: return "÷";
    case NodeKind::kNegate: return "−";
    case NodeKind::kPower: return "^";
    case NodeKind::kExp: return "exp";
    case NodeKind::kLog: return "log";
    default: return "";
  }
}

void DrawArrowHead(ImDrawList* draw, ImVec2 tip, ImVec2 direction, float size, ImU32 color) {
  ImVec2 back(tip.x - direction.x * size * 1.6f, tip.y - direction.y * size * 1.6f);
  ImVec2 side(-direction.y * size, direction.x * size);
  draw->AddTriangleFilled(tip, ImVec2(back.x + side.x, back.y + side.y), ImVec2(back.x - side.x, back.y - side.y),
                          color);
}

struct Painter {
  ImDrawList* draw;
  const Palette& palette;
  const GraphLayout& layout;
  const Graph& graph;
  const GraphProgress& progress;
  const Topology& topology;
  float s;  // ui scale
};

void DrawEdges(const Painter& p, int current, bool backward_step) {
  for (int n = 0; n < static_cast<int>(p.graph.nodes.size()); ++n) {
    const Node& node = p.graph.nodes[n];
    for (int operand : node.operands) {
      bool active = n == current;
      ImVec2 from = p.layout.Exit(operand), to = p.layout.Entry(n);
      // An S-curve where the bands leave room, a straight line where the edge runs mostly across
      // the band gap: flattened S-curves would overlap and hide which box feeds which.
      const float along = p.layout.vertical ? to.y - from.y : to.x - from.x;
      const float across = p.layout.vertical ? to.x - from.x : to.y - from.y;
      const bool straight = std::fabs(across) > kStraightRatio * std::fabs(along);
      ImVec2 dir = p.layout.vertical ? ImVec2(0, 1) : ImVec2(1, 0);
      if (straight) {
        const float length = std::sqrt(along * along + across * across);
        dir = ImVec2((to.x - from.x) / length, (to.y - from.y) / length);
      }
      const float bend = straight ? 0.0f : along * 0.5f;
      ImVec2 c1(from.x + dir.x * bend, from.y + dir.y * bend), c2(to.x - dir.x * bend, to.y - dir.y * bend);
      ImU32 color = active ? p.palette.highlight : WithAlpha(p.palette.neuron_outline, 0.8f);
      float width = (active ? kActiveEdgeWidth : kEdgeWidth) * p.s;
      float head = kArrowHead * p.s * (active ? 1.2f : 1.0f);
      ImVec2 end(to.x - dir.x * head, to.y - dir.y * head);
      p.draw->AddBezierCubic(from, straight ? from : c1, straight ? end : c2, end, color, width);
      DrawArrowHead(p.draw, to, dir, head, color);
      // The gradient flows against the arrow: a second head at the operand's end says so.
      if (active && backward_step) DrawArrowHead(p.draw, from, ImVec2(-dir.x, -dir.y), head, color);
    }
  }
}

struct BoxLine {
  std::string text;
  ImU32 color;
  bool underline;
};

void DrawNode(const Painter& p, int n, int current, bool changed_value, bool changed_grad, bool hovered,
              bool selected) {
  const Node& node = p.graph.nodes[n];
  const GraphBox& box = p.layout.boxes[n];
  const bool leaf = IsLeaf(node.kind);
  const bool has_value = p.topology.HasValue(p.progress, n);
  const float rounding = leaf ? 0.0f : kRounding * p.s;
  if (n == current) {
    float glow = 5.0f * p.s;
    p.draw->AddRectFilled(ImVec2(box.min.x - glow, box.min.y - glow), ImVec2(box.max.x + glow, box.max.y + glow),
                          p.palette.highlight_glow, rounding + glow);
  }
  p.draw->AddRectFilled(box.min, box.max, leaf ? p.palette.neuron_fill : p.palette.label_background, rounding);
  ImU32 border = has_value ? p.palette.neuron_outline : p.palette.label_border;
  float border_width = p.s;
  if (hovered) border = p.palette.hover, border_width = 2.0f * p.s;
  if (selected) border = p.palette.selected, border_width = 2.0f * p.s;
  if (n == current) border = p.palette.highlight, border_width = kRingWidth * p.s;
  p.draw->AddRect(box.min, box.max, border, rounding, 0, border_width);

  if (!leaf && p.layout.detail != GraphDetail::kDots) {
    ImVec2 centre = p.layout.BadgeCentre(n);
    float r = p.layout.badge_radius;
    p.draw->AddCircleFilled(centre, r, p.palette.label_background);
    p.draw->AddCircle(centre, r, border, 0, std::min(border_width, 2.0f * p.s));
    std::string symbol = KindSymbol(node);
    float size = p.layout.font_size * (symbol.size() > 2 ? 0.62f : 0.95f);
    ImVec2 extent = p.layout.font->CalcTextSizeA(size, FLT_MAX, 0.0f, symbol.c_str());
    p.draw->AddText(p.layout.font, size, ImVec2(centre.x - extent.x * 0.5f, centre.y - extent.y * 0.5f), p.palette.text,
                    symbol.c_str());
  }
  if (p.layout.detail == GraphDetail::kDots) return;

  std::vector<BoxLine> lines;
  lines.push_back({node.label, p.palette.muted_text, false});
  if (p.layout.detail == GraphDetail::kFull) {
    // Boxes are measured on the final numbers; a gradient still collecting can be wider, and then
    // loses digits rather than spill out of its box.
    const float room = box.max.x - box.min.x - 2.0f * p.layout.pad;
    auto fitted = [&](const std::string& prefix, double value, const std::string& suffix) {
      std::string text;
      for (int digits = p.layout.digits; digits >= 1; --digits) {
        text = prefix + Num(value, digits) + suffix;
        if (p.layout.font->CalcTextSizeA(p.layout.font_size, FLT_MAX, 0.0f, text.c_str()).x <= room + kFitSlack) break;
      }
      return text;
    };
    if (has_value) {
      lines.push_back({fitted("", node.value, ""), changed_value ? p.palette.changed : p.palette.text, changed_value});
    } else {
      lines.push_back({"?", p.palette.muted_text, false});
    }
    GradState grad = p.topology.Grad(p.graph, p.progress, n);
    if (grad != GradState::kNone) {
      std::string text = fitted("∂ ", node.grad, grad == GradState::kPartial ? "…" : "");
      lines.push_back({text, changed_grad ? p.palette.changed : p.palette.text, changed_grad});
    }
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    ImVec2 pos = p.layout.TextOrigin(n, static_cast<int>(i));
    p.draw->AddText(p.layout.font, p.layout.font_size, pos, lines[i].color, lines[i].text.c_str());
    if (lines[i].underline) {
      float width = p.layout.font->CalcTextSizeA(p.layout.font_size, FLT_MAX, 0.0f, lines[i].text.c_str()).x;
      float y = pos.y + p.layout.font_size + 0.5f * p.s;
      p.draw->AddLine(ImVec2(pos.x, y), ImVec2(pos.x + width, y), lines[i].color, p.s);
    }
  }
}

// The badges of the kinds in `graph`, then how to read a box.
std::string LegendText(const Graph& graph, const GraphLayout& layout, int precision) {
  struct Entry {
    NodeKind kind;
    const char* words;
  };
  static const Entry kEntries[] = {{NodeKind::kAdd, "+ sum"},          {NodeKind::kSubtract, "− difference"},
                                   {NodeKind::kMultiply, "× product"}, {NodeKind::kDivide, "÷ quotient"},
                                   {NodeKind::kNegate, "− negation"},  {NodeKind::kPower, "^ power"},
                                   {NodeKind::kSum, "Σ sum"},          {NodeKind::kExp, "exp"},
                                   {NodeKind::kLog, "log (natural)"},  {NodeKind::kActivation, "σ activation"},
                                   {NodeKind::kLoss, "E loss"}};
  std::string text;
  for (const Entry& entry : kEntries) {
    const bool present =
        std::any_of(graph.nodes.begin(), graph.nodes.end(), [&](const Node& node) { return node.kind == entry.kind; });
    if (present) text += std::string(entry.words) + "  ";
  }
  text += "□ leaf";
  if (layout.detail == GraphDetail::kFull) {
    text += ".  A box: name, value, ∂ = ∂E/∂node (… still collecting)";
    if (layout.digits < precision) {
      text += ". Boxes round to " + std::to_string(layout.digits) + " digits to fit; the panel shows " +
              std::to_string(precision) + ".";
    }
  } else {
    text += ". The graph is too big for numbers here: hover a box to read it.";
  }
  return text;
}

void NodeTooltip(const Graph& graph, const Topology& topology, const GraphProgress& progress, int n, int precision) {
  const Node& node = graph.nodes[n];
  ImGui::BeginTooltip();
  ImGui::TextUnformatted(node.label.c_str());
  ImGui::Text("value: %s", topology.HasValue(progress, n) ? Num(node.value, precision).c_str() : "not computed yet");
  if (topology.Grad(graph, progress, n) != GradState::kNone) {
    ImGui::Text("%s = %s", GradName(graph, n).c_str(), Num(node.grad, precision).c_str());
  }
  ImGui::EndTooltip();
}
}  // namespace

void DrawGraphView(const Graph& graph, const Graph& complete, const GraphProgress& progress,
                   const GraphViewOptions& options, ImVec2 size, int* hovered, int* selected) {
  *hovered = -1;
  if (graph.nodes.empty() || size.x < 1 || size.y < 1) return;
  const float s = options.ui_scale;
  const Palette& palette = ThemePalette(options.dark);
  const ImFont* font = Fonts().mono ? Fonts().mono : ImGui::GetFont();
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("##graph", size);
  const bool mouse_inside = ImGui::IsItemHovered();
  const bool clicked = ImGui::IsItemClicked();

  // The legend takes the bottom lines: room for its longest wording, so the graph never jumps.
  const float legend_size = ImGui::GetFontSize() * kLegendScale;
  const ImFont* legend_font = Fonts().text ? Fonts().text : ImGui::GetFont();
  GraphLayout longest;
  longest.digits = 1;
  std::string legend = LegendText(complete, longest, options.precision);
  float legend_height = legend_font->CalcTextSizeA(legend_size, FLT_MAX, size.x, legend.c_str()).y + 6.0f * s;
  GraphBox region{origin, ImVec2(origin.x + size.x, origin.y + size.y - legend_height)};
  Topology topology(graph);
  GraphLayout layout = ComputeGraphLayout(complete, Topology(complete), region, font, options.precision, s);
  legend = LegendText(graph, layout, options.precision);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(origin, ImVec2(origin.x + size.x, origin.y + size.y), true);
  const int current = CurrentGraphNode(graph, progress);
  const bool backward_step = progress.seeded && progress.backward_done > 0;
  const bool seed_step = progress.seeded && progress.backward_done == 0;
  Painter painter{draw, palette, layout, graph, progress, topology, s};
  DrawEdges(painter, current, backward_step);

  ImVec2 mouse = ImGui::GetIO().MousePos;
  for (int n = 0; n < static_cast<int>(graph.nodes.size()); ++n) {
    if (mouse_inside && layout.boxes[n].Contains(mouse)) *hovered = n;
  }
  for (int n = 0; n < static_cast<int>(graph.nodes.size()); ++n) {
    bool operand_of_current = false;
    if (current >= 0) {
      const std::vector<int>& ops = graph.nodes[current].operands;
      operand_of_current = std::find(ops.begin(), ops.end(), n) != ops.end();
    }
    bool changed_value = n == current && !progress.seeded;
    bool changed_grad = (backward_step && operand_of_current) || (seed_step && n == graph.root);
    DrawNode(painter, n, current, changed_value, changed_grad, n == *hovered, n == *selected);
  }
  draw->AddText(legend_font, legend_size, ImVec2(origin.x, region.max.y + 6.0f * s), palette.muted_text, legend.c_str(),
                nullptr, size.x);
  draw->PopClipRect();

  if (clicked) *selected = (*hovered == *selected) ? -1 : *hovered;
  if (*hovered >= 0 && layout.detail != GraphDetail::kFull) {
    NodeTooltip(graph, topology, progress, *hovered, options.precision);
  }
}

}  // namespace bp
