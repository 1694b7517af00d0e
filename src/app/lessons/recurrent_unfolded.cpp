// Lesson "Recurrent nets, unfolded": a one-unit recurrent cell h_τ = tanh(w h_{τ−1} + u x_τ + b)
// with its loop, and the same cell unfolded over four time steps τ into a feed-forward graph built
// from core/graph.h nodes, the weights shared between the steps. Forward and Backward are the core's.
#include <algorithm>
#include <cmath>
#include <string>

#include "app/lessons/recurrent_unfolded_state.h"
#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

void BuildUnfoldedRnn(RecurrentUnfoldedState* s) {
  s->pending = false;
  Graph& g = s->graph;
  g = Graph();
  // One node per shared parameter: every time step points at the same w, u and b.
  s->w_node = AddWeightNode(&g, s->w, "w");
  s->u_node = AddWeightNode(&g, s->u, "u");
  s->b_node = AddBiasNode(&g, s->b, "b");
  s->h0_node = AddInputNode(&g, s->h0, "h0");
  int previous = s->h0_node;
  for (int t = 0; t < kRnnSteps; ++t) {
    const std::string step = std::to_string(t + 1);
    s->x_node[t] = AddInputNode(&g, s->x[t], "x" + step);
    s->recurrent_product[t] = AddMultiplyNode(&g, s->w_node, previous, "w·h" + std::to_string(t));
    s->input_product[t] = AddMultiplyNode(&g, s->u_node, s->x_node[t], "u·x" + step);
    const int sum = AddAddNode(&g, s->recurrent_product[t], s->input_product[t], "s" + step);
    const int net = AddAddNode(&g, sum, s->b_node, "z" + step);
    s->h_node[t] = AddActivationNode(&g, net, Activation::kTanh, ActivationParams(), "h" + step);
    previous = s->h_node[t];
  }
  s->loss_node = AddLossNode(&g, previous, Loss::kHalfSquaredError, s->target, "L");
  g.root = s->loss_node;
  Forward(&g);
  Backward(&g);
}

// The product w·h_{t−1} passes its gradient to w times its local gradient ∂(w·h)/∂w = h_{t−1}.
double RecurrentWeightContribution(const RecurrentUnfoldedState& s, int t) {
  const int n = s.recurrent_product[t];
  return s.graph.nodes[n].grad * LocalGradient(s.graph, n, 0);
}
double InputWeightContribution(const RecurrentUnfoldedState& s, int t) {
  const int n = s.input_product[t];
  return s.graph.nodes[n].grad * LocalGradient(s.graph, n, 0);
}

namespace {
constexpr float kBoxHeight = 2.6f;  // in font sizes

struct Canvas {
  ImDrawList* draw;
  float em;
  const Palette& palette;
  float box_width;  // pixels
};

void Box(const Canvas& c, ImVec2 centre, const std::string& title, const std::string& line2, ImU32 border,
         float width = 0.0f) {
  const ImVec2 half((width > 0.0f ? width : c.box_width) * 0.5f, kBoxHeight * c.em * 0.5f);
  const ImVec2 lo(centre.x - half.x, centre.y - half.y), hi(centre.x + half.x, centre.y + half.y);
  c.draw->AddRectFilled(lo, hi, c.palette.label_background, 0.3f * c.em);
  c.draw->AddRect(lo, hi, border, 0.3f * c.em, 0, 2.0f);
  const ImVec2 t1 = ImGui::CalcTextSize(title.c_str()), t2 = ImGui::CalcTextSize(line2.c_str());
  c.draw->AddText(ImVec2(centre.x - t1.x * 0.5f, centre.y - t1.y), c.palette.text, title.c_str());
  c.draw->AddText(ImVec2(centre.x - t2.x * 0.5f, centre.y), c.palette.muted_text, line2.c_str());
}

void Arrow(const Canvas& c, ImVec2 from, ImVec2 to, const std::string& label, ImU32 color) {
  c.draw->AddLine(from, to, color, 2.0f);
  const float dx = to.x - from.x, dy = to.y - from.y, len = std::max(1.0f, std::sqrt(dx * dx + dy * dy));
  const float ux = dx / len, uy = dy / len, head = 0.5f * c.em;
  c.draw->AddTriangleFilled(to, ImVec2(to.x - ux * head - uy * head * 0.6f, to.y - uy * head + ux * head * 0.6f),
                            ImVec2(to.x - ux * head + uy * head * 0.6f, to.y - uy * head - ux * head * 0.6f), color);
  if (!label.empty()) {
    c.draw->AddText(ImVec2((from.x + to.x) * 0.5f + 0.3f * c.em, (from.y + to.y) * 0.5f - 1.1f * c.em), color,
                    label.c_str());
  }
}
}  // namespace

