// Tests for the expression lesson's parser (expression.h): hand-worked values and gradients, finite
// differences through every operation, the labels, the refusals with their character positions, the
// limits, and the sentences for values that are not finite.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/expression.h"
#include "core/test_support.h"

namespace {

bp::ExpressionGraph Parse(const std::string& text) {
  bp::Result<bp::ExpressionGraph> parsed = bp::ParseExpression(text);
  REQUIRE_MESSAGE(parsed.ok(), parsed.error());
  return parsed.value();
}

// Parses, then Forward and Backward.
bp::ExpressionGraph Evaluated(const std::string& text) {
  bp::ExpressionGraph e = Parse(text);
  bp::Forward(&e.graph);
  bp::Backward(&e.graph);
  return e;
}

int FindLabel(const bp::Graph& graph, const std::string& label) {
  for (int n = 0; n < static_cast<int>(graph.nodes.size()); ++n) {
    if (graph.nodes[n].label == label) return n;
  }
  return -1;
}

double Value(const bp::ExpressionGraph& e, const std::string& label) {
  const int n = FindLabel(e.graph, label);
  REQUIRE_MESSAGE(n >= 0, label);
  return e.graph.nodes[n].value;
}

double Grad(const bp::ExpressionGraph& e, const std::string& label) {
  const int n = FindLabel(e.graph, label);
  REQUIRE_MESSAGE(n >= 0, label);
  return e.graph.nodes[n].grad;
}

struct Refusal {
  int position = -1;
  std::string message;
};

Refusal Refuse(const std::string& text) {
  Refusal refusal;
  bp::Result<bp::ExpressionGraph> parsed = bp::ParseExpression(text, &refusal.position);
  REQUIRE_FALSE(parsed.ok());
  refusal.message = parsed.error();
  return refusal;
}

bool Says(const std::string& message, const std::string& words) { return message.find(words) != std::string::npos; }

}  // namespace

TEST_CASE("By hand: micrograd's style of example, L = ((a + b) - (a b + b^3))^2 / 2") {
  // a = -4, b = 2: c = a + b = -2; a·b = -8, b³ = 8, d = -8 + 8 = 0; e = c - d = -2; f = e² = 4;
  // L = f / 2 = 2.
  // Backward: dL/df = 1/2; dL/de = 2e · 1/2 = e = -2; dL/dc = dL/de = -2; dL/dd = -dL/de = 2;
  // dL/da = dL/dc · 1 + dL/dd · b = -2 + 2·2 = 2;
  // dL/db = dL/dc · 1 + dL/dd · (a + 3b²) = -2 + 2·(-4 + 12) = 14.
  bp::ExpressionGraph e = Evaluated("a = -4; b = 2; c = a + b; d = a*b + b**3; e = c - d; f = e**2; L = f / 2.0");
  CHECK(Value(e, "c") == -2.0);
  CHECK(Value(e, "a·b") == -8.0);
  CHECK(Value(e, "b³") == 8.0);
  CHECK(Value(e, "d") == 0.0);
  CHECK(Value(e, "e") == -2.0);
  CHECK(Value(e, "f") == 4.0);
  CHECK(e.graph.nodes[e.graph.root].value == 2.0);
  CHECK(e.graph.nodes[e.graph.root].label == "L");
  CHECK(Grad(e, "f") == 0.5);
  CHECK(Grad(e, "e") == -2.0);
  CHECK(Grad(e, "c") == -2.0);
  CHECK(Grad(e, "d") == 2.0);
  CHECK(Grad(e, "a") == 2.0);
  CHECK(Grad(e, "b") == 14.0);
  // Each variable is one node, however often it is used: a twice, b three times.
  CHECK(e.inputs == std::vector<int>{bp::FindInput(e, "a"), bp::FindInput(e, "b")});
  CHECK(e.graph.nodes[bp::FindInput(e, "a")].value == -4.0);
  CHECK(FindLabel(e.graph, "2.0") >= 0);
  CHECK(e.graph.nodes[FindLabel(e.graph, "2.0")].kind == bp::NodeKind::kConstant);
}

