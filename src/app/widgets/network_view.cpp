// The network canvas (see network_view.h): connections, units, value labels, the flow animation
// and the legend, drawn with ImGui's draw list over an invisible button that takes the mouse.
// Geometry and label words come from network_layout.h; colours from palette.h.
#include <algorithm>
#include <cmath>

#include "app/session/format.h"
#include "app/session/predict.h"
#include "app/widgets/fonts.h"
#include "app/widgets/network_layout.h"
#include "app/widgets/network_view.h"
#include "app/widgets/palette.h"

namespace bp {

namespace {
constexpr double kFlowSeconds = 0.6;   // how long the dots travel after a move
constexpr float kMinLineWidth = 1.0f;  // weight line thickness range, × ui scale
constexpr float kMaxLineWidth = 6.0f;
constexpr float kRingWidth = 3.5f;     // the current station's ring, × ui scale
constexpr float kLegendText = 0.85f;   // legend text size relative to the text font
constexpr int kDenseConnections = 40;  // above this many weights, lines away from the focus fade
constexpr float kFadedAlpha = 0.25f;
constexpr float kDenseMaxLineWidth = 4.0f;  // thinner lines where there are many, × ui scale

struct Painter {
  ImDrawList* draw;
  const Palette& palette;
  const NetworkLayout& layout;
  const ViewContext& c;
  float scale;
  bool dark;
};

enum class Anchor { kTop, kBottom, kLeft, kCentre };

// The canvas follows the ImGui theme: the window background tells dark from light.
bool DarkTheme() {
  const ImVec4& bg = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
  return 0.299f * bg.x + 0.587f * bg.y + 0.114f * bg.z < 0.5f;
}

bool Fits(const Selection& s, const Mlp& mlp) {
  const int layers = static_cast<int>(mlp.layers.size());
  switch (s.kind) {
    case Selection::Kind::kNone: return true;
    case Selection::Kind::kInput: return s.neuron >= 0 && s.neuron < mlp.inputs();
    case Selection::Kind::kNeuron:
    case Selection::Kind::kBias:
      return s.layer >= 0 && s.layer < layers && s.neuron >= 0 && s.neuron < mlp.layers[s.layer].outputs();
    case Selection::Kind::kWeight:
      return s.layer >= 0 && s.layer < layers && s.neuron >= 0 && s.neuron < mlp.layers[s.layer].outputs() &&
             s.input >= 0 && s.input < mlp.layers[s.layer].inputs();
  }
  return false;
}

bool IsNeuron(const Selection& s, int layer, int neuron) {
  return s.kind == Selection::Kind::kNeuron && s.layer == layer && s.neuron == neuron;
}

// ---- labels -------------------------------------------------------------------------------------
Rect PlaceBox(const Rect& reserved, ImVec2 size, Anchor anchor) {
  ImVec2 c = reserved.Center();
  switch (anchor) {
    case Anchor::kTop:
      return {ImVec2(c.x - size.x * 0.5f, reserved.min.y), ImVec2(c.x + size.x * 0.5f, reserved.min.y + size.y)};
    case Anchor::kBottom:
      return {ImVec2(c.x - size.x * 0.5f, reserved.max.y - size.y), ImVec2(c.x + size.x * 0.5f, reserved.max.y)};
    case Anchor::kLeft:
      return {ImVec2(reserved.min.x, c.y - size.y * 0.5f), ImVec2(reserved.min.x + size.x, c.y + size.y * 0.5f)};
    case Anchor::kCentre: break;
  }
  return Rect::Centered(c, size);
}

// A box of lines; lines the current station produced are drawn in the "changed" colour and underlined.
Rect DrawLabel(const Painter& p, const TextStyle& style, const Rect& box, const LabelLines& lines) {
  bool changed = std::any_of(lines.begin(), lines.end(), [](const LabelLine& line) { return line.changed; });
  float rounding = 3.0f * p.scale;
  p.draw->AddRectFilled(box.min, box.max, p.palette.label_background, rounding);
  p.draw->AddRect(box.min, box.max, changed ? p.palette.changed : p.palette.label_border, rounding, 0,
                  (changed ? 1.5f : 1.0f) * p.scale);
  float y = box.min.y + style.pad;
  for (const LabelLine& line : lines) {
    ImU32 color = line.changed ? p.palette.changed : p.palette.text;
    ImVec2 pos(box.min.x + style.pad, y);
    p.draw->AddText(style.font, style.size, pos, color, line.text.c_str());
    if (line.changed) {
      float width = MeasureText(style, line.text).x;
      float under = y + style.size + 0.5f * p.scale;
      p.draw->AddLine(ImVec2(pos.x, under), ImVec2(pos.x + width, under), color, p.scale);
    }
    y += style.line_height();
  }
  return box;
}

Rect DrawAnchoredLabel(const Painter& p, const Rect& reserved, Anchor anchor, const LabelLines& lines,
                       const TextStyle* style = nullptr) {
  const TextStyle& text = style ? *style : p.layout.label;
  return DrawLabel(p, text, PlaceBox(reserved, MeasureLines(text, lines), anchor), lines);
}

// A label drawn on top of everything next to `at`, kept inside the widget (hover and pins).
void DrawFloatingLabel(const Painter& p, ImVec2 at, const LabelLines& lines) {
  if (lines.empty()) return;
  ImVec2 size = MeasureLines(p.layout.label, lines);
  float offset = 10.0f * p.scale;
  const Rect& area = p.layout.network;
  ImVec2 min(at.x + offset, at.y + offset);
  if (min.x + size.x > area.max.x) min.x = at.x - offset - size.x;
  if (min.y + size.y > area.max.y) min.y = at.y - offset - size.y;
  min.x = std::max(min.x, area.min.x);
  min.y = std::max(min.y, area.min.y);
  DrawLabel(p, p.layout.label, {min, ImVec2(min.x + size.x, min.y + size.y)}, lines);
}

// ---- connections --------------------------------------------------------------------------------
double LargestWeight(const StepSession& session) {
  double largest = 0.0;
  for (int l = 0; l < static_cast<int>(session.mlp.layers.size()); ++l) {
    for (int j = 0; j < session.mlp.layers[l].outputs(); ++j) {
      for (int i = 0; i < session.mlp.layers[l].inputs(); ++i) {
        double w = ShownWeight(session, l, j, i);
        if (std::isfinite(w)) largest = std::max(largest, std::abs(w));
      }
    }
  }
  return largest;
}

// Sign shown twice: colour and dash. Thickness from |w| relative to the largest weight; a NaN or ∞
// weight is a thin line in the invalid colour, its size never read.
struct LineScale {
  double largest;   // the largest finite |w| in the net (double: |w| may be beyond float's range)
  float max_width;  // pixels
};

void DrawConnection(const Painter& p, int l, int j, int i, const LineScale& lines, float alpha) {
  double w = ShownWeight(p.c.session, l, j, i);
  ImVec2 from = p.layout.Source(l, i), to = p.layout.neurons[l][j];
  float min_width = kMinLineWidth * p.scale;
  if (!std::isfinite(w)) {
    p.draw->AddLine(from, to, WithAlpha(p.palette.invalid, alpha), min_width);
    return;
  }
  ImU32 color = WithAlpha(SignColor(w, p.dark), alpha);
  float relative = lines.largest > 0.0 ? static_cast<float>(std::abs(w) / lines.largest) : 0.0f;
  float thickness = std::clamp(relative * lines.max_width, min_width, lines.max_width);
  if (w < 0) {
    DrawDashedLine(p.draw, from, to, color, thickness, p.scale);
  } else {
    p.draw->AddLine(from, to, color, thickness);
  }
}

// In a dense net the lines into the current (or pointed-at) neuron stay bright and the rest fade,
// so the eye finds the connections the step is about.
bool InFocus(const Painter& p, const Selection& hovered, const Selection& selected, int l, int j, int i) {
  const Station& station = p.c.station;
  if (station.layer == l && station.neuron == j && station.phase != Phase::kLoss) return true;
  const Selection weight{Selection::Kind::kWeight, l, j, i};
  return IsNeuron(hovered, l, j) || IsNeuron(selected, l, j) || hovered == weight || selected == weight;
}

// The pointed-at or clicked weight again, on top of the others, with a halo.
void DrawPickedWeight(const Painter& p, const Selection& s, ImU32 halo, const LineScale& lines) {
  if (s.kind != Selection::Kind::kWeight) return;
  p.draw->AddLine(p.layout.Source(s.layer, s.input), p.layout.neurons[s.layer][s.neuron], halo,
                  lines.max_width + 6.0f * p.scale);
  DrawConnection(p, s.layer, s.neuron, s.input, lines, 1.0f);
}

void DrawConnections(const Painter& p, const Selection& hovered, const Selection& selected) {
  int count = 0;
  for (const Layer& layer : p.c.mlp.layers) count += layer.outputs() * layer.inputs();
  const bool dense = count > kDenseConnections;
  const LineScale lines{LargestWeight(p.c.session), (dense ? kDenseMaxLineWidth : kMaxLineWidth) * p.scale};
  bool focusing = dense && (p.c.station.layer >= 0 || hovered.kind == Selection::Kind::kNeuron ||
                            hovered.kind == Selection::Kind::kWeight);
  for (int l = 0; l < static_cast<int>(p.c.mlp.layers.size()); ++l) {
    for (int j = 0; j < p.c.mlp.layers[l].outputs(); ++j) {
      for (int i = 0; i < p.c.mlp.layers[l].inputs(); ++i) {
        bool faded = focusing && !InFocus(p, hovered, selected, l, j, i);
        DrawConnection(p, l, j, i, lines, faded ? kFadedAlpha : 1.0f);
      }
    }
  }
  DrawPickedWeight(p, selected, WithAlpha(p.palette.selected, 0.35f), lines);
  DrawPickedWeight(p, hovered, WithAlpha(p.palette.hover, 0.3f), lines);
}

// After a forward move the values flow into the current neuron along its incoming lines; during
// the backward pass the error flows out of it, right to left.
void DrawFlow(const Painter& p, double now) {
  const StepSession& session = p.c.session;
  const Station& station = p.c.station;
  bool flows = station.phase == Phase::kForward || station.phase == Phase::kBackward;
  double elapsed = now - session.station_changed_at;
  if (!flows || !session.forward_direction || elapsed < 0.0 || elapsed >= kFlowSeconds) return;
  float t = static_cast<float>(elapsed / kFlowSeconds);
  t = t * t * (3.0f - 2.0f * t);  // ease in and out
  bool backward = station.phase == Phase::kBackward;
  const float r = p.layout.radius;
  for (int i = 0; i < p.c.mlp.layers[station.layer].inputs(); ++i) {
    // From edge to edge: the dots are not hidden inside the circles at the start and the end.
    ImVec2 centre_from = p.layout.Source(station.layer, i), centre_to = p.layout.neurons[station.layer][station.neuron];
    float length = std::max(std::hypot(centre_to.x - centre_from.x, centre_to.y - centre_from.y), 1.0f);
    float edge = std::min(r / length, 0.45f);
    ImVec2 from = Lerp(centre_from, centre_to, edge), target = Lerp(centre_from, centre_to, 1.0f - edge);
    for (int trail = 2; trail >= 0; --trail) {
      float s = std::max(0.0f, t - 0.06f * trail);
      ImVec2 at = backward ? Lerp(target, from, s) : Lerp(from, target, s);
      float radius = (5.0f - 1.2f * trail) * p.scale;
      p.draw->AddCircleFilled(at, radius, WithAlpha(p.palette.highlight, 1.0f - 0.3f * trail));
      if (trail == 0) p.draw->AddCircle(at, radius, p.palette.neuron_outline, 0, p.scale);
    }
  }
}

// ---- units --------------------------------------------------------------------------------------
void DrawOutline(const Painter& p, const Rect& r, ImU32 color, float grow) {
  p.draw->AddRect(ImVec2(r.min.x - grow, r.min.y - grow), ImVec2(r.max.x + grow, r.max.y + grow), color, 4.0f * p.scale,
                  0, 2.0f * p.scale);
}

void DrawInputs(const Painter& p, const Selection& hovered, const Selection& selected) {
  const TextStyle& style = p.layout.label;
  for (int i = 0; i < static_cast<int>(p.layout.inputs.size()); ++i) {
    const Rect& box = p.layout.inputs[i];
    p.draw->AddRectFilled(box.min, box.max, p.palette.neuron_fill, 3.0f * p.scale);
    p.draw->AddRect(box.min, box.max, p.palette.neuron_outline, 3.0f * p.scale, 0, 1.5f * p.scale);
    if (p.layout.show_input_values) {
      std::string value = Num(p.c.session.x(i), p.c.precision);
      ImVec2 size = MeasureText(style, value);
      ImVec2 centre = box.Center();
      p.draw->AddText(style.font, style.size, ImVec2(centre.x - size.x * 0.5f, centre.y - size.y * 0.5f),
                      p.palette.text, value.c_str());
      std::string name = InputName(p.c.notation, i);
      ImVec2 name_size = MeasureText(style, name);
      p.draw->AddText(style.font, style.size,
                      ImVec2(box.min.x - name_size.x - 5.0f * p.scale, centre.y - name_size.y * 0.5f),
                      p.palette.muted_text, name.c_str());
    }
    bool is_selected = selected.kind == Selection::Kind::kInput && selected.neuron == i;
    bool is_hovered = hovered.kind == Selection::Kind::kInput && hovered.neuron == i;
    if (is_selected) DrawOutline(p, box, p.palette.selected, 3.0f * p.scale);
    if (is_hovered) DrawOutline(p, box, p.palette.hover, 3.0f * p.scale);
  }
}

// The activation's symbol inside the circle, when it fits.
void DrawNeuronSymbol(const Painter& p, ImVec2 centre, const std::string& symbol) {
  TextStyle style = p.layout.label;
  ImVec2 size = MeasureText(style, symbol);
  float fit = std::min(1.0f, 1.6f * p.layout.radius / std::max(size.x, 1.0f));
  style.size *= fit;
  if (style.size < 8.0f * p.scale) return;
  size = MeasureText(style, symbol);
  p.draw->AddText(style.font, style.size, ImVec2(centre.x - size.x * 0.5f, centre.y - size.y * 0.5f),
                  p.palette.muted_text, symbol.c_str());
}

void DrawNeurons(const Painter& p, const Selection& hovered, const Selection& selected) {
  // In predict mode the ring marks the neuron being asked about.
  Station station = p.c.station;
  if (const std::optional<PredictItem> asked = CurrentQuestion(p.c.session)) station = {station.phase, asked->layer, asked->neuron};
  const float r = p.layout.radius;
  for (int l = 0; l < static_cast<int>(p.layout.neurons.size()); ++l) {
    std::string symbol = NeuronSymbol(p.c, l);
    for (int j = 0; j < static_cast<int>(p.layout.neurons[l].size()); ++j) {
      ImVec2 centre = p.layout.neurons[l][j];
      bool current = station.layer == l && station.neuron == j;
      if (current) p.draw->AddCircleFilled(centre, r + 9.0f * p.scale, p.palette.highlight_glow);
      p.draw->AddCircleFilled(centre, r, p.palette.neuron_fill);
      p.draw->AddCircle(centre, r, p.palette.neuron_outline, 0, 1.5f * p.scale);
      DrawNeuronSymbol(p, centre, symbol);
      if (current) p.draw->AddCircle(centre, r + 2.5f * p.scale, p.palette.highlight, 0, kRingWidth * p.scale);
      if (IsNeuron(selected, l, j))
        p.draw->AddCircle(centre, r + 6.5f * p.scale, p.palette.selected, 0, 2.0f * p.scale);
      if (IsNeuron(hovered, l, j)) p.draw->AddCircle(centre, r + 6.5f * p.scale, p.palette.hover, 0, 2.0f * p.scale);
    }
  }
}

// Cards, biases, output lines and weight labels for every element, when the layout has room.
void DrawLabels(const Painter& p, const Selection& hovered, const Selection& selected) {
  const ViewContext& c = p.c;
  const NetworkLayout& layout = p.layout;
  const int layers = static_cast<int>(c.mlp.layers.size());
  if (layout.show_weight_labels) {
    for (int l = 0; l < layers; ++l) {
      for (int j = 0; j < c.mlp.layers[l].outputs(); ++j) {
        for (int i = 0; i < c.mlp.layers[l].inputs(); ++i) {
          Rect box = DrawAnchoredLabel(p, layout.weight_labels[l][j][i], Anchor::kCentre,
                                       WeightLines(c, l, j, i, false, layout.weight_detail), &layout.weight_label);
          Selection self{Selection::Kind::kWeight, l, j, i};
          if (self == selected) DrawOutline(p, box, p.palette.selected, 1.0f * p.scale);
          if (self == hovered) DrawOutline(p, box, p.palette.hover, 1.0f * p.scale);
        }
      }
    }
  }
  if (layout.show_output_lines) {
    for (int k = 0; k < c.mlp.outputs(); ++k)
      DrawAnchoredLabel(p, layout.outputs[k], Anchor::kLeft, OutputLines(c, k, false));
  }
  if (!layout.show_cards) return;
  for (int l = 0; l < layers; ++l) {
    for (int j = 0; j < c.mlp.layers[l].outputs(); ++j) {
      Rect bias = DrawAnchoredLabel(p, layout.biases[l][j], Anchor::kBottom, BiasLines(c, l, j, false));
      Selection self{Selection::Kind::kBias, l, j, -1};
      if (self == selected) DrawOutline(p, bias, p.palette.selected, 1.0f * p.scale);
      if (self == hovered) DrawOutline(p, bias, p.palette.hover, 1.0f * p.scale);
      LabelLines card = NeuronCardLines(c, l, j, false);
      if (!card.empty()) DrawAnchoredLabel(p, layout.cards[l][j], Anchor::kTop, card);
    }
  }
}

// Everything the layout had no room for, about one element, next to it.
// `mouse` is where to put a weight's label (null: the middle of its line).
void DrawDetailsOf(const Painter& p, const Selection& s, const ImVec2* mouse) {
  const ViewContext& c = p.c;
  const NetworkLayout& layout = p.layout;
  const int last = static_cast<int>(c.mlp.layers.size()) - 1;
  switch (s.kind) {
    case Selection::Kind::kNone: return;
    case Selection::Kind::kInput:
      if (!layout.show_input_values) {
        DrawFloatingLabel(p, layout.inputs[s.neuron].Center(),
                          {{InputName(c.notation, s.neuron) + " = " + Num(c.session.x(s.neuron), c.precision), false}});
      }
      return;
    case Selection::Kind::kWeight:
      if (!layout.show_weight_labels || layout.weight_detail != WeightDetail::kFull) {
        ImVec2 at = mouse ? *mouse : Lerp(layout.Source(s.layer, s.input), layout.neurons[s.layer][s.neuron], 0.5f);
        DrawFloatingLabel(p, at, WeightLines(c, s.layer, s.neuron, s.input, false));
      }
      return;
    case Selection::Kind::kBias:
    case Selection::Kind::kNeuron: {
      if (layout.show_cards && (s.layer != last || layout.show_output_lines)) return;
      LabelLines lines;
      if (!layout.show_cards) {
        lines = BiasLines(c, s.layer, s.neuron, false);
        LabelLines card = NeuronCardLines(c, s.layer, s.neuron, false);
        lines.insert(lines.end(), card.begin(), card.end());
      }
      if (s.layer == last && !layout.show_output_lines) {
        LabelLines outputs = OutputLines(c, s.neuron, false);
        lines.insert(lines.end(), outputs.begin(), outputs.end());
      }
      ImVec2 centre = layout.neurons[s.layer][s.neuron];
      DrawFloatingLabel(p, ImVec2(centre.x + layout.radius, centre.y), lines);
      return;
    }
  }
}

}  // namespace

void DrawNetworkView(const StepSession& session, const NetworkViewOptions& options, ImVec2 size, Selection* hovered,
                     Selection* selected) {
  if (hovered) *hovered = Selection();
  ImVec2 avail = ImGui::GetContentRegionAvail();
  if (size.x <= 0) size.x = avail.x;
  if (size.y <= 0) size.y = avail.y;
  size = ImVec2(std::max(size.x, 1.0f), std::max(size.y, 1.0f));
  ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("network_view", size);
  if (session.stations.empty() || session.mlp.layers.empty()) return;

  const ImFont* font = Fonts().text ? Fonts().text : ImGui::GetFont();
  const bool dark = DarkTheme();
  const float scale = options.ui_scale;
  ViewContext c{session, session.mlp, EffectiveNotation(session.mlp, options.notation), options.precision,
                CurrentStation(session), options.language};
  Rect region{origin, ImVec2(origin.x + size.x, origin.y + size.y)};

  ImDrawList* draw = ImGui::GetWindowDrawList();
  LegendStyle legend{ThemePalette(dark), TextStyle{font, font->FontSize * kLegendText, 3.0f * scale}, scale};
  // The legend's height depends only on the width and its words: keep room for its longest wording.
  float legend_height = 0.0f;
  if (options.show_legend) {
    for (const LabelsShown& shown : {LabelsShown{false, false, false, true}, LabelsShown{true, false, false, true},
                                     LabelsShown{true, true, false, true}}) {
      legend_height = std::max(legend_height, DrawLegend(draw, legend, c, region, shown, false));
    }
  }
  NetworkLayout layout = ComputeLayout(c, region, legend_height, font, scale);

  ImVec2 mouse = ImGui::GetMousePos();
  Selection under = ImGui::IsItemHovered() ? HitTest(c, layout, mouse) : Selection();
  if (hovered) *hovered = under;
  if (selected && ImGui::IsItemClicked(ImGuiMouseButton_Left)) *selected = under;
  // A selection kept from a network of another shape points at nothing here.
  const Selection pinned = selected && Fits(*selected, session.mlp) ? *selected : Selection();

  Painter p{draw, ThemePalette(dark), layout, c, scale, dark};
  draw->PushClipRect(region.min, region.max, true);
  DrawConnections(p, under, pinned);
  DrawInputs(p, under, pinned);
  DrawNeurons(p, under, pinned);
  DrawLabels(p, under, pinned);
  DrawFlow(p, options.now);
  if (options.show_legend) {
    LabelsShown shown{layout.show_cards, layout.show_weight_labels, layout.weight_detail == WeightDetail::kFull,
                      layout.show_output_lines};
    DrawLegend(draw, legend, c, layout.legend, shown, true);
  }
  // What the layout had no room for, on top: the clicked element, the one under the mouse, and in big
  // nets the current neuron (so its values still appear as the stepper reaches them).
  if (pinned != under) DrawDetailsOf(p, pinned, nullptr);
  DrawDetailsOf(p, under, &mouse);
  const Station& station = c.station;
  bool idle = under.kind == Selection::Kind::kNone && pinned.kind == Selection::Kind::kNone;
  if (idle && station.layer >= 0)
    DrawDetailsOf(p, Selection{Selection::Kind::kNeuron, station.layer, station.neuron, -1}, nullptr);
  draw->PopClipRect();
}

}  // namespace bp
