// "Your own expression graph": the learner types a few lines of micrograd-like arithmetic, this turns
// them into a scalar Graph (graph.h) that the autodiff stepper evaluates forward and backward node by
// node. A variable used several times is ONE node, so the gradients of its uses add up.
//
// The text, as a grammar (statements are separated by ';' or a new line; a new line inside
// parentheses is just a space; empty statements are skipped):
//   program    = statement { separator statement }
//   statement  = name '=' expression      (a named value: an input if the right side is a number)
//              | expression               (only as the last statement: the output, named "out")
//   expression = term { ('+' | '-') term }                 left-associative
//   term       = unary { ('*' | '/') unary }               left-associative
//   unary      = '-' unary | '+' unary | power             so -a**2 = -(a**2), as in Python
//   power      = primary [ ('**' | '^') ['+' | '-'] number ]   the exponent is one number (micrograd's
//                                                           __pow__ takes a number); a**2**3 is refused
//   primary    = number | name | function '(' expression ')' | '(' expression ')'
//   function   = exp | log | tanh | sigmoid | relu        (log is the natural log)
//   number     = 3 | 3.5 | .5 | 1e-3 | 2.5E+4             (no sign: a sign is the unary minus)
//   name       = an ASCII letter or '_', then letters, digits and '_'; case matters; not a function's name
// Meaning:
//   - `a = -4` (a number, optionally signed) makes an input: a leaf whose gradient the lesson shows.
//   - `c = a + b` names an intermediate: the top node of its right side gets the label "c".
//   - The last statement's value is the root E whose gradients Backward computes. It must be computed
//     from something: text whose last statement only gives a number or repeats a name is refused.
//   - A name is defined once, and before it is used. `c = a` (a second name for a node) is refused.
//   - Any other number is a constant leaf. A minus sign right before a number makes one constant
//     (`a*-3` has the constant -3) unless ** follows the number: -2**2 = -(2**2), as in Python.
//     A number too large for a double (1e999) is refused; one too small (1e-400) becomes 0.
// Display labels (Node::label):
//   - inputs and named intermediates: their names; the bare last expression: "out";
//   - constants: the number as typed, a sign folded in as "−" (U+2212): "2.0", "−3", ".5";
//   - other computed nodes: their formula in their operands' labels, as long as that is at most
//     kMaxComposedLabel characters: "a + b", "a − b", "a·b", "a / b", "−a", "b³", "b⁻¹", "b^0.5",
//     "exp(a)", "log(a)", "tanh(a)", "σ(a)", "ReLU(a)", with parentheses where precedence needs them
//     ("(a + b)·c"); past that the node is called by its number, "n7" for nodes[6]. A label that
//     would equal a name the text defines gets primes added ("out′").
// Limits (checked, each with a sentence): kMaxExpressionLength characters of text, kMaxExpressionNodes
// nodes (leaves included), kMaxExpressionDepth nested parentheses, signs and function calls.
#pragma once

#include <string>
#include <vector>

#include "core/graph.h"
#include "core/result.h"

namespace bp {

constexpr int kMaxExpressionLength = 4000;  // characters (Unicode code points) of text
constexpr int kMaxExpressionNodes = 200;    // what a drawing of the graph can still show
constexpr int kMaxExpressionDepth = 64;     // nesting; the parser recurses, so this guards the stack
constexpr int kMaxComposedLabel = 14;       // characters of a formula label before "n7" replaces it

// Where a node comes from in the text: bytes [begin, end), 0-based (the text parsed is ASCII, so bytes
// are characters). An input or a named intermediate spans its whole statement ("c = a + b"), any
// other node the part of the expression it computes.
struct SourceSpan {
  int begin = 0;
  int end = 0;
};

struct ExpressionGraph {
  // As BuildGraph leaves it: root set, orders computed, leaf values set, computed values 0 (call
  // Forward, then Backward). graph.outputs holds the root.
  Graph graph;
  std::vector<int> inputs;        // the input nodes, in the order the text defines them
  std::vector<SourceSpan> spans;  // [n] the text node n comes from
};

// Parses `text` (grammar above). On refusal the Result's error is a sentence starting with the
// character it points at, "character 12: expected a number, a name or '(' after '*' but found ')'",
// and *error_position (when given) receives that 1-based character, or 0 when the sentence is about
// the text as a whole (empty text). On success *error_position is 0.
Result<ExpressionGraph> ParseExpression(const std::string& text, int* error_position = nullptr);

// The input node called `name`, or -1.
int FindInput(const ExpressionGraph& expression, const std::string& name);

// The first value or gradient that is not a finite number, and why, in words. Call it after Forward
// and Backward. Values are checked first, in forward order (a non-finite value makes the gradients
// below it non-finite too, so it is the cause to show); then the gradients, in the order Backward
// passes them. Examples of sentences:
//   "c = log(a) is the log of −2: not a real number (NaN)."
//   "q = a / b divides 1 by 0: a division by zero gives ∞."
//   "∂E/∂a is ∞: c = log(a) passes back ∂E/∂c · 1/a = 1 · ∞, with a = 0."
struct NonFinite {
  int node = -1;          // the node whose value (or gradient) is not finite; -1 when all are finite
  bool gradient = false;  // true when the values are all finite but this node's gradient is not
  std::string sentence;   // empty when all are finite
};
NonFinite FindNonFinite(const Graph& graph);

}  // namespace bp