TEST_CASE("By hand: division, a square root, ReLU on both sides of 0, unary minus, a**-1") {
  // x = 2, y = 4: q = x / y = 0.5; s = y^0.5 = 2; relu(s - q) = relu(1.5) = 1.5; relu(-s + q) =
  // relu(-1.5) = 0; r = 1.5; x^-1 = 0.5; out = r · x^-1 = 0.75.
  // Backward: dout/dr = 0.5, dout/d(x^-1) = r = 1.5, d(x^-1)/dx = -x^-2 = -0.25;
  // dr/ds = 1 · 1 + 0 · (-1) = 1, dr/dq = 1 · (-1) + 0 · 1 = -1;
  // ds/dy = 0.5 y^-0.5 = 0.25; dq/dx = 1/y = 0.25; dq/dy = -x/y² = -0.125.
  // dout/dx = 0.5 · (-1 · 0.25) + 1.5 · (-0.25) = -0.125 - 0.375 = -0.5;
  // dout/dy = 0.5 · (1 · 0.25 + (-1) · (-0.125)) = 0.5 · 0.375 = 0.1875.
  bp::ExpressionGraph e = Evaluated("x = 2; y = 4; q = x / y; s = y**0.5; r = relu(s - q) + relu(-s + q); r * x**-1");
  CHECK(Value(e, "q") == 0.5);
  CHECK(Value(e, "s") == 2.0);
  CHECK(Value(e, "r") == 1.5);
  CHECK(Value(e, "x⁻¹") == 0.5);
  CHECK(Value(e, "out") == 0.75);
  CHECK(Grad(e, "r") == 0.5);
  CHECK(Grad(e, "s") == 0.5);
  CHECK(Grad(e, "q") == -0.5);
  CHECK(Grad(e, "x") == -0.5);
  CHECK(Grad(e, "y") == 0.1875);
}

TEST_CASE("By hand: sigmoid, tanh, exp and log where their values are exact") {
  // a = 1, b = -1: u = 0; σ(0) = 0.5, so σ(u)·4 = 2; tanh(0) = 0; exp(0)·log(1) = 1 · 0 = 0;
  // a²/2 = 0.5; out = 2 + 0 + 0 + 0.5 = 2.5.
  // Backward: dout/du = 4 σ'(0) + tanh'(0) + log(a) exp(u) = 4 · 0.25 + 1 + 0 = 2;
  // dout/da = dout/du + exp(u) · 1/a + 2a/2 = 2 + 1 + 1 = 4; dout/db = dout/du = 2.
  bp::ExpressionGraph e = Evaluated("a = 1; b = -1; u = a + b\nsigmoid(u) * 4 + tanh(u) + exp(u) * log(a) + a**2 / 2");
  CHECK(Value(e, "σ(u)") == 0.5);
  CHECK(Value(e, "tanh(u)") == 0.0);
  CHECK(Value(e, "exp(u)·log(a)") == 0.0);
  CHECK(Value(e, "a² / 2") == 0.5);
  CHECK(Value(e, "out") == 2.5);
  CHECK(Grad(e, "u") == 2.0);
  CHECK(Grad(e, "a") == 4.0);
  CHECK(Grad(e, "b") == 2.0);
}

