// The screen the step-through lessons share: the stepper bar and the network canvas in the
// centre; the math, the matrix view and the editable numbers in the side panel.
#pragma once

#include <cstdint>
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

void DrawStepCanvas(AppState& state);
// Offers a sample in the lesson's sample picker.
void AddSample(AppState& state, const Eigen::VectorXd& x, const Eigen::VectorXd& t);
// The sample picker (when the lesson offers samples) and the typed inputs: which sample is stepped.
void DrawSamplePicker(AppState& state);
// The formula panel plus the matrix-view toggle, under a heading.
void DrawStepMath(AppState& state);
// Editable weights, biases, inputs, targets and η of the network before the current step. Field ids
// (also used by the API's "typeValue"): "W:l:j:i", "b:l:j", "x:i", "t:k", "eta".
void DrawStepEditor(AppState& state);
// Sets one of those fields from text (the UI and the API share it); false with state.field_error
// set when the text or the field is refused.
bool SetStepField(AppState& state, const std::string& field, const std::string& text);

}  // namespace bp
