// The step-through of a scalar computation graph (graph_stepper.h): buttons, keys, predict mode, the
// node math of the panel and the stepper's API, shared by the autodiff and expression lessons.
#include "app/lessons/graph_stepper.h"

#include <algorithm>
#include <optional>

#include "app/session/content.h"
#include "app/session/display.h"
#include "app/session/format.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/graph_view.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
// Shows the graph at stepper.position.
void Show(GraphStepper& s) {
  const GraphProgress progress = GraphProgressAt(s.base, s.position);
  s.graph = GraphAt(s.base, progress);
  s.previous = GraphAt(s.base, GraphProgressAt(s.base, s.position - 1));
  s.current_node = CurrentGraphNode(s.graph, progress);
  const int computed = static_cast<int>(s.base.forward_order.size());
  s.phase = s.position == 0                ? "start"
            : s.position <= computed       ? "forward"
            : s.position < s.last_position ? "backward"
                                           : "done";
}
}  // namespace

void StartGraphStepper(GraphStepper* stepper, const Graph& base) {
  const GraphPredictState predict = stepper->predict;
  *stepper = GraphStepper();
  SetGraphPredictMode(&stepper->predict, predict.on, 0);
  stepper->base = base;
  stepper->complete = base;
  Forward(&stepper->complete);
  Backward(&stepper->complete);
  stepper->last_position = GraphStepCount(base);
  GraphStepperGoTo(stepper, 0);
}

bool GraphStepperReady(const GraphStepper& stepper) { return !stepper.base.nodes.empty(); }

void GraphStepperGoTo(GraphStepper* stepper, int position) {
  GraphStepper& s = *stepper;
  position = std::max(0, std::min(position, s.last_position));
  if (position > s.position) {
    position = GraphPredictStop(&s.predict, s.complete, position);
  } else {
    s.predict.asking = false;
  }
  s.position = position;
  Show(s);
}

void ApplyPendingGraphStep(GraphStepper* stepper) {
  if (!GraphStepperReady(*stepper) || stepper->pending_position < 0) return;
  GraphStepperGoTo(stepper, stepper->pending_position);
  stepper->pending_position = -1;
}

// The forward node just computed, the seed ∂E/∂E = 1, or the backward node that just passed its
// gradient on.
std::string DescribeGraphStep(const std::string& language, const GraphStepper& s) {
  const int computed = static_cast<int>(s.base.forward_order.size());
  if (s.position == 0) return ContentText(language, "stepper#graph-step-start");
  const std::string& label = s.graph.nodes[s.current_node].label;
  if (s.position <= computed) {
    return ContentText(language, "stepper#graph-step-forward",
                       {{"step", std::to_string(s.position)}, {"count", std::to_string(computed)}, {"node", label}});
  }
  if (s.position == computed + 1) return ContentText(language, "stepper#graph-step-seed", {{"root", label}});
  const ContentVars vars = {
      {"step", std::to_string(s.position - computed - 1)}, {"count", std::to_string(computed)}, {"node", label}};
  return s.position == s.last_position ? ContentText(language, "stepper#graph-step-done", vars)
                                       : ContentText(language, "stepper#graph-step-backward", vars);
}

namespace {
void HandleKeys(GraphStepper& s) {
  if (ImGui::GetIO().WantTextInput) return;
  for (ImWchar c : ImGui::GetIO().InputQueueCharacters) {
    if (c == 'p' || c == 'P') SetGraphPredictMode(&s.predict, !s.predict.on, s.position);
    if ((c == 'r' || c == 'R') && CurrentGraphQuestion(s.predict, s.complete, s.position)) {
      (void)RevealGraphPrediction(&s.predict, s.complete, &s.position);
      Show(s);
    }
  }
  // Dear ImGui 1.86 asks for the backend's key index, not the ImGuiKey itself.
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) GraphStepperGoTo(&s, s.position + 1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) GraphStepperGoTo(&s, s.position - 1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) GraphStepperGoTo(&s, 0);
}