TEST_CASE("Every input's gradient matches central finite differences, through every operation") {
  const char* const expressions[] = {
      "a = -4; b = 2; c = a + b; d = a*b + b**3; e = c - d; f = e**2; L = f / 2.0",
      "w1 = 0.5; x1 = 2; w2 = -1; x2 = 1; b = 0.1; tanh(w1*x1 + w2*x2 + b)",
      "x = 2; y = 4; q = x / y; s = y**0.5; r = relu(s - q) + relu(-s + q); r * x**-1",
      "x = 0.7; h = x*x - 3*x; h*h + h / (1 + x**2)",
      "p = 1.3; n = -0.4; relu(p) * relu(n) + relu(p*n) + relu(p - n)*p + relu(-n)",
      "a = 0.3; b = 1.7; log(exp(a) + b**-2) - exp(-a*b) / log(b)",
      "u = 2.5; v = -1.25; -u / v - -(u*v) + (u - v) / (u + v) - -u**2",
      "t = 1.6; t**0.5 + t**-1.5 + t^3 - (2*t)**-1 + t**+2",
      "z = -0.35; sigmoid(z) * tanh(z) + sigmoid(tanh(z*z)) - z*sigmoid(-z)",
      "a = 1.5\nb = -0.5\nc = (a +\n  b) * a\nc**2 / b + c",
      "x = 0.8; w = -0.6; bias = 0.2; y = 1; p = sigmoid(w*x + bias)\nloss = -(y*log(p) + (1 - y)*log(1 - p))",
      "k = 0.9; m = exp(k) * k; n = m / (k + 2); m*n - n/m + log(m*n)",
  };
  for (const char* text : expressions) {
    CAPTURE(text);
    bp::ExpressionGraph e = Evaluated(text);
    REQUIRE(std::isfinite(e.graph.nodes[e.graph.root].value));
    CHECK(bp::FindNonFinite(e.graph).node == -1);
    for (int input : e.inputs) {
      CAPTURE(e.graph.nodes[input].label);
      auto root_at = [&](double v) {
        bp::Graph copy = e.graph;
        copy.nodes[input].value = v;
        bp::Forward(&copy);
        return copy.nodes[copy.root].value;
      };
      const double numeric = bp::test::CentralDifference(root_at, e.graph.nodes[input].value);
      CHECK(bp::test::RelativeError(e.graph.nodes[input].grad, numeric) < 1e-6);
    }
  }
}

TEST_CASE("Precedence, associativity, signs and numbers follow Python") {
  auto root = [](const std::string& text) {
    bp::ExpressionGraph e = Evaluated(text);
    return e.graph.nodes[e.graph.root].value;
  };
  CHECK(root("a = 3; -a**2") == -9.0);      // -(a**2)
  CHECK(root("a = 3; (-a)**2") == 9.0);     // parentheses first
  CHECK(root("a = 1; -3**2 + a") == -8.0);  // -(3**2): the sign is not part of the number here
  CHECK(root("a = 1; 2 - -3 * a") == 5.0);
  CHECK(root("a = 8; b = 2; c = 2; a / b / c") == 2.0);  // (a / b) / c
  CHECK(root("a = 8; b = 2; c = 2; a - b - c") == 4.0);  // (a - b) - c
  CHECK(root("a = 2; b = 3; a + b * a ^ 2") == 14.0);
  CHECK(root("x = .5; y = 1e-3; z = 2.5E+2; x + y + z + 3 + 3.5") == doctest::Approx(257.001).epsilon(1e-15));
  CHECK(root("a = +2; --a * a**0") == 2.0);
  // a**0 is flat: its derivative is 0, also at a = 0 (not 0 · 0^-1 = NaN).
  bp::ExpressionGraph flat = Evaluated("a = 0; a**0 + a");
  CHECK(flat.graph.nodes[bp::FindInput(flat, "a")].grad == 1.0);
}

TEST_CASE("Labels, spans and the shape of the graph") {
  const std::string text = "a = 2; b = -3; c = (a + b)*a\nc*b**3 + b**-1 - b^0.5*-2 + -a + exp(b)/c";
  bp::ExpressionGraph e = Parse(text);
  for (const char* label : {"a + b", "b³", "c·b³", "b⁻¹", "b^0.5", "−2", "b^0.5·(−2)", "−a", "exp(b)", "exp(b) / c"}) {
    CHECK_MESSAGE(FindLabel(e.graph, label) >= 0, label);
  }
  // c = (a + b)·a is named; longer formulas are called by their node number.
  const int c = FindLabel(e.graph, "c");
  REQUIRE(c >= 0);
  CHECK(e.graph.nodes[c].kind == bp::NodeKind::kMultiply);
  CHECK(text.substr(e.spans[c].begin, e.spans[c].end - e.spans[c].begin) == "c = (a + b)*a");
  const int sum = FindLabel(e.graph, "a + b");
  CHECK(text.substr(e.spans[sum].begin, e.spans[sum].end - e.spans[sum].begin) == "a + b");
  const int first_long = FindLabel(e.graph, "c·b³ + b⁻¹");  // 10 characters: still a formula
  CHECK(first_long >= 0);
  const int numbered = FindLabel(e.graph, "n" + std::to_string(first_long + 5));  // "c·b³ + b⁻¹ − b^0.5·(−2)"
  CHECK(numbered >= 0);
  CHECK(e.graph.nodes[numbered].kind == bp::NodeKind::kSubtract);
  CHECK(e.graph.nodes[e.graph.root].label == "out");
  CHECK(e.graph.outputs == std::vector<int>{e.graph.root});
  // As BuildGraph leaves a graph: orders ready, computed values not yet computed.
  CHECK(e.graph.forward_order.back() == e.graph.root);
  CHECK(e.graph.nodes[e.graph.root].value == 0.0);
  CHECK(e.spans.size() == e.graph.nodes.size());

  // "out" is taken by the text, so the output is out′; a variable used twice is one operand twice.
  bp::ExpressionGraph square = Parse("out = 1.5; out*out");
  CHECK(square.graph.nodes[square.graph.root].label == "out′");
  CHECK(square.graph.nodes[square.graph.root].operands == std::vector<int>{0, 0});
  CHECK(square.graph.nodes.size() == 2);
}

