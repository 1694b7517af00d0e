// The API's own JSON parts: the stepper's and the lessons' parts of getState() and their commands,
// and the boundary probe. The helpers every layer shares are in app/session/json.h.
#pragma once

#include <string>

#include "app/session/app_state.h"
#include "app/session/json.h"

namespace bp {

// The stepper's part of getState(): where the stepper stands and the whole trace of the step.
Json StepStateJson(const AppState& state);
// Stepper commands (setNetwork, setSample, step, jumpToPhase, restartStep, typeValue, ...);
// returns an empty string for commands it does not know.
std::string HandleStepCommand(AppState& state, const std::string& command, const Json& request);

// Questions, goals and progress (api_quiz.cpp): getState().progress, and answerQuestion,
// resetQuestion, forgetProgress ("" for other commands).
Json ProgressStateJson(const AppState& state);
std::string HandleQuizCommand(AppState& state, const std::string& command, const Json& request);

// "probeBoundary": the decision-boundary shader's read-back values next to the core's Predict /
// Forward on the same points (api_boundary.cpp), for the browser test that compares them.
std::string ProbeBoundaryCommand(AppState& state, const Json& request);

}  // namespace bp
