// Lesson: autodiff — the worked example's network unfolded into a graph of single numbers, the way
// micrograd and the big libraries see it. The graph's stepper (graph_stepper.h) evaluates it node by
// node, then passes gradients back node by node; the gradients equal backpropagation's.
#include <string>

#include "app/lessons/autodiff_state.h"
#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/session/worked_example_network.h"
#include "app/widgets/fonts.h"
#include "app/widgets/graph_view.h"
#include "app/widgets/markdown_view.h"
#include "imgui.h"

namespace bp {

namespace {
void Start(AppState& state) {
  AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  WorkedExampleData example = WorkedExample();
  Result<Graph> built = BuildGraph(example.mlp, example.x, example.t);
  if (!built.ok()) {
    state.banner = "This lesson could not build its graph: " + built.error();
    return;
  }
  ad.mlp = example.mlp;
  StartGraphStepper(&ad.stepper, built.value());
  // The network's own backpropagation on the same numbers, to compare with the graph's.
  ad.network = Backward(ad.mlp, Forward(ad.mlp, example.x), example.t);
  ad.w1 = FindWeightNode(ad.stepper.base, 0, 0, 0);
  ad.w5 = FindWeightNode(ad.stepper.base, 1, 0, 0);
}

// ∂E/∂w from the graph (once the backward pass has reached it) next to the network's backprop.
void DrawComparison(const AppState& state) {
  const AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  const GraphStepper& s = ad.stepper;
  const GraphProgress progress = GraphProgressAt(s.base, s.position);
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
    ImGui::TextUnformatted(GradName(s.graph, row.node).c_str());
    ImGui::TableNextColumn();
    const bool known = NodeGradState(s.graph, progress, row.node) == GradState::kComplete;
    if (known) {
      ImGui::TextUnformatted(Num(s.graph.nodes[row.node].grad, state.precision).c_str());
    } else {
      ImGui::TextDisabled("not yet");
    }
    ImGui::TableNextColumn();
    // In predict mode backprop's number would give the answer away: it waits for the graph's.
    if (known || !s.predict.on) {
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
void AutodiffUpdate(AppState& state) { ApplyPendingGraphStep(&state.lesson_states.Get<AutodiffState>().stepper); }

void AutodiffCanvas(AppState& state) {
  DrawGraphStepperCanvas(state, &state.lesson_states.Get<AutodiffState>().stepper);
}

void AutodiffPanel(AppState& state) {
  AutodiffState& ad = state.lesson_states.Get<AutodiffState>();
  Say(state, "autodiff#intro");
  ImGui::TextDisabled("%s", ContentText(state.language, "stepper#graph-keys").c_str());
  if (!GraphStepperReady(ad.stepper)) return;
  ImGui::Separator();
  ImGui::PushFont(Fonts().heading);
  ImGui::TextUnformatted("The math");
  ImGui::PopFont();
  DrawGraphStepperMath(state, ad.stepper);
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
  Json json = Json::object();
  AddGraphStepperJson(state, s.stepper, &json);
  const Graph& graph = s.stepper.graph;
  if (s.w5 >= 0 && s.w1 >= 0) {
    json["w5"] = {{"value", graph.nodes[s.w5].value},
                  {"grad", graph.nodes[s.w5].grad},
                  {"backprop", s.network.layers[1].dW(0, 0)}};
    json["w1"] = {{"value", graph.nodes[s.w1].value},
                  {"grad", graph.nodes[s.w1].grad},
                  {"backprop", s.network.layers[0].dW(0, 0)}};
  }
  return json;
}

std::string AutodiffCommand(AppState& state, const std::string& command, const Json& request) {
  return GraphStepperCommand(state, &state.lesson_states.Get<AutodiffState>().stepper, command, request,
                             AutodiffLessonJson);
}

}  // namespace

LessonInfo AutodiffLesson() {
  return {"autodiff",     "Autodiff graph", AutodiffEnter,      AutodiffUpdate,
          AutodiffCanvas, AutodiffPanel,    AutodiffLessonJson, AutodiffCommand};
}

}  // namespace bp