TEST_CASE("Refusals say what was expected, where") {
  struct Case {
    const char* text;
    int position;
    std::vector<const char*> words;
  };
  const Case cases[] = {
      {"", 0, {"empty"}},
      {" ;\n ; ", 0, {"empty"}},
      {"a = 1; a +", 11, {"character 11: expected a number, a name or '(' after '+' but found the end of the text"}},
      {"a = 1; a * )", 12, {"expected a number, a name or '(' after '*' but found ')'"}},
      {"a = 1; * a", 8, {"at the start of the statement", "found '*'"}},
      {"a = 2; (a + 1", 14, {"expected an operator or ')' to close the '(' at character 8"}},
      {"a = 2; a + 1)", 13, {"')' has no matching '('"}},
      {"a = 1; sin(a)", 8, {"there is no function sin", "exp, log, tanh, sigmoid and relu"}},
      {"a = 1; a(2)", 8, {"a is a value, not a function", "a*("}},
      {"a = 1; a $ 2", 10, {"'$' is not allowed"}},
      {"é = 1; é*2", 1, {"'é'", "ASCII"}},
      {"a = 1; a × 2", 10, {"'*'"}},
      {"a = 1; b = 2", 8, {"the last statement", "nothing is computed"}},
      {"a = 2; b = 3; a**b", 18, {"exponent after ** must be a number, as in micrograd", "found 'b'"}},
      {"a = 2; a^(2)", 10, {"exponent after ^ must be a number"}},
      {"a = 2; a**2**3", 12, {"power of a power", "(a**2)**3"}},
      {"x1 = 1; w = 2; x1*w + x3", 23, {"x3 is used but never given a value", "x3 = 1.5;"}},
      {"a = 1; b = c + a; c = 2; b", 12, {"c is used before it is given a value at character 19"}},
      {"a = a + 1", 5, {"a is used in its own definition"}},
      {"a = 1; a = 2; a", 8, {"a is given a value twice (first at character 1)"}},
      {"exp = 1; exp", 1, {"exp is the name of a function"}},
      {"a = 1; exp a", 8, {"exp is a function: write exp(…)"}},
      {"a = 1; b = a; b*2", 12, {"b = a only gives a second name to a"}},
      {"a = 1; a b", 10, {"expected an operator", "after 'a' but found 'b'"}},
      {"a = 1; a + 1; a * 2", 8, {"only the last statement may be a bare expression"}},
      {"a = 1; 2 = a", 10, {"'=' can only follow a name"}},
      {"a = 1e999; a*2", 5, {"1e999 is too large"}},
      {"a = 1; tanh(a", 14, {"to close tanh( at character 12", "the end of the text"}},
      {"a = 1\nb = a *\n2", 14, {"after '*' but found the end of the line"}},
      {"a = 1; a.b", 9, {"'.' must be part of a number"}},
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    const Refusal refusal = Refuse(c.text);
    CAPTURE(refusal.message);
    CHECK(refusal.position == c.position);
    if (c.position > 0) CHECK(Says(refusal.message, "character " + std::to_string(c.position) + ": "));
    for (const char* words : c.words) CHECK_MESSAGE(Says(refusal.message, words), words);
  }
  int position = -1;
  CHECK(bp::ParseExpression("a = 1; a*2", &position).ok());
  CHECK(position == 0);
}