void DrawButtons(const std::string& language, GraphStepper& s) {
  HandleKeys(s);
  if (ImGui::Button("⇤ Restart")) GraphStepperGoTo(&s, 0);
  ImGui::SameLine();
  ImGui::BeginDisabled(s.position == 0);
  if (ImGui::Button("◀ Previous")) GraphStepperGoTo(&s, s.position - 1);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(s.position == s.last_position);
  if (ImGui::Button("Next ▶")) GraphStepperGoTo(&s, s.position + 1);
  ImGui::SameLine();
  if (ImGui::Button("End ⇥")) GraphStepperGoTo(&s, s.last_position);
  ImGui::EndDisabled();
  const std::string where = DescribeGraphStep(language, s);
  // The phase goes beside the buttons when it fits, else on the line below.
  const float room = ImGui::GetWindowContentRegionMax().x - (ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x);
  if (ImGui::CalcTextSize(where.c_str()).x + 2.0f * ImGui::GetStyle().ItemSpacing.x < room) ImGui::SameLine();
  ImGui::TextUnformatted(where.c_str());
}

// ---- Predict mode (autodiff_predict.h): the switch and the shared predict box ----
std::string HideResult(const std::string& formula) {
  const size_t at = formula.rfind(" = ");
  return at == std::string::npos ? formula + " = ?" : formula.substr(0, at) + " = ?";
}

std::string QuestionName(const Graph& graph, const GraphQuestion& q) {
  return q.gradient ? GradName(graph, q.node) : graph.nodes[q.node].label;
}

std::string QuestionFormula(const Graph& graph, const GraphQuestion& q, int precision, bool hide) {
  const std::string formula =
      q.gradient ? NodeGradFormula(graph, q.node, precision) : NodeValueFormula(graph, q.node, precision);
  return hide ? HideResult(formula) : formula;
}

PredictPanel GraphPanel(const AppState& state, const GraphStepper& s) {
  const GraphPredictState& p = s.predict;
  PredictPanel panel;
  panel.has_verdict = p.has_last;
  if (p.has_last) {
    panel.right = p.last.right;
    panel.revealed = p.last.revealed;
    panel.mistake = p.last.mistake;
    panel.verdict_vars = {{"name", QuestionName(s.complete, p.last.item)},
                          {"value", Num(p.last.expected, state.precision)},
                          {"typed", ExactNum(p.last.typed)}};
    panel.verdict_formula = QuestionFormula(s.complete, p.last.item, state.precision, false);
  }
  if (const std::optional<GraphQuestion> q = CurrentGraphQuestion(p, s.complete, s.position)) {
    panel.asking = true;
    panel.name = QuestionName(s.complete, *q);
    panel.index = p.question;
    panel.count = CurrentGraphQuestionCount(p, s.complete, s.position);
    panel.question_formula = QuestionFormula(s.complete, *q, state.precision, true);
    panel.focus_key =
        "graph:" + std::to_string(p.frontier) + ":" + std::to_string(p.question) + ":" + std::to_string(p.score.asked);
  }
  panel.session_score = &p.score;
  return panel;
}

void DrawGraphPredict(AppState& state, GraphStepper& s) {
  bool on = s.predict.on;
  if (ImGui::Checkbox("Predict (P)", &on)) SetGraphPredictMode(&s.predict, on, s.position);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ContentText(state.language, "predict#switch").c_str());
  if (!s.predict.on) return;
  const PredictAction action = DrawPredictPanel(state, GraphPanel(state, s));
  Status status;
  if (action == PredictAction::kReveal) status = RevealGraphPrediction(&s.predict, s.complete, &s.position);
  if (action == PredictAction::kCheck)
    status = SubmitGraphPrediction(&s.predict, s.complete, &s.position, state.predict_text, state.precision);
  if (action != PredictAction::kNone) {
    state.predict_error = status.error;
    if (!status.ok()) state.predict_focused_for.clear();
    Show(s);
  }
}

