// The perceptron lessons' run (session/perceptron_run.h): the rule w ← w + η(y − ŷ)x applied by
// hand to three points, epochs and their mistakes, a half-done epoch finished first, convergence
// on separable data and none on XOR.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <vector>

#include "app/session/perceptron_run.h"

namespace bp {
namespace {

using test::ThreePoints;

using test::XorRun;

TEST_CASE("the rule by hand, one sample at a time") {
  PerceptronRun run = ThreePoints();
  CHECK(run.perceptron.w == Eigen::Vector2d(0, 0));
  // (2, 1), y = 1: z = 0, ŷ = 0, a mistake: w = (0, 0) + (2, 1) = (2, 1), b = 0 + 1 = 1.
  REQUIRE(StepPerceptronSample(&run).ok());
  CHECK(run.perceptron.w == Eigen::Vector2d(2, 1));
  CHECK(run.perceptron.b == 1.0);
  CHECK(run.last_step.mistake);
  CHECK(run.cursor == 1);
  // (−1, −2), y = 0: z = −2 − 2 + 1 = −3, ŷ = 0, right: nothing changes.
  REQUIRE(StepPerceptronSample(&run).ok());
  CHECK(run.perceptron.w == Eigen::Vector2d(2, 1));
  CHECK(run.last_step.z == -3.0);
  CHECK_FALSE(run.last_step.mistake);
  // (1, −1), y = 0: z = 2 − 1 + 1 = 2, ŷ = 1, a mistake: w = (2, 1) − (1, −1) = (1, 2), b = 0.
  REQUIRE(StepPerceptronSample(&run).ok());
  CHECK(run.perceptron.w == Eigen::Vector2d(1, 2));
  CHECK(run.perceptron.b == 0.0);
  // The epoch is over: 2 mistakes, the cursor back at the first sample.
  CHECK(run.epochs == 1);
  CHECK(run.mistakes_per_epoch == std::vector<int>{2});
  CHECK(run.cursor == 0);
  CHECK_FALSE(run.converged);
}

TEST_CASE("the next epoch makes no mistake and the run stops there") {
  PerceptronRun run = ThreePoints();
  // Epoch 2 with w = (1, 2), b = 0: z = 4, −5, −1 give ŷ = 1, 0, 0, all right.
  REQUIRE(RunPerceptronEpochs(&run, 50, true).ok());
  CHECK(run.epochs == 2);
  CHECK(run.mistakes_per_epoch == std::vector<int>{2, 0});
  CHECK(run.converged);
  CHECK(run.perceptron.w == Eigen::Vector2d(1, 2));
  // Without stopping, further epochs change nothing.
  REQUIRE(RunPerceptronEpochs(&run, 3, false).ok());
  CHECK(run.epochs == 5);
  CHECK(run.perceptron.w == Eigen::Vector2d(1, 2));
}

TEST_CASE("η scales every update: from zero, η = 0.5 gives half the weights") {
  PerceptronRun run = ThreePoints(0.5);
  REQUIRE(RunPerceptronEpochs(&run, 1, false).ok());
  CHECK(run.perceptron.w == Eigen::Vector2d(0.5, 1.0));
  CHECK(run.perceptron.b == 0.0);
  CHECK(run.mistakes_per_epoch == std::vector<int>{2});
}

TEST_CASE("a half-done epoch is finished first, so every epoch counts all samples") {
  PerceptronRun run = ThreePoints();
  REQUIRE(StepPerceptronSample(&run).ok());
  REQUIRE(RunPerceptronEpochs(&run, 1, false).ok());
  CHECK(run.epochs == 1);
  CHECK(run.cursor == 0);
  CHECK(run.mistakes_per_epoch == std::vector<int>{2});
  CHECK(run.perceptron.w == Eigen::Vector2d(1, 2));
}

TEST_CASE("on separable data the run converges and then classifies every point") {
  DatasetOptions options;
  options.kind = DatasetKind::kTwoClusters;
  options.count = 60;
  options.seed = 4;
  PerceptronRun run;
  run.data = MakeDataset(options).value();
  ResetPerceptronRun(&run);
  REQUIRE(RunPerceptronEpochs(&run, 1000, true).ok());
  REQUIRE(run.converged);
  CHECK(run.mistakes_per_epoch.back() == 0);
  for (int n = 0; n < run.data.size(); ++n) {
    CHECK(PerceptronPredict(run.perceptron, run.data.X.col(n)) == run.data.labels[n]);
  }
}

TEST_CASE("on XOR no epoch is ever free of mistakes") {
  PerceptronRun run = XorRun();
  REQUIRE(RunPerceptronEpochs(&run, 200, true).ok());
  CHECK_FALSE(run.converged);
  CHECK(run.epochs == 200);
  for (int mistakes : run.mistakes_per_epoch) CHECK(mistakes > 0);
}

TEST_CASE("a run is bounded per call and per frame") {
  PerceptronRun run = XorRun();
  REQUIRE(RunPerceptronEpochs(&run, 0, false).ok());  // clamped up to 1
  CHECK(run.epochs == 1);
  REQUIRE(RunPerceptronEpochs(&run, kMaxPerceptronEpochsPerCall + 5, false).ok());
  CHECK(run.epochs == 1 + kMaxPerceptronEpochsPerCall);
  // "Run until no mistakes": at most kPerceptronEpochsPerFrame epochs a frame, stopped at run_limit.
  run.running = true;
  run.run_started_at = run.epochs;
  run.run_limit = 30;
  AdvancePerceptronRun(&run);
  CHECK(run.epochs - run.run_started_at == kPerceptronEpochsPerFrame);
  CHECK(run.running);
  AdvancePerceptronRun(&run);
  CHECK(run.epochs - run.run_started_at == 30);
  CHECK_FALSE(run.running);
}

TEST_CASE("no points: stepping and running are refused; adding a point restarts the unit") {
  PerceptronRun run;
  run.data.X.resize(2, 0);
  run.data.num_classes = 2;
  run.data.T.resize(1, 0);
  ResetPerceptronRun(&run);
  CHECK(StepPerceptronSample(&run).error == "there are no points to learn from");
  CHECK(RunPerceptronEpochs(&run, 5, false).error == "there are no points to learn from");
  PerceptronRun three = ThreePoints();
  REQUIRE(RunPerceptronEpochs(&three, 1, false).ok());
  REQUIRE(AddPerceptronPoint(&three, 3.0, 3.0, 1).ok());
  CHECK(three.data.size() == 4);
  CHECK(three.epochs == 0);
  CHECK(three.perceptron.w == Eigen::Vector2d(0, 0));
}

}  // namespace
}  // namespace bp
