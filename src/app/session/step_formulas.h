// The stepper's formulas as text: a quantity of the current step written with its symbols, then
// with the numbers of the step substituted, then its value ("z₁⁽¹⁾ = w₁,₁⁽¹⁾·x₁ + … = 0.15·0.05 + …
// = 0.3775"). The side panel's math and predict mode's questions (with "?" for the value) and
// verdicts are written with them. Every number comes from the session's trace; no ImGui here.
#pragma once

#include <string>

#include "app/session/notation.h"
#include "app/session/predict_state.h"
#include "app/session/step_session.h"

namespace bp {

struct FormulaOptions {
  Notation notation = Notation::kLayered;
  int precision = 6;
  bool hide_result = false;  // "= ?" instead of the value (a question)
  bool all_terms = false;    // every term of a long sum (a question must show all it needs)
};

// The quantity's symbol: "z₁⁽¹⁾", "∂L/∂a₁⁽²⁾", "δ₁⁽²⁾", "w₁,₁⁽²⁾⁺" (the new value), ...
std::string QuantityName(const StepSession& session, Notation notation, const PredictItem& item);
// The formula with numbers, as described above. For ∂L/∂w and ∂L/∂b it is the δ form (δⱼ·aᵢ, δⱼ·1).
std::string QuantityFormula(const StepSession& session, const PredictItem& item, const FormulaOptions& options);

}  // namespace bp
