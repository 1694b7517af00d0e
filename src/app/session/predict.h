// Predict, then reveal (#16, its first part: the logic, without drawing). Before the stepper shows a
// number the learner types it; a prediction is right when it agrees with the core's value to the
// precision shown, and a wrong one is matched against the values the typical mistakes give, each
// computed from the same trace, so the feedback can name the mistake (content/en/predict.md).
#pragma once

#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/trace.h"

namespace bp {

// What a station asks for.
enum class PredictQuantity { kZ, kA, kLossTerm, kLoss, kDerivative, kDlDa, kDelta, kDlDw, kNewWeight };

// A wrong value a typical mistake gives, and the part of content/en/predict.md that names it
// ("predict#no-bias").
struct TypicalMistake {
  std::string key;
  double value;
};

struct PredictionQuestion {
  double expected = 0.0;  // the core's value
  std::vector<TypicalMistake> mistakes;
};

// The question for quantity `what` of neuron `neuron` in layer `layer` (input `input` for a weight)
// of a single-sample trace whose target is `t`. Update mistakes are given for plain SGD without
// penalties only (the update is then w − η ∂L/∂w).
PredictionQuestion AskPrediction(const StepTrace& trace, const Eigen::VectorXd& t, PredictQuantity what, int layer,
                                 int neuron, int input = 0);

// The rule: right when |typed − expected| is at most one unit of the last digit shown with `digits`
// significant digits, 10^(⌊log₁₀|expected|⌋ − digits + 1) (so the shown value and a truncated one
// count; 0.7510 for 0.75136507 at 4 digits does not), or at most 1e-9 near zero.
bool PredictionRight(double typed, double expected, int digits);

struct PredictionVerdict {
  bool right = false;
  std::string mistake;  // the key of the matched typical mistake, or "" (unknown: the formula only)
};
PredictionVerdict CheckPrediction(double typed, const PredictionQuestion& question, int digits);

}  // namespace bp
