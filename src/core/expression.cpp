// The expression lesson's little language (expression.h) turned into a Graph: a tokenizer, a
// recursive-descent parser with one function per precedence level, and the display labels. The
// sentences about non-finite values are in expression_report.cpp.
#include "core/expression.h"

#include "core/expression_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace bp {
namespace {
using namespace expression_text;

// How tightly a label holds together when it becomes part of another label's formula.
enum Level { kSumLevel = 1, kProductLevel = 2, kUnaryLevel = 3, kPowerLevel = 4, kAtom = 5 };

enum class Tok { kNumber, kName, kPlus, kMinus, kStar, kSlash, kPower, kLeft, kRight, kAssign, kSeparator, kEnd };

struct Token {
  Tok kind;
  int begin, end;  // bytes [begin, end) of the text
};

struct Failure {
  int position = 0;  // 1-based character; 0 for the text as a whole
  std::string message;
};

// A parsed operand: its node and the text it was written as, parentheses included.
struct Parsed {
  int node = -1;
  int begin = 0, end = 0;
};

bool IsFunction(const std::string& name) {
  return name == "exp" || name == "log" || name == "tanh" || name == "sigmoid" || name == "relu";
}
const char* const kFunctionList = "exp, log, tanh, sigmoid and relu";

int CodePoints(const std::string& text) {
  int count = 0;
  for (unsigned char c : text) count += (c & 0xC0) != 0x80;
  return count;
}

std::string Quoted(const std::string& text, int begin) {
  const unsigned char c = static_cast<unsigned char>(text[begin]);
  if (c >= 0x80) {
    int end = begin + 1;
    while (end < static_cast<int>(text.size()) && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    return "'" + text.substr(begin, end - begin) + "'";
  }
  if (c < 0x20 || c == 0x7F) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\x%02X", c);
    return std::string("'") + buffer + "'";
  }
  return "'" + std::string(1, static_cast<char>(c)) + "'";
}

Failure UnknownCharacter(const std::string& text, int at) {
  const std::string quoted = Quoted(text, at);
  std::string why;
  if (quoted == "'−'") {
    why = "write the minus sign as the ASCII '-'";
  } else if (quoted == "'×'" || quoted == "'·'") {
    why = "write a product with '*'";
  } else if (static_cast<unsigned char>(text[at]) >= 0x80) {
    why = "names use only the ASCII letters a-z and A-Z, digits and _ (no accents or other scripts)";
  } else if (text[at] == ',') {
    why = "a function takes one argument, and a number's decimal point is '.'";
  } else if (text[at] == '.') {
    why = "a '.' must be part of a number, as in 0.5 or .5";
  } else {
    why = "use numbers, names, + - * / ** ^, parentheses, '=' and ';' or new lines";
  }
  return {at + 1, "character " + std::to_string(at + 1) + ": " + quoted + " is not allowed here: " + why + "."};
}

// Splits the text into tokens; false, with *failure, at the first character that belongs to none.
bool Tokenize(const std::string& text, std::vector<Token>* tokens, Failure* failure) {
  const int size = static_cast<int>(text.size());
  int depth = 0;  // open parentheses: inside them a new line is a space, as in Python
  for (int i = 0; i < size;) {
    const char c = text[i];
    const int begin = i;
    Tok kind = Tok::kEnd;
    if (c == ' ' || c == '\t' || c == '\r' || (c == '\n' && depth > 0)) {
      ++i;
      continue;
    }
    if (IsDigit(c) || (c == '.' && i + 1 < size && IsDigit(text[i + 1]))) {
      while (i < size && IsDigit(text[i])) ++i;
      if (i < size && text[i] == '.') ++i;
      while (i < size && IsDigit(text[i])) ++i;
      int e = i + 1;  // an exponent only when digits follow "e", "e+" or "e-"
      if (e < size && (text[e] == '+' || text[e] == '-')) ++e;
      if (i < size && (text[i] == 'e' || text[i] == 'E') && e < size && IsDigit(text[e])) {
        for (i = e; i < size && IsDigit(text[i]);) ++i;
      }
      kind = Tok::kNumber;
    } else if (IsNameStart(c)) {
      while (i < size && IsNameChar(text[i])) ++i;
      kind = Tok::kName;
    } else if (c == '*' && i + 1 < size && text[i + 1] == '*') {
      i += 2;
      kind = Tok::kPower;
    } else {
      ++i;
      switch (c) {
        case '+': kind = Tok::kPlus; break;
        case '-': kind = Tok::kMinus; break;
        case '*': kind = Tok::kStar; break;
        case '/': kind = Tok::kSlash; break;
        case '^': kind = Tok::kPower; break;
        case '=': kind = Tok::kAssign; break;
        case '(':
          kind = Tok::kLeft;
          ++depth;
          break;
        case ')':
          kind = Tok::kRight;
          if (depth > 0) --depth;
          break;
        case ';':
        case '\n': kind = Tok::kSeparator; break;
        default: *failure = UnknownCharacter(text, begin); return false;
      }
    }
    tokens->push_back({kind, begin, i});
  }
  tokens->push_back({Tok::kEnd, size, size});
  return true;
}

class Parser {
 public:
  Parser(const std::string& text, std::vector<Token> tokens) : text_(text), tokens_(std::move(tokens)) {}

