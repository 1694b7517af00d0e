// Lesson "Your own expression graph": the learner types a few lines of arithmetic (core/expression.h),
// the app builds the scalar graph and steps through it forward and backward node by node with the
// autodiff lesson's stepper (graph_stepper.h), predict mode included. A refused text points at its
// character and keeps the previous graph; NaN and ∞ are said in words. Each input's gradient is shown
// next to a central finite difference of the whole expression.
// Its words: content/en/expression.md.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/lessons/graph_stepper.h"
#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/session/json.h"
#include "app/widgets/fonts.h"
#include "app/widgets/graph_view.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/widgets.h"
#include "core/expression.h"
#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"

namespace bp {

namespace {
constexpr double kStep = 1e-6;  // the finite difference's h, relative to max(1, |input|)

struct Example {
  const char* name;
  const char* text;
};
// The first is the lesson's start: micrograd's README example without its += lines.
const Example kExamples[] = {
    {"Start", "a = -4\nb = 2\nc = a + b\nd = a*b + b**3\ne = c - d\nf = e**2\ng = f / 2.0"},
    {"A neuron", "w1 = 0.5; x1 = 2; w2 = -1; x2 = 1; b = 0.1\ntanh(w1*x1 + w2*x2 + b)"},
    {"Used twice", "x = 3\ny = x*x + x"},
    {"Softplus", "z = -1.5\nL = log(1 + exp(z))"},
    {"Broken", "a = -2\nb = 0\nc = log(a) + 1/b"},
};

struct ExpressionState {
  std::string typed = kExamples[0].text;  // the text box
  std::string text;                       // the text of the graph shown
  std::string error;                      // the last refusal, "" when the box's text was accepted
  int error_position = 0;                 // 1-based character of the refusal, 0 for the whole text
  ExpressionGraph expression;
  NonFinite non_finite;
  GraphStepper stepper;
  // Per node of the graph, computed once when it is built: how many times it is an operand, and for
  // the inputs the central finite difference of the whole expression.
  std::vector<int> uses;
  std::vector<double> finite_difference;
};

// The root's value with input node n set to v (the rest as typed), for the finite difference.
double RootWith(const Graph& complete, int n, double v) {
  Graph nudged = complete;
  nudged.nodes[n].value = v;
  Forward(&nudged);
  return nudged.nodes[nudged.root].value;
}
double FiniteDifference(const Graph& complete, int n) {
  const double x = complete.nodes[n].value;
  const double h = kStep * std::max(1.0, std::fabs(x));
  return (RootWith(complete, n, x + h) - RootWith(complete, n, x - h)) / (2.0 * h);
}

// How many times the graph uses node n as an operand (a value used twice adds its gradients).
int Uses(const Graph& graph, int n) {
  int uses = 0;
  for (const Node& node : graph.nodes)
    uses += static_cast<int>(std::count(node.operands.begin(), node.operands.end(), n));
  return uses;
}

// Parses `text`; on success the stepper starts on the new graph, on refusal everything stays.
bool Build(ExpressionState& s, const std::string& text) {
  int position = 0;
  Result<ExpressionGraph> parsed = ParseExpression(text, &position);
  if (!parsed.ok()) {
    s.error = parsed.error();
    s.error_position = position;
    return false;
  }
  s.error.clear();
  s.error_position = 0;
  s.text = text;
  s.expression = parsed.value();
  StartGraphStepper(&s.stepper, s.expression.graph);
  s.non_finite = FindNonFinite(s.stepper.complete);
  const Graph& complete = s.stepper.complete;
  s.uses.assign(complete.nodes.size(), 0);
  s.finite_difference.assign(complete.nodes.size(), std::nan(""));
  for (int n = 0; n < static_cast<int>(complete.nodes.size()); ++n) s.uses[n] = Uses(complete, n);
  for (int n : s.expression.inputs) s.finite_difference[n] = FiniteDifference(complete, n);
  return true;
}

ExpressionState& Lesson(AppState& state) {
  ExpressionState& s = state.lesson_states.Get<ExpressionState>();
  if (!GraphStepperReady(s.stepper) && s.error.empty()) Build(s, s.typed);
  return s;
}

// The refused line with a caret under the character the error names.
void DrawErrorCaret(const AppState& state, const ExpressionState& s) {
  WarningText(state, "✗ " + s.error);
  if (s.error_position <= 0) return;
  // Find the line of the 1-based character (code points, as the parser counts them).
  int line_start = 0, column = 0, count = 0;
  for (size_t i = 0; i < s.typed.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s.typed[i]);
    if ((c & 0xC0) == 0x80) continue;  // a continuation byte of a UTF-8 character
    ++count;
    if (count == s.error_position) break;
    if (c == '\n') {
      line_start = static_cast<int>(i) + 1;
      column = 0;
    } else {
      ++column;
    }
  }
  const size_t line_end = s.typed.find('\n', line_start);
  const std::string line =
      s.typed.substr(line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
  ImGui::PushFont(Fonts().mono);
  ImGui::TextUnformatted(Printable(line, 80).c_str());
  ImGui::TextUnformatted((std::string(std::min(column, 80), ' ') + "^").c_str());
  ImGui::PopFont();
}

void DrawInputs(const AppState& state, const ExpressionState& s) {
  const GraphStepper& st = s.stepper;
  const GraphProgress progress = GraphProgressAt(st.base, st.position);
  if (!ImGui::BeginTable("##inputs", 4, ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) return;
  for (const char* head : {"input", "value", "∂E/∂input", "finite difference"}) ImGui::TableSetupColumn(head);
  ImGui::TableHeadersRow();
  for (int n : s.expression.inputs) {
    const Node& node = st.graph.nodes[n];
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted((node.label + (s.uses[n] > 1 ? " (used " + std::to_string(s.uses[n]) + "×)" : "")).c_str());
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(Num(node.value, state.precision).c_str());
    ImGui::TableNextColumn();
    const bool known = NodeGradState(st.graph, progress, n) == GradState::kComplete;
    if (known) {
      ImGui::TextUnformatted(Num(node.grad, state.precision).c_str());
    } else {
      ImGui::TextDisabled("not yet");
    }
    ImGui::TableNextColumn();
    // In predict mode the check would give the answer away: it waits for the graph's gradient.
    if (known || !st.predict.on) {
      ImGui::TextUnformatted(Num(s.finite_difference[n], state.precision).c_str());
    } else {
      ImGui::TextDisabled("after the graph's");
    }
  }
  ImGui::EndTable();
}
}  // namespace

void ExpressionUpdate(AppState& state) { ApplyPendingGraphStep(&Lesson(state).stepper); }

void ExpressionCanvas(AppState& state) { DrawGraphStepperCanvas(state, &Lesson(state).stepper); }

void ExpressionPanel(AppState& state) {
  ExpressionState& s = Lesson(state);
  Say(state, "expression#intro");
  Say(state, "expression#try");
  const float height = ImGui::GetTextLineHeight() * 7.5f;
  ImGui::PushFont(Fonts().mono);
  ImGui::InputTextMultiline("##expression", &s.typed, ImVec2(-1.0f, height), ImGuiInputTextFlags_AllowTabInput);
  ImGui::PopFont();
  // Ctrl+Enter in the box builds (ImGui ends the editing on Ctrl+Enter, so the box may be deactivated
  // in this very frame).
  const bool shortcut = (ImGui::IsItemActive() || ImGui::IsItemDeactivated()) && ImGui::GetIO().KeyCtrl &&
                        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter), false);
  if (ImGui::Button("Build the graph (Ctrl+Enter)") || shortcut) Build(s, s.typed);
  ImGui::SameLine();
  const int characters = static_cast<int>(std::count_if(
      s.typed.begin(), s.typed.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
  ImGui::TextDisabled("%d / %d characters", characters, kMaxExpressionLength);
  for (size_t k = 0; k < std::size(kExamples); ++k) {
    if (k > 0) SameLineIfFits(ButtonWidth(kExamples[k].name));
    if (ImGui::Button(kExamples[k].name)) {
      s.typed = kExamples[k].text;
      Build(s, s.typed);
    }
  }
  if (!s.error.empty()) {
    DrawErrorCaret(state, s);
    Say(state, "expression#kept");
  }
  if (!s.non_finite.sentence.empty()) WarningText(state, "⚠ " + s.non_finite.sentence);
  ImGui::TextDisabled("%s", ContentText(state.language, "stepper#graph-keys").c_str());
  if (!GraphStepperReady(s.stepper)) return;
  ImGui::Separator();
  Say(state, "expression#inputs", {{"root", s.stepper.base.nodes[s.stepper.base.root].label}});
  DrawInputs(state, s);
  ImGui::Separator();
  ImGui::PushFont(Fonts().heading);
  ImGui::TextUnformatted("The math");
  ImGui::PopFont();
  DrawGraphStepperMath(state, s.stepper);
  ImGui::Separator();
  Say(state, "expression#grammar");
}

// ---- The lesson's part of the JS API ----
namespace {
Json ExpressionJson(const AppState& state) {
  const ExpressionState& s = state.lesson_states.Get<ExpressionState>();
  Json json = {{"text", s.text},
               {"typed", s.typed},
               {"error", s.error},
               {"errorPosition", s.error_position},
               {"nonFinite", s.non_finite.sentence}};
  AddGraphStepperJson(state, s.stepper, &json);
  if (!GraphStepperReady(s.stepper)) return json;
  const Graph& complete = s.stepper.complete;
  Json nodes = Json::array();
  int max_uses = 0;
  for (int n = 0; n < static_cast<int>(complete.nodes.size()); ++n) {
    const Node& node = complete.nodes[n];
    max_uses = std::max(max_uses, s.uses[n]);
    nodes.push_back({{"label", node.label},
                     {"kind", NodeKindName(node.kind)},
                     {"value", NumberOrNull(node.value)},
                     {"grad", NumberOrNull(node.grad)},
                     {"uses", s.uses[n]}});
  }
  Json inputs = Json::array();
  for (int n : s.expression.inputs) {
    inputs.push_back({{"name", complete.nodes[n].label},
                      {"value", NumberOrNull(complete.nodes[n].value)},
                      {"grad", NumberOrNull(complete.nodes[n].grad)},
                      {"finiteDifference", NumberOrNull(s.finite_difference[n])},
                      {"uses", s.uses[n]}});
  }
  json["nodes"] = nodes;
  json["nodeCount"] = static_cast<int>(complete.nodes.size());
  json["inputs"] = inputs;
  json["maxUses"] = max_uses;
  json["done"] = s.stepper.position == s.stepper.last_position;
  json["predictRight"] = s.stepper.predict.score.right;
  json["ownText"] =
      std::none_of(std::begin(kExamples), std::end(kExamples), [&](const Example& e) { return s.text == e.text; });
  return json;
}

std::string ExpressionCommand(AppState& state, const std::string& command, const Json& request) {
  ExpressionState& s = Lesson(state);
  if (command == "setExpression") {
    if (!request.contains("text") || !request["text"].is_string()) return ErrorAnswer("setExpression needs \"text\"");
    const std::string text = request["text"].get<std::string>();
    s.typed = text;
    if (!Build(s, text)) {
      Json answer = {{"ok", false}, {"error", s.error}, {"position", s.error_position}};
      return answer.dump();
    }
    return LessonStateAnswer(ExpressionJson(state));
  }
  return GraphStepperCommand(state, &s.stepper, command, request, ExpressionJson);
}

void ExpressionEnter(AppState& state) { Lesson(state); }
}  // namespace

LessonInfo ExpressionLesson() {
  return {"expression",     "Your own expression graph",
          ExpressionEnter,  ExpressionUpdate,
          ExpressionCanvas, ExpressionPanel,
          ExpressionJson,   ExpressionCommand};
}

}  // namespace bp
