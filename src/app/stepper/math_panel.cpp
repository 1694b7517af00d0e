// The side panel's math: for the selected (or hovered, or current) neuron, weight or bias, the
// formula with the numbers of the current step substituted, read from the core's StepTrace.
#include <cmath>
#include <string>

#include "app/session/content.h"
#include "app/session/format.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/fonts.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr int kMaxTermsShown = 4;  // longer sums are shortened with "…"

struct Context {
  const StepSession& session;
  const Mlp& mlp;
  Notation notation;
  int p;
  const std::string& language;
};

// A number as a factor in a product: negative numbers in parentheses.
std::string Factor(double value, int precision) {
  std::string text = Num(value, precision);
  return value < 0 ? "(" + text + ")" : text;
}

std::string SourceName(const Context& c, int layer, int input) {
  return layer == 0 ? InputName(c.notation, input) : ActivationValueName(c.mlp, c.notation, layer - 1, input);
}

void Formula(const std::string& text) { WrappedText(text); }
void NotYet(const char* what) { ImGui::TextDisabled("%s: not reached yet in this step", what); }

void ForwardFormulas(const Context& c, int l, int j) {
  const LayerTrace& layer = c.session.trace.layers[l];
  const NeuronTrace& neuron = layer.neurons[j];
  const Layer& weights = c.session.trace.before.layers[l];
  const int inputs = weights.inputs();
  std::string symbols, numbers;
  for (int i = 0; i < inputs; ++i) {
    if (i == kMaxTermsShown && inputs > kMaxTermsShown + 1) {
      symbols += " + …";
      numbers += " + …";
      i = inputs - 1;  // show the last term after the ellipsis
    }
    std::string plus = i == 0 ? "" : " + ";
    symbols += plus + WeightName(c.mlp, c.notation, l, j, i) + "·" + SourceName(c, l, i);
    numbers += plus + Factor(weights.W(j, i), c.p) + "·" + Factor(layer.input(i, 0), c.p);
  }
  std::string z_name = PreActivationName(c.mlp, c.notation, l, j);
  Formula(z_name + " = " + symbols + " + " + BiasName(c.mlp, c.notation, l, j) + " = " + numbers + " + " +
          Factor(weights.b(j), c.p) + " = " + Num(neuron.z(0), c.p));
  std::string a_name = ActivationValueName(c.mlp, c.notation, l, j);
  if (weights.activation == Activation::kSoftmax) {
    Formula(a_name + " = e^" + z_name + " / Σₖ e^zₖ = " + Num(neuron.a(0), c.p));
  } else {
    std::string h = ActivationSymbol(weights.activation);
    Formula(a_name + " = " + h + "(" + z_name + ") = " + h + "(" + Num(neuron.z(0), c.p) +
            ") = " + Num(neuron.a(0), c.p));
  }
}

void LossFormula(const Context& c, int k) {
  const int last = static_cast<int>(c.mlp.layers.size()) - 1;
  double a = c.session.trace.layers[last].neurons[k].a(0);
  double t = c.session.t(k);
  double term = c.session.trace.loss_terms(k, 0);
  std::string a_name = ActivationValueName(c.mlp, c.notation, last, k);
  std::string t_name = TargetName(c.notation, k);
  std::string term_name = LossTermName(c.notation, k);
  switch (c.mlp.loss) {
    case Loss::kHalfSquaredError:
      Formula(term_name + " = ½(" + t_name + " − " + a_name + ")² = ½(" + Num(t, c.p) + " − " + Num(a, c.p) +
              ")² = " + Num(term, c.p));
      break;
    case Loss::kBinaryCrossEntropy:
      Formula(term_name + " = −[t ln a + (1 − t) ln(1 − a)] = −[" + Num(t, c.p) + "·ln " + Num(a, c.p) + " + " +
              Num(1 - t, c.p) + "·ln " + Num(1 - a, c.p) + "] = " + Num(term, c.p));
      break;
    case Loss::kSoftmaxCrossEntropy:
      Formula(term_name + " = −" + t_name + " ln " + a_name + " = −" + Num(t, c.p) + "·ln " + Num(a, c.p) + " = " +
              Num(term, c.p));
      break;
  }
  Formula(LossName(c.notation) + " = " + Num(c.session.trace.loss, c.p) + "  (the sum of the terms" +
          (c.session.trace.pass.layers.back().a.cols() > 1 ? ", averaged over the batch)" : ")"));
}

