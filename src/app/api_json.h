// JSON helpers shared by the API's parts: Eigen values to JSON, checked reads of request fields.
// nlohmann-json is used without exceptions: every read checks the type first.
#pragma once

#include <string>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "app/app_state.h"
#include "core/mlp.h"
#include "core/trace.h"
#include "core/result.h"

namespace bp {

using Json = nlohmann::json;

Json ToJson(const Eigen::MatrixXd& matrix);  // array of rows
Json ToJson(const Eigen::VectorXd& vector);  // array
// Finite numbers only (JSON has no NaN): non-finite entries become null and the caller's flag is set.
Json NumberOrNull(double value);

// Reads a vector of finite numbers of an expected length (or any length when expected < 0).
Result<Eigen::VectorXd> ReadVector(const Json& value, const std::string& what, int expected);
// Reads a matrix given as an array of rows of finite numbers, of an expected shape (rows, cols).
Result<Eigen::MatrixXd> ReadMatrix(const Json& value, const std::string& what, int rows, int cols);

// Reads a network given as {"layers": [{W: [[...]], b: [...], activation, slope?, alpha?}], "loss"}
// (activation default "sigmoid", loss default "half_mse"; slope and alpha per layer, default 0.01
// and 1) and checks it as MakeMlp does. `command` names the request in the error sentences.
Result<Mlp> ReadNetwork(const Json& request, const std::string& command);

// The "typeValue" command for any lesson: checks the request's "field" and "text" and hands them
// to the lesson's setter (which reports refusals in state.field_error). Returns the error answer,
// or an empty string when the value was set.
std::string TypeValue(AppState& state, const Json& request,
                      bool (*set_field)(AppState& state, const std::string& field, const std::string& text));

// One layer of a step trace as JSON: activation, W, b (before), newW, newB, input, z, a,
// derivative (h'(z), absent for softmax), dL_da, delta, dW, db, and a PReLU layer's slope,
// dL_dslope and newSlope. Shared by getState's stepper part and the trace export.
Json LayerTraceJson(const StepTrace& trace, int l);

// The stepper's part of getState(): where the stepper stands and the whole trace of the step.
Json StepStateJson(const AppState& state);
// Stepper commands (setNetwork, setSample, step, jumpToPhase, restartStep, typeValue, ...);
// returns an empty string for commands it does not know.
std::string HandleStepCommand(AppState& state, const std::string& command, const Json& request);

// The key numbers of lessons with state of their own (null for the others), and their commands;
// an empty answer for commands the current lesson does not know.
Json LessonStateJson(const AppState& state);
std::string HandleLessonCommand(AppState& state, const std::string& command, const Json& request);

// "probeBoundary": the decision-boundary shader's read-back values next to the core's Predict /
// Forward on the same points (api_boundary.cpp), for the browser test that compares them.
std::string ProbeBoundaryCommand(AppState& state, const Json& request);

}  // namespace bp
