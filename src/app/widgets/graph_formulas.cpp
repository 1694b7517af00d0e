// Stepping through a computation graph and the words of each node's local formula (see
// graph_view.h). Values and gradients are the graph's own (ForwardNode, BackwardNode), the local
// derivatives the core's LocalGradient: this file writes them down, it computes nothing.
#include <algorithm>
#include <string>
#include <vector>

#include "app/session/format.h"
#include "app/session/notation.h"
#include "app/widgets/graph_view.h"
#include "app/widgets/graph_view_layout.h"

namespace bp {

namespace {
constexpr int kMaxTermsShown = 6;  // longer sums are shortened with "…"

// Whether a label needs parentheses after ∂ or inside a product ("w5·out_h1" does, "w5" does not).
bool Compound(const std::string& label) {
  return label.find_first_of("+ ") != std::string::npos || label.find("·") != std::string::npos;
}

// The symbol of d(node)/d(operand `slot`), as the chain rule writes it.
std::string LocalName(const Graph& graph, int n, int slot) {
  const Node& node = graph.nodes[n];
  const std::string operand = graph.nodes[node.operands[slot]].label;
  switch (node.kind) {
    case NodeKind::kAdd:
    case NodeKind::kSum: return "1";
    case NodeKind::kMultiply: {
      const std::string other = graph.nodes[node.operands[1 - slot]].label;
      return Compound(other) ? "(" + other + ")" : other;
    }
    case NodeKind::kActivation: return ActivationSymbol(node.activation) + "′(" + operand + ")";
    case NodeKind::kLoss:
      if (node.loss == Loss::kHalfSquaredError) return "(" + operand + " − t)";
      return "(" + operand + " − t) / (" + operand + "·(1 − " + operand + "))";
    case NodeKind::kSubtract: return slot == 0 ? "1" : "(−1)";
    case NodeKind::kNegate: return "(−1)";
    case NodeKind::kDivide: {  // d(a/b)/da = 1/b, d(a/b)/db = −a/b²
      const std::string a = graph.nodes[node.operands[0]].label, b = graph.nodes[node.operands[1]].label;
      const std::string b_factor = Compound(b) ? "(" + b + ")" : b;
      return slot == 0 ? "1/" + b_factor : "(−" + (Compound(a) ? "(" + a + ")" : a) + "/" + b_factor + "²)";
    }
    case NodeKind::kPower:  // d(a^p)/da = p·a^(p−1)
      if (node.exponent == 0.0) return "0";
      return "(" + Num(node.exponent, 15) + "·" + (Compound(operand) ? "(" + operand + ")" : operand) + "^" +
             Num(node.exponent - 1.0, 15) + ")";
    case NodeKind::kExp: return "exp(" + operand + ")";
    case NodeKind::kLog: return "1/" + (Compound(operand) ? "(" + operand + ")" : operand);
    default: return "?";
  }
}

// "a + b + … + z" of the operands' labels (or values), shortened past kMaxTermsShown.
std::string JoinOperands(const Graph& graph, const Node& node, const char* separator, int precision, bool values) {
  std::string text;
  const int count = static_cast<int>(node.operands.size());
  for (int slot = 0; slot < count; ++slot) {
    if (slot == kMaxTermsShown - 1 && count > kMaxTermsShown) {
      text += separator + std::string("…");
      slot = count - 1;  // the last term after the ellipsis
    }
    const Node& operand = graph.nodes[node.operands[slot]];
    if (slot > 0) text += separator;
    text += values ? Factor(operand.value, precision) : operand.label;
  }
  return text;
}
}  // namespace

// ---- stepping --------------------------------------------------------------------------------------
Graph GraphAt(const Graph& base, const GraphProgress& progress) {
  Graph graph = base;
  for (int k = 0; k < progress.forward_done; ++k) ForwardNode(&graph, graph.forward_order[k]);
  if (!progress.seeded) return graph;
  // As Backward does: every gradient starts at 0 (base's are) and the root's at dE/dE = 1.
  graph.nodes[graph.root].grad = 1.0;
  for (int k = 0; k < progress.backward_done; ++k) BackwardNode(&graph, graph.backward_order[k]);
  return graph;
}

int GraphStepCount(const Graph& graph) { return 2 * static_cast<int>(graph.forward_order.size()) + 1; }

GraphProgress GraphProgressAt(const Graph& graph, int position) {
  const int computed = static_cast<int>(graph.forward_order.size());
  GraphProgress progress;
  progress.forward_done = std::min(std::max(position, 0), computed);
  progress.seeded = position > computed;
  progress.backward_done = std::min(std::max(position - computed - 1, 0), computed);
  return progress;
}

int CurrentGraphNode(const Graph& graph, const GraphProgress& progress) {
  if (progress.seeded)
    return progress.backward_done > 0 ? graph.backward_order[progress.backward_done - 1] : graph.root;
  return progress.forward_done > 0 ? graph.forward_order[progress.forward_done - 1] : -1;
}

bool NodeHasValue(const Graph& graph, const GraphProgress& progress, int n) {
  return Topology(graph).HasValue(progress, n);
}

GradState NodeGradState(const Graph& graph, const GraphProgress& progress, int n) {
  return Topology(graph).Grad(graph, progress, n);
}

// ---- the panel's words -------------------------------------------------------------------------------
std::string GradName(const Graph& graph, int n) {
  const std::string& label = graph.nodes[n].label;
  return "∂E/∂" + (Compound(label) ? "(" + label + ")" : label);
}

std::string NodeValueFormula(const Graph& graph, int n, int precision) {
  const Node& node = graph.nodes[n];
  const std::string value = Num(node.value, precision);
  auto operand = [&](int slot) -> const Node& { return graph.nodes[node.operands[slot]]; };
  switch (node.kind) {
    case NodeKind::kInput:
      return node.label + " = " + value + ": an input, a leaf of the graph (nothing flows into it)";
    case NodeKind::kWeight:
      return node.label + " = " + value + ": a weight, a leaf of the graph (nothing flows into it)";
    case NodeKind::kBias: return node.label + " = " + value + ": a bias, a leaf of the graph (nothing flows into it)";
    case NodeKind::kAdd:
    case NodeKind::kSum: {
      // An expression's unnamed sum is labelled by its formula already: say it once.
      const std::string symbols = JoinOperands(graph, node, " + ", precision, false);
      return node.label + " = " + (node.label == symbols ? "" : symbols + " = ") +
             JoinOperands(graph, node, " + ", precision, true) + " = " + value;
    }
    case NodeKind::kMultiply: {
      auto wrap = [](const std::string& label) { return Compound(label) ? "(" + label + ")" : label; };
      const std::string symbols = wrap(operand(0).label) + "·" + wrap(operand(1).label);
      const std::string numbers = Factor(operand(0).value, precision) + " · " + Factor(operand(1).value, precision);
      // BuildGraph names a product after its factors; say them only when the name does not.
      return node.label + " = " + (node.label == symbols ? "" : symbols + " = ") + numbers + " = " + value;
    }
    case NodeKind::kActivation: {
      const std::string h = ActivationSymbol(node.activation);
      const std::string symbols = h + "(" + operand(0).label + ")";
      return node.label + " = " + (node.label == symbols ? "" : symbols + " = ") + h + "(" +
             Num(operand(0).value, precision) + ") = " + value;
    }
    case NodeKind::kLoss:
      if (node.loss == Loss::kHalfSquaredError) {
        return node.label + " = ½(t − " + operand(0).label + ")² = ½(" + Num(node.target, precision) + " − " +
               Num(operand(0).value, precision) + ")² = " + value;
      }
      return node.label + " = −[t·ln a + (1 − t)·ln(1 − a)] with t = " + Num(node.target, precision) +
             " (the target), a = " + operand(0).label + " = " + Num(operand(0).value, precision) + ": " + value;
    case NodeKind::kConstant:
      return node.label + " = " + value + ": a constant (a number written in the expression), a leaf of the graph";
    case NodeKind::kSubtract:
    case NodeKind::kDivide: {
      const char* op = node.kind == NodeKind::kSubtract ? " − " : " / ";
      const std::string a = operand(0).label, b = operand(1).label;
      const std::string symbols =
          (node.kind == NodeKind::kDivide && Compound(a) ? "(" + a + ")" : a) + op + (Compound(b) ? "(" + b + ")" : b);
      const std::string numbers = Factor(operand(0).value, precision) + op + Factor(operand(1).value, precision);
      return node.label + " = " + (node.label == symbols ? "" : symbols + " = ") + numbers + " = " + value;
    }
    case NodeKind::kNegate: {
      const std::string symbols = "−" + (Compound(operand(0).label) ? "(" + operand(0).label + ")" : operand(0).label);
      return node.label + " = " + (node.label == symbols ? "" : symbols + " = ") + "−" +
             Factor(operand(0).value, precision) + " = " + value;
    }
    case NodeKind::kPower: {
      const std::string a = operand(0).label, p = Num(node.exponent, 15);
      return node.label + " = " + (Compound(a) ? "(" + a + ")" : a) + "^" + p + " = " +
             Factor(operand(0).value, precision) + "^" + p + " = " + value;
    }
    case NodeKind::kExp:
    case NodeKind::kLog: {
      const std::string f = node.kind == NodeKind::kExp ? "exp" : "log";
      const std::string symbols = f + "(" + operand(0).label + ")";
      return node.label + " = " + (node.label == symbols ? "" : symbols + " = ") + f + "(" +
             Num(operand(0).value, precision) + ") = " + value;
    }
  }
  return node.label + " = " + value;
}

std::string NodeGradFormula(const Graph& graph, int n, int precision) {
  const Node& node = graph.nodes[n];
  if (n == graph.root)
    return "∂" + node.label + "/∂" + node.label +
           " = 1: the loss changes one for one with itself; the backward pass starts here";
  const Topology topology(graph);
  const std::vector<Use>& uses = topology.consumers[n];
  if (uses.empty()) return "Nothing uses " + node.label + ", so no gradient reaches it.";
  std::string symbols, numbers;
  for (size_t i = 0; i < uses.size(); ++i) {
    const std::string plus = i == 0 ? "" : " + ";
    symbols += plus + GradName(graph, uses[i].node) + " · " + LocalName(graph, uses[i].node, uses[i].slot);
    numbers += plus + Factor(graph.nodes[uses[i].node].grad, precision) + " · " +
               Factor(LocalGradient(graph, uses[i].node, uses[i].slot), precision);
  }
  return GradName(graph, n) + " = " + symbols + " = " + numbers + " = " + Num(node.grad, precision);
}

std::vector<std::string> BackwardStepFormulas(const Graph& before, const Graph& after, int n, int precision) {
  std::vector<std::string> lines;
  const Node& node = after.nodes[n];
  for (int slot = 0; slot < static_cast<int>(node.operands.size()); ++slot) {
    const int m = node.operands[slot];
    // BackwardNode adds this node's share to what the operand has collected so far.
    lines.push_back(GradName(after, m) + " ← " + GradName(after, m) + " + " + GradName(after, n) + " · " +
                    LocalName(after, n, slot) + " = " + Num(before.nodes[m].grad, precision) + " + " +
                    Factor(node.grad, precision) + " · " + Factor(LocalGradient(after, n, slot), precision) + " = " +
                    Num(after.nodes[m].grad, precision));
  }
  return lines;
}

}  // namespace bp
