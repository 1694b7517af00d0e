// Predict mode in the autodiff graph: its questions, mistakes and flow (see autodiff_predict.h).
#include "app/lessons/autodiff_predict.h"

#include <algorithm>
#include <cmath>

namespace bp {

namespace {
struct Use {
  int node;
  int slot;
};

std::vector<Use> Uses(const Graph& graph, int n) {
  std::vector<Use> uses;
  for (int m = 0; m < static_cast<int>(graph.nodes.size()); ++m) {
    const std::vector<int>& operands = graph.nodes[m].operands;
    for (int slot = 0; slot < static_cast<int>(operands.size()); ++slot) {
      if (operands[slot] == n) uses.push_back({m, slot});
    }
  }
  return uses;
}

int BackwardIndex(const Graph& graph, int n) {
  const auto at = std::find(graph.backward_order.begin(), graph.backward_order.end(), n);
  return at == graph.backward_order.end() ? -1 : static_cast<int>(at - graph.backward_order.begin());
}

// The backward node of step `position` (-1 outside the backward pass).
int BackwardNodeAt(const Graph& graph, int position) {
  const int computed = static_cast<int>(graph.forward_order.size());
  const int k = position - computed - 2;
  return k >= 0 && k < static_cast<int>(graph.backward_order.size()) ? graph.backward_order[k] : -1;
}

void Advance(GraphPredictState* p, const Graph& complete, int* position) {
  ++p->question;
  if (p->question < static_cast<int>(GraphQuestionsAt(complete, p->frontier + 1).size())) return;
  ++p->frontier;
  p->question = 0;
  p->asking = false;
  *position = GraphPredictStop(p, complete, std::max(p->target, p->frontier));
}

Status Answer(GraphPredictState* p, const Graph& complete, int* position, bool reveal, double typed, int digits) {
  const std::optional<GraphQuestion> item = CurrentGraphQuestion(*p, complete, *position);
  if (!item)
    return Status::Error("there is no question to answer: predict mode asks when the graph's stepper moves on");
  const PredictionQuestion question = AskGraphQuestion(complete, *item, p->frontier + 1);
  GraphPredictRecord record;
  static_cast<PredictAnswer&>(record) = JudgeAnswer(question, reveal, typed, digits, {&p->score});
  record.item = *item;
  p->last = record;
  p->has_last = true;
  Advance(p, complete, position);
  return Status::Ok();
}
}  // namespace

std::vector<GraphQuestion> GraphQuestionsAt(const Graph& complete, int position) {
  std::vector<GraphQuestion> questions;
  const int computed = static_cast<int>(complete.forward_order.size());
  if (position >= 1 && position <= computed) {
    questions.push_back({complete.forward_order[position - 1], false});
    return questions;
  }
  const int n = BackwardNodeAt(complete, position);
  if (n < 0) return questions;
  const int step = BackwardIndex(complete, n);
  for (int operand : complete.nodes[n].operands) {
    // A number written in an expression is not something to learn: its gradient is not asked.
    if (complete.nodes[operand].kind == NodeKind::kConstant) continue;
    bool last_use = true;  // this step completes the operand's gradient: no later backward node uses it
    for (const Use& use : Uses(complete, operand)) last_use = last_use && BackwardIndex(complete, use.node) <= step;
    const bool listed =
        std::any_of(questions.begin(), questions.end(), [&](const GraphQuestion& q) { return q.node == operand; });
    if (last_use && !listed) questions.push_back({operand, true});
  }
  return questions;
}

PredictionQuestion AskGraphQuestion(const Graph& complete, const GraphQuestion& question, int position) {
  PredictionQuestion q;
  q.from_shown = std::nan("");
  const Node& node = complete.nodes[question.node];
  if (!question.gradient) {
    q.expected = node.value;
    return q;
  }
  q.expected = node.grad;
  const int n = BackwardNodeAt(complete, position);
  if (n < 0) return q;
  const Node& user = complete.nodes[n];
  const std::vector<Use> uses = Uses(complete, question.node);
  for (int slot = 0; slot < static_cast<int>(user.operands.size()); ++slot) {
    if (user.operands[slot] != question.node) continue;
    const double share = user.grad * LocalGradient(complete, n, slot);
    // A value used twice: its gradient adds both paths; this path alone is the mistake.
    if (uses.size() > 1 && std::isfinite(share)) q.mistakes.push_back({"predict#one-path", share});
    // A product's local derivative is the other factor; the factor itself is the mistake.
    if (user.kind == NodeKind::kMultiply && user.operands[0] != user.operands[1]) {
      const double wrong = user.grad * node.value;
      if (std::isfinite(wrong)) q.mistakes.push_back({"predict#wrong-operand", wrong});
    }
    // The expression graph's kinds: the minus sign of a − b, −a and a / b lost, and the power rule
    // without its factor p (p a^(p−1) written as a^(p−1)).
    const bool subtrahend = user.kind == NodeKind::kSubtract && slot == 1 && user.operands[0] != user.operands[1];
    if (subtrahend || user.kind == NodeKind::kNegate) {
      if (std::isfinite(user.grad) && user.grad != 0.0) q.mistakes.push_back({"predict#minus-sign", user.grad});
    }
    if (user.kind == NodeKind::kDivide && slot == 1 && user.operands[0] != user.operands[1]) {
      const double b = node.value, a = complete.nodes[user.operands[0]].value;
      const double wrong = user.grad * a / (b * b);
      if (std::isfinite(wrong) && wrong != 0.0) q.mistakes.push_back({"predict#quotient-sign", wrong});
    }
    if (user.kind == NodeKind::kPower && user.exponent != 1.0 && user.exponent != 0.0) {
      const double wrong = user.grad * std::pow(node.value, user.exponent - 1.0);
      if (std::isfinite(wrong) && wrong != 0.0) q.mistakes.push_back({"predict#power-factor", wrong});
    }
  }
  return q;
}

void SetGraphPredictMode(GraphPredictState* p, bool on, int position) {
  if (on && !p->on) p->score = PredictScore();
  p->on = on;
  p->frontier = position;
  p->asking = false;
  p->question = 0;
  p->has_last = false;
}

int GraphPredictStop(GraphPredictState* p, const Graph& complete, int target) {
  if (!p->on) return target;
  while (p->frontier < target && GraphQuestionsAt(complete, p->frontier + 1).empty()) ++p->frontier;
  if (target <= p->frontier) {
    p->asking = false;
    return target;
  }
  p->asking = true;
  p->target = target;
  return p->frontier;
}

std::optional<GraphQuestion> CurrentGraphQuestion(const GraphPredictState& p, const Graph& complete, int position) {
  if (!p.on || !p.asking || position != p.frontier) return {};
  const std::vector<GraphQuestion> questions = GraphQuestionsAt(complete, p.frontier + 1);
  if (p.question >= static_cast<int>(questions.size())) return {};
  return questions[p.question];
}

int CurrentGraphQuestionCount(const GraphPredictState& p, const Graph& complete, int position) {
  if (!CurrentGraphQuestion(p, complete, position)) return 0;
  return static_cast<int>(GraphQuestionsAt(complete, p.frontier + 1).size());
}

Status SubmitGraphPrediction(GraphPredictState* p, const Graph& complete, int* position, const std::string& typed,
                             int digits) {
  if (!CurrentGraphQuestion(*p, complete, *position))
    return Status::Error("there is no question to answer: predict mode asks when the graph's stepper moves on");
  Result<double> value = ParsePrediction(typed);
  if (!value.ok()) return Status::Error(value.error());
  return Answer(p, complete, position, false, value.value(), digits);
}

Status RevealGraphPrediction(GraphPredictState* p, const Graph& complete, int* position) {
  return Answer(p, complete, position, true, std::nan(""), 17);
}

}  // namespace bp
