// A scalar computation graph with reverse-mode autodiff (micrograd's idea), kept in an arena:
// nodes live in one std::vector and refer to their operands by index, so the graph is a plain
// value that can be copied, drawn and stepped through.
// Notation: every node n holds a value v_n and, after Backward, grad_n = dE/dv_n, the derivative
// of the root E (the loss) with respect to that node. Backward applies the chain rule node by node:
//   grad_operand += grad_n * local_gradient(n, operand),  local_gradient = dv_n / dv_operand.
// Node kinds and their local gradients:
//   input, weight, bias, constant   leaves: a value set when the graph is built (a constant is a
//             number written in an expression, see expression.h)
//   add       v = a + b               d/da = 1,     d/db = 1
//   subtract  v = a - b               d/da = 1,     d/db = -1
//   multiply  v = a b                 d/da = b,     d/db = a
//   divide    v = a / b               d/da = 1/b,   d/db = -a/b^2
//   negate    v = -a                  d/da = -1
//   power     v = a^p                 d/da = p a^(p-1)   (p is the node's exponent, a constant, as in
//             micrograd's __pow__; for p = 0, v = 1 and d/da = 0 even at a = 0)
//   exp       v = e^a                 d/da = e^a = v
//   log       v = ln a                d/da = 1/a
//   sum       v = sum_i a_i           d/da_i = 1
//   activation v = h(a)               d/da = h'(a)  (elementwise activations of activation.h)
//   loss      half squared error term E = 1/2 (t - a)^2                 dE/da = a - t
//             binary cross-entropy   E = -[t ln a + (1 - t) ln(1 - a)]  dE/da = (a - t) / (a (1 - a))
//             (t is the node's target, a constant. The BCE value is computed from the logit when
//             a is a sigmoid node, so it stays finite; dE/da grows without bound as a saturates,
//             as the textbook formula does: the lesson can show why libraries fuse sigmoid + BCE.)
// Values need not stay finite: ln of a negative number is NaN, 1/0 is inf. Nothing here asserts on
// them; they flow on as IEEE arithmetic says, and a lesson reports them in words (FindNonFinite in
// expression.h).
// BuildGraph turns an Mlp and one sample into this graph, with the labels of M. Mazur's worked
// example: inputs i1, i2; weights w1, w2, ... numbered layer by layer, row by row (w1 = i1 -> h1,
// w2 = i2 -> h1, w3 = i1 -> h2, ...); biases b_h1, b_o1; products "w1·i1"; net_h1 = sum of its
// products and its bias; out_h1 = h(net_h1); loss terms E_o1; the root E_total = sum of the E_ok.
// With several hidden layers the hidden neurons are named h<layer>.<row>, e.g. h2.1.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/activation.h"
#include "core/loss.h"
#include "core/mlp.h"
#include "core/result.h"

