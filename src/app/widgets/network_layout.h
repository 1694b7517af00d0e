// The network canvas's geometry and words, shared by network_view.cpp (which draws) and
// network_layout.cpp / network_labels.cpp / network_legend.cpp: where every input, neuron, bias,
// card and weight label goes for a region of a given size, what each label says at the current
// station, and which element lies under the mouse. Labels are measured with everything revealed,
// so the layout does not move while the learner steps.
#pragma once

#include <string>
#include <vector>

#include "app/widgets/network_view.h"
#include "app/widgets/palette.h"
#include "imgui.h"

namespace bp {

// ---- small geometry ---------------------------------------------------------------------------
inline ImVec2 Add(ImVec2 a, ImVec2 b) { return ImVec2(a.x + b.x, a.y + b.y); }
inline ImVec2 Lerp(ImVec2 a, ImVec2 b, float t) { return ImVec2(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t); }

struct Rect {
  ImVec2 min{0, 0}, max{0, 0};
  static Rect Centered(ImVec2 center, ImVec2 size) {
    return {ImVec2(center.x - size.x * 0.5f, center.y - size.y * 0.5f),
            ImVec2(center.x + size.x * 0.5f, center.y + size.y * 0.5f)};
  }
  float Width() const { return max.x - min.x; }
  float Height() const { return max.y - min.y; }
  ImVec2 Center() const { return ImVec2((min.x + max.x) * 0.5f, (min.y + max.y) * 0.5f); }
  bool Empty() const { return Width() <= 0 || Height() <= 0; }
  bool Contains(ImVec2 p) const { return p.x >= min.x && p.x <= max.x && p.y >= min.y && p.y <= max.y; }
  bool Overlaps(const Rect& o) const {
    return min.x < o.max.x && o.min.x < max.x && min.y < o.max.y && o.min.y < max.y;
  }
  bool Inside(const Rect& o) const {
    return min.x >= o.min.x && max.x <= o.max.x && min.y >= o.min.y && max.y <= o.max.y;
  }
};

// ---- what the labels say ----------------------------------------------------------------------
struct LabelLine {
  std::string text;
  bool changed = false;  // produced by the current station: drawn in the "changed" colour, underlined
};
using LabelLines = std::vector<LabelLine>;

struct ViewContext {
  const StepSession& session;
  const Mlp& mlp;
  Notation notation;  // already passed through EffectiveNotation
  int precision;
  Station station;  // the current station
  std::string language = "en";  // of the legend's words
};

// `everything` reveals every value as if the step were complete (used to measure the layout).
LabelLines NeuronCardLines(const ViewContext& c, int layer, int neuron, bool everything);  // z, a, δ
LabelLines BiasLines(const ViewContext& c, int layer, int neuron, bool everything);        // b (old → new)
// How much a weight's label on its line says; the layout picks the most that fits.
enum class WeightDetail {
  kFull,        // "w₁₂⁽¹⁾ = 0.4", then "∂L/∂w = …" (backward), then "→ new" (update)
  kNamedValue,  // "w₁₂⁽¹⁾ = 0.4": the weight as drawn (the new value once updated)
  kValue,       // "0.4"
};
LabelLines WeightLines(const ViewContext& c, int layer, int neuron, int input, bool everything,
                       WeightDetail detail = WeightDetail::kFull);
LabelLines OutputLines(const ViewContext& c, int output, bool everything);  // t, loss term
// The activation's short symbol drawn inside each neuron ("σ", "tanh", ...).
std::string NeuronSymbol(const ViewContext& c, int layer);
// Which labels the layout had room for (the rest show on hover).
struct LabelsShown {
  bool cards = false;         // z/a/δ below and the bias above each neuron
  bool weights = false;       // values on the lines
  bool weights_full = false;  // ... with their gradients and new values
  bool outputs = false;       // target and loss term beside the outputs
};
// The legend's sentence about the labels, in the notation's words.
std::string LabelLegend(const ViewContext& c, const LabelsShown& shown);

// ---- geometry -----------------------------------------------------------------------------------
struct TextStyle {
  const ImFont* font = nullptr;
  float size = 13.0f;  // font size in pixels
  float pad = 3.0f;    // inside label boxes
  float line_height() const { return size * 1.15f; }
};
ImVec2 MeasureText(const TextStyle& style, const std::string& text);
ImVec2 MeasureLines(const TextStyle& style, const LabelLines& lines);  // the box, padding included

struct NetworkLayout {
  Rect region;   // the whole widget
  Rect network;  // where the units go (the region minus the legend)
  Rect legend;
  float scale = 1.0f;               // ui_scale
  float radius = 10.0f;             // neuron circle radius
  TextStyle label;                  // text of the value labels
  TextStyle weight_label;           // text of the labels on the lines (may be smaller, to fit between columns)
  bool show_cards = false;          // z/a/δ cards and bias labels drawn for every neuron
  bool show_weight_labels = false;  // each weight's value written on its line
  WeightDetail weight_detail = WeightDetail::kFull;  // what those labels say (the rest shows on hover)
  bool show_output_lines = false;                    // t and the loss term beside each output
  bool show_input_values = false;                    // x_i inside each input square

  std::vector<Rect> inputs;                                   // [i] the input squares
  std::vector<std::vector<ImVec2>> neurons;                   // [layer][neuron] circle centres
  std::vector<std::vector<Rect>> cards;                       // [layer][neuron] reserved for z/a/δ (below)
  std::vector<std::vector<Rect>> biases;                      // [layer][neuron] reserved for b (above)
  std::vector<Rect> outputs;                                  // [k] reserved for t and the loss term (right)
  std::vector<std::vector<std::vector<Rect>>> weight_labels;  // [layer][neuron][input] reserved label boxes

  // Where the weight (layer, neuron, input) starts: the input square or the previous neuron.
  ImVec2 Source(int layer, int input) const { return layer == 0 ? inputs[input].Center() : neurons[layer - 1][input]; }
};

// Lays the network out in `region` (legend_height pixels kept free at the bottom).
NetworkLayout ComputeLayout(const ViewContext& c, Rect region, float legend_height, const ImFont* font, float ui_scale);

// The element under `mouse` (kNone when none): bias labels, neurons and their cards, inputs,
// weight labels, then the nearest weight line within a few pixels.
Selection HitTest(const ViewContext& c, const NetworkLayout& layout, ImVec2 mouse);

// ---- drawing helpers (network_legend.cpp) -------------------------------------------------------
// A negative weight's line: dashes that grow with the thickness.
void DrawDashedLine(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float ui_scale);

struct LegendStyle {
  const Palette& palette;
  TextStyle text;
  float scale;  // ui scale
};
// Lays the legend out in `area`, drawing it only when `paint` is set; returns the height it needs.
float DrawLegend(ImDrawList* draw, const LegendStyle& legend, const ViewContext& c, const Rect& area,
                 const LabelsShown& shown, bool paint);

}  // namespace bp
