// Small widgets shared by lessons: typed number fields with validation, the stepper's controls,
// and the side panel's formulas.
#pragma once

#include <string>

#include "app/session/app_state.h"

namespace bp {

// Wrapped text that breaks lines only at spaces (ImGui's own wrapping also breaks after '.', which
// splits numbers like 0.75136507 across lines).
void WrappedText(const std::string& text);

// The width of a button labelled `label` (its text and frame padding).
float ButtonWidth(const char* label);
// Puts the next item, `width` wide, on the current line when it fits before the window's right
// edge, and on the next line otherwise: a row of buttons wraps instead of running off the window.
void SameLineIfFits(float width);

// A number the learner can type. The value is committed on Enter or when the field loses focus;
// text that is not a finite number in [min, max] is refused: the value stays, and
// state.field_error says why. Returns true when a new value was committed.
bool NumberField(AppState& state, const std::string& id, double* value, double min, double max, float width);
// The same check and commit for text arriving from the JS API (used by "typeValue").
bool CommitTypedNumber(AppState& state, const std::string& what, const std::string& text, double* value, double min,
                       double max);

// The stepper bar: restart, previous, play/pause, next, speed, granularity, phase buttons, the
// scrubber and where we are in words. Keyboard: ← → step, space play/pause, Home restart, End to
// the end (while shortcuts own the keys, see keyboard.h).
void DrawStepperControls(AppState& state);
// A play/pause button for what a lesson runs live (training, an animation), showing `play` or
// `pause`; Space presses it too while the shortcuts own the keys (app/keyboard.h), unless it is
// disabled (`enabled` false). Returns true when it toggled `*running`.
bool PlayPauseButton(AppState& state, bool* running, const char* play, const char* pause, bool enabled = true);
// Moves the player on by the frame's time (called once per frame before drawing).
void AdvancePlayback(AppState& state, double dt);
// One sentence for the current station: "Forward, layer 1, neuron 2: z = 0.3775, a = 0.5933".
std::string DescribeStation(const AppState& state);

// The side panel's math: the formula of the selected (or hovered, or current) element with the
// numbers substituted.
void DrawMathPanel(AppState& state);
// The matrix view of the current layer: W, x, z, a, δ, ∂L/∂W with shapes.
void DrawMatrixView(AppState& state);

}  // namespace bp
