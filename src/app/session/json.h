// JSON helpers shared by every layer above the core: Eigen values to JSON, checked reads of request
// fields, the one error answer and a step trace's layer. (The one network reader is
// io/network_file.h's ReadNetworkJson.) nlohmann-json is used
// without exceptions: every read checks the type first.
#pragma once

#include <string>

#include <Eigen/Dense>
#include <nlohmann/json.hpp>

#include "core/mlp.h"
#include "core/result.h"
#include "core/trace.h"

namespace bp {

struct AppState;
using Json = nlohmann::json;

// An answer as text, with invalid UTF-8 replaced (so no text from a request or a file can make an
// answer unprintable).
std::string Dump(const Json& answer);
// The answer to a refused request: {"ok": false, "error": message}.
std::string ErrorAnswer(const std::string& message);
// The answer to a lesson's command that was applied: {"ok": true, "lessonState": lesson_state}.
std::string LessonStateAnswer(const Json& lesson_state);

Json ToJson(const Eigen::MatrixXd& matrix);  // array of rows
Json ToJson(const Eigen::VectorXd& vector);  // array
// Finite numbers only (JSON has no NaN): non-finite entries become null and the caller's flag is set.
Json NumberOrNull(double value);

// Reads a vector of finite numbers of an expected length (or any length when expected < 0).
Result<Eigen::VectorXd> ReadVector(const Json& value, const std::string& what, int expected);
// Reads a matrix given as an array of rows of finite numbers, of an expected shape (rows, cols).
Result<Eigen::MatrixXd> ReadMatrix(const Json& value, const std::string& what, int rows, int cols);

// The request's "epochs": a whole number from 1 to max ("epochs must be a whole number from 1 to max").
Result<int> ReadEpochs(const Json& request, int max);

// A "predict" command's "value": a number (written as ExactNum), or the text a learner would type
// (refused in words when it is neither).
Result<std::string> ReadTypedAnswer(const Json& request);

// The "typeValue" command for any lesson: checks the request's "field" and "text" and hands them
// to the lesson's setter (which reports refusals in state.field_error). Returns the error answer,
// or an empty string when the value was set.
std::string TypeValue(AppState& state, const Json& request,
                      bool (*set_field)(AppState& state, const std::string& field, const std::string& text));

// One layer of a step trace as JSON: activation, W, b (before), newW, newB, input, z, a,
// derivative (h'(z), absent for softmax), dL_da, delta, dW, db, and a PReLU layer's slope,
// dL_dslope and newSlope. Shared by getState's stepper part and the trace export.
Json LayerTraceJson(const StepTrace& trace, int l);

}  // namespace bp