  // Parses every statement; false with failure() set on the first problem.
  bool Run();
  ExpressionGraph& result() { return out_; }
  const Failure& failure() const { return failure_; }

 private:
  const Token& Peek(int ahead = 0) const {
    const int at = next_ + ahead;
    return tokens_[at < static_cast<int>(tokens_.size()) ? at : tokens_.size() - 1];
  }
  std::string Text(const Token& t) const { return text_.substr(t.begin, t.end - t.begin); }
  std::string Describe(const Token& t) const {
    if (t.kind == Tok::kEnd) return "the end of the text";
    if (t.kind == Tok::kSeparator && text_[t.begin] == '\n') return "the end of the line";
    return "'" + Text(t) + "'";
  }
  // Records the first failure; returns an operand that is not ok, for `return Fail(...)`.
  Parsed Fail(int at, const std::string& message) {
    if (failure_.position == 0 && failure_.message.empty()) {
      failure_ = {at + 1, "character " + std::to_string(at + 1) + ": " + message};
    }
    return Parsed{};
  }

  bool Statement();
  bool EndOfStatement();
  Parsed Sum();
  Parsed Product();
  Parsed Unary();
  Parsed SignedOrPower();
  Parsed Power();
  Parsed Primary();
  Parsed Function(const Token& name);
  Parsed Constant(const Token& number, int begin, bool negative);
  Parsed Variable(const Token& name);
  Parsed AddNode(int at, int begin, int end, const std::function<int(Graph*)>& build);

  void Label(int n, const std::string& formula, int level);
  std::string Wrapped(int n, int level) const;
  std::string RightWrapped(int n, int level) const;
  std::string Unused(std::string label) const;