namespace bp {

enum class NodeKind {
  // The kinds of BuildGraph's MLP graphs.
  kInput,
  kWeight,
  kBias,
  kAdd,
  kMultiply,
  kActivation,
  kLoss,
  kSum,
  // The kinds an expression adds (expression.h); it also uses add, multiply and activation.
  kConstant,
  kSubtract,
  kDivide,
  kNegate,
  kPower,
  kExp,
  kLog
};
// "input", "weight", "bias", "add", "multiply", "activation", "loss", "sum",
// "constant", "subtract", "divide", "negate", "power", "exp", "log"
const char* NodeKindName(NodeKind kind);
bool IsLeaf(NodeKind kind);  // input, weight, bias, constant

struct Node {
  NodeKind kind = NodeKind::kInput;
  std::string label;  // for display: "w5", "net_o1", "out_o1", "E_o1"
  double value = 0.0;
  double grad = 0.0;                              // dE/d(value), filled by Backward
  std::vector<int> operands;                      // indices of earlier nodes
  Activation activation = Activation::kIdentity;  // kActivation only
  ActivationParams params;                        // kActivation only (PReLU's slope is a constant here)
  Loss loss = Loss::kHalfSquaredError;            // kLoss only: kHalfSquaredError or kBinaryCrossEntropy
  double target = 0.0;                            // kLoss only
  double exponent = 1.0;                          // kPower only: p in a^p
  // Place in the network, for nodes BuildGraph made (-1 where it does not apply):
  //   weight (l, j, i) = W_l(j, i); bias (l, j, -1) = b_l(j); product (l, j, i);
  //   net, out (l, j, -1); loss term (last layer, k, -1); input (-1, i, -1).
  int layer = -1, row = -1, col = -1;
};

struct Graph {
  std::vector<Node> nodes;
  // The computed (non-leaf) nodes, every node after its operands: the order Forward evaluates.
  std::vector<int> forward_order;
  // The same nodes in reverse: the order Backward passes gradients down to the operands.
  std::vector<int> backward_order;
  int root = -1;             // the node whose gradient Backward computes (BuildGraph: E_total)
  std::vector<int> outputs;  // BuildGraph: the network's out nodes, one per output
};

// --- Building by hand (a lesson's small expression graphs; operands must already exist) ---------
int AddInputNode(Graph* graph, double value, const std::string& label);
int AddWeightNode(Graph* graph, double value, const std::string& label);
int AddBiasNode(Graph* graph, double value, const std::string& label);
int AddAddNode(Graph* graph, int a, int b, const std::string& label);
int AddMultiplyNode(Graph* graph, int a, int b, const std::string& label);
int AddSumNode(Graph* graph, const std::vector<int>& operands, const std::string& label);
// Elementwise activations only: not step (no gradient) nor softmax (assert).
int AddActivationNode(Graph* graph, int a, Activation activation, const ActivationParams& params,
                      const std::string& label);
// Half squared error or binary cross-entropy of operand a against target t (assert on other losses).
int AddLossNode(Graph* graph, int a, Loss loss, double target, const std::string& label);
// The kinds an expression needs (expression.h). A constant is a leaf like an input; the lessons
// treat it as a fixed number rather than something to learn.
int AddConstantNode(Graph* graph, double value, const std::string& label);
int AddSubtractNode(Graph* graph, int a, int b, const std::string& label);
int AddDivideNode(Graph* graph, int a, int b, const std::string& label);
int AddNegateNode(Graph* graph, int a, const std::string& label);
int AddPowerNode(Graph* graph, int a, double exponent, const std::string& label);
int AddExpNode(Graph* graph, int a, const std::string& label);
int AddLogNode(Graph* graph, int a, const std::string& label);

// Fills forward_order and backward_order. Builders only accept operands that already exist, so the
// arena's order is topological: for BuildGraph's graphs that is layer by layer, neuron by neuron.
// Forward calls it; call it yourself after adding nodes by hand if you step through the orders.
void ComputeOrder(Graph* graph);

// --- Evaluation: one node at a time (for a lesson's stepper) and whole passes ----------------------
// value of node n from its operands' values.
void ForwardNode(Graph* graph, int n);
// dv_n / dv_operand for the operand in position `slot` of node n (uses the current values).
double LocalGradient(const Graph& graph, int n, int slot);
// grad_operand += grad_n * LocalGradient(n, slot) for every operand of node n.
void BackwardNode(Graph* graph, int n);

// Recomputes the order, then every computed node's value in forward_order.
void Forward(Graph* graph);
// Zeroes every grad, sets grad_root = 1, then BackwardNode in backward_order. Needs Forward first.
void Backward(Graph* graph, int root);
void Backward(Graph* graph);  // from graph->root

// --- The graph of a small MLP for one sample -------------------------------------------------------
// x: (n_inputs), t: (n_outputs). Builds the nodes (leaf values set, computed values 0: call Forward,
// then Backward). Rejects, with a sentence: wrong sizes, non-finite x or t, step or softmax layers
// (softmax couples its outputs and is not drawn as scalar nodes yet), softmax cross-entropy, BCE
// without a sigmoid output, and networks of more than kMaxGraphParameters weights and biases.
constexpr int kMaxGraphParameters = 5000;
Result<Graph> BuildGraph(const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t);

// The node of W_layer(row, col) or b_layer(row) in a BuildGraph graph; -1 when there is none.
int FindWeightNode(const Graph& graph, int layer, int row, int col);
int FindBiasNode(const Graph& graph, int layer, int row);

}  // namespace bp
