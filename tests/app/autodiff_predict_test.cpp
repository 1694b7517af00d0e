// Predict mode in the autodiff graph (#16, part 2) on the published worked example's graph: which
// numbers each step asks for, and the two typical mistakes of a backward pass by hand, with Mazur's
// numbers worked in the comments.
#include <doctest/doctest.h>

#include <cmath>
#include <string>

#include "app_test_support.h"

#include "app/lessons/autodiff_predict.h"
#include "app/session/worked_example_network.h"
#include "core/expression.h"
#include "core/graph.h"

namespace bp {
namespace {

Graph CompleteMazurGraph() {
  WorkedExampleData example = WorkedExample();
  Result<Graph> built = BuildGraph(example.mlp, example.x, example.t);
  REQUIRE(built.ok());
  Graph graph = built.value();
  Forward(&graph);
  Backward(&graph);
  return graph;
}

// The step (position) whose questions include node `label`'s gradient (or value), or -1.
int PositionAsking(const Graph& graph, const std::string& label, bool gradient) {
  for (int position = 1; position <= 2 * static_cast<int>(graph.forward_order.size()) + 1; ++position) {
    for (const GraphQuestion& q : GraphQuestionsAt(graph, position)) {
      if (graph.nodes[q.node].label == label && q.gradient == gradient) return position;
    }
  }
  return -1;
}

TEST_CASE("the graph asks each computed node's value once, and every other node's gradient once") {
  const Graph graph = CompleteMazurGraph();
  const int computed = static_cast<int>(graph.forward_order.size());
  int values = 0, gradients = 0;
  for (int position = 1; position <= 2 * computed + 1; ++position) {
    for (const GraphQuestion& q : GraphQuestionsAt(graph, position)) (q.gradient ? gradients : values) += 1;
  }
  CHECK(values == computed);
  CHECK(gradients == static_cast<int>(graph.nodes.size()) - 1);  // all but E_total, whose gradient is the seed 1
  CHECK(GraphQuestionsAt(graph, computed + 1).empty());          // the seed asks nothing
}

TEST_CASE("a value used twice: one path only is named; a product's derivative from the wrong factor is named") {
  const Graph graph = CompleteMazurGraph();
  // ∂E/∂out_h1 = δ_o1·w5 + δ_o2·w7 = 0.138498562·0.40 + (−0.038098236)·0.50 = 0.036350306.
  const int at = PositionAsking(graph, "out_h1", true);
  REQUIRE(at > 0);
  int node = -1;
  for (const GraphQuestion& q : GraphQuestionsAt(graph, at)) {
    if (graph.nodes[q.node].label == "out_h1") node = q.node;
  }
  PredictionQuestion q = AskGraphQuestion(graph, GraphQuestion{node, true}, at);
  CHECK(q.expected == doctest::Approx(0.036350306).epsilon(1e-8));
  // The path of the product that passes last: either 0.055399425 or −0.019049118.
  const bool first_path = CheckPrediction(0.055399425, q, 6).mistake == "predict#one-path";
  const bool second_path = CheckPrediction(-0.019049118, q, 6).mistake == "predict#one-path";
  CHECK(first_path != second_path);
  CHECK(CheckPrediction(0.036350306, q, 6).right);
  // ∂E/∂w5 = ∂E/∂(w5·out_h1) · out_h1 = 0.138498562 · 0.593269992 = 0.082167041; with w5 instead
  // of out_h1: 0.138498562 · 0.40 = 0.055399425.
  const int w5_at = PositionAsking(graph, "w5", true);
  REQUIRE(w5_at > 0);
  const int w5 = FindWeightNode(graph, 1, 0, 0);
  q = AskGraphQuestion(graph, GraphQuestion{w5, true}, w5_at);
  CHECK(q.expected == doctest::Approx(0.082167041).epsilon(1e-8));
  CHECK(CheckPrediction(0.055399425, q, 6).mistake == "predict#wrong-operand");
  CHECK(CheckPrediction(0.05, q, 6).mistake.empty());
}

// An expression graph (core/expression.h), evaluated forward and backward.
Graph CompleteExpression(const std::string& text) {
  Result<ExpressionGraph> parsed = ParseExpression(text);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error());
  Graph graph = parsed.value().graph;
  Forward(&graph);
  Backward(&graph);
  return graph;
}

// The typical mistake `key` offered for the gradient of `label`, or NaN when there is none.
double MistakeFor(const Graph& graph, const std::string& label, const std::string& key) {
  const int position = PositionAsking(graph, label, true);
  REQUIRE(position > 0);
  for (const GraphQuestion& q : GraphQuestionsAt(graph, position)) {
    if (graph.nodes[q.node].label != label || !q.gradient) continue;
    for (const TypicalMistake& m : AskGraphQuestion(graph, q, position).mistakes) {
      if (m.key == key) return m.value;
    }
  }
  return std::nan("");
}

TEST_CASE("the expression graph's typical mistakes: a lost minus sign, the power rule's lost factor") {
  // L = c·c with c = a − b, a = 3, b = 2: ∂L/∂c = 2c = 2, so ∂L/∂b = 2 · (−1) = −2; +2 forgets the −1.
  const Graph minus = CompleteExpression("a = 3; b = 2\nc = a - b\nL = c*c");
  CHECK(MistakeFor(minus, "b", "predict#minus-sign") == 2.0);
  // L = a / b: ∂L/∂b = −a/b² = −3/4; +0.75 forgets the sign.
  const Graph quotient = CompleteExpression("a = 3; b = 2\nL = a / b");
  CHECK(MistakeFor(quotient, "b", "predict#quotient-sign") == 0.75);
  // L = a³ at a = 3: ∂L/∂a = 3 · 3² = 27; 3² = 9 forgets the factor p = 3.
  const Graph power = CompleteExpression("a = 3\nL = a**3");
  CHECK(MistakeFor(power, "a", "predict#power-factor") == 9.0);
  // L = −a: ∂L/∂a = −1; +1 forgets the sign.
  const Graph negate = CompleteExpression("a = 3\nL = -a");
  CHECK(MistakeFor(negate, "a", "predict#minus-sign") == 1.0);
  // A number written in the text is not asked about: L = 3·a asks ∂L/∂a only.
  const Graph constant = CompleteExpression("a = 2\nL = 3*a");
  int asked = 0;
  for (int position = 1; position <= 2 * static_cast<int>(constant.forward_order.size()) + 1; ++position) {
    for (const GraphQuestion& q : GraphQuestionsAt(constant, position)) {
      if (q.gradient) {
        CHECK(constant.nodes[q.node].kind != NodeKind::kConstant);
        ++asked;
      }
    }
  }
  CHECK(asked == 1);
}

TEST_CASE("graph predict mode holds the stepper, checks and moves on") {
  const Graph graph = CompleteMazurGraph();
  GraphPredictState p;
  SetGraphPredictMode(&p, true, 0);
  int position = GraphPredictStop(&p, graph, 1);
  CHECK(position == 0);
  REQUIRE(CurrentGraphQuestion(p, graph, position));
  const GraphQuestion first = *CurrentGraphQuestion(p, graph, position);
  CHECK_FALSE(first.gradient);
  CHECK_FALSE(SubmitGraphPrediction(&p, graph, &position, "not a number", 6).ok());
  CHECK(p.score.asked == 0);
  REQUIRE(SubmitGraphPrediction(&p, graph, &position, std::to_string(graph.nodes[first.node].value), 6).ok());
  CHECK(p.last.right);
  CHECK(position == 1);
  CHECK(p.score.right == 1);
  REQUIRE(RevealGraphPrediction(&p, graph, &position).ok() == false);  // nothing asked at a standstill
}

}  // namespace
}  // namespace bp
