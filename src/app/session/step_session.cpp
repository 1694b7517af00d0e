// The stepper's model (see step_session.h): a station list over the core's StepTrace.
#include "app/session/step_session.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "app/session/format.h"
#include "app/session/predict.h"
#include "core/train.h"

namespace bp {

namespace {
struct NamedPhase {
  Phase phase;
  const char* name;
  const char* title;
};
const NamedPhase kPhases[] = {
    {Phase::kStart, "start", "Start"},          {Phase::kForward, "forward", "Forward"}, {Phase::kLoss, "loss", "Loss"},
    {Phase::kBackward, "backward", "Backward"}, {Phase::kUpdate, "update", "Update"},    {Phase::kDone, "done", "Done"},
};
const char* const kGranularityNames[] = {"neuron", "layer", "phase", "step"};

std::vector<Station> MakeStations(const Mlp& mlp) {
  std::vector<Station> stations;
  const int layers = static_cast<int>(mlp.layers.size());
  stations.push_back({Phase::kStart, -1, -1});
  for (int l = 0; l < layers; ++l) {
    for (int j = 0; j < mlp.layers[l].outputs(); ++j) stations.push_back({Phase::kForward, l, j});
  }
  for (int k = 0; k < mlp.outputs(); ++k) stations.push_back({Phase::kLoss, layers - 1, k});
  for (int l = layers - 1; l >= 0; --l) {
    for (int j = 0; j < mlp.layers[l].outputs(); ++j) stations.push_back({Phase::kBackward, l, j});
  }
  for (int l = 0; l < layers; ++l) {
    for (int j = 0; j < mlp.layers[l].outputs(); ++j) stations.push_back({Phase::kUpdate, l, j});
  }
  stations.push_back({Phase::kDone, -1, -1});
  return stations;
}

int StationIndex(const StepSession& session, Phase phase, int layer, int neuron) {
  for (size_t i = 0; i < session.stations.size(); ++i) {
    const Station& s = session.stations[i];
    if (s.phase == phase && s.layer == layer && s.neuron == neuron) return static_cast<int>(i);
  }
  return -1;
}

bool Reached(const StepSession& session, Phase phase, int layer, int neuron) {
  int index = StationIndex(session, phase, layer, neuron);
  return index >= 0 && session.position >= index;
}

// Two stations are in the same group when a move of this granularity treats them as one.
bool SameGroup(const Station& a, const Station& b, Granularity granularity) {
  switch (granularity) {
    case Granularity::kNeuron: return false;
    case Granularity::kLayer: return a.phase == b.phase && a.layer == b.layer;
    case Granularity::kPhase: return a.phase == b.phase;
    case Granularity::kStep: return true;
  }
  return false;
}

Result<StepTrace> TraceOne(const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t,
                           const OptimizerConfig& config, const OptimizerState& optimizer) {
  Eigen::MatrixXd X = x;
  Eigen::MatrixXd T = t;
  return TraceStep(mlp, X, T, config, optimizer);
}

void Moved(StepSession* session, int position, double now, bool forward) {
  session->position = std::clamp(position, 0, static_cast<int>(session->stations.size()) - 1);
  session->station_changed_at = now;
  session->forward_direction = forward;
}

// Takes the traced step for real and traces the next one on the same sample. False, with the
// network unchanged and `blocked` saying why, when the step would make a parameter NaN or infinite:
// such a network has nothing left to show (every later number is NaN), so the stepper keeps the
// last network with numbers, as the playground's guard does.
bool TakeStep(StepSession* session) {
  Mlp next_mlp = session->mlp;
  OptimizerState next_optimizer = session->optimizer;
  ApplyStep(session->trace, &next_mlp, &next_optimizer);
  Result<StepTrace> next = TraceOne(next_mlp, session->x, session->t, session->config, next_optimizer);
  if (!next.ok() || !AllFinite(next_mlp)) {
    std::string what = DivergedWhat(next_mlp, 0.0, next.ok() ? next.value().loss : std::nan(""));
    if (const size_t at = what.find(" became "); at != std::string::npos) what.replace(at, 8, " would become ");
    session->blocked = "The next step cannot be taken: " + what + " (the learning rate " +
                       ExactNum(session->config.learning_rate) +
                       " is too high for these numbers). Lower η or change the weights.";
    return false;
  }
  session->history.push_back(std::move(session->mlp));
  session->optimizer_history.push_back(std::move(session->optimizer));
  const size_t limit = static_cast<size_t>(StepBackLimit(next_mlp));
  while (session->history.size() > limit) {
    session->history.pop_front();
    session->optimizer_history.pop_front();
  }
  session->mlp = std::move(next_mlp);
  session->optimizer = std::move(next_optimizer);
  session->trace = std::move(next.value());
  session->blocked.clear();
  ++session->steps_taken;
  return true;
}

// Restores the network before the previous step.
bool UndoStep(StepSession* session) {
  if (session->history.empty()) return false;
  session->mlp = session->history.back();
  session->optimizer = session->optimizer_history.back();
  session->blocked.clear();
  session->history.pop_back();
  session->optimizer_history.pop_back();
  Result<StepTrace> trace = TraceOne(session->mlp, session->x, session->t, session->config, session->optimizer);
  if (trace.ok()) session->trace = std::move(trace.value());
  --session->steps_taken;
  return true;
}
}  // namespace

const char* PhaseName(Phase phase) { return kPhases[static_cast<int>(phase)].name; }
const char* PhaseTitle(Phase phase) { return kPhases[static_cast<int>(phase)].title; }

Result<Phase> ParsePhase(const std::string& name) {
  for (const NamedPhase& entry : kPhases) {
    if (name == entry.name) return Result<Phase>::Ok(entry.phase);
  }
  return Result<Phase>::Error("unknown phase '" + Printable(name) +
                              "' (phases: start, forward, loss, backward, update, done)");
}

const char* GranularityName(Granularity granularity) { return kGranularityNames[static_cast<int>(granularity)]; }

Result<Granularity> ParseGranularity(const std::string& name) {
  for (int i = 0; i < 4; ++i) {
    if (name == kGranularityNames[i]) return Result<Granularity>::Ok(static_cast<Granularity>(i));
  }
  return Result<Granularity>::Error("unknown granularity '" + Printable(name) + "' (neuron, layer, phase or step)");
}

Status StartSession(StepSession* session, const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t,
                    const OptimizerConfig& config) {
  OptimizerState optimizer = MakeOptimizerState(mlp);
  Result<StepTrace> trace = TraceOne(mlp, x, t, config, optimizer);
  if (!trace.ok()) return Status::Error(trace.error());
  StepSession fresh;
  fresh.mlp = mlp;
  fresh.config = config;
  fresh.optimizer = std::move(optimizer);
  fresh.x = x;
  fresh.t = t;
  fresh.trace = std::move(trace.value());
  fresh.stations = MakeStations(mlp);
  fresh.predict.on = session->predict.on;
  fresh.predict.session_score = session->predict.session_score;
  *session = std::move(fresh);
  return Status::Ok();
}

Status Retrace(StepSession* session, const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t,
               const OptimizerConfig& config) {
  bool same_shape = mlp.layers.size() == session->mlp.layers.size();
  for (size_t l = 0; same_shape && l < mlp.layers.size(); ++l) {
    same_shape = mlp.layers[l].W.rows() == session->mlp.layers[l].W.rows() &&
                 mlp.layers[l].W.cols() == session->mlp.layers[l].W.cols();
  }
  OptimizerState optimizer = same_shape ? session->optimizer : MakeOptimizerState(mlp);
  Result<StepTrace> trace = TraceOne(mlp, x, t, config, optimizer);
  if (!trace.ok()) return Status::Error(trace.error());
  session->mlp = mlp;
  session->x = x;
  session->t = t;
  session->config = config;
  session->optimizer = std::move(optimizer);
  session->trace = std::move(trace.value());
  session->blocked.clear();
  session->edited = true;
  if (!same_shape) {
    session->stations = MakeStations(mlp);
    session->position = 0;
    session->history.clear();
    session->optimizer_history.clear();
    session->steps_taken = 0;
    SetPredictMode(session, session->predict.on);
  }
  return Status::Ok();
}

int StepBackLimit(const Mlp& mlp) {
  // One entry keeps the network and the optimizer's three moments (velocity, m, s): four copies of
  // every parameter, plus a few hundred bytes of bookkeeping per layer.
  const size_t entry_bytes = 4 * sizeof(double) * static_cast<size_t>(mlp.ParameterCount()) + 512 * mlp.layers.size();
  return static_cast<int>(std::clamp<size_t>(kStepBackBytes / std::max<size_t>(entry_bytes, 1), 1, kMaxStepBack));
}

std::string StepDiverged(const StepSession& session) {
  if (!session.blocked.empty()) return session.blocked;
  if (!LossDiverged(session.trace.loss) && !WeightsDiverged(session.mlp)) return "";
  return "This step has diverged: " + DivergedWhat(session.mlp, session.trace.loss, session.trace.loss) +
         ". The numbers are shown as they are, but they say nothing useful any more: lower η or change the weights.";
}

const Station& CurrentStation(const StepSession& session) { return session.stations[session.position]; }

void StepNext(StepSession* session, Granularity granularity, double now) {
  const int last = static_cast<int>(session->stations.size()) - 1;
  if (session->position == last) {
    if (!TakeStep(session)) return;  // stays at "done"; `blocked` says why
    // A whole-step move goes straight to the end of the next step; the others start it.
    Moved(session, PredictStop(session, granularity == Granularity::kStep ? last : 0), now, true);
    return;
  }
  int target = session->position + 1;
  while (target < last && SameGroup(session->stations[target], session->stations[target + 1], granularity)) ++target;
  Moved(session, PredictStop(session, target), now, true);
}

void StepPrevious(StepSession* session, Granularity granularity, double now) {
  session->predict.asking = false;  // the question comes back at the next move forward
  if (session->position == 0) {
    if (UndoStep(session)) {
      const int last = static_cast<int>(session->stations.size()) - 1;
      Moved(session, granularity == Granularity::kStep ? 0 : last, now, false);
    }
    return;
  }
  // Back to the end of the previous group, i.e. undo the group we are in.
  int target = session->position;
  const Station current = session->stations[target];
  while (target > 0 && SameGroup(session->stations[target], current, granularity)) --target;
  if (granularity == Granularity::kNeuron) target = session->position - 1;
  Moved(session, target, now, false);
}

void JumpToPhase(StepSession* session, Phase phase, double now) {
  for (size_t i = 0; i < session->stations.size(); ++i) {
    if (session->stations[i].phase == phase) {
      Moved(session, PredictStop(session, static_cast<int>(i)), now, static_cast<int>(i) >= session->position);
      return;
    }
  }
}

void RestartStep(StepSession* session, double now) {
  session->predict.asking = false;
  Moved(session, 0, now, false);
}

void SetPosition(StepSession* session, int position, double now) {
  Moved(session, PredictStop(session, position), now, position >= session->position);
}

bool ForwardReached(const StepSession& session, int layer, int neuron) {
  return Reached(session, Phase::kForward, layer, neuron);
}
bool LossReached(const StepSession& session, int output) {
  return Reached(session, Phase::kLoss, static_cast<int>(session.mlp.layers.size()) - 1, output);
}
bool BackwardReached(const StepSession& session, int layer, int neuron) {
  return Reached(session, Phase::kBackward, layer, neuron);
}
bool UpdateReached(const StepSession& session, int layer, int neuron) {
  return Reached(session, Phase::kUpdate, layer, neuron);
}

double ShownWeight(const StepSession& session, int layer, int neuron, int input) {
  const Mlp& source = UpdateReached(session, layer, neuron) ? session.trace.after : session.trace.before;
  return source.layers[layer].W(neuron, input);
}

double ShownBias(const StepSession& session, int layer, int neuron) {
  const Mlp& source = UpdateReached(session, layer, neuron) ? session.trace.after : session.trace.before;
  return source.layers[layer].b(neuron);
}

}  // namespace bp
