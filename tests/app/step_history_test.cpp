// The stepper's step-back history (session/step_session.h) stays bounded however long a learner
// presses Next or Play (#19 item 1: 6,000 steps of a 9 × 16 network used to keep 473 MB and abort
// the wasm app), and what it keeps still walks back exactly.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <vector>

#include "app/session/step_session.h"
#include "app/session/worked_example_network.h"
#include "core/mlp.h"

namespace bp {
namespace {

using test::SameBits;

// The largest network the app accepts: seven inputs (every playground feature), eight hidden
// layers of 16 and one output (io/network_file.h's limits).
Mlp LargestNetwork() {
  MlpSpec spec;
  spec.sizes = {7, 16, 16, 16, 16, 16, 16, 16, 16, 1};
  spec.activations.assign(8, Activation::kTanh);
  spec.activations.push_back(Activation::kSigmoid);
  return MakeMlp(spec, 1).value();
}

bool SameNetwork(const Mlp& a, const Mlp& b) {
  if (a.layers.size() != b.layers.size()) return false;
  for (size_t l = 0; l < a.layers.size(); ++l) {
    if (!SameBits(a.layers[l].W, b.layers[l].W) || !SameBits(a.layers[l].b, b.layers[l].b)) return false;
  }
  return true;
}

TEST_CASE("step-back keeps the last 1,000 steps of a small network and walks back through them exactly") {
  WorkedExampleData example = WorkedExample();
  StepSession session;
  REQUIRE(StartSession(&session, example.mlp, example.x, example.t, test::MazurConfig()).ok());
  // The worked example has 10 parameters: 1,000 steps need far less than 32 MB.
  REQUIRE(StepBackLimit(session.mlp) == kMaxStepBack);
  // From "done", each whole-step Next takes one step and lands at "done" of the next one.
  SetPosition(&session, static_cast<int>(session.stations.size()) - 1, 0.0);
  std::vector<Mlp> after;  // after[i]: the network after step i + 1
  for (int i = 0; i < kMaxStepBack + 25; ++i) {
    StepNext(&session, Granularity::kStep, 0.0);
    after.push_back(session.mlp);
  }
  CHECK(session.steps_taken == kMaxStepBack + 25);
  CHECK(session.history.size() == static_cast<size_t>(kMaxStepBack));
  CHECK(session.optimizer_history.size() == static_cast<size_t>(kMaxStepBack));
  // Walking back whole steps from "start": each one restores the network that was there, to the bit.
  SetPosition(&session, 0, 0.0);
  for (int back = 1; back <= kMaxStepBack; ++back) {
    StepPrevious(&session, Granularity::kStep, 0.0);
    const int index = kMaxStepBack + 25 - back - 1;  // after[index] is the network after step index + 1
    if (!SameNetwork(session.mlp, after[index])) {
      FAIL("step-back " << back << " did not restore the network after step " << index + 1);
    }
  }
  CHECK(session.history.empty());
  // The oldest kept network is the one after step 25; one more Previous changes nothing.
  CHECK(SameNetwork(session.mlp, after[24]));
  const int position = session.position;
  StepPrevious(&session, Granularity::kStep, 0.0);
  StepPrevious(&session, Granularity::kNeuron, 0.0);
  CHECK(SameNetwork(session.mlp, after[24]));
  CHECK(session.position <= position);
  CHECK(session.steps_taken == 25);
}

TEST_CASE("step-back of the largest network is bounded by memory, not by the step count") {
  Mlp mlp = LargestNetwork();
  // 7·16 + 16 + 7·(16·16 + 16) + 16 + 1 = 2,049 parameters; one kept step holds the network and
  // three optimizer moments: 4 · 8 · 2,049 bytes ≈ 64 KB (the issue measured 65–78 KB a step).
  REQUIRE(mlp.ParameterCount() == 2049);
  const int limit = StepBackLimit(mlp);
  CHECK(limit < kMaxStepBack);
  CHECK(limit >= 400);  // 32 MB / (65,568 + 4,608 bytes) = 478
  CHECK(static_cast<size_t>(limit) * 4 * 8 * 2049 <= kStepBackBytes);

  StepSession session;
  Eigen::VectorXd x = Eigen::VectorXd::Constant(7, 0.5), t = Eigen::VectorXd::Constant(1, 1.0);
  OptimizerConfig config;
  config.learning_rate = 0.03;
  REQUIRE(StartSession(&session, mlp, x, t, config).ok());
  SetPosition(&session, static_cast<int>(session.stations.size()) - 1, 0.0);
  for (int i = 0; i < limit + 300; ++i) StepNext(&session, Granularity::kStep, 0.0);
  CHECK(session.history.size() == static_cast<size_t>(limit));
  CHECK(session.steps_taken == limit + 300);
  // The step-back history holds exactly `limit` networks of this shape, and nothing else grows.
  size_t kept_doubles = 0;
  for (const Mlp& kept : session.history) {
    for (const Layer& layer : kept.layers) kept_doubles += layer.W.size() + layer.b.size();
  }
  CHECK(kept_doubles == static_cast<size_t>(limit) * 2049);
}

}  // namespace
}  // namespace bp