void RecurrentUnfoldedEnter(AppState& state) { BuildUnfoldedRnn(&state.lesson_states.Get<RecurrentUnfoldedState>()); }

void RecurrentUnfoldedCanvas(AppState& state) {
  RecurrentUnfoldedState& s = state.lesson_states.Get<RecurrentUnfoldedState>();
  if (s.pending) BuildUnfoldedRnn(&s);
  const Graph& g = s.graph;
  const int d = state.precision;
  const float em = ImGui::GetFontSize();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = std::max(ImGui::GetContentRegionAvail().x, 30.0f * em);
  // Columns: h0, the four steps, the loss; boxes take 80 % of a column so the arrows between show.
  const float step_w = std::min(width / (kRnnSteps + 2.0f), 12.0f * em);
  const Canvas c{ImGui::GetWindowDrawList(), em, ThemePalette(state.dark_theme), step_w * 0.8f};
  const ImU32 weight_color = c.palette.positive, input_color = ClassColor(2, state.dark_theme);
  const float half_box = c.box_width * 0.5f;

  // The folded cell: one box, its output fed back into itself through w.
  c.draw->AddText(origin, c.palette.text, ContentText(state.language, "rnn#loop-title").c_str());
  const float cell_w = ImGui::CalcTextSize("h = tanh(w·h + u·x + b)").x + 2.0f * em;
  const ImVec2 cell(origin.x + 7.0f * em + cell_w * 0.5f, origin.y + 5.5f * em);
  Box(c, cell, "h = tanh(w·h + u·x + b)", "one unit, one h", c.palette.neuron_outline, cell_w);
  const float right = cell.x + cell_w * 0.5f, top = cell.y - kBoxHeight * em * 0.5f;
  const ImVec2 p1(right, cell.y), p2(right + 2.0f * em, cell.y), p3(right + 2.0f * em, top - 1.5f * em),
      p4(cell.x, top - 1.5f * em);
  c.draw->AddLine(p1, p2, weight_color, 2.0f);
  c.draw->AddLine(p2, p3, weight_color, 2.0f);
  c.draw->AddLine(p3, p4, weight_color, 2.0f);
  Arrow(c, p4, ImVec2(cell.x, top), "", weight_color);
  c.draw->AddText(ImVec2(p2.x + 0.5f * em, p3.y), weight_color, ContentText(state.language, "rnn#loop-label").c_str());
  Arrow(c, ImVec2(cell.x - cell_w * 0.5f - 5.0f * em, cell.y), ImVec2(cell.x - cell_w * 0.5f, cell.y), "x · u",
        input_color);

  // The unfolded graph: one column per time step, the same w, u, b in each.
  c.draw->AddText(ImVec2(origin.x, origin.y + 9.0f * em), c.palette.text,
                  ContentText(state.language, "rnn#unfolded-title").c_str());
  const float row_h = origin.y + 14.5f * em, row_x = origin.y + 20.0f * em;
  auto column = [&](int t) { return origin.x + step_w * (t + 0.5f); };
  Box(c, ImVec2(column(0), row_h), "h₀ = " + Num(s.h0, 3), "start", c.palette.neuron_outline);
  for (int t = 0; t < kRnnSteps; ++t) {
    const float x = column(t + 1);
    const Node& h = g.nodes[s.h_node[t]];
    Box(c, ImVec2(x, row_h), "h" + Sub(t + 1) + " = " + Num(h.value, 3), "∂L/∂h " + Num(h.grad, 2),
        c.palette.highlight);
    Box(c, ImVec2(x, row_x), "x" + Sub(t + 1) + " = " + Num(s.x[t], 3), "input", input_color);
    Arrow(c, ImVec2(column(t) + half_box, row_h), ImVec2(x - half_box, row_h), "", weight_color);
    c.draw->AddText(ImVec2(x - half_box - (step_w - c.box_width) * 0.5f - 0.3f * em, row_h - 1.4f * em), weight_color,
                    "w");
    Arrow(c, ImVec2(x, row_x - kBoxHeight * em * 0.5f), ImVec2(x, row_h + kBoxHeight * em * 0.5f), "u", input_color);
    const std::string share = "share " + Num(RecurrentWeightContribution(s, t), 3);
    c.draw->AddText(ImVec2(x - half_box, row_h - 3.0f * em), c.palette.muted_text, share.c_str());
  }
  const Node& loss = g.nodes[s.loss_node];
  Arrow(c, ImVec2(column(kRnnSteps) + half_box, row_h), ImVec2(column(kRnnSteps + 1) - half_box, row_h), "",
        c.palette.text);
  Box(c, ImVec2(column(kRnnSteps + 1), row_h), "L = " + Num(loss.value, 4), "½ (t − h₄)²", c.palette.neuron_outline);
  ImGui::Dummy(ImVec2(width, row_x + 2.0f * em - origin.y));
  Say(state, "rnn#w-gradient", {{"dw", Num(g.nodes[s.w_node].grad, d)}});
  Say(state, "rnn#ub-gradient", {{"du", Num(g.nodes[s.u_node].grad, d)}, {"db", Num(g.nodes[s.b_node].grad, d)}});
  // Whether ∂L/∂h shrinks or grows on its way back from the last step to the first: from the numbers.
  const double last = g.nodes[s.h_node[kRnnSteps - 1]].grad, first = g.nodes[s.h_node[0]].grad;
  const ContentVars ends = {{"last", Num(last, 3)}, {"first", Num(first, 3)}};
  if (last == 0.0) {
    Say(state, "rnn#gradient-zero");
    return;
  }
  const double factor = std::abs(first) / std::abs(last);
  ContentVars vars = ends;
  vars.push_back({"factor", Num(factor, 3)});
  if (factor < 1.0) {
    Say(state, "rnn#gradient-shrinks", vars);
  } else if (factor > 1.0) {
    Say(state, "rnn#gradient-grows", vars);
  } else {
    Say(state, "rnn#gradient-same", ends);
  }
}

