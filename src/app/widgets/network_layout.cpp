// The network canvas's layout and hit testing (see network_layout.h). Columns are the inputs
// and each layer; every unit gets a slot of the same height so rows line up. The richest level of
// detail that fits without overlap wins: full labels at 100 %, 85 % or 72 % text size, else
// circles only with values on hover.
#include <algorithm>
#include <cmath>

#include "app/session/format.h"
#include "app/widgets/network_layout.h"

namespace bp {

namespace {
constexpr float kTextSteps[] = {1.0f, 0.85f, 0.72f};  // label text sizes tried, largest first (× text font)
constexpr float kCompactText = 0.78f;                 // label text size when labels show on hover only
constexpr int kMaxUnitsForWeightLabels = 12;          // larger nets show weight values on hover only
constexpr float kGap = 5.0f;                          // between a unit and its labels, × ui scale
constexpr float kMaxRadius = 24.0f;                   // × ui scale
constexpr float kMinRadius = 4.0f;                    // × ui scale
constexpr float kWeightHitDistance = 5.0f;            // × ui scale
constexpr float kLabelSpacing = 2.0f;                 // minimum space between two labels, × ui scale

struct Sizes {
  int layers = 0;
  int max_units = 0;
  int total_units = 0;
};

Sizes CountUnits(const Mlp& mlp) {
  Sizes sizes;
  sizes.layers = static_cast<int>(mlp.layers.size());
  sizes.max_units = mlp.inputs();
  sizes.total_units = mlp.inputs();
  for (const Layer& layer : mlp.layers) {
    sizes.max_units = std::max(sizes.max_units, layer.outputs());
    sizes.total_units += layer.outputs();
  }
  return sizes;
}

Rect Inflate(const Rect& r, float by) {
  return {ImVec2(r.min.x - by, r.min.y - by), ImVec2(r.max.x + by, r.max.y + by)};
}

Rect CircleBox(ImVec2 center, float radius) { return Rect::Centered(center, ImVec2(2 * radius, 2 * radius)); }

// The widest and tallest of a kind of label, measured with every value revealed.
struct LabelSizes {
  std::vector<ImVec2> card, bias;  // per layer
  ImVec2 output{0, 0};
  float input_name = 0.0f, input_value = 0.0f;
};

LabelSizes MeasureLabels(const ViewContext& c, const TextStyle& style) {
  LabelSizes sizes;
  for (int l = 0; l < static_cast<int>(c.mlp.layers.size()); ++l) {
    ImVec2 card(0, 0), bias(0, 0);
    for (int j = 0; j < c.mlp.layers[l].outputs(); ++j) {
      ImVec2 a = MeasureLines(style, NeuronCardLines(c, l, j, true));
      ImVec2 b = MeasureLines(style, BiasLines(c, l, j, true));
      card = ImVec2(std::max(card.x, a.x), std::max(card.y, a.y));
      bias = ImVec2(std::max(bias.x, b.x), std::max(bias.y, b.y));
    }
    sizes.card.push_back(card);
    sizes.bias.push_back(bias);
  }
  for (int k = 0; k < c.mlp.outputs(); ++k) {
    ImVec2 o = MeasureLines(style, OutputLines(c, k, true));
    sizes.output = ImVec2(std::max(sizes.output.x, o.x), std::max(sizes.output.y, o.y));
  }
  for (int i = 0; i < c.mlp.inputs(); ++i) {
    sizes.input_name = std::max(sizes.input_name, MeasureText(style, InputName(c.notation, i)).x);
    sizes.input_value = std::max(sizes.input_value, MeasureText(style, Num(c.session.x(i), c.precision)).x);
  }
  return sizes;
}

// Column centres from the left margin to the right margin, evenly spaced.
std::vector<float> ColumnCentres(float left, float right, int layers) {
  std::vector<float> xs;
  for (int col = 0; col <= layers; ++col) xs.push_back(left + (right - left) * col / std::max(layers, 1));
  return xs;
}

// Places the circles, squares and reserved label boxes. `above` and `below` are the label heights
// kept over and under each neuron; rows line up across columns.
void PlaceUnits(const ViewContext& c, NetworkLayout* out, const std::vector<float>& xs, float above, float below,
                ImVec2 input_size, const LabelSizes& labels, float gap) {
  const Sizes sizes = CountUnits(c.mlp);
  const float slot = out->network.Height() / sizes.max_units;
  const float unit = above + 2 * out->radius + below;
  auto row_y = [&](int row, int count) {
    float top = out->network.min.y + (sizes.max_units - count) * slot * 0.5f + row * slot;
    return top + (slot - unit) * 0.5f + above + out->radius;
  };
  out->inputs.clear();
  for (int i = 0; i < c.mlp.inputs(); ++i) {
    out->inputs.push_back(Rect::Centered(ImVec2(xs[0], row_y(i, c.mlp.inputs())), input_size));
  }
  const int last = sizes.layers - 1;
  out->neurons.assign(sizes.layers, {});
  out->cards.assign(sizes.layers, {});
  out->biases.assign(sizes.layers, {});
  out->outputs.clear();
  for (int l = 0; l < sizes.layers; ++l) {
    const int count = c.mlp.layers[l].outputs();
    for (int j = 0; j < count; ++j) {
      ImVec2 centre(xs[l + 1], row_y(j, count));
      out->neurons[l].push_back(centre);
      ImVec2 bias = labels.bias[l], card = labels.card[l];
      float bias_bottom = centre.y - out->radius - gap;
      out->biases[l].push_back(
          {ImVec2(centre.x - bias.x * 0.5f, bias_bottom - bias.y), ImVec2(centre.x + bias.x * 0.5f, bias_bottom)});
      float card_top = centre.y + out->radius + gap;
      out->cards[l].push_back(
          {ImVec2(centre.x - card.x * 0.5f, card_top), ImVec2(centre.x + card.x * 0.5f, card_top + card.y)});
      if (l == last) {
        float left = centre.x + out->radius + gap;
        out->outputs.push_back({ImVec2(left, centre.y - labels.output.y * 0.5f),
                                ImVec2(left + labels.output.x, centre.y + labels.output.y * 0.5f)});
      }
    }
  }
}

// Everything a weight label must not cover.
std::vector<Rect> Obstacles(const NetworkLayout& layout) {
  std::vector<Rect> obstacles(layout.inputs.begin(), layout.inputs.end());
  for (size_t l = 0; l < layout.neurons.size(); ++l) {
    for (size_t j = 0; j < layout.neurons[l].size(); ++j) {
      obstacles.push_back(CircleBox(layout.neurons[l][j], layout.radius));
      obstacles.push_back(layout.cards[l][j]);
      obstacles.push_back(layout.biases[l][j]);
    }
  }
  if (layout.show_output_lines) obstacles.insert(obstacles.end(), layout.outputs.begin(), layout.outputs.end());
  return obstacles;
}

// One weight label's possible boxes along its line, best first, each free of the fixed obstacles.
struct LabelChoices {
  int neuron = 0, input = 0;
  std::vector<Rect> boxes;
};

// Depth-first search for one box per label with no two overlapping; `budget` bounds the work.
bool ChooseBoxes(const std::vector<LabelChoices>& labels, size_t index, float spacing, std::vector<Rect>* chosen,
                 int* budget) {
  if (index == labels.size()) return true;
  for (const Rect& box : labels[index].boxes) {
    if (--*budget < 0) return false;
    Rect padded = Inflate(box, spacing);
    if (std::any_of(chosen->begin(), chosen->end(), [&](const Rect& r) { return r.Overlaps(padded); })) continue;
    chosen->push_back(box);
    if (ChooseBoxes(labels, index + 1, spacing, chosen, budget)) return true;
    chosen->pop_back();
  }
  return false;
}

// Puts each weight's label on its line. The preferred place depends on the target row, so labels
// of lines from one source start apart; then every place along the middle of the line is a
// candidate, and a small search picks one per label so that none touch. False when the labels of
// some layer cannot all be placed: then no weight labels are drawn at all.
bool PlaceWeightLabels(const ViewContext& c, const TextStyle& style, WeightDetail detail, NetworkLayout* layout) {
  constexpr float kStep = 0.03f, kFirst = 0.12f, kLast = 0.88f;
  constexpr int kSearchBudget = 5000;  // boxes tried per layer: bounds the work of a frame
  std::vector<Rect> taken = Obstacles(*layout);
  const float spacing = kLabelSpacing * layout->scale;
  layout->weight_labels.assign(c.mlp.layers.size(), {});
  for (int l = 0; l < static_cast<int>(c.mlp.layers.size()); ++l) {
    const int rows = c.mlp.layers[l].outputs();
    std::vector<LabelChoices> labels;
    for (int j = 0; j < rows; ++j) {
      float preferred = rows == 1 ? 0.5f : 0.3f + 0.4f * j / (rows - 1);
      for (int i = 0; i < c.mlp.layers[l].inputs(); ++i) {
        LabelChoices label{j, i, {}};
        ImVec2 size = MeasureLines(style, WeightLines(c, l, j, i, true, detail));
        ImVec2 from = layout->Source(l, i), to = layout->neurons[l][j];
        for (int step = 0; step < 64; ++step) {
          float f = preferred + ((step % 2 == 0) ? 1.0f : -1.0f) * kStep * ((step + 1) / 2);
          if (f < kFirst || f > kLast) continue;
          Rect box = Rect::Centered(Lerp(from, to, f), size);
          Rect padded = Inflate(box, spacing);
          bool free = box.Inside(layout->network) &&
                      std::none_of(taken.begin(), taken.end(), [&](const Rect& r) { return r.Overlaps(padded); });
          if (free) label.boxes.push_back(box);
        }
        if (label.boxes.empty()) return false;
        labels.push_back(std::move(label));
      }
    }
    // The most constrained labels first: the search then rarely backs up far.
    std::stable_sort(labels.begin(), labels.end(),
                     [](const LabelChoices& a, const LabelChoices& b) { return a.boxes.size() < b.boxes.size(); });
    std::vector<Rect> chosen;
    int budget = kSearchBudget;
    if (!ChooseBoxes(labels, 0, spacing, &chosen, &budget)) return false;
    layout->weight_labels[l].assign(rows, std::vector<Rect>(c.mlp.layers[l].inputs()));
    for (size_t k = 0; k < labels.size(); ++k) layout->weight_labels[l][labels[k].neuron][labels[k].input] = chosen[k];
    taken.insert(taken.end(), chosen.begin(), chosen.end());
  }
  return true;
}

// Full detail at one text size: bias above, z/a/δ card below, target and loss beside the outputs.
bool TryFullLayout(const ViewContext& c, const TextStyle& style, float base_size, NetworkLayout* out) {
  const Sizes sizes = CountUnits(c.mlp);
  const float gap = kGap * out->scale;
  const LabelSizes labels = MeasureLabels(c, style);
  const float radius = std::clamp(style.size * 1.3f, 10.0f * out->scale, kMaxRadius * out->scale);
  float above = 0, below = 0;
  for (int l = 0; l < sizes.layers; ++l) {
    above = std::max(above, labels.bias[l].y + gap);
    below = std::max(below, labels.card[l].y + gap);
  }
  const float slot = out->network.Height() / sizes.max_units;
  if (slot < above + 2 * radius + below + gap) return false;

  ImVec2 input_size(std::max(2 * radius, labels.input_value + 4 * style.pad),
                    std::max(style.line_height() + 2 * style.pad, 1.5f * radius));
  float left = out->network.min.x + labels.input_name + gap + input_size.x * 0.5f;
  float right = out->network.max.x - radius - gap - labels.output.x;
  if (right <= left) return false;
  std::vector<float> xs = ColumnCentres(left, right, sizes.layers);
  // Neighbouring columns' widest labels must keep apart.
  std::vector<float> widths = {input_size.x};
  for (int l = 0; l < sizes.layers; ++l) widths.push_back(std::max({labels.card[l].x, labels.bias[l].x, 2 * radius}));
  for (int col = 0; col < sizes.layers; ++col) {
    if (xs[col + 1] - xs[col] < (widths[col] + widths[col + 1]) * 0.5f + 2 * gap) return false;
  }
  out->radius = radius;
  out->label = style;
  out->show_cards = out->show_output_lines = out->show_input_values = true;
  PlaceUnits(c, out, xs, above, below, input_size, labels, gap);
  // The labels on the lines may say less, and in smaller text than the cards: they share the space
  // between the columns. The most they can say wins, then the largest text.
  out->show_weight_labels = false;
  if (sizes.total_units > kMaxUnitsForWeightLabels) return true;
  for (WeightDetail detail : {WeightDetail::kFull, WeightDetail::kNamedValue, WeightDetail::kValue}) {
    for (float step : kTextSteps) {
      TextStyle weight = style;
      weight.size = std::min(style.size, base_size * step);
      if (PlaceWeightLabels(c, weight, detail, out)) {
        out->weight_label = weight;
        out->weight_detail = detail;
        out->show_weight_labels = true;
        return true;
      }
    }
  }
  return true;
}

// Circles only; values appear on hover. Input values and targets stay when a text line fits.
void CompactLayout(const ViewContext& c, TextStyle style, NetworkLayout* out) {
  const Sizes sizes = CountUnits(c.mlp);
  const float gap = kGap * out->scale;
  style.size *= kCompactText;
  const LabelSizes labels = MeasureLabels(c, style);
  const float slot = out->network.Height() / sizes.max_units;
  const float text_box = style.line_height() + 2 * style.pad;
  out->label = style;
  out->show_input_values = text_box + gap <= slot;
  out->show_output_lines = labels.output.y + gap <= slot;
  float input_width = out->show_input_values ? labels.input_value + 4 * style.pad : 0.0f;
  float left = out->network.min.x + (out->show_input_values ? labels.input_name + gap : 0.0f) + input_width * 0.5f;
  float right = out->network.max.x - (out->show_output_lines ? labels.output.x + gap : 0.0f);
  float spacing = (right - left) / std::max(sizes.layers, 1);
  float radius =
      std::clamp(std::min(slot * 0.3f, spacing * 0.18f), kMinRadius * out->scale, kMaxRadius * 0.8f * out->scale);
  // The margins kept room for the text; the circles must fit inside them too.
  left = std::max(left, out->network.min.x + radius);
  right -= radius;
  out->radius = radius;
  ImVec2 input_size(std::max(2 * radius, input_width),
                    out->show_input_values ? std::max(text_box, 1.5f * radius) : 2 * radius);
  input_size.y = std::min(input_size.y, slot - gap);
  LabelSizes none = labels;
  for (ImVec2& size : none.card) size = ImVec2(0, 0);
  for (ImVec2& size : none.bias) size = ImVec2(0, 0);
  PlaceUnits(c, out, ColumnCentres(left, right, sizes.layers), 0.0f, 0.0f, input_size, none, gap);
}
}  // namespace

NetworkLayout ComputeLayout(const ViewContext& c, Rect region, float legend_height, const ImFont* font,
                            float ui_scale) {
  NetworkLayout layout;
  layout.region = region;
  layout.scale = ui_scale;
  const float margin = 6.0f * ui_scale;
  layout.legend = {ImVec2(region.min.x, region.max.y - legend_height), region.max};
  layout.network = {ImVec2(region.min.x + margin, region.min.y + margin),
                    ImVec2(region.max.x - margin, region.max.y - legend_height - margin)};
  TextStyle base;
  base.font = font;
  base.pad = 3.0f * ui_scale;
  for (float step : kTextSteps) {
    TextStyle style = base;
    style.size = font->FontSize * step;
    if (TryFullLayout(c, style, font->FontSize, &layout)) return layout;
  }
  base.size = font->FontSize;
  CompactLayout(c, base, &layout);
  return layout;
}

namespace {
float DistanceToSegment(ImVec2 p, ImVec2 a, ImVec2 b) {
  float dx = b.x - a.x, dy = b.y - a.y;
  float length2 = dx * dx + dy * dy;
  float t = length2 > 0 ? std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / length2, 0.0f, 1.0f) : 0.0f;
  float ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return std::sqrt(ex * ex + ey * ey);
}

Selection Make(Selection::Kind kind, int layer, int neuron, int input = -1) {
  Selection selection;
  selection.kind = kind;
  selection.layer = layer;
  selection.neuron = neuron;
  selection.input = input;
  return selection;
}
}  // namespace

