// What the network canvas's labels say at the current station (see network_layout.h). Every
// number comes from the session's trace and is written by Num; a value appears once the stepper
// has reached it.
#include <algorithm>
#include <cfloat>

#include "app/session/content.h"
#include "app/session/format.h"
#include "app/widgets/network_layout.h"

namespace bp {

namespace {
bool AtStation(const ViewContext& c, Phase phase, int layer, int neuron) {
  return c.station.phase == phase && c.station.layer == layer && c.station.neuron == neuron;
}

LabelLine Line(std::string text, bool changed) { return LabelLine{std::move(text), changed}; }
}  // namespace

LabelLines NeuronCardLines(const ViewContext& c, int layer, int neuron, bool everything) {
  const NeuronTrace& trace = c.session.trace.layers[layer].neurons[neuron];
  LabelLines lines;
  if (everything || ForwardReached(c.session, layer, neuron)) {
    bool changed = !everything && AtStation(c, Phase::kForward, layer, neuron);
    lines.push_back(
        Line(PreActivationName(c.mlp, c.notation, layer, neuron) + " = " + Num(trace.z(0), c.precision), changed));
    lines.push_back(
        Line(ActivationValueName(c.mlp, c.notation, layer, neuron) + " = " + Num(trace.a(0), c.precision), changed));
  }
  if (everything || BackwardReached(c.session, layer, neuron)) {
    bool changed = !everything && AtStation(c, Phase::kBackward, layer, neuron);
    lines.push_back(
        Line(DeltaName(c.mlp, c.notation, layer, neuron) + " = " + Num(trace.delta(0), c.precision), changed));
  }
  return lines;
}

LabelLines BiasLines(const ViewContext& c, int layer, int neuron, bool everything) {
  const ParameterUpdate& bias = c.session.trace.layers[layer].neurons[neuron].bias;
  std::string name = BiasName(c.mlp, c.notation, layer, neuron);
  bool updates = c.session.trace.config.update_biases;
  if (updates && (everything || UpdateReached(c.session, layer, neuron))) {
    bool changed = !everything && AtStation(c, Phase::kUpdate, layer, neuron);
    return {Line(name + " = " + Num(bias.old_value, c.precision) + " → " + Num(bias.new_value, c.precision), changed)};
  }
  return {Line(name + " = " + Num(ShownBias(c.session, layer, neuron), c.precision), false)};
}

// Three short lines rather than two long ones: labels must fit between the columns.
LabelLines WeightLines(const ViewContext& c, int layer, int neuron, int input, bool everything, WeightDetail detail) {
  const WeightTrace& weight = c.session.trace.layers[layer].weight(neuron, input);
  std::string name = WeightName(c.mlp, c.notation, layer, neuron, input);
  if (detail != WeightDetail::kFull) {
    // The weight as drawn; measured with the longer of its old and new values.
    std::string prefix = detail == WeightDetail::kNamedValue ? name + " = " : "";
    std::string old_text = Num(weight.update.old_value, c.precision),
                new_text = Num(weight.update.new_value, c.precision);
    if (everything) return {Line(prefix + (new_text.size() > old_text.size() ? new_text : old_text), false)};
    bool updated = UpdateReached(c.session, layer, neuron);
    return {Line(prefix + (updated ? new_text : old_text), AtStation(c, Phase::kUpdate, layer, neuron))};
  }
  LabelLines lines;
  lines.push_back(Line(name + " = " + Num(c.session.trace.before.layers[layer].W(neuron, input), c.precision), false));
  if (everything || BackwardReached(c.session, layer, neuron)) {
    bool changed = !everything && AtStation(c, Phase::kBackward, layer, neuron);
    lines.push_back(Line("∂" + LossName(c.notation) + "/∂w = " + Num(weight.gradient, c.precision), changed));
  }
  if (everything || UpdateReached(c.session, layer, neuron)) {
    bool changed = !everything && AtStation(c, Phase::kUpdate, layer, neuron);
    lines.push_back(Line("→ " + Num(weight.update.new_value, c.precision), changed));
  }
  return lines;
}

LabelLines OutputLines(const ViewContext& c, int output, bool everything) {
  LabelLines lines;
  lines.push_back(Line(TargetName(c.notation, output) + " = " + Num(c.session.t(output), c.precision), false));
  if (everything || LossReached(c.session, output)) {
    const int last = static_cast<int>(c.mlp.layers.size()) - 1;
    bool changed = !everything && AtStation(c, Phase::kLoss, last, output);
    lines.push_back(Line(
        LossTermName(c.notation, output) + " = " + Num(c.session.trace.loss_terms(output, 0), c.precision), changed));
  }
  return lines;
}

std::string NeuronSymbol(const ViewContext& c, int layer) { return ActivationSymbol(c.mlp.layers[layer].activation); }

// The legend's words are content/en/stepper.md's (docs/content.md); the formulas use the notation's
// names.
std::string LabelLegend(const ViewContext& c, const LabelsShown& shown) {
  const bool classic = c.notation == Notation::kClassic;
  const std::string loss = LossName(c.notation);
  const std::string meaning = classic ? "net = Σ w·in + b, out = h(net), δ = ∂" + loss + "/∂net"
                                      : "z = Σ w·x + b, a = h(z), δ = ∂" + loss + "/∂z";
  const ContentVars vars = {{"meaning", meaning}, {"loss", loss}};
  auto words_of = [&](const char* key) { return ContentText(c.language, key, vars); };
  std::string words = words_of(shown.cards ? "stepper#legend-cards" : "stepper#legend-values");
  if (shown.outputs) words += "; " + words_of(classic ? "stepper#legend-outputs-classic" : "stepper#legend-outputs");
  if (!shown.cards) return words + ". " + words_of("stepper#legend-hint-values");
  if (!shown.weights) return words + ". " + words_of("stepper#legend-hint-weight");
  if (!shown.weights_full) return words + ". " + words_of("stepper#legend-hint-gradient");
  return words;
}

ImVec2 MeasureText(const TextStyle& style, const std::string& text) {
  return style.font->CalcTextSizeA(style.size, FLT_MAX, 0.0f, text.c_str(), text.c_str() + text.size());
}

ImVec2 MeasureLines(const TextStyle& style, const LabelLines& lines) {
  float width = 0.0f;
  for (const LabelLine& line : lines) width = std::max(width, MeasureText(style, line.text).x);
  return ImVec2(width + 2 * style.pad, lines.size() * style.line_height() + 2 * style.pad);
}

}  // namespace bp
