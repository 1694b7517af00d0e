// Lesson: autodiff — the worked example's network unfolded into a graph of single numbers, the way
// micrograd and the big libraries see it. A stepper of its own evaluates the graph node by node,
// then passes gradients back node by node; the gradients equal backpropagation's.
#include <algorithm>
#include <string>

#include "app/lessons/autodiff_state.h"
#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/display.h"
#include "app/session/format.h"
#include "app/session/worked_example_network.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/fonts.h"
#include "app/widgets/graph_view.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
// Shows the graph at ad.position.
void Show(AutodiffState& ad) {
  const GraphProgress progress = GraphProgressAt(ad.base, ad.position);
  ad.graph = GraphAt(ad.base, progress);
  ad.previous = GraphAt(ad.base, GraphProgressAt(ad.base, ad.position - 1));
  ad.current_node = CurrentGraphNode(ad.graph, progress);
  const int computed = static_cast<int>(ad.base.forward_order.size());
  ad.phase = ad.position == 0                 ? "start"
             : ad.position <= computed        ? "forward"
             : ad.position < ad.last_position ? "backward"
                                              : "done";
}

// Moves the graph's stepper; in predict mode a forward move stops before a step with questions left.
void GoTo(AutodiffState& ad, int position) {
  position = std::max(0, std::min(position, ad.last_position));
  if (position > ad.position) {
    position = GraphPredictStop(&ad.predict, ad.complete, position);
  } else {
    ad.predict.asking = false;
  }
  ad.position = position;
  Show(ad);
}

void Start(AppState& state) {
  AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  const GraphPredictState predict = ad.predict;
  ad = AutodiffState();
  SetGraphPredictMode(&ad.predict, predict.on, 0);
  WorkedExampleData example = WorkedExample();
  Result<Graph> built = BuildGraph(example.mlp, example.x, example.t);
  if (!built.ok()) {
    state.banner = "This lesson could not build its graph: " + built.error();
    return;
  }
  ad.mlp = example.mlp;
  ad.base = built.value();
  ad.complete = ad.base;
  Forward(&ad.complete);
  Backward(&ad.complete);
  // The network's own backpropagation on the same numbers, to compare with the graph's.
  ad.network = Backward(ad.mlp, Forward(ad.mlp, example.x), example.t);
  ad.w1 = FindWeightNode(ad.base, 0, 0, 0);
  ad.w5 = FindWeightNode(ad.base, 1, 0, 0);
  ad.last_position = GraphStepCount(ad.base);
  GoTo(ad, 0);
}

// Where the stepper stands, in words: the forward node just computed, the seed ∂E_total/∂E_total = 1,
// or the backward node that just passed its gradient on.
std::string DescribeStep(const std::string& language, const AutodiffState& ad) {
  const int computed = static_cast<int>(ad.base.forward_order.size());
  if (ad.position == 0) return ContentText(language, "autodiff#step-start");
  const std::string& label = ad.graph.nodes[ad.current_node].label;
  if (ad.position <= computed) {
    return ContentText(language, "autodiff#step-forward",
                       {{"step", std::to_string(ad.position)}, {"count", std::to_string(computed)}, {"node", label}});
  }
  if (ad.position == computed + 1) return ContentText(language, "autodiff#step-seed");
  const ContentVars vars = {
      {"step", std::to_string(ad.position - computed - 1)}, {"count", std::to_string(computed)}, {"node", label}};
  return ad.position == ad.last_position ? ContentText(language, "autodiff#step-done", vars)
                                         : ContentText(language, "autodiff#step-backward", vars);
}

void HandleKeys(AutodiffState& ad) {
  if (ImGui::GetIO().WantTextInput) return;
  for (ImWchar c : ImGui::GetIO().InputQueueCharacters) {
    if (c == 'p' || c == 'P') SetGraphPredictMode(&ad.predict, !ad.predict.on, ad.position);
    if ((c == 'r' || c == 'R') && CurrentGraphQuestion(ad.predict, ad.complete, ad.position)) {
      (void)RevealGraphPrediction(&ad.predict, ad.complete, &ad.position);
      Show(ad);
    }
  }
  // Dear ImGui 1.86 asks for the backend's key index, not the ImGuiKey itself.
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) GoTo(ad, ad.position + 1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) GoTo(ad, ad.position - 1);
  if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Home), false)) GoTo(ad, 0);
}

