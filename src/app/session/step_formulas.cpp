// The stepper's formulas as text (see step_formulas.h).
#include "app/session/step_formulas.h"

#include <cmath>

#include "app/session/format.h"

namespace bp {

namespace {
constexpr int kMaxTermsShown = 4;  // longer sums are shortened with "…" (unless all_terms)

struct Writer {
  const StepSession& session;
  const Mlp& mlp;
  const FormulaOptions& o;
  std::string Num(double value) const { return bp::Num(value, o.precision); }
  std::string Factor(double value) const { return bp::Factor(value, o.precision); }
  std::string Result(double value) const { return o.hide_result ? "?" : Num(value); }
  std::string Source(int layer, int input) const {
    return layer == 0 ? InputName(o.notation, input) : ActivationValueName(mlp, o.notation, layer - 1, input);
  }
  // Σ over `count` terms, shortened to the first kMaxTermsShown and the last unless all_terms.
  template <typename Term>
  void Sum(int count, Term term, std::string* symbols, std::string* numbers) const {
    for (int i = 0; i < count; ++i) {
      if (!o.all_terms && i == kMaxTermsShown && count > kMaxTermsShown + 1) {
        *symbols += " + …";
        *numbers += " + …";
        i = count - 1;  // the last term after the ellipsis
      }
      const std::string plus = i == 0 ? "" : " + ";
      term(i, plus, symbols, numbers);
    }
  }
};

std::string Z(const Writer& w, int l, int j) {
  const LayerTrace& layer = w.session.trace.layers[l];
  const Layer& weights = w.session.trace.before.layers[l];
  std::string symbols, numbers;
  w.Sum(
      weights.inputs(),
      [&](int i, const std::string& plus, std::string* s, std::string* n) {
        *s += plus + WeightName(w.mlp, w.o.notation, l, j, i) + "·" + w.Source(l, i);
        *n += plus + w.Factor(weights.W(j, i)) + "·" + w.Factor(layer.input(i, 0));
      },
      &symbols, &numbers);
  return PreActivationName(w.mlp, w.o.notation, l, j) + " = " + symbols + " + " +
         BiasName(w.mlp, w.o.notation, l, j) + " = " + numbers + " + " + w.Factor(weights.b(j)) + " = " +
         w.Result(layer.neurons[j].z(0));
}

std::string A(const Writer& w, int l, int j) {
  const NeuronTrace& neuron = w.session.trace.layers[l].neurons[j];
  const Layer& weights = w.session.trace.before.layers[l];
  const std::string a_name = ActivationValueName(w.mlp, w.o.notation, l, j);
  const std::string z_name = PreActivationName(w.mlp, w.o.notation, l, j);
  if (weights.activation == Activation::kSoftmax) return a_name + " = e^" + z_name + " / Σₖ e^zₖ = " + w.Result(neuron.a(0));
  const std::string h = ActivationSymbol(weights.activation);
  return a_name + " = " + h + "(" + z_name + ") = " + h + "(" + w.Num(neuron.z(0)) + ") = " + w.Result(neuron.a(0));
}

std::string LossTerm(const Writer& w, int k) {
  const int last = static_cast<int>(w.mlp.layers.size()) - 1;
  const double a = w.session.trace.layers[last].neurons[k].a(0);
  const double t = w.session.t(k);
  const double term = w.session.trace.loss_terms(k, 0);
  const std::string a_name = ActivationValueName(w.mlp, w.o.notation, last, k);
  const std::string t_name = TargetName(w.o.notation, k);
  const std::string term_name = LossTermName(w.o.notation, k);
  switch (w.mlp.loss) {
    case Loss::kHalfSquaredError:
      return term_name + " = ½(" + t_name + " − " + a_name + ")² = ½(" + w.Num(t) + " − " + w.Num(a) +
             ")² = " + w.Result(term);
    case Loss::kBinaryCrossEntropy:
      return term_name + " = −[t ln a + (1 − t) ln(1 − a)] = −[" + w.Num(t) + "·ln " + w.Num(a) + " + " +
             w.Num(1 - t) + "·ln " + w.Num(1 - a) + "] = " + w.Result(term);
    case Loss::kSoftmaxCrossEntropy:
      return term_name + " = −" + t_name + " ln " + a_name + " = −" + w.Num(t) + "·ln " + w.Num(a) + " = " +
             w.Result(term);
  }
  return term_name;
}

std::string TotalLoss(const Writer& w) {
  std::string symbols, numbers;
  w.Sum(
      static_cast<int>(w.session.trace.loss_terms.rows()),
      [&](int k, const std::string& plus, std::string* s, std::string* n) {
        *s += plus + LossTermName(w.o.notation, k);
        *n += plus + w.Num(w.session.trace.loss_terms(k, 0));
      },
      &symbols, &numbers);
  return LossName(w.o.notation) + " = " + symbols + " = " + numbers + " = " + w.Result(w.session.trace.loss);
}

std::string Derivative(const Writer& w, int l, int j) {
  const NeuronTrace& neuron = w.session.trace.layers[l].neurons[j];
  const std::string a_name = ActivationValueName(w.mlp, w.o.notation, l, j);
  const std::string z_name = PreActivationName(w.mlp, w.o.notation, l, j);
  const std::string h = ActivationSymbol(w.session.trace.before.layers[l].activation);
  return "∂" + a_name + "/∂" + z_name + " = " + h + "′(" + z_name + ") = " + h + "′(" + w.Num(neuron.z(0)) + ") = " +
         w.Result(neuron.derivative(0));
}

std::string DlDa(const Writer& w, int l, int j) {
  const NeuronTrace& neuron = w.session.trace.layers[l].neurons[j];
  const std::string head = "∂" + LossName(w.o.notation) + "/∂" + ActivationValueName(w.mlp, w.o.notation, l, j);
  if (l + 1 == static_cast<int>(w.mlp.layers.size())) {
    const double a = neuron.a(0), t = w.session.t(j);
    const std::string a_name = ActivationValueName(w.mlp, w.o.notation, l, j);
    const std::string t_name = TargetName(w.o.notation, j);
    if (w.mlp.loss == Loss::kBinaryCrossEntropy) {
      return head + " = (" + a_name + " − " + t_name + ") / (" + a_name + "(1 − " + a_name + ")) = (" + w.Num(a) +
             " − " + w.Num(t) + ") / (" + w.Num(a) + "·" + w.Factor(1 - a) + ") = " + w.Result(neuron.dL_da(0));
    }
    return head + " = " + a_name + " − " + t_name + " = " + w.Num(a) + " − " + w.Factor(t) + " = " +
           w.Result(neuron.dL_da(0));
  }
  // ∂L/∂a_j = Σ_k δ_k w_kj over the next layer.
  const Layer& next = w.session.trace.before.layers[l + 1];
  const LayerTrace& next_trace = w.session.trace.layers[l + 1];
  std::string symbols, numbers;
  w.Sum(
      next.outputs(),
      [&](int k, const std::string& plus, std::string* s, std::string* n) {
        *s += plus + DeltaName(w.mlp, w.o.notation, l + 1, k) + "·" + WeightName(w.mlp, w.o.notation, l + 1, k, j);
        *n += plus + w.Factor(next_trace.neurons[k].delta(0)) + "·" + w.Factor(next.W(k, j));
      },
      &symbols, &numbers);
  return head + " = " + symbols + " = " + numbers + " = " + w.Result(neuron.dL_da(0));
}

std::string Delta(const Writer& w, int l, int j) {
  const NeuronTrace& neuron = w.session.trace.layers[l].neurons[j];
  const std::string loss = LossName(w.o.notation);
  const std::string a_name = ActivationValueName(w.mlp, w.o.notation, l, j);
  const std::string z_name = PreActivationName(w.mlp, w.o.notation, l, j);
  const std::string delta_name = DeltaName(w.mlp, w.o.notation, l, j);
  if (std::isnan(neuron.derivative(0))) {
    return delta_name + " = ∂" + loss + "/∂" + z_name + " = " + a_name + " − " + TargetName(w.o.notation, j) + " = " +
           w.Num(neuron.a(0)) + " − " + w.Factor(w.session.t(j)) + " = " + w.Result(neuron.delta(0)) +
           "  (softmax with cross-entropy)";
  }
  return delta_name + " = ∂" + loss + "/∂" + a_name + " · ∂" + a_name + "/∂" + z_name + " = " +
         w.Factor(neuron.dL_da(0)) + " · " + w.Factor(neuron.derivative(0)) + " = " + w.Result(neuron.delta(0));
}

std::string DlDw(const Writer& w, int l, int j, int i) {
  const NeuronTrace& neuron = w.session.trace.layers[l].neurons[j];
  const std::string name = WeightName(w.mlp, w.o.notation, l, j, i);
  return "∂" + LossName(w.o.notation) + "/∂" + name + " = " + DeltaName(w.mlp, w.o.notation, l, j) + "·" +
         w.Source(l, i) + " = " + w.Factor(neuron.delta(0)) + "·" +
         w.Factor(w.session.trace.layers[l].input(i, 0)) + " = " + w.Result(w.session.trace.layers[l].weight(j, i).gradient);
}

std::string DlDb(const Writer& w, int l, int j) {
  const NeuronTrace& neuron = w.session.trace.layers[l].neurons[j];
  return "∂" + LossName(w.o.notation) + "/∂" + BiasName(w.mlp, w.o.notation, l, j) + " = " +
         DeltaName(w.mlp, w.o.notation, l, j) + "·1 = " + w.Factor(neuron.delta(0)) + "·1 = " + w.Result(neuron.dL_db);
}

std::string Update(const Writer& w, const std::string& name, const std::string& gradient_name, double gradient,
                   const ParameterUpdate& update) {
  const OptimizerConfig& config = w.session.trace.config;
  if (config.kind == OptimizerKind::kSgd) {
    return name + "⁺ = " + name + " − η·" + gradient_name + " = " + w.Num(update.old_value) + " − " +
           w.Num(config.learning_rate) + "·" + w.Factor(gradient) + " = " + w.Result(update.new_value);
  }
  return name + "⁺ = " + name + " + step = " + w.Num(update.old_value) + " + " + w.Factor(update.step) + " = " +
         w.Result(update.new_value) + "  (" + OptimizerName(config.kind) + ")";
}
}  // namespace

std::string QuantityName(const StepSession& session, Notation notation, const PredictItem& item) {
  const Mlp& mlp = session.mlp;
  const int l = item.layer, j = item.neuron;
  const std::string loss = LossName(notation);
  switch (item.what) {
    case PredictQuantity::kZ: return PreActivationName(mlp, notation, l, j);
    case PredictQuantity::kA: return ActivationValueName(mlp, notation, l, j);
    case PredictQuantity::kLossTerm: return LossTermName(notation, j);
    case PredictQuantity::kLoss: return loss;
    case PredictQuantity::kDerivative:
      return "∂" + ActivationValueName(mlp, notation, l, j) + "/∂" + PreActivationName(mlp, notation, l, j);
    case PredictQuantity::kDlDa: return "∂" + loss + "/∂" + ActivationValueName(mlp, notation, l, j);
    case PredictQuantity::kDelta: return DeltaName(mlp, notation, l, j);
    case PredictQuantity::kDlDw: return "∂" + loss + "/∂" + WeightName(mlp, notation, l, j, item.input);
    case PredictQuantity::kDlDb: return "∂" + loss + "/∂" + BiasName(mlp, notation, l, j);
    case PredictQuantity::kNewWeight: return WeightName(mlp, notation, l, j, item.input) + "⁺";
    case PredictQuantity::kNewBias: return BiasName(mlp, notation, l, j) + "⁺";
  }
  return "";
}

std::string QuantityFormula(const StepSession& session, const PredictItem& item, const FormulaOptions& options) {
  const Writer w{session, session.mlp, options};
  const int l = item.layer, j = item.neuron;
  const StepTrace& trace = session.trace;
  switch (item.what) {
    case PredictQuantity::kZ: return Z(w, l, j);
    case PredictQuantity::kA: return A(w, l, j);
    case PredictQuantity::kLossTerm: return LossTerm(w, j);
    case PredictQuantity::kLoss: return TotalLoss(w);
    case PredictQuantity::kDerivative: return Derivative(w, l, j);
    case PredictQuantity::kDlDa: return DlDa(w, l, j);
    case PredictQuantity::kDelta: return Delta(w, l, j);
    case PredictQuantity::kDlDw: return DlDw(w, l, j, item.input);
    case PredictQuantity::kDlDb: return DlDb(w, l, j);
    case PredictQuantity::kNewWeight: {
      const WeightTrace& weight = trace.layers[l].weight(j, item.input);
      const std::string name = WeightName(session.mlp, options.notation, l, j, item.input);
      return Update(w, name, "∂" + LossName(options.notation) + "/∂" + name,
                    weight.gradient + weight.penalty_gradient, weight.update);
    }
    case PredictQuantity::kNewBias: {
      const NeuronTrace& neuron = trace.layers[l].neurons[j];
      const std::string name = BiasName(session.mlp, options.notation, l, j);
      return Update(w, name, "∂" + LossName(options.notation) + "/∂" + name, neuron.dL_db, neuron.bias);
    }
  }
  return "";
}

}  // namespace bp
