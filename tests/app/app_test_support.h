// Helpers the session library's tests share: exact comparisons of doubles (bit for bit, so -0 and
// NaN count), the classic worked example's optimizer settings, and a three-point perceptron run.
#pragma once

#include <cstdint>
#include <cstring>

#include <doctest/doctest.h>

#include <Eigen/Dense>
#include <string>

#include "app/api/api.h"
#include "app/session/app_state.h"
#include "app/session/json.h"
#include "app/session/perceptron_run.h"
#include "core/optim.h"

namespace bp::test {

inline uint64_t Bits(double value) {
  uint64_t bits = 0;
  std::memcpy(&bits, &value, sizeof bits);
  return bits;
}

inline bool SameBits(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (Eigen::Index i = 0; i < a.size(); ++i) {
    if (Bits(a.data()[i]) != Bits(b.data()[i])) return false;
  }
  return true;
}

// Mazur's settings for the worked example: plain SGD with η = 0.5, biases left alone.
inline OptimizerConfig MazurConfig() {
  OptimizerConfig config;
  config.learning_rate = 0.5;
  config.update_biases = false;
  return config;
}

// Three points: (2, 1) class 1, (−1, −2) class 0, (1, −1) class 0 (worked by hand in
// perceptron_run_test.cpp: epoch 1 makes 2 mistakes and ends at w = (1, 2), b = 0; epoch 2 none).
inline PerceptronRun ThreePoints(double eta = 1.0) {
  PerceptronRun run;
  run.data.X.resize(2, 3);
  run.data.X << 2, -1, 1,  //
      1, -2, -1;
  run.data.labels = {1, 0, 0};
  run.data.num_classes = 2;
  run.data.T = Eigen::RowVector3d(1, 0, 0);
  run.eta = eta;
  ResetPerceptronRun(&run);
  return run;
}

// The four XOR corners (not linearly separable: every epoch has a mistake).
inline PerceptronRun XorRun() {
  PerceptronRun run;
  run.data.X.resize(2, 4);
  run.data.X << 0, 0, 1, 1,  //
      0, 1, 0, 1;
  run.data.labels = {0, 1, 1, 0};
  run.data.num_classes = 2;
  run.data.T = Eigen::RowVector4d(0, 1, 1, 0);
  ResetPerceptronRun(&run);
  return run;
}

// One request through the JSON API (api/api.cpp), its answer parsed.
inline Json Send(AppState& state, const Json& request) {
  Json answer = Json::parse(HandleApiRequest(state, request.dump()), nullptr, false);
  REQUIRE_FALSE(answer.is_discarded());
  return answer;
}

}  // namespace bp::test