void DrawStepper(const std::string& language, AutodiffState& ad) {
  HandleKeys(ad);
  if (ImGui::Button("⇤ Restart")) GoTo(ad, 0);
  ImGui::SameLine();
  ImGui::BeginDisabled(ad.position == 0);
  if (ImGui::Button("◀ Previous")) GoTo(ad, ad.position - 1);
  ImGui::EndDisabled();
  ImGui::SameLine();
  ImGui::BeginDisabled(ad.position == ad.last_position);
  if (ImGui::Button("Next ▶")) GoTo(ad, ad.position + 1);
  ImGui::SameLine();
  if (ImGui::Button("End ⇥")) GoTo(ad, ad.last_position);
  ImGui::EndDisabled();
  const std::string where = DescribeStep(language, ad);
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
  const std::string formula = q.gradient ? NodeGradFormula(graph, q.node, precision) : NodeValueFormula(graph, q.node, precision);
  return hide ? HideResult(formula) : formula;
}

PredictPanel GraphPanel(const AppState& state) {
  const AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  const GraphPredictState& p = ad.predict;
  PredictPanel panel;
  panel.has_verdict = p.has_last;
  if (p.has_last) {
    panel.right = p.last.right;
    panel.revealed = p.last.revealed;
    panel.mistake = p.last.mistake;
    panel.verdict_vars = {{"name", QuestionName(ad.complete, p.last.item)},
                          {"value", Num(p.last.expected, state.precision)},
                          {"typed", ExactNum(p.last.typed)}};
    panel.verdict_formula = QuestionFormula(ad.complete, p.last.item, state.precision, false);
  }
  if (const std::optional<GraphQuestion> q = CurrentGraphQuestion(p, ad.complete, ad.position)) {
    panel.asking = true;
    panel.name = QuestionName(ad.complete, *q);
    panel.index = p.question;
    panel.count = CurrentGraphQuestionCount(p, ad.complete, ad.position);
    panel.question_formula = QuestionFormula(ad.complete, *q, state.precision, true);
    panel.focus_key = "graph:" + std::to_string(p.frontier) + ":" + std::to_string(p.question) + ":" +
                      std::to_string(p.score.asked);
  }
  panel.session_score = &p.score;
  return panel;
}

void DrawGraphPredict(AppState& state) {
  AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  bool on = ad.predict.on;
  if (ImGui::Checkbox("Predict (P)", &on)) SetGraphPredictMode(&ad.predict, on, ad.position);
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ContentText(state.language, "predict#switch").c_str());
  if (!ad.predict.on) return;
  const PredictAction action = DrawPredictPanel(state, GraphPanel(state));
  Status status;
  if (action == PredictAction::kReveal) status = RevealGraphPrediction(&ad.predict, ad.complete, &ad.position);
  if (action == PredictAction::kCheck)
    status = SubmitGraphPrediction(&ad.predict, ad.complete, &ad.position, state.predict_text, state.precision);
  if (action != PredictAction::kNone) {
    state.predict_error = status.error;
    if (!status.ok()) state.predict_focused_for.clear();
    Show(ad);
  }
}

const char* KindWords(NodeKind kind) {
  switch (kind) {
    case NodeKind::kInput: return "an input";
    case NodeKind::kWeight: return "a weight";
    case NodeKind::kBias: return "a bias";
    case NodeKind::kAdd: return "a sum of two";
    case NodeKind::kMultiply: return "a product";
    case NodeKind::kSum: return "a sum";
    case NodeKind::kActivation: return "an activation";
    case NodeKind::kLoss: return "a loss term";
  }
  return "a node";
}

