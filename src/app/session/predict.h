// Predict, then reveal (#16, its first part: the logic, without drawing). Before the stepper shows a
// number the learner types it; a prediction is right when it agrees with the core's value to the
// precision shown, and a wrong one is matched against the values the typical mistakes give, each
// computed from the same trace, so the feedback can name the mistake (content/en/predict.md).
#pragma once

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "app/session/predict_state.h"
#include "app/session/step_session.h"
#include "core/trace.h"

namespace bp {

// The name used by the API ("z", "a", "lossTerm", "loss", "derivative", "dLda", "delta", "dLdw",
// "dLdb", "newWeight", "newBias").
const char* PredictQuantityName(PredictQuantity what);

// A wrong value a typical mistake gives, and the part of content/en/predict.md that names it
// ("predict#no-bias").
struct TypicalMistake {
  std::string key;
  double value;
};

struct PredictionQuestion {
  double expected = 0.0;  // the core's value
  // The value the numbers shown in the question give, each rounded to `digits` significant digits as
  // the stepper shows them (a learner who works from them is right too). NaN when not computed.
  double from_shown = 0.0;
  std::vector<TypicalMistake> mistakes;
};

// The question for quantity `what` of neuron `neuron` in layer `layer` (input `input` for a weight)
// of a single-sample trace whose target is `t`. Update mistakes are given for plain SGD without
// penalties only (the update is then w − η ∂L/∂w).
PredictionQuestion AskPrediction(const StepTrace& trace, const Eigen::VectorXd& t, PredictQuantity what, int layer,
                                 int neuron, int input = 0, int digits = 17);

// The rule: right when |typed − expected| is at most one unit of the last digit shown with `digits`
// significant digits, 10^(⌊log₁₀|expected|⌋ − digits + 1) (so the shown value and a truncated one
// count; 0.7510 for 0.75136507 at 4 digits does not), or at most 1e-9 near zero.
bool PredictionRight(double typed, double expected, int digits);

struct PredictionVerdict {
  bool right = false;
  std::string mistake;  // the key of the matched typical mistake, or "" (unknown: the formula only)
};
// Right when PredictionRight with the core's value or with the value from the shown numbers.
PredictionVerdict CheckPrediction(double typed, const PredictionQuestion& question, int digits);
// A typed answer checked (or a revealed one), with what the verdict shows, and counted in `scores`.
PredictAnswer JudgeAnswer(const PredictionQuestion& question, bool reveal, double typed, int digits,
                          std::initializer_list<PredictScore*> scores);

// A typed answer: ParseUserNumber's rules, with a minus sign copied from a formula (U+2212) read as
// '-'; refusals name it as `what`.
Result<double> ParsePrediction(const std::string& typed, const std::string& what = "your prediction");

// --- Predict mode in the stepper ------------------------------------------------------------------

// Weight questions (its gradient, its new value) are asked for a neuron's first kMaxWeightsAsked
// inputs; the others follow the same rule and are shown with the station.
constexpr int kMaxWeightsAsked = 3;

// The questions of the station at `position`, in the order they are asked: forward z then a (not a
// softmax's a, which needs the whole layer); a loss term, and the loss at the last output; backward
// ∂L/∂a, h′(z) and δ (δ alone for softmax with cross-entropy), then ∂L/∂w and ∂L/∂b; update the new
// weights, and the new bias when biases update. Start and done ask nothing.
std::vector<PredictItem> StationQuestions(const StepSession& session, int position);
PredictionQuestion AskItem(const StepSession& session, const PredictItem& item, int digits);

// Switches predict mode; switching on counts every station up to the current one as revealed.
void SetPredictMode(StepSession* session, bool on);
// Where a forward move to `target` may go in predict mode: `target`, or the last revealed station
// when a station before it has questions left (which then asks). Used by every move (step_session).
int PredictStop(StepSession* session, int target);
// The question being asked, if any.
std::optional<PredictItem> CurrentQuestion(const StepSession& session);
// How many questions the station being asked has (0 when none is asked).
int CurrentQuestionCount(const StepSession& session);
// Answers the current question with typed text (ParseUserNumber's rules); a refusal (no question,
// not a number) changes nothing. After the station's last question the stepper moves on to it (and
// further, to where the move wanted to go, asking again on the way).
Status SubmitPrediction(StepSession* session, const std::string& typed, int digits, double now);
// Shows the current question's value without an answer (counted as asked, not right).
Status RevealPrediction(StepSession* session, int digits, double now);

}  // namespace bp
