// Predict mode in the autodiff graph (#16, part 2), its logic without drawing: before the graph's
// stepper computes a node's value (forward) or passes a node's gradient on (backward), the learner
// types the number that step makes known — the node's value, or the gradient of each operand whose
// gradient this step completes. Checked with the stepper's rule (session/predict.h); a wrong
// gradient is matched against two typical mistakes: one path only, for a value used twice, and a
// product's local derivative taken from the wrong operand.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/session/predict.h"
#include "core/graph.h"

namespace bp {

struct GraphQuestion {
  int node = -1;
  bool gradient = false;  // ∂E/∂node, else the node's value
};

struct GraphPredictRecord : PredictAnswer {  // mistake: "predict#one-path", "predict#wrong-operand" or ""
  GraphQuestion item;
};

struct GraphPredictState {
  bool on = false;
  int frontier = 0;  // positions up to this one are seen
  bool asking = false;
  int question = 0;
  int target = 0;
  bool has_last = false;
  GraphPredictRecord last;
  PredictScore score;
};

// The questions of the move onto `position` (GraphStepCount's numbering: 1..F forward nodes, F + 1
// the seed, then the backward nodes): the forward node's value, or the gradients the backward node
// completes. `complete` is the graph after a whole forward and backward pass.
std::vector<GraphQuestion> GraphQuestionsAt(const Graph& complete, int position);
PredictionQuestion AskGraphQuestion(const Graph& complete, const GraphQuestion& question, int position);

// Where a move to `target` may go from `position` (see PredictStop in session/predict.h).
int GraphPredictStop(GraphPredictState* p, const Graph& complete, int target);
void SetGraphPredictMode(GraphPredictState* p, bool on, int position);
std::optional<GraphQuestion> CurrentGraphQuestion(const GraphPredictState& p, const Graph& complete, int position);
int CurrentGraphQuestionCount(const GraphPredictState& p, const Graph& complete, int position);
// Answer (typed text) or reveal the current question. On success *position is where the stepper
// now stands (the move goes on once a step's questions are done). A refusal changes nothing.
Status SubmitGraphPrediction(GraphPredictState* p, const Graph& complete, int* position, const std::string& typed,
                             int digits);
Status RevealGraphPrediction(GraphPredictState* p, const Graph& complete, int* position);

}  // namespace bp
