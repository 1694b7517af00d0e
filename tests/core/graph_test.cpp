// Tests for the scalar computation graph (graph.h): micrograd's hand example, finite differences
// through every node kind, Mazur's worked example, and agreement with the MLP's Backward.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/graph.h"
#include "core/mlp.h"
#include "core/rng.h"
#include "core/test_support.h"

namespace {

// M. Mazur, "A Step by Step Backpropagation Example": 2-2-2, sigmoid everywhere, half squared error.
bp::Mlp MazurNetwork() {
  bp::MlpSpec spec;
  spec.sizes = {2, 2, 2};
  spec.activations = {bp::Activation::kSigmoid, bp::Activation::kSigmoid};
  spec.loss = bp::Loss::kHalfSquaredError;
  bp::Result<bp::Mlp> mlp = bp::MakeMlp(spec, 1);
  REQUIRE_MESSAGE(mlp.ok(), mlp.error());
  Eigen::MatrixXd W1(2, 2), W2(2, 2);
  W1 << 0.15, 0.20, 0.25, 0.30;
  W2 << 0.40, 0.45, 0.50, 0.55;
  REQUIRE(bp::SetLayerWeights(&mlp.value(), 0, W1, Eigen::Vector2d(0.35, 0.35)).ok());
  REQUIRE(bp::SetLayerWeights(&mlp.value(), 1, W2, Eigen::Vector2d(0.60, 0.60)).ok());
  return mlp.value();
}

bp::Graph MazurGraph() {
  // x = (0.05, 0.10), t = (0.01, 0.99), as in the article.
  bp::Result<bp::Graph> built =
      bp::BuildGraph(MazurNetwork(), Eigen::Vector2d(0.05, 0.10), Eigen::Vector2d(0.01, 0.99));
  REQUIRE_MESSAGE(built.ok(), built.error());
  return built.value();
}

// The error sentence BuildGraph gives for this network and sample (empty when it succeeds).
std::string BuildError(const bp::Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t) {
  bp::Result<bp::Graph> built = bp::BuildGraph(mlp, x, t);
  return built.ok() ? std::string() : built.error();
}

int FindLabel(const bp::Graph& graph, const std::string& label) {
  for (int n = 0; n < static_cast<int>(graph.nodes.size()); ++n) {
    if (graph.nodes[n].label == label) return n;
  }
  return -1;
}

}  // namespace

TEST_CASE("micrograd's example by hand: L = (a b + c) f") {
  // a = 2, b = -3, c = 10, f = -2: e = a b = -6, d = e + c = 4, L = d f = -8.
  // dL/dd = f = -2, dL/df = d = 4, dL/dc = dL/de = -2, dL/da = -2 b = 6, dL/db = -2 a = -4.
  bp::Graph g;
  int a = bp::AddInputNode(&g, 2.0, "a");
  int b = bp::AddInputNode(&g, -3.0, "b");
  int c = bp::AddInputNode(&g, 10.0, "c");
  int f = bp::AddInputNode(&g, -2.0, "f");
  int e = bp::AddMultiplyNode(&g, a, b, "e");
  int d = bp::AddAddNode(&g, e, c, "d");
  int L = bp::AddMultiplyNode(&g, d, f, "L");
  bp::Forward(&g);
  bp::Backward(&g, L);
  CHECK(g.nodes[e].value == -6.0);
  CHECK(g.nodes[d].value == 4.0);
  CHECK(g.nodes[L].value == -8.0);
  CHECK(g.nodes[L].grad == 1.0);
  CHECK(g.nodes[d].grad == -2.0);
  CHECK(g.nodes[f].grad == 4.0);
  CHECK(g.nodes[c].grad == -2.0);
  CHECK(g.nodes[e].grad == -2.0);
  CHECK(g.nodes[a].grad == 6.0);
  CHECK(g.nodes[b].grad == -4.0);
  CHECK(g.forward_order == std::vector<int>{e, d, L});
  CHECK(g.backward_order == std::vector<int>{L, d, e});
}

