// The stepper's widgets, shared by the step-through lessons and the lessons that run something live:
// the stepper bar, the play/pause button, the side panel's formula and the matrix view.
#pragma once

#include "app/session/app_state.h"
#include "app/session/step_edit.h"

namespace bp {

// The stepper bar: restart, previous, play/pause, next, speed, granularity, phase buttons, the
// scrubber and where we are in words. Keyboard: ← → step, space play/pause, Home restart, End to
// the end (while shortcuts own the keys, see keyboard.h).
void DrawStepperControls(AppState& state);
// A play/pause button for what a lesson runs live (training, an animation), showing `play` or
// `pause`; Space presses it too while the shortcuts own the keys (app/keyboard.h), unless it is
// disabled (`enabled` false). Returns true when it toggled `*running`.
bool PlayPauseButton(AppState& state, bool* running, const char* play, const char* pause, bool enabled = true);

// The side panel's math: the formula of the selected (or hovered, or current) element with the
// numbers substituted.
void DrawMathPanel(AppState& state);
// The matrix view of the current layer: W, x, z, a, δ, ∂L/∂W with shapes.
void DrawMatrixView(AppState& state);

}  // namespace bp
