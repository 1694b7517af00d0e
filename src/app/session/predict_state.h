// Predict mode's bookkeeping inside a StepSession (plain data; the rules are in predict.h). In
// predict mode the stepper does not move onto a station whose numbers the learner has not predicted:
// it stays on the station before and asks, one quantity at a time. The stations of a step are walked
// in order, so the revealed ones are always a prefix: everything up to `frontier` in step
// `frontier_step`, and every step before it.
#pragma once

#include <string>

namespace bp {

// What a question asks for.
enum class PredictQuantity {
  kZ,
  kA,
  kLossTerm,
  kLoss,
  kDerivative,
  kDlDa,
  kDelta,
  kDlDw,
  kDlDb,
  kNewWeight,
  kNewBias,
};

// One question: a quantity of neuron `neuron` in layer `layer` (Mlp::layers index), of input
// `input` for a weight's gradient and update.
struct PredictItem {
  PredictQuantity what = PredictQuantity::kZ;
  int layer = 0;
  int neuron = 0;
  int input = 0;
};

struct PredictScore {
  int right = 0;  // right at the first (and only) try
  int asked = 0;  // answered or revealed
};

// How an answer went.
struct PredictAnswer {
  bool right = false;
  bool revealed = false;  // the learner asked to see it
  double typed = 0.0;
  double expected = 0.0;
  std::string mistake;  // the matched typical mistake's content key, or ""
};

// The last answer, for the verdict the stepper shows until the next one.
struct PredictRecord : PredictAnswer {
  PredictItem item;
};

struct PredictState {
  bool on = false;
  int frontier_step = 0;  // the step being predicted (StepSession::steps_taken)
  int frontier = 0;       // stations up to this position of that step are revealed
  bool asking = false;    // the station at frontier + 1 is being asked
  int question = 0;       // which of its questions
  int target = 0;         // where the move that started asking wanted to go
  bool has_last = false;
  PredictRecord last;
  PredictScore step_score;     // the step being predicted
  PredictScore session_score;  // every step since predict mode was switched on
};

}  // namespace bp