TEST_CASE("Every node kind's gradient matches central finite differences") {
  // One graph using add, multiply (also a * a), sum, tanh, sigmoid, ELU and both loss terms.
  bp::Graph g;
  int x = bp::AddInputNode(&g, 0.7, "x");
  int w = bp::AddWeightNode(&g, -1.3, "w");
  int b = bp::AddBiasNode(&g, 0.4, "b");
  int p = bp::AddMultiplyNode(&g, w, x, "w·x");
  int s = bp::AddAddNode(&g, p, b, "s");
  int sq = bp::AddMultiplyNode(&g, s, s, "s²");
  int u = bp::AddSumNode(&g, {sq, p, b}, "u");
  int h = bp::AddActivationNode(&g, u, bp::Activation::kTanh, {}, "tanh u");
  int sig = bp::AddActivationNode(&g, s, bp::Activation::kSigmoid, {}, "σ(s)");
  int elu = bp::AddActivationNode(&g, p, bp::Activation::kElu, {}, "elu(w·x)");
  int e1 = bp::AddLossNode(&g, h, bp::Loss::kHalfSquaredError, 0.2, "E1");
  int e2 = bp::AddLossNode(&g, sig, bp::Loss::kBinaryCrossEntropy, 1.0, "E2");
  int e3 = bp::AddLossNode(&g, elu, bp::Loss::kHalfSquaredError, 0.5, "E3");
  int root = bp::AddSumNode(&g, {e1, e2, e3}, "E");
  bp::Forward(&g);
  bp::Backward(&g, root);
  // Hand check of the forward values: w x = -0.91, s = -0.51, u = 0.2601 - 0.91 + 0.4 = -0.2499.
  CHECK(g.nodes[p].value == doctest::Approx(-0.91).epsilon(1e-14));
  CHECK(g.nodes[s].value == doctest::Approx(-0.51).epsilon(1e-14));
  CHECK(g.nodes[u].value == doctest::Approx(-0.2499).epsilon(1e-14));

  for (int leaf : {x, w, b}) {
    CAPTURE(g.nodes[leaf].label);
    auto root_at = [&](double v) {
      bp::Graph copy = g;
      copy.nodes[leaf].value = v;
      bp::Forward(&copy);
      return copy.nodes[root].value;
    };
    double numeric = bp::test::CentralDifference(root_at, g.nodes[leaf].value);
    CHECK(bp::test::RelativeError(g.nodes[leaf].grad, numeric) < 1e-7);
  }
}

TEST_CASE("Mazur's worked example: loss 0.298371109, dE/dw5 = 0.082167041, dE/dw1 = 0.000438568") {
  bp::Graph g = MazurGraph();
  bp::Forward(&g);
  bp::Backward(&g);

  // The article's intermediate values: net_h1 = 0.15*0.05 + 0.20*0.10 + 0.35 = 0.3775,
  // out_h1 = sigma(0.3775) = 0.593269992, out_o1 = 0.75136507, E_o1 = 0.274811083, E_o2 = 0.023560026.
  CHECK(g.nodes[FindLabel(g, "net_h1")].value == doctest::Approx(0.3775).epsilon(1e-12));
  CHECK(g.nodes[FindLabel(g, "out_h1")].value == doctest::Approx(0.593269992).epsilon(1e-8));
  CHECK(g.nodes[FindLabel(g, "out_o1")].value == doctest::Approx(0.75136507).epsilon(1e-8));
  CHECK(g.nodes[FindLabel(g, "E_o1")].value == doctest::Approx(0.274811083).epsilon(1e-8));
  CHECK(g.nodes[FindLabel(g, "E_o2")].value == doctest::Approx(0.023560026).epsilon(1e-7));
  CHECK(std::fabs(g.nodes[g.root].value - 0.298371109) < 1e-8);
  CHECK(g.nodes[g.root].label == "E_total");

  // w5 = W2(0,0) (out_h1 -> o1), w1 = W1(0,0) (i1 -> h1), numbered as in the article.
  int w5 = bp::FindWeightNode(g, 1, 0, 0);
  int w1 = bp::FindWeightNode(g, 0, 0, 0);
  REQUIRE(w5 >= 0);
  REQUIRE(w1 >= 0);
  CHECK(g.nodes[w5].label == "w5");
  CHECK(g.nodes[w1].label == "w1");
  CHECK(g.nodes[bp::FindWeightNode(g, 0, 1, 0)].label == "w3");
  CHECK(g.nodes[w5].value == 0.40);
  // dE/dw5 = (out_o1 - t_o1) out_o1 (1 - out_o1) out_h1 = 0.74136507 * 0.186815602 * 0.593269992.
  CHECK(std::fabs(g.nodes[w5].grad - 0.082167041) < 1e-8);
  CHECK(std::fabs(g.nodes[w1].grad - 0.000438568) < 1e-8);
  CHECK(g.nodes[FindLabel(g, "out_o1")].grad == doctest::Approx(0.74136507).epsilon(1e-8));
  CHECK(bp::FindWeightNode(g, 2, 0, 0) == -1);
  CHECK(g.nodes[bp::FindBiasNode(g, 0, 1)].label == "b_h2");
}