TEST_CASE("Limits: 200 nodes, 64 levels of nesting, 4000 characters") {
  // a and 199 additions are 200 nodes; one more is refused with the limit in the sentence.
  std::string sum = "a = 1; a";
  for (int k = 0; k < 199; ++k) sum += "+a";
  CHECK(Parse(sum).graph.nodes.size() == 200);
  const Refusal too_many = Refuse(sum + "+a");
  CHECK(Says(too_many.message, "more than 200 nodes"));
  CHECK(too_many.position == static_cast<int>(sum.size()) + 1);  // the 200th '+'

  auto nested = [](int depth, const std::string& open, const std::string& close) {
    std::string text = "a = 1; ";
    for (int k = 0; k < depth; ++k) text += open;
    text += "a*2";
    for (int k = 0; k < depth; ++k) text += close;
    return text;
  };
  CHECK(bp::ParseExpression(nested(64, "(", ")")).ok());
  CHECK(bp::ParseExpression(nested(64, "-", "")).ok());
  CHECK(bp::ParseExpression(nested(32, "exp(", ")")).ok());
  CHECK(Says(Refuse(nested(65, "(", ")")).message, "more than 64 levels"));
  CHECK(Says(Refuse(nested(65, "relu(", ")")).message, "more than 64 levels"));
  // Deep enough to overflow the stack if nothing guarded it; refused, not crashed.
  CHECK(Says(Refuse(nested(1990, "(", ")")).message, "more than 64 levels"));
  CHECK(Says(Refuse(nested(3990, "-", "")).message, "more than 64 levels"));
  CHECK(Says(Refuse("a = 1; " + std::string(3993, '(')).message, "more than 64 levels"));

  std::string longest = "a = 1; a*2";
  longest += std::string(bp::kMaxExpressionLength - longest.size(), ' ');
  CHECK(bp::ParseExpression(longest).ok());
  const Refusal too_long = Refuse(longest + " ");
  CHECK(too_long.position == 4001);
  CHECK(Says(too_long.message, "4001 characters long; the most is 4000"));
}

TEST_CASE("Values and gradients that are not numbers are reported in words") {
  bp::ExpressionGraph log = Evaluated("a = -2; log(a)");
  bp::NonFinite found = bp::FindNonFinite(log.graph);
  CHECK(found.node == log.graph.root);
  CHECK_FALSE(found.gradient);
  CHECK(found.sentence == "out = log(a) is the log of −2: not a real number (NaN).");

  bp::ExpressionGraph divide = Evaluated("a = 1; b = 0; q = a / b; q * 2");
  found = bp::FindNonFinite(divide.graph);
  CHECK(found.node == FindLabel(divide.graph, "q"));
  CHECK(found.sentence == "q = a / b divides 1 by 0: a division by zero gives ∞.");

  CHECK(Says(bp::FindNonFinite(Evaluated("a = 0; b = 0; a / b").graph).sentence, "divides 0 by 0"));
  CHECK(Says(bp::FindNonFinite(Evaluated("a = 0; log(a)").graph).sentence, "log of 0: −∞"));
  CHECK(Says(bp::FindNonFinite(Evaluated("a = -1; a**0.5").graph).sentence, "raises −1 to the power 0.5: not a real"));
  CHECK(Says(bp::FindNonFinite(Evaluated("a = 0; a**-1").graph).sentence, "raises 0 to the power −1: a division"));
  CHECK(Says(bp::FindNonFinite(Evaluated("a = 800; exp(a)").graph).sentence, "exp(a) is ∞, with a = 800: too large"));

  // A finite value with an infinite slope: the square root at 0.
  bp::ExpressionGraph root = Evaluated("a = 0; r = a**0.5; r + a");
  found = bp::FindNonFinite(root.graph);
  CHECK(found.gradient);
  CHECK(found.node == bp::FindInput(root, "a"));
  CHECK(found.sentence == "∂E/∂a is ∞: r = a^0.5 passes back ∂E/∂r · 0.5·a^−0.5 = 1 · ∞, with a = 0.");

  found = bp::FindNonFinite(Evaluated("a = 2; a*a").graph);
  CHECK(found.node == -1);
  CHECK(found.sentence.empty());
}