void DeltaFormulas(const Context& c, int l, int j) {
  const NeuronTrace& neuron = c.session.trace.layers[l].neurons[j];
  const bool output = l == static_cast<int>(c.mlp.layers.size()) - 1;
  std::string loss = LossName(c.notation);
  std::string a_name = ActivationValueName(c.mlp, c.notation, l, j);
  std::string z_name = PreActivationName(c.mlp, c.notation, l, j);
  std::string delta_name = DeltaName(c.mlp, c.notation, l, j);
  if (!output) {
    // ∂L/∂a_j = Σ_k δ_k w_kj over the next layer.
    const Layer& next = c.session.trace.before.layers[l + 1];
    const LayerTrace& next_trace = c.session.trace.layers[l + 1];
    std::string symbols, numbers;
    for (int k = 0; k < next.outputs(); ++k) {
      if (k == kMaxTermsShown && next.outputs() > kMaxTermsShown + 1) {
        symbols += " + …";
        numbers += " + …";
        k = next.outputs() - 1;
      }
      std::string plus = k == 0 ? "" : " + ";
      symbols += plus + DeltaName(c.mlp, c.notation, l + 1, k) + "·" + WeightName(c.mlp, c.notation, l + 1, k, j);
      numbers += plus + Factor(next_trace.neurons[k].delta(0), c.p) + "·" + Factor(next.W(k, j), c.p);
    }
    Formula("∂" + loss + "/∂" + a_name + " = " + symbols + " = " + numbers + " = " + Num(neuron.dL_da(0), c.p));
  }
  if (std::isnan(neuron.derivative(0))) {
    Formula(delta_name + " = ∂" + loss + "/∂" + z_name + " = " + a_name + " − " + TargetName(c.notation, j) + " = " +
            Num(neuron.delta(0), c.p) + "  (softmax with cross-entropy)");
    return;
  }
  Formula(delta_name + " = ∂" + loss + "/∂" + a_name + " · ∂" + a_name + "/∂" + z_name + " = " +
          Factor(neuron.dL_da(0), c.p) + " · " + Factor(neuron.derivative(0), c.p) + " = " + Num(neuron.delta(0), c.p));
}

void UpdateFormula(const Context& c, const std::string& name, const std::string& gradient_name, double gradient,
                   const ParameterUpdate& update) {
  const OptimizerConfig& config = c.session.trace.config;
  if (config.kind == OptimizerKind::kSgd) {
    Formula(name + "⁺ = " + name + " − η·" + gradient_name + " = " + Num(update.old_value, c.p) + " − " +
            Num(config.learning_rate, c.p) + "·" + Factor(gradient, c.p) + " = " + Num(update.new_value, c.p));
  } else {
    Formula(name + "⁺ = " + name + " + step = " + Num(update.old_value, c.p) + " + " + Factor(update.step, c.p) +
            " = " + Num(update.new_value, c.p) + "  (" + OptimizerName(config.kind) + ")");
  }
}