void RecurrentUnfoldedPanel(AppState& state) {
  RecurrentUnfoldedState& s = state.lesson_states.Get<RecurrentUnfoldedState>();
  Say(state, "rnn#intro");
  Say(state, "rnn#try");
  ImGui::Separator();
  const float field = ImGui::GetFontSize() * 6.0f;
  // `name` keys the field (and its API word); `label` is what the learner reads (t: the target).
  struct Setting {
    const char* name;
    const char* label;
    double* value;
  };
  for (const Setting& setting : {Setting{"w", "w", &s.w}, Setting{"u", "u", &s.u}, Setting{"b", "b", &s.b},
                                 Setting{"target", "t", &s.target}}) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(setting.label);
    ImGui::SameLine(ImGui::GetFontSize() * 4.0f);
    if (NumberField(state, std::string("rnn_") + setting.name, setting.value, -5.0, 5.0, field)) s.pending = true;
  }
  if (!state.field_error.empty()) WrappedText(state.field_error);
  if (s.pending) BuildUnfoldedRnn(&s);
  const int d = state.precision;
  if (ImGui::BeginTable("##rnn_steps", 4, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    for (const char* header : {"step τ", "h_τ", "∂L/∂h_τ", "w's share"}) ImGui::TableSetupColumn(header);
    ImGui::TableHeadersRow();
    double sum = 0.0;
    for (int t = 0; t < kRnnSteps; ++t) {
      const double share = RecurrentWeightContribution(s, t);
      sum += share;
      ImGui::TableNextColumn();
      ImGui::Text("%d", t + 1);
      for (double value : {s.graph.nodes[s.h_node[t]].value, s.graph.nodes[s.h_node[t]].grad, share}) {
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(Num(value, d).c_str());
      }
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("Σ");
    ImGui::TableNextColumn();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("∂L/∂w:");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted((Num(sum, d) + " = " + Num(s.graph.nodes[s.w_node].grad, d)).c_str());
    ImGui::EndTable();
  }
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json RecurrentJson(const AppState& state) {
  const RecurrentUnfoldedState& s = state.lesson_states.Get<RecurrentUnfoldedState>();
  if (s.graph.nodes.empty()) return Json{{"steps", kRnnSteps}};
  Json h = Json::array(), dh = Json::array(), shares = Json::array(), input_shares = Json::array();
  for (int t = 0; t < kRnnSteps; ++t) {
    h.push_back(NumberOrNull(s.graph.nodes[s.h_node[t]].value));
    dh.push_back(NumberOrNull(s.graph.nodes[s.h_node[t]].grad));
    shares.push_back(NumberOrNull(RecurrentWeightContribution(s, t)));
    input_shares.push_back(NumberOrNull(InputWeightContribution(s, t)));
  }
  return Json{{"steps", kRnnSteps},
              {"w", s.w},
              {"u", s.u},
              {"b", s.b},
              {"target", s.target},
              {"x", Json::array({s.x[0], s.x[1], s.x[2], s.x[3]})},
              {"h", h},
              {"dh", dh},
              {"loss", NumberOrNull(s.graph.nodes[s.loss_node].value)},
              {"sharedWeightGrad", NumberOrNull(s.graph.nodes[s.w_node].grad)},
              {"sharedWeightContributions", shares},
              {"inputWeightGrad", NumberOrNull(s.graph.nodes[s.u_node].grad)},
              {"inputWeightContributions", input_shares},
              {"biasGrad", NumberOrNull(s.graph.nodes[s.b_node].grad)}};
}

std::string RecurrentCommand(AppState& state, const std::string& command, const Json& request) {
  if (command != "setRnn") return "";
  RecurrentUnfoldedState& s = state.lesson_states.Get<RecurrentUnfoldedState>();
  RecurrentUnfoldedState next = s;
  for (auto [name, value] :
       {std::pair<const char*, double*>{"w", &next.w}, {"u", &next.u}, {"b", &next.b}, {"target", &next.target}}) {
    if (!request.contains(name)) continue;
    if (!request[name].is_number() || !std::isfinite(request[name].get<double>()) ||
        std::abs(request[name].get<double>()) > 5.0) {
      return ErrorAnswer(std::string(name) + " must be a number from −5 to 5");
    }
    *value = request[name].get<double>();
  }
  s = next;
  BuildUnfoldedRnn(&s);
  return LessonStateAnswer(RecurrentJson(state));
}

}  // namespace

LessonInfo RecurrentUnfoldedLesson() {
  return {"rnn",
          "Recurrent nets, unfolded",
          RecurrentUnfoldedEnter,
          nullptr,
          RecurrentUnfoldedCanvas,
          RecurrentUnfoldedPanel,
          RecurrentJson,
          RecurrentCommand};
}

}  // namespace bp