TEST_CASE("The orders: operands first going forward, the reverse going backward, one step at a time") {
  bp::Graph g = MazurGraph();
  // 2 inputs, 8 weights, 4 biases are leaves; 8 products, 4 nets, 4 outs, 2 loss terms and E_total are computed.
  CHECK(g.nodes.size() == 33);
  REQUIRE(g.forward_order.size() == 19);
  std::vector<int> position(g.nodes.size(), -1);
  for (int k = 0; k < static_cast<int>(g.forward_order.size()); ++k) position[g.forward_order[k]] = k;
  for (int n : g.forward_order) {
    for (int operand : g.nodes[n].operands) {
      CHECK((bp::IsLeaf(g.nodes[operand].kind) || position[operand] < position[n]));
    }
  }
  CHECK(g.forward_order.back() == g.root);
  CHECK(g.backward_order.front() == g.root);
  CHECK(std::vector<int>(g.backward_order.rbegin(), g.backward_order.rend()) == g.forward_order);

  // Before Forward the computed values are 0; stepping the first backward node (E_total = E_o1 + E_o2)
  // hands grad 1 to both loss terms and nothing further down yet.
  CHECK(g.nodes[g.root].value == 0.0);
  bp::Forward(&g);
  for (bp::Node& node : g.nodes) node.grad = 0.0;
  g.nodes[g.root].grad = 1.0;
  bp::BackwardNode(&g, g.backward_order[0]);
  CHECK(g.nodes[FindLabel(g, "E_o1")].grad == 1.0);
  CHECK(g.nodes[FindLabel(g, "E_o2")].grad == 1.0);
  CHECK(g.nodes[FindLabel(g, "out_o1")].grad == 0.0);
  // The loss term's local gradient is out_o1 - t_o1 = 0.75136507 - 0.01.
  CHECK(bp::LocalGradient(g, FindLabel(g, "E_o1"), 0) == doctest::Approx(0.74136507).epsilon(1e-8));
}

