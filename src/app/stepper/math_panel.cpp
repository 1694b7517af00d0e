// The side panel's math: for the selected (or hovered, or current) neuron, weight or bias, the
// formula with the numbers of the current step substituted, read from the core's StepTrace.
#include <cmath>
#include <string>

#include "app/session/content.h"
#include "app/session/format.h"
#include "app/session/step_formulas.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/fonts.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
struct Context {
  const StepSession& session;
  const Mlp& mlp;
  Notation notation;
  int p;
  const std::string& language;
};

std::string SourceName(const Context& c, int layer, int input) {
  return layer == 0 ? InputName(c.notation, input) : ActivationValueName(c.mlp, c.notation, layer - 1, input);
}

void Formula(const std::string& text) { WrappedText(text); }
void NotYet(const char* what) { ImGui::TextDisabled("%s: not reached yet in this step", what); }
// A quantity's line from step_formulas.h.
void Quantity(const Context& c, PredictQuantity what, int l, int j, int i = 0) {
  FormulaOptions options;
  options.notation = c.notation;
  options.precision = c.p;
  Formula(QuantityFormula(c.session, PredictItem{what, l, j, i}, options));
}

void ForwardFormulas(const Context& c, int l, int j) {
  Quantity(c, PredictQuantity::kZ, l, j);
  Quantity(c, PredictQuantity::kA, l, j);
}

void LossFormula(const Context& c, int k) {
  Quantity(c, PredictQuantity::kLossTerm, static_cast<int>(c.mlp.layers.size()) - 1, k);
  Formula(LossName(c.notation) + " = " + Num(c.session.trace.loss, c.p) + "  (the sum of the terms" +
          (c.session.trace.pass.layers.back().a.cols() > 1 ? ", averaged over the batch)" : ")"));
}

void DeltaFormulas(const Context& c, int l, int j) {
  if (l + 1 < static_cast<int>(c.mlp.layers.size())) Quantity(c, PredictQuantity::kDlDa, l, j);
  Quantity(c, PredictQuantity::kDelta, l, j);
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
  Quantity(c, PredictQuantity::kNewWeight, l, j, i);
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
  Quantity(c, PredictQuantity::kNewBias, l, j);
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
