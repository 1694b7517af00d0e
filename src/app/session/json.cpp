// JSON helpers shared by every layer above the core (see json.h).
#include "app/session/json.h"

#include <cmath>
#include <vector>

#include "app/session/app_state.h"
#include "app/session/format.h"

namespace bp {

std::string Dump(const Json& answer) { return answer.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string ErrorAnswer(const std::string& message) {
  // Every sentence quotes what it names cut short (Echo, Printable); this bound holds whatever a
  // sentence was built from, so no refusal can carry a request's megabytes back.
  const std::string& cut = message.size() > kMaxMessageBytes ? Printable(message, kMaxMessageBytes) : message;
  return Dump(Json{{"ok", false}, {"error", cut}});
}

std::string LessonStateAnswer(const Json& lesson_state) {
  return Dump(Json{{"ok", true}, {"lessonState", lesson_state}});
}

Json NumberOrNull(double value) { return std::isfinite(value) ? Json(value) : Json(); }

Json ToJson(const Eigen::MatrixXd& matrix) {
  Json rows = Json::array();
  for (Eigen::Index r = 0; r < matrix.rows(); ++r) {
    Json row = Json::array();
    for (Eigen::Index c = 0; c < matrix.cols(); ++c) row.push_back(NumberOrNull(matrix(r, c)));
    rows.push_back(row);
  }
  return rows;
}

Json ToJson(const Eigen::VectorXd& vector) {
  Json values = Json::array();
  for (Eigen::Index i = 0; i < vector.size(); ++i) values.push_back(NumberOrNull(vector(i)));
  return values;
}

Result<Eigen::VectorXd> ReadVector(const Json& value, const std::string& what, int expected) {
  if (!value.is_array()) return Result<Eigen::VectorXd>::Error(what + " must be an array of numbers");
  if (expected >= 0 && static_cast<int>(value.size()) != expected) {
    return Result<Eigen::VectorXd>::Error(what + " must have " + std::to_string(expected) + " numbers, got " +
                                          std::to_string(value.size()));
  }
  Eigen::VectorXd vector(value.size());
  for (size_t i = 0; i < value.size(); ++i) {
    if (!value[i].is_number() || !std::isfinite(value[i].get<double>())) {
      return Result<Eigen::VectorXd>::Error(what + "[" + std::to_string(i) + "] must be a finite number");
    }
    vector(static_cast<Eigen::Index>(i)) = value[i].get<double>();
  }
  return Result<Eigen::VectorXd>::Ok(vector);
}

Result<Eigen::MatrixXd> ReadMatrix(const Json& value, const std::string& what, int rows, int cols) {
  if (!value.is_array() || static_cast<int>(value.size()) != rows) {
    return Result<Eigen::MatrixXd>::Error(what + " must be an array of " + std::to_string(rows) + " rows");
  }
  Eigen::MatrixXd matrix(rows, cols);
  for (int r = 0; r < rows; ++r) {
    Result<Eigen::VectorXd> row = ReadVector(value[r], what + " row " + std::to_string(r + 1), cols);
    if (!row.ok()) return Result<Eigen::MatrixXd>::Error(row.error());
    matrix.row(r) = row.value().transpose();
  }
  return Result<Eigen::MatrixXd>::Ok(matrix);
}

Result<int> ReadEpochs(const Json& request, int max) {
  if (!request.contains("epochs") || !request["epochs"].is_number_integer() || request["epochs"].get<long long>() < 1 ||
      request["epochs"].get<long long>() > max) {
    return Result<int>::Error("epochs must be a whole number from 1 to " + std::to_string(max));
  }
  return Result<int>::Ok(request["epochs"].get<int>());
}

std::string TypeValue(AppState& state, const Json& request,
                      bool (*set_field)(AppState& state, const std::string& field, const std::string& text)) {
  if (!request.contains("field") || !request["field"].is_string() || !request.contains("text") ||
      !request["text"].is_string()) {
    return ErrorAnswer("typeValue needs \"field\" and \"text\" strings");
  }
  if (!set_field(state, request["field"].get<std::string>(), request["text"].get<std::string>())) {
    if (state.field_error.size() > kMaxMessageBytes) state.field_error = Printable(state.field_error, kMaxMessageBytes);
    return ErrorAnswer(state.field_error);
  }
  return "";
}

Result<std::string> ReadTypedAnswer(const Json& request) {
  if (request.contains("value") && request["value"].is_number())
    return Result<std::string>::Ok(ExactNum(request["value"].get<double>()));
  if (request.contains("value") && request["value"].is_string())
    return Result<std::string>::Ok(request["value"].get<std::string>());
  return Result<std::string>::Error("predict needs \"value\": a number, or the text a learner would type");
}

// One layer of a step trace, every number (see json.h).
Json LayerTraceJson(const StepTrace& trace, int l) {
  const LayerForward& forward = trace.pass.layers[l];
  const LayerGradients& grads = trace.grads.layers[l];
  const LayerTrace& layer = trace.layers[l];
  Eigen::VectorXd dL_da(layer.neurons.size());
  for (size_t j = 0; j < layer.neurons.size(); ++j) dL_da(j) = layer.neurons[j].dL_da(0);
  Json json = {
      {"activation", ActivationName(trace.before.layers[l].activation)},
      {"input", ToJson(Eigen::VectorXd(forward.input.col(0)))},
      {"z", ToJson(Eigen::VectorXd(forward.z.col(0)))},
      {"a", ToJson(Eigen::VectorXd(forward.a.col(0)))},
      {"dL_da", ToJson(dL_da)},
      {"delta", ToJson(Eigen::VectorXd(grads.delta.col(0)))},
      {"dW", ToJson(grads.dW)},
      {"db", ToJson(grads.db)},
      {"W", ToJson(trace.before.layers[l].W)},
      {"newW", ToJson(trace.after.layers[l].W)},
      {"b", ToJson(trace.before.layers[l].b)},
      {"newB", ToJson(trace.after.layers[l].b)},
  };
  if (grads.derivative.size() > 0) json["derivative"] = ToJson(Eigen::VectorXd(grads.derivative.col(0)));
  if (layer.has_slope) {
    json["slope"] = NumberOrNull(layer.slope.old_value);
    json["dL_dslope"] = NumberOrNull(layer.d_slope);
    json["newSlope"] = NumberOrNull(layer.slope.new_value);
  }
  return json;
}

}  // namespace bp
