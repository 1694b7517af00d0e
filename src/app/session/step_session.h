// The stepper's model: one sample, the network before the step, the core's StepTrace of that
// step, and a position in the list of "stations" the learner walks through:
//   start → Forward (layer by layer, neuron by neuron) → Loss (one output at a time)
//         → Backward (last layer first) → Update (layer by layer) → done.
// The stepper holds no math: every number shown comes from the trace. Stepping past "done" takes
// the step for real (ApplyStep) and traces the next one; stepping back before "start" restores
// the network kept in the history, exactly.
#pragma once

#include <deque>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "app/session/predict_state.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "core/result.h"
#include "core/trace.h"

namespace bp {

enum class Phase { kStart, kForward, kLoss, kBackward, kUpdate, kDone };
const char* PhaseName(Phase phase);   // "start", "forward", "loss", "backward", "update", "done"
const char* PhaseTitle(Phase phase);  // "Start", "Forward", ...
Result<Phase> ParsePhase(const std::string& name);

enum class Granularity { kNeuron, kLayer, kPhase, kStep };
const char* GranularityName(Granularity granularity);  // "neuron", "layer", "phase", "step"
Result<Granularity> ParseGranularity(const std::string& name);

// One place the stepper can stand. layer is the index into Mlp::layers (-1 for start/done);
// neuron the unit in that layer (for Loss: the output unit).
struct Station {
  Phase phase = Phase::kStart;
  int layer = -1;
  int neuron = -1;
};

// Step-back reaches the last 1,000 steps, or as many as fit in 32 MB for a large network (a 9-layer
// network 16 wide keeps about 500): the history never grows without bound, however long a learner
// presses Next or Play.
constexpr int kMaxStepBack = 1000;
constexpr size_t kStepBackBytes = 32u << 20;

struct StepSession {
  Mlp mlp;  // the network before the current step (the trace's `before`)
  OptimizerConfig config;
  OptimizerState optimizer;
  Eigen::VectorXd x;  // the sample being stepped, (n_inputs)
  Eigen::VectorXd t;  // its target, (n_outputs)
  StepTrace trace;    // the core's trace of the current step
  std::vector<Station> stations;
  int position = 0;     // index into stations
  int steps_taken = 0;  // completed steps since the session started
  // Networks and optimizer states before each completed step, for stepping back exactly: the last
  // kMaxStepBack steps, fewer when they would take more than kStepBackBytes (StepBackLimit).
  std::deque<Mlp> history;
  std::deque<OptimizerState> optimizer_history;
  // Set when Next could not take the step: the weights it would give are NaN or infinite (the
  // trace of the next step cannot be made). The network stays as it was; cleared by any change.
  std::string blocked;
  // A value was changed in place (Retrace) since the session started: the steps taken are no
  // longer those of the network it started with.
  bool edited = false;
  // Predict mode (predict.h): which stations the learner has predicted, the question being asked,
  // the last verdict and the score. Kept (its switch and session score) when the session restarts.
  PredictState predict;
  double station_changed_at = 0.0;  // time of the last move (seconds), for the flow animation
  bool forward_direction = true;    // the last move went forward (animation direction)
};

// Starts a session on a network and one sample. Errors: a sample that does not fit the network
// (sizes, non-finite values) or a bad optimizer config; the session is left unchanged then.
Status StartSession(StepSession* session, const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t,
                    const OptimizerConfig& config);
// Re-traces the current step after the network, sample or config changed in place (position kept
// when still valid). Errors leave the session unchanged.
Status Retrace(StepSession* session, const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t,
               const OptimizerConfig& config);

// How many steps back a session on this network can reach (1 to kMaxStepBack).
int StepBackLimit(const Mlp& mlp);
// In words, when the current step has diverged (its loss or a weight is NaN, infinite or beyond
// 1e100: core DivergedWhat) or the next step could not be taken (`blocked`); "" otherwise. The
// stepper still shows every number; this sentence says what they mean.
std::string StepDiverged(const StepSession& session);

const Station& CurrentStation(const StepSession& session);
// Moves one unit of `granularity` forwards or backwards. Forward from "done" takes the step and
// starts the next one; backward from "start" restores the previous step (if any) at its "done".
// In predict mode a forward move (these and the jumps below) stops before a station whose numbers
// are not predicted yet, and asks (predict.h).
void StepNext(StepSession* session, Granularity granularity, double now);
void StepPrevious(StepSession* session, Granularity granularity, double now);
// Jumps to the first station of a phase of the current step.
void JumpToPhase(StepSession* session, Phase phase, double now);
// Back to "start" of the current step (the network as it was before it).
void RestartStep(StepSession* session, double now);
// Sets the position directly (the scrubber), clamped to the station list.
void SetPosition(StepSession* session, int position, double now);

// What the learner has seen so far, from the position: used by every view to decide what to show.
bool ForwardReached(const StepSession& session, int layer, int neuron);   // z and a of that neuron
bool LossReached(const StepSession& session, int output);                 // its loss term
bool BackwardReached(const StepSession& session, int layer, int neuron);  // its δ and weight gradients
bool UpdateReached(const StepSession& session, int layer, int neuron);    // its new weights and bias
// The weights to draw: the new ones for neurons whose update has been reached, the old ones otherwise.
double ShownWeight(const StepSession& session, int layer, int neuron, int input);
double ShownBias(const StepSession& session, int layer, int neuron);

}  // namespace bp