// The formulas of one node: how its value came about, then its gradient as far as it is known.
void DrawNodeMath(const AppState& state, int n) {
  const AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  const int p = state.precision;
  const Node& node = ad.graph.nodes[n];
  const GraphProgress progress = GraphProgressAt(ad.base, ad.position);
  ImGui::Text("%s: %s", node.label.c_str(), KindWords(node.kind));
  if (NodeHasValue(ad.graph, progress, n)) {
    WrappedText(NodeValueFormula(ad.graph, n, p));
  } else {
    ImGui::TextDisabled("%s", ContentText(state.language, "autodiff#no-value").c_str());
  }
  if (n == ad.current_node && progress.seeded && progress.backward_done > 0) {
    ImGui::TextUnformatted(ContentText(state.language, "autodiff#hands-on").c_str());
    for (const std::string& line : BackwardStepFormulas(ad.previous, ad.graph, n, p)) WrappedText(line);
  }
  switch (NodeGradState(ad.graph, progress, n)) {
    case GradState::kComplete: WrappedText(NodeGradFormula(ad.graph, n, p)); break;
    case GradState::kPartial:
      WrappedText(
          ContentText(state.language, "autodiff#partial",
                      {{"gradient", GradName(ad.graph, n)}, {"value", Num(node.grad, p)}, {"node", node.label}}));
      break;
    case GradState::kNone:
      ImGui::TextDisabled("%s", ContentText(state.language, "autodiff#no-gradient").c_str());
      break;
  }
}

// ∂E/∂w from the graph (once the backward pass has reached it) next to the network's backprop.
void DrawComparison(const AppState& state) {
  const AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  const GraphProgress progress = GraphProgressAt(ad.base, ad.position);
  if (!ImGui::BeginTable("##same", 3, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("gradient");
  ImGui::TableSetupColumn("from the graph");
  ImGui::TableSetupColumn("from backprop");
  ImGui::TableHeadersRow();
  struct Row {
    int node;
    double backprop;
  };
  const Row rows[] = {{ad.w5, ad.network.layers[1].dW(0, 0)}, {ad.w1, ad.network.layers[0].dW(0, 0)}};
  for (const Row& row : rows) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(GradName(ad.graph, row.node).c_str());
    ImGui::TableNextColumn();
    const bool known = NodeGradState(ad.graph, progress, row.node) == GradState::kComplete;
    if (known) {
      ImGui::TextUnformatted(Num(ad.graph.nodes[row.node].grad, state.precision).c_str());
    } else {
      ImGui::TextDisabled("not yet");
    }
    ImGui::TableNextColumn();
    // In predict mode backprop's number would give the answer away: it waits for the graph's.
    if (known || !ad.predict.on) {
      ImGui::TextUnformatted(Num(row.backprop, state.precision).c_str());
    } else {
      ImGui::TextDisabled("after the graph's");
    }
  }
  ImGui::EndTable();
}
}  // namespace

void AutodiffEnter(AppState& state) { Start(state); }

// A move requested through the API is applied once per frame, before drawing.
void AutodiffUpdate(AppState& state) {
  AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  if (ad.base.nodes.empty() || ad.pending_position < 0) return;
  GoTo(ad, ad.pending_position);
  ad.pending_position = -1;
}

void AutodiffCanvas(AppState& state) {
  AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  if (ad.base.nodes.empty()) return;
  DrawStepper(state.language, ad);
  DrawGraphPredict(state);
  ImGui::Separator();
  GraphViewOptions options;
  options.precision = state.precision;
  options.ui_scale = DesiredUiScale(state);
  options.dark = state.dark_theme;
  DrawGraphView(ad.graph, ad.complete, GraphProgressAt(ad.base, ad.position), options, ImGui::GetContentRegionAvail(),
                &ad.hovered_node, &ad.selected_node);
}