  const std::string& text_;
  const std::vector<Token> tokens_;
  int next_ = 0;
  int depth_ = 0;
  ExpressionGraph out_;
  std::vector<int> level_;                  // [n] how tightly node n's label holds together
  std::map<std::string, int> names_;        // the names defined so far and their nodes
  std::map<std::string, int> definitions_;  // every name the text defines: its first definition's byte
  int statement_begin_ = 0;                 // byte of the statement being parsed
  Failure failure_;
};

bool Parser::Run() {
  // A first look for every definition, so a name used too early gets a sentence that points at it.
  for (int i = 0; i + 1 < static_cast<int>(tokens_.size()); ++i) {
    const bool starts_statement = i == 0 || tokens_[i - 1].kind == Tok::kSeparator;
    if (starts_statement && tokens_[i].kind == Tok::kName && tokens_[i + 1].kind == Tok::kAssign) {
      definitions_.emplace(Text(tokens_[i]), tokens_[i].begin);
    }
  }
  int root = -1, root_statement = 0;
  for (;;) {
    while (Peek().kind == Tok::kSeparator) ++next_;
    if (Peek().kind == Tok::kEnd) break;
    statement_begin_ = Peek().begin;
    if (!Statement()) return false;
    root = out_.graph.root;
    root_statement = statement_begin_;
  }
  if (root < 0) {
    failure_ = {0, "The text is empty: type an expression such as a = 2; b = -3; a*b + b**2"};
    return false;
  }
  if (IsLeaf(out_.graph.nodes[root].kind)) {
    Fail(root_statement,
         "the last statement is the output, but it only gives a number or a name, so nothing is computed; end "
         "with the expression to differentiate, as in a*b + b**2");
    return false;
  }
  out_.graph.outputs = {root};
  ComputeOrder(&out_.graph);
  return true;
}

bool Parser::Statement() {
  const int nodes_before = static_cast<int>(out_.graph.nodes.size());
  const Token start = Peek();
  if (start.kind == Tok::kName && Peek(1).kind == Tok::kAssign) {
    const std::string name = Text(start);
    if (IsFunction(name)) {
      Fail(start.begin, name + " is the name of a function; choose another name for this value");
      return false;
    }
    if (names_.count(name)) {
      Fail(start.begin, name + " is given a value twice (first at character " + std::to_string(definitions_[name] + 1) +
                            "); a name is defined once, so choose a new one");
      return false;
    }
    next_ += 2;
    const Parsed value = Sum();
    if (value.node < 0 || !EndOfStatement()) return false;
    Node& node = out_.graph.nodes[value.node];
    if (value.node < nodes_before) {
      Fail(value.begin, name + " = " + text_.substr(value.begin, value.end - value.begin) +
                            " only gives a second name to " + node.label + "; write " + node.label + " itself");
      return false;
    }
    // A number on the right makes an input: the leaf the lesson asks the gradient of.
    if (node.kind == NodeKind::kConstant) {
      node.kind = NodeKind::kInput;
      out_.inputs.push_back(value.node);
    }
    node.label = name;
    level_[value.node] = kAtom;
    out_.spans[value.node] = {start.begin, tokens_[next_ - 1].end};
    names_[name] = value.node;
    out_.graph.root = value.node;
    return true;
  }
  const Parsed value = Sum();
  if (value.node < 0 || !EndOfStatement()) return false;
  int after = next_;
  while (tokens_[after].kind == Tok::kSeparator) ++after;
  if (tokens_[after].kind != Tok::kEnd) {
    Fail(start.begin,
         "only the last statement may be a bare expression (the output); give this one a name, as in c = " +
             text_.substr(value.begin, value.end - value.begin));
    return false;
  }
  // The output keeps the name it already has (`...; c`); a new node is called "out".
  if (value.node >= nodes_before) {
    out_.graph.nodes[value.node].label = Unused("out");
    level_[value.node] = kAtom;
  }
  out_.graph.root = value.node;
  return true;
}

bool Parser::EndOfStatement() {
  const Token& t = Peek();
  if (t.kind == Tok::kSeparator || t.kind == Tok::kEnd) return true;
  if (t.kind == Tok::kRight) {
    Fail(t.begin, "this ')' has no matching '('");
  } else if (t.kind == Tok::kAssign) {
    Fail(t.begin, "'=' can only follow a name at the start of a statement, as in c = a + b");
  } else {
    Fail(t.begin, "expected an operator (+ - * / **) or the end of the statement after " +
                      Describe(tokens_[next_ - 1]) + " but found " + Describe(t));
  }
  return false;
}

// expression = term { ('+' | '-') term }
Parsed Parser::Sum() {
  Parsed left = Product();
  while (left.node >= 0 && (Peek().kind == Tok::kPlus || Peek().kind == Tok::kMinus)) {
    const int op = next_++;
    const bool plus = tokens_[op].kind == Tok::kPlus;
    const Parsed right = Product();
    if (right.node < 0) return right;
    const int a = left.node, b = right.node;
    left = AddNode(tokens_[op].begin, left.begin, right.end,
                   [&](Graph* g) { return plus ? AddAddNode(g, a, b, "") : AddSubtractNode(g, a, b, ""); });
    if (left.node >= 0)
      Label(left.node, Wrapped(a, kSumLevel) + (plus ? " + " : " − ") + RightWrapped(b, kSumLevel), kSumLevel);
  }
  return left;
}

// term = unary { ('*' | '/') unary }
Parsed Parser::Product() {
  Parsed left = Unary();
  while (left.node >= 0 && (Peek().kind == Tok::kStar || Peek().kind == Tok::kSlash)) {
    const int op = next_++;
    const bool times = tokens_[op].kind == Tok::kStar;
    const Parsed right = Unary();
    if (right.node < 0) return right;
    const int a = left.node, b = right.node;
    left = AddNode(tokens_[op].begin, left.begin, right.end,
                   [&](Graph* g) { return times ? AddMultiplyNode(g, a, b, "") : AddDivideNode(g, a, b, ""); });
    if (left.node >= 0) {
      Label(left.node, Wrapped(a, kProductLevel) + (times ? "·" : " / ") + RightWrapped(b, kProductLevel),
            kProductLevel);
    }
  }
  return left;
}

// Every chain of nesting (parentheses, signs, functions) passes through here: the depth guard.
Parsed Parser::Unary() {
  if (depth_ > kMaxExpressionDepth) {
    return Fail(Peek().begin, "the expression nests more than " + std::to_string(kMaxExpressionDepth) +
                                  " levels deep (parentheses, signs and functions); split it into named steps");
  }
  ++depth_;
  const Parsed result = SignedOrPower();
  --depth_;
  return result;
}

// unary = '-' unary | '+' unary | power; "-3" (not followed by **) is the one constant -3.
Parsed Parser::SignedOrPower() {
  const Token sign = Peek();
  if (sign.kind != Tok::kMinus && sign.kind != Tok::kPlus) return Power();
  ++next_;
  const bool minus = sign.kind == Tok::kMinus;
  if (minus && Peek().kind == Tok::kNumber && Peek(1).kind != Tok::kPower) {
    return Constant(tokens_[next_++], sign.begin, true);
  }
  const Parsed operand = Unary();
  if (operand.node < 0 || !minus) return Parsed{operand.node, sign.begin, operand.end};
  const Parsed negated =
      AddNode(sign.begin, sign.begin, operand.end, [&](Graph* g) { return AddNegateNode(g, operand.node, ""); });
  if (negated.node >= 0) Label(negated.node, "−" + Wrapped(operand.node, kPowerLevel), kUnaryLevel);
  return negated;
}

// power = primary [ ('**' | '^') ['+' | '-'] number ]
Parsed Parser::Power() {
  const Parsed base = Primary();
  if (base.node < 0 || Peek().kind != Tok::kPower) return base;
  const std::string symbol = Text(tokens_[next_++]);
  bool negative = false;
  if (Peek().kind == Tok::kMinus || Peek().kind == Tok::kPlus) negative = tokens_[next_++].kind == Tok::kMinus;
  if (Peek().kind != Tok::kNumber) {
    return Fail(Peek().begin, "the exponent after " + symbol +
                                  " must be a number, as in micrograd (a**2, a**-1, a**0.5), but found " +
                                  Describe(Peek()));
  }
  const Token number = tokens_[next_++];
  const double magnitude = std::strtod(Text(number).c_str(), nullptr);
  if (std::isinf(magnitude))
    return Fail(number.begin, Text(number) + " is too large for a number (about 1.8e308 at most)");
  if (Peek().kind == Tok::kPower) {
    return Fail(Peek().begin, "a power of a power needs parentheses: write (a**2)**3; the exponent after " + symbol +
                                  " is a single number");
  }
  const double p = negative ? -magnitude : magnitude;
  const Parsed power =
      AddNode(number.begin, base.begin, number.end, [&](Graph* g) { return AddPowerNode(g, base.node, p, ""); });
  if (power.node >= 0) Label(power.node, Wrapped(base.node, kAtom) + ExponentText(p), kPowerLevel);
  return power;
}

// primary = number | name | function '(' expression ')' | '(' expression ')'
Parsed Parser::Primary() {
  const Token t = Peek();
  if (t.kind == Tok::kNumber) return Constant(tokens_[next_++], t.begin, false);
  if (t.kind == Tok::kName) {
    ++next_;
    return IsFunction(Text(t)) ? Function(t) : Variable(t);
  }
  if (t.kind == Tok::kLeft) {
    ++next_;
    const Parsed inner = Sum();
    if (inner.node < 0) return inner;
    if (Peek().kind != Tok::kRight) {
      return Fail(Peek().begin, "expected an operator or ')' to close the '(' at character " +
                                    std::to_string(t.begin + 1) + " but found " + Describe(Peek()));
    }
    return Parsed{inner.node, t.begin, tokens_[next_++].end};
  }
  const bool at_start = next_ == 0 || tokens_[next_ - 1].kind == Tok::kSeparator;
  return Fail(t.begin,
              "expected a number, a name or '(' " +
                  (at_start ? std::string("at the start of the statement") : "after " + Describe(tokens_[next_ - 1])) +
                  " but found " + Describe(t));
}

Parsed Parser::Function(const Token& name_token) {
  const std::string name = Text(name_token);
  if (Peek().kind != Tok::kLeft) {
    return Fail(name_token.begin, name + " is a function: write " + name + "(…) with its argument in parentheses");
  }
  const int open = tokens_[next_++].begin;
  const Parsed argument = Sum();
  if (argument.node < 0) return argument;
  if (Peek().kind != Tok::kRight) {
    return Fail(Peek().begin, "expected an operator or ')' to close " + name + "( at character " +
                                  std::to_string(open + 1) + " but found " + Describe(Peek()));
  }
  const int end = tokens_[next_++].end;
  const int a = argument.node;
  Activation activation = name == "tanh"   ? Activation::kTanh
                          : name == "relu" ? Activation::kRelu
                                           : Activation::kSigmoid;
  const Parsed call = AddNode(name_token.begin, name_token.begin, end, [&](Graph* g) {
    if (name == "exp") return AddExpNode(g, a, "");
    if (name == "log") return AddLogNode(g, a, "");
    return AddActivationNode(g, a, activation, {}, "");
  });
  const std::string symbol = name == "exp" || name == "log" ? name : FunctionSymbol(activation);
  if (call.node >= 0) Label(call.node, symbol + "(" + out_.graph.nodes[a].label + ")", kAtom);
  return call;
}

Parsed Parser::Constant(const Token& number, int begin, bool negative) {
  const std::string literal = Text(number);
  const double magnitude = std::strtod(literal.c_str(), nullptr);
  if (std::isinf(magnitude)) return Fail(number.begin, literal + " is too large for a number (about 1.8e308 at most)");
  const double value = negative ? -magnitude : magnitude;
  const Parsed constant = AddNode(begin, begin, number.end, [&](Graph* g) { return AddConstantNode(g, value, ""); });
  if (constant.node >= 0) {
    out_.graph.nodes[constant.node].label = (negative ? "−" : "") + literal;
    level_[constant.node] = negative ? kUnaryLevel : kAtom;
  }
  return constant;
}

Parsed Parser::Variable(const Token& name_token) {
  const std::string name = Text(name_token);
  const auto known = names_.find(name);
  if (Peek().kind == Tok::kLeft) {
    if (known != names_.end() || definitions_.count(name)) {
      return Fail(name_token.begin, name + " is a value, not a function: to multiply, write " + name + "*(…)");
    }
    return Fail(name_token.begin, "there is no function " + name + "; the functions are " + kFunctionList);
  }
  if (known != names_.end()) return Parsed{known->second, name_token.begin, name_token.end};
  const auto later = definitions_.find(name);
  if (later == definitions_.end()) {
    return Fail(name_token.begin,
                name + " is used but never given a value; add a statement such as " + name + " = 1.5; before it");
  }
  if (later->second == statement_begin_) {
    return Fail(name_token.begin, name + " is used in its own definition; give it a value in an earlier statement");
  }
  return Fail(name_token.begin, name + " is used before it is given a value at character " +
                                    std::to_string(later->second + 1) + "; move that statement up");
}

Parsed Parser::AddNode(int at, int begin, int end, const std::function<int(Graph*)>& build) {
  if (static_cast<int>(out_.graph.nodes.size()) >= kMaxExpressionNodes) {
    return Fail(at, "the graph would get more than " + std::to_string(kMaxExpressionNodes) +
                        " nodes (numbers and names included), the most the lesson draws; shorten the expression");
  }
  const int n = build(&out_.graph);
  out_.spans.push_back({begin, end});
  level_.push_back(kAtom);
  return Parsed{n, begin, end};
}

void Parser::Label(int n, const std::string& formula, int level) {
  const bool fits = CodePoints(formula) <= kMaxComposedLabel;
  out_.graph.nodes[n].label = fits ? formula : Unused("n" + std::to_string(n + 1));
  level_[n] = fits ? level : kAtom;
}

// Node n's label as an operand at `level`: in parentheses when it holds together less tightly.
std::string Parser::Wrapped(int n, int level) const {
  const std::string& label = out_.graph.nodes[n].label;
  return level_[n] < level ? "(" + label + ")" : label;
}

// The right operand also needs parentheses at the same level (a − (b − c)) and when it starts with
// a sign (a·(−b)).
std::string Parser::RightWrapped(int n, int level) const {
  const std::string& label = out_.graph.nodes[n].label;
  return level_[n] <= level || level_[n] == kUnaryLevel ? "(" + label + ")" : label;
}

std::string Parser::Unused(std::string label) const {
  while (definitions_.count(label)) label += "′";
  return label;
}

}  // namespace

Result<ExpressionGraph> ParseExpression(const std::string& text, int* error_position) {
  Failure failure;
  std::vector<Token> tokens;
  if (CodePoints(text) > kMaxExpressionLength) {
    failure = {kMaxExpressionLength + 1, "character " + std::to_string(kMaxExpressionLength + 1) + ": the text is " +
                                             std::to_string(CodePoints(text)) + " characters long; the most is " +
                                             std::to_string(kMaxExpressionLength)};
  } else if (Tokenize(text, &tokens, &failure)) {
    Parser parser(text, std::move(tokens));
    if (parser.Run()) {
      if (error_position) *error_position = 0;
      return Result<ExpressionGraph>::Ok(std::move(parser.result()));
    }
    failure = parser.failure();
  }
  if (error_position) *error_position = failure.position;
  return Result<ExpressionGraph>::Error(failure.message);
}

int FindInput(const ExpressionGraph& expression, const std::string& name) {
  for (int n : expression.inputs) {
    if (expression.graph.nodes[n].label == name) return n;
  }
  return -1;
}

}  // namespace bp
