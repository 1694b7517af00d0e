// The stepper's logic without drawing, shared by the step-through lessons, the JS API and links:
// starting a lesson's step on a network and a sample, the samples a lesson offers, the typed fields
// (weights, biases, inputs, targets, η), playback, and the current station in words.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/session/app_state.h"
#include "core/mlp.h"
#include "core/optim.h"

namespace bp {

// A network of the given shape with Xavier weights drawn from `seed` (the lessons' example nets).
Mlp SeededNetwork(const std::vector<int>& sizes, const std::vector<Activation>& activations, Loss loss, uint64_t seed);

// Starts the lesson's stepper on a network and one sample. A failure (it would be a bug in the
// lesson's own numbers) is reported in the banner.
void StartStepLesson(AppState& state, const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t,
                     const OptimizerConfig& config, Notation notation);
// Offers a sample in the lesson's sample picker.
void AddSample(AppState& state, const Eigen::VectorXd& x, const Eigen::VectorXd& t);

// What the step editor edits: a copy of the session's network, sample and settings.
struct Editable {
  Mlp mlp;
  Eigen::VectorXd x, t;
  OptimizerConfig config;
};
// The value a field id names in `e` ("W:l:j:i", "b:l:j", "x:i", "t:k", "eta"), with the range a typed
// value must be in; nullptr for an unknown id.
double* FieldValue(Editable& e, const std::string& field, double* min, double* max);
Editable CurrentEditable(const AppState& state);
// Restarts the step on the edited values; false with state.field_error set when they are refused.
bool ApplyEditable(AppState& state, const Editable& e);
// Sets one field from text (the UI and the API share it); false with state.field_error set when the
// text or the field is refused.
bool SetStepField(AppState& state, const std::string& field, const std::string& text);

// The check and commit of a typed number, for the number fields and the API's "typeValue": text
// that is not a finite number in [min, max] is refused (the value stays, and state.field_error says
// why). Returns true when a new value was committed.
bool CommitTypedNumber(AppState& state, const std::string& what, const std::string& text, double* value, double min,
                       double max);

// Moves the player on by the frame's time (called once per frame before drawing).
void AdvancePlayback(AppState& state, double dt);
// Where a station is, in words: "Forward, layer 1, neuron 2", "Loss, output 1 of 2", "Start: ...".
std::string StationWhere(const AppState& state, const Station& station);
// One sentence for the current station: "Forward, layer 1, neuron 2: z = 0.3775, a = 0.5933".
std::string DescribeStation(const AppState& state);

}  // namespace bp