TEST_CASE("On random networks every weight and bias gradient equals the MLP's Backward") {
  using A = bp::Activation;
  struct Config {
    A hidden;
    A output;
    bp::Loss loss;
  };
  const Config configs[] = {
      {A::kSigmoid, A::kSigmoid, bp::Loss::kHalfSquaredError},
      {A::kTanh, A::kIdentity, bp::Loss::kHalfSquaredError},
      {A::kRelu, A::kTanh, bp::Loss::kHalfSquaredError},
      {A::kLeakyRelu, A::kSigmoid, bp::Loss::kBinaryCrossEntropy},
      {A::kElu, A::kIdentity, bp::Loss::kHalfSquaredError},
      {A::kGelu, A::kSigmoid, bp::Loss::kBinaryCrossEntropy},
      {A::kPrelu, A::kTanh, bp::Loss::kHalfSquaredError},
      {A::kIdentity, A::kSigmoid, bp::Loss::kBinaryCrossEntropy},
  };
  uint64_t seed = 100;
  for (const Config& config : configs) {
    CAPTURE(bp::ActivationName(config.hidden));
    CAPTURE(bp::ActivationName(config.output));
    CAPTURE(bp::LossName(config.loss));
    bp::MlpSpec spec;
    spec.sizes = {3, 4, 3, 2};
    spec.activations = {config.hidden, config.hidden, config.output};
    spec.loss = config.loss;
    spec.params.slope = 0.2;
    spec.initial_bias = 0.1;
    bp::Result<bp::Mlp> mlp = bp::MakeMlp(spec, ++seed);
    REQUIRE_MESSAGE(mlp.ok(), mlp.error());
    bp::Rng rng(seed);
    Eigen::VectorXd x(3), t(2);
    for (int i = 0; i < 3; ++i) x(i) = rng.Normal();
    for (int k = 0; k < 2; ++k) t(k) = config.loss == bp::Loss::kBinaryCrossEntropy ? rng.Uniform() : rng.Normal();

    bp::Result<bp::Graph> built = bp::BuildGraph(mlp.value(), x, t);
    REQUIRE_MESSAGE(built.ok(), built.error());
    bp::Graph& g = built.value();
    bp::Forward(&g);
    bp::Backward(&g);

    Eigen::MatrixXd X = x;
    Eigen::MatrixXd T = t;
    bp::ForwardPass pass = bp::Forward(mlp.value(), X);
    bp::Gradients grads = bp::Backward(mlp.value(), pass, T);
    CHECK(std::fabs(g.nodes[g.root].value - grads.loss) < 1e-12);
    for (int k = 0; k < 2; ++k) CHECK(std::fabs(g.nodes[g.outputs[k]].value - pass.output()(k, 0)) < 1e-14);
    double worst = 0.0;
    for (int l = 0; l < static_cast<int>(mlp->layers.size()); ++l) {
      const bp::LayerGradients& lg = grads.layers[l];
      for (int j = 0; j < lg.dW.rows(); ++j) {
        for (int i = 0; i < lg.dW.cols(); ++i) {
          int node = bp::FindWeightNode(g, l, j, i);
          REQUIRE(node >= 0);
          worst = std::fmax(worst, std::fabs(g.nodes[node].grad - lg.dW(j, i)));
        }
        worst = std::fmax(worst, std::fabs(g.nodes[bp::FindBiasNode(g, l, j)].grad - lg.db(j)));
      }
    }
    CHECK(worst < 1e-10);
  }
}

TEST_CASE("BuildGraph rejects what it cannot draw, with a sentence") {
  bp::Mlp mlp = MazurNetwork();
  CHECK(BuildError(mlp, Eigen::Vector3d(1, 2, 3), Eigen::Vector2d(0, 1)).find("input") != std::string::npos);
  CHECK(BuildError(mlp, Eigen::Vector2d(1, 2), Eigen::Vector3d(0, 1, 0)).find("output") != std::string::npos);
  CHECK(BuildError(mlp, Eigen::Vector2d(NAN, 2), Eigen::Vector2d(0, 1)).find("finite") != std::string::npos);
  CHECK(BuildError(mlp, Eigen::Vector2d(1, 2), Eigen::Vector2d(0, 1)).empty());

  bp::Mlp with_step = mlp;
  with_step.layers[0].activation = bp::Activation::kStep;
  CHECK(BuildError(with_step, Eigen::Vector2d(1, 2), Eigen::Vector2d(0, 1)).find("layer 1") != std::string::npos);

  bp::MlpSpec spec;
  spec.sizes = {2, 3, 3};
  spec.activations = {bp::Activation::kTanh, bp::Activation::kSoftmax};
  spec.loss = bp::Loss::kSoftmaxCrossEntropy;
  bp::Result<bp::Mlp> softmax = bp::MakeMlp(spec, 3);
  REQUIRE_MESSAGE(softmax.ok(), softmax.error());
  bp::Result<bp::Graph> rejected = bp::BuildGraph(softmax.value(), Eigen::Vector2d(1, 2), Eigen::Vector3d(0, 1, 0));
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().find("oftmax") != std::string::npos);

  bp::Mlp bce_on_tanh = mlp;
  bce_on_tanh.layers[1].activation = bp::Activation::kTanh;
  bce_on_tanh.loss = bp::Loss::kBinaryCrossEntropy;
  CHECK(BuildError(bce_on_tanh, Eigen::Vector2d(1, 2), Eigen::Vector2d(0, 1)).find("sigmoid") != std::string::npos);
}