void WeightFormulas(const Context& c, int l, int j, int i) {
  const WeightTrace& weight = c.session.trace.layers[l].weight(j, i);
  std::string w = WeightName(c.mlp, c.notation, l, j, i);
  std::string loss = LossName(c.notation);
  Formula(w + " = " + Num(weight.update.old_value, c.p) + "  (from " + SourceName(c, l, i) + " to " +
          ActivationValueName(c.mlp, c.notation, l, j) + ")");
  if (!BackwardReached(c.session, l, j)) return NotYet("its gradient");
  std::string a = ActivationValueName(c.mlp, c.notation, l, j);
  std::string z = PreActivationName(c.mlp, c.notation, l, j);
  std::string gradient_name = "∂" + loss + "/∂" + w;
  if (std::isnan(weight.da_dz(0))) {
    Formula(gradient_name + " = δ · ∂" + z + "/∂" + w + " = " +
            Factor(c.session.trace.layers[l].neurons[j].delta(0), c.p) + " · " + Factor(weight.dz_dw(0), c.p) + " = " +
            Num(weight.gradient, c.p));
  } else {
    Formula(gradient_name + " = ∂" + loss + "/∂" + a + " · ∂" + a + "/∂" + z + " · ∂" + z + "/∂" + w + " = " +
            Factor(weight.dL_da(0), c.p) + " · " + Factor(weight.da_dz(0), c.p) + " · " + Factor(weight.dz_dw(0), c.p) +
            " = " + Num(weight.gradient, c.p));
  }
  if (weight.penalty_gradient != 0.0)
    Formula("plus the weight penalty's gradient " + Num(weight.penalty_gradient, c.p));
  if (!UpdateReached(c.session, l, j)) return NotYet("the update");
  UpdateFormula(c, w, gradient_name, weight.gradient + weight.penalty_gradient, weight.update);
}

void BiasFormulas(const Context& c, int l, int j) {
  const NeuronTrace& neuron = c.session.trace.layers[l].neurons[j];
  std::string b = BiasName(c.mlp, c.notation, l, j);
  Formula(b + " = " + Num(neuron.bias.old_value, c.p));
  if (!BackwardReached(c.session, l, j)) return NotYet("its gradient");
  Formula("∂" + LossName(c.notation) + "/∂" + b + " = δ · 1 = " + Num(neuron.dL_db, c.p));
  if (!UpdateReached(c.session, l, j)) return NotYet("the update");
  if (!c.session.trace.config.update_biases) {
    Formula(ContentText(c.language, "stepper#biases-fixed"));
    return;
  }
  UpdateFormula(c, b, "∂" + LossName(c.notation) + "/∂" + b, neuron.dL_db, neuron.bias);
}

void NeuronFormulas(const Context& c, int l, int j) {
  if (!ForwardReached(c.session, l, j)) return NotYet("This neuron's forward values");
  ForwardFormulas(c, l, j);
  const bool output = l == static_cast<int>(c.mlp.layers.size()) - 1;
  if (output && LossReached(c.session, j)) LossFormula(c, j);
  if (BackwardReached(c.session, l, j)) DeltaFormulas(c, l, j);
  if (UpdateReached(c.session, l, j)) BiasFormulas(c, l, j);
}

// Without a selection, the panel explains the station the stepper stands on.
Selection SelectionForStation(const Station& station) {
  Selection selection;
  if (station.layer < 0) return selection;
  selection.kind = Selection::Kind::kNeuron;
  selection.layer = station.layer;
  selection.neuron = station.neuron;
  return selection;
}
}  // namespace

void DrawMathPanel(AppState& state) {
  const StepSession& session = state.step;
  if (session.stations.empty()) return;
  Context c{session, session.mlp, EffectiveNotation(session.mlp, state.notation), state.precision, state.language};
  Selection selection = state.hovered.kind != Selection::Kind::kNone ? state.hovered : state.selected;
  if (selection.kind == Selection::Kind::kNone) selection = SelectionForStation(CurrentStation(session));

  ImGui::PushFont(Fonts().mono);
  switch (selection.kind) {
    case Selection::Kind::kNone: WrappedText(DescribeStation(state)); break;
    case Selection::Kind::kInput:
      Formula(InputName(c.notation, selection.neuron) + " = " + Num(session.x(selection.neuron), c.p) + "  (input)");
      break;
    case Selection::Kind::kNeuron: NeuronFormulas(c, selection.layer, selection.neuron); break;
    case Selection::Kind::kWeight: WeightFormulas(c, selection.layer, selection.neuron, selection.input); break;
    case Selection::Kind::kBias: BiasFormulas(c, selection.layer, selection.neuron); break;
  }
  ImGui::PopFont();
}

}  // namespace bp
