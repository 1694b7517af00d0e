// Why a value or a gradient of an expression graph stopped being a finite number, in a sentence
// (FindNonFinite, expression.h).
#include <cmath>
#include <string>
#include <vector>

#include "core/expression.h"
#include "core/expression_text.h"

namespace bp {

namespace {
using namespace expression_text;

std::string OperandLabel(const Graph& graph, int n, int slot) {
  const std::string& label = graph.nodes[graph.nodes[n].operands[slot]].label;
  return Plain(label) ? label : "(" + label + ")";
}

// Node n's operation in its operands' labels ("a / b"), empty for leaves, sums and loss terms.
std::string Formula(const Graph& graph, int n) {
  const Node& node = graph.nodes[n];
  auto a = [&](int slot) { return OperandLabel(graph, n, slot); };
  const std::string argument = node.operands.empty() ? "" : graph.nodes[node.operands[0]].label;
  switch (node.kind) {
    case NodeKind::kAdd: return a(0) + " + " + a(1);
    case NodeKind::kSubtract: return a(0) + " − " + a(1);
    case NodeKind::kMultiply: return a(0) + "·" + a(1);
    case NodeKind::kDivide: return a(0) + " / " + a(1);
    case NodeKind::kNegate: return "−" + a(0);
    case NodeKind::kPower: return a(0) + ExponentText(node.exponent);
    case NodeKind::kExp: return "exp(" + argument + ")";
    case NodeKind::kLog: return "log(" + argument + ")";
    case NodeKind::kActivation: return FunctionSymbol(node.activation) + "(" + argument + ")";
    default: return "";
  }
}

// "c = log(a)" for a named node, "log(a)" when the label is the formula already.
std::string Described(const Graph& graph, int n) {
  const std::string& label = graph.nodes[n].label;
  const std::string formula = Formula(graph, n);
  return Plain(label) && !formula.empty() ? label + " = " + formula : label;
}

std::string GradName(const std::string& label) { return "∂E/∂" + (Plain(label) ? label : "(" + label + ")"); }

// ", with a = −2, b = 0": each operand once; a constant's label says its value already.
std::string OperandValues(const Graph& graph, int n) {
  std::string text;
  const std::vector<int>& operands = graph.nodes[n].operands;
  for (size_t slot = 0; slot < operands.size(); ++slot) {
    const Node& operand = graph.nodes[operands[slot]];
    if ((slot == 1 && operands[1] == operands[0]) || operand.kind == NodeKind::kConstant) continue;
    text += (text.empty() ? ", with " : ", ") + operand.label + " = " + Number(operand.value);
  }
  return text;
}

// The local derivative d(node)/d(operand `slot`) as a formula, for the kinds that can make it infinite.
std::string LocalName(const Graph& graph, int n, int slot) {
  const Node& node = graph.nodes[n];
  auto a = [&](int s) { return OperandLabel(graph, n, s); };
  switch (node.kind) {
    case NodeKind::kDivide: return slot == 0 ? "1/" + a(1) : "−" + a(0) + "/" + a(1) + "²";
    case NodeKind::kLog: return "1/" + a(0);
    case NodeKind::kPower: return Number(node.exponent) + "·" + a(0) + ExponentText(node.exponent - 1.0);
    case NodeKind::kExp: return "exp(" + graph.nodes[node.operands[0]].label + ")";
    case NodeKind::kMultiply: return a(1 - slot);
    default: return "the local derivative";
  }
}

std::string ValueSentence(const Graph& graph, int n) {
  const Node& node = graph.nodes[n];
  const std::string what = Described(graph, n);
  const double v = node.value;
  if (IsLeaf(node.kind)) return node.label + " = " + Number(v) + ": this number itself is not finite.";
  auto a = [&](int slot) { return graph.nodes[node.operands[slot]].value; };
  if (node.kind == NodeKind::kDivide && a(1) == 0.0) {
    if (std::isnan(v)) return what + " divides 0 by 0: a division that has no value (NaN).";
    return what + " divides " + Number(a(0)) + " by 0: a division by zero gives " + Number(v) + ".";
  }
  if (node.kind == NodeKind::kLog && a(0) < 0.0) {
    return what + " is the log of " + Number(a(0)) + ": not a real number (NaN).";
  }
  if (node.kind == NodeKind::kLog && a(0) == 0.0) return what + " is the log of 0: −∞.";
  if (node.kind == NodeKind::kPower && a(0) < 0.0 && std::isnan(v)) {
    return what + " raises " + Number(a(0)) + " to the power " + Number(node.exponent) + ": not a real number (NaN).";
  }
  if (node.kind == NodeKind::kPower && a(0) == 0.0 && node.exponent < 0.0) {
    return what + " raises 0 to the power " + Number(node.exponent) + ": a division by zero gives " + Number(v) + ".";
  }
  if (std::isinf(v)) {
    return what + " is " + Number(v) + OperandValues(graph, n) + ": too large for a double (about 1.8e308 at most).";
  }
  return what + " is NaN (not a number)" + OperandValues(graph, n) + ".";
}

}  // namespace

NonFinite FindNonFinite(const Graph& graph) {
  NonFinite found;
  // Leaves first (the parser only makes finite ones), then each computed node once its operands are.
  std::vector<int> order;
  for (int n = 0; n < static_cast<int>(graph.nodes.size()); ++n) {
    if (IsLeaf(graph.nodes[n].kind)) order.push_back(n);
  }
  order.insert(order.end(), graph.forward_order.begin(), graph.forward_order.end());
  for (int n : order) {
    if (std::isfinite(graph.nodes[n].value)) continue;
    found.node = n;
    found.sentence = ValueSentence(graph, n);
    return found;
  }
  found.gradient = true;
  // Backward's own order: every contribution a node passes down, the first that is not finite.
  for (int n : graph.backward_order) {
    const Node& node = graph.nodes[n];
    if (!std::isfinite(node.grad)) {
      found.node = n;
      found.sentence = GradName(node.label) + " is " + Number(node.grad) +
                       ": the gradients it collects add up to more than a double holds.";
      return found;
    }
    for (int slot = 0; slot < static_cast<int>(node.operands.size()); ++slot) {
      const double local = LocalGradient(graph, n, slot);
      const double share = node.grad * local;
      if (std::isfinite(share)) continue;
      found.node = node.operands[slot];
      found.sentence = GradName(graph.nodes[found.node].label) + " is " + Number(share) + ": " + Described(graph, n) +
                       " passes back " + GradName(node.label) + " · " + LocalName(graph, n, slot) + " = " +
                       Number(node.grad) + " · " + Number(local) + OperandValues(graph, n) + ".";
      return found;
    }
  }
  for (int n = 0; n < static_cast<int>(graph.nodes.size()); ++n) {
    if (std::isfinite(graph.nodes[n].grad)) continue;
    found.node = n;
    found.sentence = GradName(graph.nodes[n].label) + " is " + Number(graph.nodes[n].grad) + ".";
    return found;
  }
  return NonFinite{};
}

}  // namespace bp