const char* KindWords(NodeKind kind) {
  switch (kind) {
    case NodeKind::kInput: return "an input";
    case NodeKind::kWeight: return "a weight";
    case NodeKind::kBias: return "a bias";
    case NodeKind::kConstant: return "a constant";
    case NodeKind::kAdd: return "a sum of two";
    case NodeKind::kSubtract: return "a difference";
    case NodeKind::kMultiply: return "a product";
    case NodeKind::kDivide: return "a quotient";
    case NodeKind::kNegate: return "a negation";
    case NodeKind::kPower: return "a power";
    case NodeKind::kExp: return "an exponential";
    case NodeKind::kLog: return "a natural logarithm";
    case NodeKind::kSum: return "a sum";
    case NodeKind::kActivation: return "an activation";
    case NodeKind::kLoss: return "a loss term";
  }
  return "a node";
}
}  // namespace

void DrawGraphStepperCanvas(AppState& state, GraphStepper* stepper) {
  GraphStepper& s = *stepper;
  if (!GraphStepperReady(s)) return;
  DrawButtons(state.language, s);
  DrawGraphPredict(state, s);
  ImGui::Separator();
  GraphViewOptions options;
  options.precision = state.precision;
  options.ui_scale = DesiredUiScale(state);
  options.dark = state.dark_theme;
  DrawGraphView(s.graph, s.complete, GraphProgressAt(s.base, s.position), options, ImGui::GetContentRegionAvail(),
                &s.hovered_node, &s.selected_node);
}

// The formulas of one node: how its value came about, then its gradient as far as it is known.
void DrawGraphStepperMath(const AppState& state, const GraphStepper& s) {
  const int n = s.hovered_node >= 0 ? s.hovered_node : s.selected_node >= 0 ? s.selected_node : s.current_node;
  if (n < 0 || n >= static_cast<int>(s.graph.nodes.size())) {
    ImGui::TextDisabled("%s", ContentText(state.language, "stepper#graph-press-next").c_str());
    ImGui::TextDisabled("%s", ContentText(state.language, "stepper#graph-hover").c_str());
    return;
  }
  const int p = state.precision;
  const Node& node = s.graph.nodes[n];
  const GraphProgress progress = GraphProgressAt(s.base, s.position);
  ImGui::Text("%s: %s", node.label.c_str(), KindWords(node.kind));
  if (NodeHasValue(s.graph, progress, n)) {
    WrappedText(NodeValueFormula(s.graph, n, p));
  } else {
    ImGui::TextDisabled("%s", ContentText(state.language, "stepper#graph-no-value").c_str());
  }
  if (n == s.current_node && progress.seeded && progress.backward_done > 0) {
    ImGui::TextUnformatted(ContentText(state.language, "stepper#graph-hands-on").c_str());
    for (const std::string& line : BackwardStepFormulas(s.previous, s.graph, n, p)) WrappedText(line);
  }
  switch (NodeGradState(s.graph, progress, n)) {
    case GradState::kComplete: WrappedText(NodeGradFormula(s.graph, n, p)); break;
    case GradState::kPartial:
      WrappedText(
          ContentText(state.language, "stepper#graph-partial",
                      {{"gradient", GradName(s.graph, n)}, {"value", Num(node.grad, p)}, {"node", node.label}}));
      break;
    case GradState::kNone:
      ImGui::TextDisabled("%s", ContentText(state.language, "stepper#graph-no-gradient").c_str());
      break;
  }
  ImGui::TextDisabled("%s", ContentText(state.language, "stepper#graph-hover").c_str());
}

