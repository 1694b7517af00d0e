// The stepper's logic without drawing (see step_edit.h): starting a lesson's step, its samples,
// typed fields, playback and the station in words.
#include "app/session/step_edit.h"

#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>

#include "app/session/format.h"

namespace bp {

namespace {
constexpr double kParameterLimit = 1e3;  // typed weights, biases, inputs, targets stay within ±1000

}  // namespace

namespace {
// The indices of a field id "<prefix>i:j:...": exactly `count` decimal whole numbers separated by
// ':' after the prefix, each "0" or a digit 1-9 followed by at most 8 more digits (no sign, space,
// leading zero or anything after them), so that no id names another value by wrapping around.
bool ReadFieldIndices(const std::string& field, const char* prefix, int count, int* indices) {
  const size_t length = std::strlen(prefix);
  if (field.compare(0, length, prefix) != 0) return false;
  size_t at = length;
  for (int k = 0; k < count; ++k) {
    if (k > 0 && (at >= field.size() || field[at++] != ':')) return false;
    const size_t start = at;
    while (at < field.size() && field[at] >= '0' && field[at] <= '9') ++at;
    const size_t digits = at - start;
    if (digits == 0 || digits > 9 || (digits > 1 && field[start] == '0')) return false;
    indices[k] = std::stoi(field.substr(start, digits));
  }
  return at == field.size();
}
}  // namespace

double* FieldValue(Editable& e, const std::string& field, double* min, double* max) {
  int at[3] = {-1, -1, -1};
  *min = -kParameterLimit;
  *max = kParameterLimit;
  const int layers = static_cast<int>(e.mlp.layers.size());
  if (ReadFieldIndices(field, "W:", 3, at)) {
    const int l = at[0], j = at[1], i = at[2];
    if (l < layers && j < e.mlp.layers[l].outputs() && i < e.mlp.layers[l].inputs()) return &e.mlp.layers[l].W(j, i);
  } else if (ReadFieldIndices(field, "b:", 2, at)) {
    const int l = at[0], j = at[1];
    if (l < layers && j < e.mlp.layers[l].outputs()) return &e.mlp.layers[l].b(j);
  } else if (ReadFieldIndices(field, "x:", 1, at)) {
    if (at[0] < e.x.size()) return &e.x(at[0]);
  } else if (ReadFieldIndices(field, "t:", 1, at)) {
    if (at[0] < e.t.size()) return &e.t(at[0]);
  } else if (field == "eta") {
    *min = kMinLearningRate;
    *max = kMaxLearningRate;
    return &e.config.learning_rate;
  }
  return nullptr;
}

Editable CurrentEditable(const AppState& state) {
  return Editable{state.step.mlp, state.step.x, state.step.t, state.step.config};
}

bool ApplyEditable(AppState& state, const Editable& e) {
  Status status = Retrace(&state.step, e.mlp, e.x, e.t, e.config);
  if (!status.ok()) {
    state.field_error = status.error;
    return false;
  }
  return true;
}

Mlp SeededNetwork(const std::vector<int>& sizes, const std::vector<Activation>& activations, Loss loss, uint64_t seed) {
  MlpSpec spec;
  spec.sizes = sizes;
  spec.activations = activations;
  spec.loss = loss;
  spec.init = InitScheme::kXavier;
  Result<Mlp> mlp = MakeMlp(spec, seed);
  assert(mlp.ok() && "a lesson's example network must be valid");
  return mlp.value();
}

void StartStepLesson(AppState& state, const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t,
                     const OptimizerConfig& config, Notation notation) {
  Status status = StartSession(&state.step, mlp, x, t, config);
  if (!status.ok()) state.banner = "This lesson could not start: " + status.error;
  state.notation = notation;
  state.selected = Selection();
  state.hovered = Selection();
  state.playing = false;
  state.field_error.clear();
  state.edit_text.clear();
  state.sample_inputs.clear();
  state.sample_targets.clear();
}

void AddSample(AppState& state, const Eigen::VectorXd& x, const Eigen::VectorXd& t) {
  state.sample_inputs.push_back(x);
  state.sample_targets.push_back(t);
}

bool CommitTypedNumber(AppState& state, const std::string& what, const std::string& text, double* value, double min,
                       double max) {
  Result<double> parsed = ParseUserNumber(text, what, min, max);
  if (!parsed.ok()) {
    state.field_error = parsed.error() + "; kept " + ExactNum(*value) + ".";
    return false;
  }
  state.field_error.clear();
  // -0 and +0 compare equal but are different values (a link writes a -0 weight as -0).
  if (parsed.value() == *value && std::signbit(parsed.value()) == std::signbit(*value)) return false;
  *value = parsed.value();
  return true;
}

bool SetStepField(AppState& state, const std::string& field, const std::string& text) {
  Editable e = CurrentEditable(state);
  double min = 0, max = 0;
  double* value = FieldValue(e, field, &min, &max);
  if (!value) {
    state.field_error = "there is no field '" + Printable(field) + "' in this lesson";
    return false;
  }
  if (!CommitTypedNumber(state, field, text, value, min, max)) return state.field_error.empty();
  return ApplyEditable(state, e);
}

std::string StationWhere(const AppState& state, const Station& station) {
  const Mlp& mlp = state.step.mlp;
  char text[160];
  switch (station.phase) {
    case Phase::kStart: return "Start: nothing computed yet";
    case Phase::kDone: return "Done: the step is complete";
    case Phase::kLoss:
      std::snprintf(text, sizeof text, "Loss, output %d of %d", station.neuron + 1, mlp.outputs());
      return text;
    default:
      std::snprintf(text, sizeof text, "%s, layer %d, neuron %d", PhaseTitle(station.phase), station.layer + 1,
                    station.neuron + 1);
      return text;
  }
}

std::string DescribeStation(const AppState& state) {
  const StepSession& session = state.step;
  const Station& station = CurrentStation(session);
  std::string where = StationWhere(state, station);
  const StepTrace& trace = session.trace;
  int p = state.precision;
  switch (station.phase) {
    case Phase::kForward: {
      const NeuronTrace& neuron = trace.layers[station.layer].neurons[station.neuron];
      return where + ": z = " + Num(neuron.z(0), p) + ", a = " + Num(neuron.a(0), p);
    }
    case Phase::kLoss: {
      const std::string term = where + ": loss term = " + Num(trace.loss_terms(station.neuron, 0), p);
      // In predict mode the total is asked at the last output: not said before.
      const bool last = station.neuron + 1 == session.mlp.outputs();
      return session.predict.on && !last ? term : term + ", total loss = " + Num(trace.loss, p);
    }
    case Phase::kBackward: {
      const NeuronTrace& neuron = trace.layers[station.layer].neurons[station.neuron];
      return where + ": δ = " + Num(neuron.delta(0), p);
    }
    case Phase::kUpdate: {
      const NeuronTrace& neuron = trace.layers[station.layer].neurons[station.neuron];
      return where + ": bias " + Num(neuron.bias.old_value, p) + " → " + Num(neuron.bias.new_value, p);
    }
    case Phase::kDone: return where + ", loss before it " + Num(trace.loss, p);
    case Phase::kStart: break;
  }
  return where;
}

void AdvancePlayback(AppState& state, double dt) {
  if (!state.playing) {
    state.play_clock = 0.0;
    return;
  }
  state.play_clock += dt * state.play_rate;
  // At most a few stations per frame, so a long pause (a hidden tab) never floods the stepper.
  int moves = 0;
  while (state.play_clock >= 1.0 && moves < 4) {
    state.play_clock -= 1.0;
    StepNext(&state.step, state.granularity, state.time);
    ++moves;
    if (!state.step.blocked.empty()) {
      state.playing = false;  // the step cannot be taken: Play stops, and the panel says why
      break;
    }
  }
  if (state.play_clock > 1.0) state.play_clock = 0.0;
}

}  // namespace bp
