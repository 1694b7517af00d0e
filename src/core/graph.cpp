// The scalar computation graph: node builders, each kind's forward value next to its local
// gradients, the two passes, and BuildGraph, which lays out a small MLP the way the classic
// worked example draws it.
#include "core/graph.h"

#include <cassert>
#include <cmath>
#include <string>

namespace bp {
namespace {

int Append(Graph* graph, Node node) {
  for (int operand : node.operands) {
    assert(operand >= 0 && operand < static_cast<int>(graph->nodes.size()) && "operands must already exist");
    (void)operand;
  }
  graph->nodes.push_back(std::move(node));
  return static_cast<int>(graph->nodes.size()) - 1;
}

Node Leaf(NodeKind kind, double value, const std::string& label) {
  Node node;
  node.kind = kind;
  node.value = value;
  node.label = label;
  return node;
}

Node Computed(NodeKind kind, std::vector<int> operands, const std::string& label) {
  Node node;
  node.kind = kind;
  node.operands = std::move(operands);
  node.label = label;
  return node;
}

void Place(Graph* graph, int n, int layer, int row, int col = -1) {
  graph->nodes[n].layer = layer;
  graph->nodes[n].row = row;
  graph->nodes[n].col = col;
}

// Neuron names of the worked example: o1.. for the output layer, h1.. for a single hidden layer,
// h<layer>.<row> when there are several.
std::string NeuronName(const Mlp& mlp, int layer, int row) {
  const int last = static_cast<int>(mlp.layers.size()) - 1;
  if (layer == last) return "o" + std::to_string(row + 1);
  if (last == 1) return "h" + std::to_string(row + 1);
  return "h" + std::to_string(layer + 1) + "." + std::to_string(row + 1);
}

Status CheckMlpForGraph(const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t) {
  if (mlp.layers.empty()) return Status::Error("The network has no layers to draw.");
  if (x.size() != mlp.inputs()) {
    return Status::Error("The network takes " + std::to_string(mlp.inputs()) + " input(s) but the sample has " +
                         std::to_string(x.size()) + ".");
  }
  if (t.size() != mlp.outputs()) {
    return Status::Error("The network has " + std::to_string(mlp.outputs()) + " output(s) but the target has " +
                         std::to_string(t.size()) + ".");
  }
  if (!x.allFinite() || !t.allFinite()) return Status::Error("The sample and its target must be finite numbers.");
  if (!AllFinite(mlp)) return Status::Error("The network's weights are not finite.");
  int parameters = 0;
  for (int l = 0; l < static_cast<int>(mlp.layers.size()); ++l) {
    const Layer& layer = mlp.layers[l];
    parameters += static_cast<int>(layer.W.size() + layer.b.size());
    if (!IsElementwiseDifferentiable(layer.activation)) {
      return Status::Error(std::string("The computation graph draws elementwise activations with a gradient; layer ") +
                           std::to_string(l + 1) + " uses " + ActivationTitle(layer.activation) + ".");
    }
  }
  if (parameters > kMaxGraphParameters) {
    return Status::Error("The network has " + std::to_string(parameters) +
                         " weights and biases; the graph shows at most " + std::to_string(kMaxGraphParameters) + ".");
  }
  if (mlp.loss == Loss::kSoftmaxCrossEntropy) {
    return Status::Error("The computation graph does not support softmax cross-entropy yet.");
  }
  if (mlp.loss == Loss::kBinaryCrossEntropy && mlp.layers.back().activation != Activation::kSigmoid) {
    return Status::Error("Binary cross-entropy needs a sigmoid output layer.");
  }
  return Status::Ok();
}

}  // namespace

const char* NodeKindName(NodeKind kind) {
  switch (kind) {
    case NodeKind::kInput: return "input";
    case NodeKind::kWeight: return "weight";
    case NodeKind::kBias: return "bias";
    case NodeKind::kAdd: return "add";
    case NodeKind::kMultiply: return "multiply";
    case NodeKind::kActivation: return "activation";
    case NodeKind::kLoss: return "loss";
    case NodeKind::kSum: return "sum";
    case NodeKind::kConstant: return "constant";
    case NodeKind::kSubtract: return "subtract";
    case NodeKind::kDivide: return "divide";
    case NodeKind::kNegate: return "negate";
    case NodeKind::kPower: return "power";
    case NodeKind::kExp: return "exp";
    case NodeKind::kLog: return "log";
  }
  return "?";
}

bool IsLeaf(NodeKind kind) {
  return kind == NodeKind::kInput || kind == NodeKind::kWeight || kind == NodeKind::kBias ||
         kind == NodeKind::kConstant;
}

// --- Builders ----------------------------------------------------------------------------------
int AddInputNode(Graph* graph, double value, const std::string& label) {
  return Append(graph, Leaf(NodeKind::kInput, value, label));
}
int AddWeightNode(Graph* graph, double value, const std::string& label) {
  return Append(graph, Leaf(NodeKind::kWeight, value, label));
}
int AddBiasNode(Graph* graph, double value, const std::string& label) {
  return Append(graph, Leaf(NodeKind::kBias, value, label));
}
int AddAddNode(Graph* graph, int a, int b, const std::string& label) {
  return Append(graph, Computed(NodeKind::kAdd, {a, b}, label));
}
int AddMultiplyNode(Graph* graph, int a, int b, const std::string& label) {
  return Append(graph, Computed(NodeKind::kMultiply, {a, b}, label));
}
int AddSumNode(Graph* graph, const std::vector<int>& operands, const std::string& label) {
  assert(!operands.empty() && "a sum needs at least one operand");
  return Append(graph, Computed(NodeKind::kSum, operands, label));
}
int AddActivationNode(Graph* graph, int a, Activation activation, const ActivationParams& params,
                      const std::string& label) {
  assert(IsElementwiseDifferentiable(activation) && "graph activations are elementwise with a gradient");
  Node node = Computed(NodeKind::kActivation, {a}, label);
  node.activation = activation;
  node.params = params;
  return Append(graph, std::move(node));
}
int AddLossNode(Graph* graph, int a, Loss loss, double target, const std::string& label) {
  assert((loss == Loss::kHalfSquaredError || loss == Loss::kBinaryCrossEntropy) && "graph losses are per output");
  Node node = Computed(NodeKind::kLoss, {a}, label);
  node.loss = loss;
  node.target = target;
  return Append(graph, std::move(node));
}
int AddConstantNode(Graph* graph, double value, const std::string& label) {
  return Append(graph, Leaf(NodeKind::kConstant, value, label));
}
int AddSubtractNode(Graph* graph, int a, int b, const std::string& label) {
  return Append(graph, Computed(NodeKind::kSubtract, {a, b}, label));
}
int AddDivideNode(Graph* graph, int a, int b, const std::string& label) {
  return Append(graph, Computed(NodeKind::kDivide, {a, b}, label));
}
int AddNegateNode(Graph* graph, int a, const std::string& label) {
  return Append(graph, Computed(NodeKind::kNegate, {a}, label));
}
int AddPowerNode(Graph* graph, int a, double exponent, const std::string& label) {
  Node node = Computed(NodeKind::kPower, {a}, label);
  node.exponent = exponent;
  return Append(graph, std::move(node));
}
int AddExpNode(Graph* graph, int a, const std::string& label) {
  return Append(graph, Computed(NodeKind::kExp, {a}, label));
}
int AddLogNode(Graph* graph, int a, const std::string& label) {
  return Append(graph, Computed(NodeKind::kLog, {a}, label));
}

void ComputeOrder(Graph* graph) {
  // Builders only accept operands that already exist, so the arena's own order is topological.
  graph->forward_order.clear();
  for (int n = 0; n < static_cast<int>(graph->nodes.size()); ++n) {
    if (!IsLeaf(graph->nodes[n].kind)) graph->forward_order.push_back(n);
  }
  graph->backward_order.assign(graph->forward_order.rbegin(), graph->forward_order.rend());
}

// --- Each kind's value, and right below it, its local gradients -------------------------------
void ForwardNode(Graph* graph, int n) {
  Node& node = graph->nodes[n];
  auto operand = [&](int slot) { return graph->nodes[node.operands[slot]].value; };
  switch (node.kind) {
    case NodeKind::kInput:
    case NodeKind::kWeight:
    case NodeKind::kBias:
    case NodeKind::kConstant: return;  // leaves keep the value they were given
    case NodeKind::kAdd: node.value = operand(0) + operand(1); return;
    case NodeKind::kSubtract: node.value = operand(0) - operand(1); return;
    case NodeKind::kMultiply: node.value = operand(0) * operand(1); return;
    case NodeKind::kDivide: node.value = operand(0) / operand(1); return;
    case NodeKind::kNegate: node.value = -operand(0); return;
    // std::pow(a, 0) is 1 for every a, NaN included, as a^0 = 1 says.
    case NodeKind::kPower: node.value = std::pow(operand(0), node.exponent); return;
    case NodeKind::kExp: node.value = std::exp(operand(0)); return;
    case NodeKind::kLog: node.value = std::log(operand(0)); return;
    case NodeKind::kSum: {
      double sum = 0.0;
      for (int slot = 0; slot < static_cast<int>(node.operands.size()); ++slot) sum += operand(slot);
      node.value = sum;
      return;
    }
    case NodeKind::kActivation: node.value = Activate(node.activation, operand(0), node.params); return;
    case NodeKind::kLoss: {
      const double a = operand(0), t = node.target;
      if (node.loss == Loss::kHalfSquaredError) {
        node.value = 0.5 * (t - a) * (t - a);
        return;
      }
      const Node& out = graph->nodes[node.operands[0]];
      if (out.kind == NodeKind::kActivation && out.activation == Activation::kSigmoid) {
        // Same number as -[t ln a + (1 - t) ln(1 - a)], but finite even when a rounds to 0 or 1.
        node.value = BinaryCrossEntropyFromLogit(graph->nodes[out.operands[0]].value, t);
      } else {
        node.value = -(t * std::log(a) + (1.0 - t) * std::log(1.0 - a));
      }
      return;
    }
  }
}

double LocalGradient(const Graph& graph, int n, int slot) {
  const Node& node = graph.nodes[n];
  auto operand = [&](int s) { return graph.nodes[node.operands[s]].value; };
  switch (node.kind) {
    case NodeKind::kInput:
    case NodeKind::kWeight:
    case NodeKind::kBias:
    case NodeKind::kConstant: assert(false && "leaves have no operands"); return 0.0;
    case NodeKind::kAdd:
    case NodeKind::kSum: return 1.0;
    case NodeKind::kSubtract: return slot == 0 ? 1.0 : -1.0;
    case NodeKind::kMultiply: return operand(1 - slot);  // d(ab)/da = b, d(ab)/db = a
    case NodeKind::kDivide: {
      const double a = operand(0), b = operand(1);
      return slot == 0 ? 1.0 / b : -a / (b * b);  // d(a/b)/da = 1/b, d(a/b)/db = -a/b^2
    }
    case NodeKind::kNegate: return -1.0;
    case NodeKind::kPower: {
      // d(a^p)/da = p a^(p-1); a^0 = 1 is flat, also at a = 0 where 0 * 0^(-1) would be NaN.
      const double p = node.exponent;
      return p == 0.0 ? 0.0 : p * std::pow(operand(0), p - 1.0);
    }
    case NodeKind::kExp: return node.value;  // d(e^a)/da = e^a, the value already computed
    case NodeKind::kLog: return 1.0 / operand(0);
    case NodeKind::kActivation: return ActivationDerivative(node.activation, operand(0), node.value, node.params);
    case NodeKind::kLoss: {
      const double a = operand(0), t = node.target;
      if (node.loss == Loss::kHalfSquaredError) return a - t;
      return (a - t) / (a * (1.0 - a));
    }
  }
  return 0.0;
}

void BackwardNode(Graph* graph, int n) {
  const int count = static_cast<int>(graph->nodes[n].operands.size());
  for (int slot = 0; slot < count; ++slot) {
    double local = LocalGradient(*graph, n, slot);
    // Accumulate: a node used twice (a * a, or an output feeding two terms) sums both paths.
    graph->nodes[graph->nodes[n].operands[slot]].grad += graph->nodes[n].grad * local;
  }
}

void Forward(Graph* graph) {
  ComputeOrder(graph);
  for (int n : graph->forward_order) ForwardNode(graph, n);
}

void Backward(Graph* graph, int root) {
  assert(root >= 0 && root < static_cast<int>(graph->nodes.size()) && "Backward needs a root node");
  for (Node& node : graph->nodes) node.grad = 0.0;
  graph->nodes[root].grad = 1.0;
  for (int n : graph->backward_order) BackwardNode(graph, n);
}

void Backward(Graph* graph) { Backward(graph, graph->root); }

// --- The graph of an MLP ----------------------------------------------------------------------
Result<Graph> BuildGraph(const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t) {
  Status valid = CheckMlpForGraph(mlp, x, t);
  if (!valid) return Result<Graph>::Error(valid.error);
  Graph graph;
  // The current layer's inputs: node indices and their names for the product labels.
  std::vector<int> inputs;
  std::vector<std::string> input_names;
  for (int i = 0; i < x.size(); ++i) {
    input_names.push_back("i" + std::to_string(i + 1));
    inputs.push_back(AddInputNode(&graph, x(i), input_names.back()));
    Place(&graph, inputs.back(), -1, i);
  }
  int weight_number = 0;
  for (int l = 0; l < static_cast<int>(mlp.layers.size()); ++l) {
    const Layer& layer = mlp.layers[l];
    std::vector<int> outs;
    std::vector<std::string> out_names;
    for (int j = 0; j < layer.outputs(); ++j) {
      const std::string neuron = NeuronName(mlp, l, j);
      std::vector<int> terms;
      for (int i = 0; i < layer.inputs(); ++i) {
        const std::string w_name = "w" + std::to_string(++weight_number);
        int w = AddWeightNode(&graph, layer.W(j, i), w_name);
        Place(&graph, w, l, j, i);
        int product = AddMultiplyNode(&graph, w, inputs[i], w_name + "·" + input_names[i]);
        Place(&graph, product, l, j, i);
        terms.push_back(product);
      }
      int b = AddBiasNode(&graph, layer.b(j), "b_" + neuron);
      Place(&graph, b, l, j);
      terms.push_back(b);
      int net = AddSumNode(&graph, terms, "net_" + neuron);
      Place(&graph, net, l, j);
      int out = AddActivationNode(&graph, net, layer.activation, layer.params, "out_" + neuron);
      Place(&graph, out, l, j);
      outs.push_back(out);
      out_names.push_back("out_" + neuron);
    }
    inputs = outs;
    input_names = out_names;
  }
  graph.outputs = inputs;
  std::vector<int> terms;
  const int last = static_cast<int>(mlp.layers.size()) - 1;
  for (int k = 0; k < static_cast<int>(graph.outputs.size()); ++k) {
    int e = AddLossNode(&graph, graph.outputs[k], mlp.loss, t(k), "E_" + NeuronName(mlp, last, k));
    Place(&graph, e, last, k);
    terms.push_back(e);
  }
  graph.root = AddSumNode(&graph, terms, "E_total");
  ComputeOrder(&graph);
  return Result<Graph>::Ok(std::move(graph));
}

int FindWeightNode(const Graph& graph, int layer, int row, int col) {
  for (int n = 0; n < static_cast<int>(graph.nodes.size()); ++n) {
    const Node& node = graph.nodes[n];
    if (node.kind == NodeKind::kWeight && node.layer == layer && node.row == row && node.col == col) return n;
  }
  return -1;
}

int FindBiasNode(const Graph& graph, int layer, int row) {
  for (int n = 0; n < static_cast<int>(graph.nodes.size()); ++n) {
    const Node& node = graph.nodes[n];
    if (node.kind == NodeKind::kBias && node.layer == layer && node.row == row) return n;
  }
  return -1;
}

}  // namespace bp