void AddGraphStepperJson(const AppState& state, const GraphStepper& s, Json* json) {
  (*json)["position"] = s.position;
  (*json)["lastPosition"] = s.last_position;
  (*json)["phase"] = s.phase;
  if (s.current_node >= 0) (*json)["currentNode"] = s.graph.nodes[s.current_node].label;
  if (GraphStepperReady(s)) (*json)["stepText"] = DescribeGraphStep(state.language, s);  // beside the buttons
  if (s.graph.root >= 0) {
    (*json)["root"] = {{"label", s.graph.nodes[s.graph.root].label},
                       {"value", NumberOrNull(s.graph.nodes[s.graph.root].value)},
                       {"grad", NumberOrNull(s.graph.nodes[s.graph.root].grad)}};
  }
  const PredictPanel panel = GraphPanel(state, s);
  Json predict = {{"on", s.predict.on},
                  {"error", state.predict_error},
                  {"score", {{"right", s.predict.score.right}, {"asked", s.predict.score.asked}}}};
  predict["question"] = Json();
  if (const std::optional<GraphQuestion> q = CurrentGraphQuestion(s.predict, s.complete, s.position)) {
    predict["question"] = {
        {"node", s.complete.nodes[q->node].label}, {"gradient", q->gradient}, {"name", panel.name},
        {"formula", panel.question_formula},       {"index", panel.index},    {"count", panel.count}};
  }
  predict["verdict"] = Json();
  if (s.predict.has_last) {
    const GraphPredictRecord& last = s.predict.last;
    predict["verdict"] = {
        {"node", s.complete.nodes[last.item.node].label},
        {"gradient", last.item.gradient},
        {"formula", panel.verdict_formula},
        {"right", last.right},
        {"revealed", last.revealed},
        {"typed", NumberOrNull(last.typed)},
        {"expected", NumberOrNull(last.expected)},
        {"mistake", last.mistake.empty() ? Json() : Json(last.mistake.substr(last.mistake.find('#') + 1))},
        {"diagnosis", last.mistake.empty() ? Json() : Json(ContentText(state.language, last.mistake))}};
  }
  (*json)["predict"] = predict;
}

std::string GraphStepperCommand(AppState& state, GraphStepper* stepper, const std::string& command, const Json& request,
                                Json (*lesson_json)(const AppState&)) {
  GraphStepper& s = *stepper;
  if (command == "graphStep") {
    if (!GraphStepperReady(s)) return ErrorAnswer("there is no graph to step through");
    const std::string direction = request.contains("direction") && request["direction"].is_string()
                                      ? request["direction"].get<std::string>()
                                      : "next";
    if (direction != "next" && direction != "previous" && direction != "end" && direction != "start") {
      return ErrorAnswer("direction must be next, previous, start or end");
    }
    long long count = 1;
    if (request.contains("count")) {
      if (!request["count"].is_number_integer() || request["count"].get<long long>() < 1)
        return ErrorAnswer("count must be a whole number ≥ 1");
      count = std::min<long long>(request["count"].get<long long>(), s.last_position);
    }
    const int from = s.pending_position >= 0 ? s.pending_position : s.position;
    const int target = direction == "next"       ? from + static_cast<int>(count)
                       : direction == "previous" ? from - static_cast<int>(count)
                       : direction == "end"      ? s.last_position
                                                 : 0;
    s.pending_position = std::clamp(target, 0, s.last_position);
    return Json{{"ok", true}, {"pendingPosition", s.pending_position}}.dump();
  }
  if (command != "setPredict" && command != "predict" && command != "revealPrediction") return "";
  if (!GraphStepperReady(s)) return ErrorAnswer("there is no graph to step through");
  Status status;
  if (command == "setPredict") {
    if (!request.contains("on") || !request["on"].is_boolean())
      return ErrorAnswer("setPredict needs \"on\": true or false");
    ApplyPendingGraphStep(&s);
    SetGraphPredictMode(&s.predict, request["on"].get<bool>(), s.position);
  } else if (command == "predict") {
    const Result<std::string> typed = ReadTypedAnswer(request);
    if (!typed.ok()) return ErrorAnswer(typed.error());
    status = SubmitGraphPrediction(&s.predict, s.complete, &s.position, typed.value(), state.precision);
    state.predict_error = status.error;
  } else {
    status = RevealGraphPrediction(&s.predict, s.complete, &s.position);
  }
  if (!status.ok()) return ErrorAnswer(status.error);
  Show(s);
  return Json{{"ok", true}, {"lessonState", lesson_json(state)}}.dump();
}

}  // namespace bp
