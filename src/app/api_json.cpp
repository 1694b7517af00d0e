// JSON helpers for the API (see api_json.h).
#include "app/api_json.h"

#include <cmath>

namespace bp {

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

std::string TypeValue(AppState& state, const Json& request,
                      bool (*set_field)(AppState& state, const std::string& field, const std::string& text)) {
  if (!request.contains("field") || !request["field"].is_string() || !request.contains("text") ||
      !request["text"].is_string()) {
    return Json{{"ok", false}, {"error", "typeValue needs \"field\" and \"text\" strings"}}.dump();
  }
  if (!set_field(state, request["field"].get<std::string>(), request["text"].get<std::string>())) {
    return Json{{"ok", false}, {"error", state.field_error}}.dump();
  }
  return "";
}

}  // namespace bp