Selection HitTest(const ViewContext& c, const NetworkLayout& layout, ImVec2 mouse) {
  if (!layout.network.Contains(mouse)) return Selection();
  const int layers = static_cast<int>(c.mlp.layers.size());
  for (int l = 0; l < layers; ++l) {
    for (size_t j = 0; j < layout.neurons[l].size(); ++j) {
      if (layout.show_cards && layout.biases[l][j].Contains(mouse)) return Make(Selection::Kind::kBias, l, j);
    }
  }
  for (int l = 0; l < layers; ++l) {
    for (size_t j = 0; j < layout.neurons[l].size(); ++j) {
      ImVec2 centre = layout.neurons[l][j];
      float dx = mouse.x - centre.x, dy = mouse.y - centre.y;
      bool in_circle = dx * dx + dy * dy <= layout.radius * layout.radius;
      if (in_circle || (layout.show_cards && layout.cards[l][j].Contains(mouse))) {
        return Make(Selection::Kind::kNeuron, l, j);
      }
    }
  }
  if (layout.show_output_lines) {
    for (size_t k = 0; k < layout.outputs.size(); ++k) {
      if (layout.outputs[k].Contains(mouse)) return Make(Selection::Kind::kNeuron, layers - 1, k);
    }
  }
  for (size_t i = 0; i < layout.inputs.size(); ++i) {
    if (layout.inputs[i].Contains(mouse)) return Make(Selection::Kind::kInput, -1, i);
  }
  if (layout.show_weight_labels) {
    for (int l = 0; l < layers; ++l) {
      for (size_t j = 0; j < layout.weight_labels[l].size(); ++j) {
        for (size_t i = 0; i < layout.weight_labels[l][j].size(); ++i) {
          if (layout.weight_labels[l][j][i].Contains(mouse)) return Make(Selection::Kind::kWeight, l, j, i);
        }
      }
    }
  }
  Selection nearest;
  float best = kWeightHitDistance * layout.scale;
  for (int l = 0; l < layers; ++l) {
    for (int j = 0; j < c.mlp.layers[l].outputs(); ++j) {
      for (int i = 0; i < c.mlp.layers[l].inputs(); ++i) {
        float distance = DistanceToSegment(mouse, layout.Source(l, i), layout.neurons[l][j]);
        if (distance < best) {
          best = distance;
          nearest = Make(Selection::Kind::kWeight, l, j, i);
        }
      }
    }
  }
  return nearest;
}

}  // namespace bp
