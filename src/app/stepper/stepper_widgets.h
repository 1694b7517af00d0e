// The stepper's widgets, shared by the step-through lessons and the lessons that run something live:
// the stepper bar, the play/pause button, the side panel's formula and the matrix view.
#pragma once

#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/predict_state.h"
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

// Predict mode (session/predict.h): its switch (also the P key), and the box above the canvas with
// the question, its answer field (Enter checks, R reveals), the last verdict and the score.
void DrawPredictSwitch(AppState& state);
// The box itself, shared with the autodiff graph's predict mode: the last verdict, the question
// with its answer field, and the score. Returns what the learner asked for this frame (the answer
// typed is in state.predict_text).
struct PredictPanel {
  bool has_verdict = false;
  bool right = false, revealed = false;
  ContentVars verdict_vars;  // {name}, {value}, {typed}
  std::string verdict_formula;
  std::string mistake;  // the typical mistake's content key, or ""
  bool asking = false;
  std::string name;
  int index = 0, count = 0;
  std::string question_formula;
  std::string focus_key;  // changes with every new question, which then takes the focus
  const PredictScore* step_score = nullptr;  // null: the session score alone
  const PredictScore* session_score = nullptr;
};
enum class PredictAction { kNone, kCheck, kReveal };
// Also writes the panel in words to state.predict_sentence for the screen-reader mirror.
PredictAction DrawPredictPanel(AppState& state, const PredictPanel& panel);
// The panel in one sentence for the screen-reader mirror: the verdict with its diagnosis, then the question.
std::string PredictPanelSentence(const AppState& state, const PredictPanel& panel);
void DrawPredictBox(AppState& state);

// The side panel's math: the formula of the selected (or hovered, or current) element with the
// numbers substituted.
void DrawMathPanel(AppState& state);
// The matrix view of the current layer: W, x, z, a, δ, ∂L/∂W with shapes.
void DrawMatrixView(AppState& state);

}  // namespace bp
