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
#include "app/widgets/fonts.h"
#include "app/widgets/graph_view.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
void GoTo(AutodiffState& ad, int position) {
  ad.position = std::max(0, std::min(position, ad.last_position));
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

void Start(AppState& state) {
  AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  ad = AutodiffState();
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
    if (NodeGradState(ad.graph, progress, row.node) == GradState::kComplete) {
      ImGui::TextUnformatted(Num(ad.graph.nodes[row.node].grad, state.precision).c_str());
    } else {
      ImGui::TextDisabled("not yet");
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Num(row.backprop, state.precision).c_str());
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

std::string AutodiffCommand(AppState& state, const std::string& command, const Json& request) {
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