void AutodiffPanel(AppState& state) {
  AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  Say(state, "autodiff#intro");
  ImGui::TextDisabled("%s", ContentText(state.language, "autodiff#keys").c_str());
  if (ad.base.nodes.empty()) return;
  ImGui::Separator();
  ImGui::PushFont(Fonts().heading);
  ImGui::TextUnformatted("The math");
  ImGui::PopFont();
  const int shown = ad.hovered_node >= 0 ? ad.hovered_node : ad.selected_node >= 0 ? ad.selected_node : ad.current_node;
  if (shown >= 0) {
    DrawNodeMath(state, shown);
  } else {
    ImGui::TextDisabled("%s", ContentText(state.language, "autodiff#press-next").c_str());
  }
  ImGui::TextDisabled("%s", ContentText(state.language, "autodiff#hover").c_str());
  ImGui::Separator();
  Say(state, "autodiff#compare");
  DrawComparison(state);
  ImGui::Separator();
  Say(state, "autodiff#try");
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json AutodiffLessonJson(const AppState& state) {
  const AutodiffState& s = state.lesson_states.Get<AutodiffState>();
  Json json = {{"position", s.position}, {"lastPosition", s.last_position}, {"phase", s.phase}};
  if (s.current_node >= 0) json["currentNode"] = s.graph.nodes[s.current_node].label;
  if (!s.base.nodes.empty()) json["stepText"] = DescribeStep(state.language, s);  // the line beside the buttons
  if (s.graph.root >= 0) {
    json["root"] = {{"label", s.graph.nodes[s.graph.root].label},
                    {"value", s.graph.nodes[s.graph.root].value},
                    {"grad", s.graph.nodes[s.graph.root].grad}};
  }
  const PredictPanel panel = GraphPanel(state);
  Json predict = {{"on", s.predict.on}, {"error", state.predict_error},
                  {"score", {{"right", s.predict.score.right}, {"asked", s.predict.score.asked}}}};
  predict["question"] = Json();
  if (const std::optional<GraphQuestion> q = CurrentGraphQuestion(s.predict, s.complete, s.position)) {
    predict["question"] = {{"node", s.complete.nodes[q->node].label}, {"gradient", q->gradient}, {"name", panel.name},
                           {"formula", panel.question_formula}, {"index", panel.index}, {"count", panel.count}};
  }
  predict["verdict"] = Json();
  if (s.predict.has_last) {
    const GraphPredictRecord& last = s.predict.last;
    predict["verdict"] = {
        {"node", s.complete.nodes[last.item.node].label}, {"gradient", last.item.gradient},
        {"formula", panel.verdict_formula}, {"right", last.right}, {"revealed", last.revealed},
        {"typed", NumberOrNull(last.typed)}, {"expected", NumberOrNull(last.expected)},
        {"mistake", last.mistake.empty() ? Json() : Json(last.mistake.substr(last.mistake.find('#') + 1))},
        {"diagnosis", last.mistake.empty() ? Json() : Json(ContentText(state.language, last.mistake))}};
  }
  json["predict"] = predict;
  if (s.w5 >= 0 && s.w1 >= 0) {
    json["w5"] = {{"value", s.graph.nodes[s.w5].value},
                  {"grad", s.graph.nodes[s.w5].grad},
                  {"backprop", s.network.layers[1].dW(0, 0)}};
    json["w1"] = {{"value", s.graph.nodes[s.w1].value},
                  {"grad", s.graph.nodes[s.w1].grad},
                  {"backprop", s.network.layers[0].dW(0, 0)}};
  }
  return json;
}

// setPredict, predict and revealPrediction, as for the stepper (docs/embedding.md).
std::string GraphPredictCommand(AppState& state, const std::string& command, const Json& request) {
  AutodiffState& s = state.lesson_states.Get<AutodiffState>();
  if (s.base.nodes.empty()) return ErrorAnswer("the graph could not be built");
  Status status;
  if (command == "setPredict") {
    if (!request.contains("on") || !request["on"].is_boolean()) return ErrorAnswer("setPredict needs \"on\": true or false");
    if (s.pending_position >= 0) GoTo(s, s.pending_position);
    s.pending_position = -1;
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
  return Json{{"ok", true}, {"lessonState", AutodiffLessonJson(state)}}.dump();
}

std::string AutodiffCommand(AppState& state, const std::string& command, const Json& request) {
  if (command == "setPredict" || command == "predict" || command == "revealPrediction")
    return GraphPredictCommand(state, command, request);
  if (command != "graphStep") return "";
  AutodiffState& s = state.lesson_states.Get<AutodiffState>();
  std::string direction = request.contains("direction") && request["direction"].is_string()
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
  int from = s.pending_position >= 0 ? s.pending_position : s.position;
  int target = direction == "next"       ? from + static_cast<int>(count)
               : direction == "previous" ? from - static_cast<int>(count)
               : direction == "end"      ? s.last_position
                                         : 0;
  s.pending_position = std::clamp(target, 0, s.last_position);
  return Json{{"ok", true}, {"pendingPosition", s.pending_position}}.dump();
}

}  // namespace

LessonInfo AutodiffLesson() {
  return {"autodiff",     "Autodiff graph", AutodiffEnter,      AutodiffUpdate,
          AutodiffCanvas, AutodiffPanel,    AutodiffLessonJson, AutodiffCommand};
}

}  // namespace bp
