// The perceptron lessons' API part (session/perceptron_run_json.h): perceptronRun, perceptronStep,
// perceptronReset and setEta act on the run, refusals leave it as it was with a sentence, unknown
// commands are left to others, and the state JSON reports the hand-worked numbers.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <string>

#include "app/session/perceptron_run_json.h"

namespace bp {
namespace {

using test::ThreePoints;

TEST_CASE("perceptronRun runs epochs, and untilConverged stops at the first clean one") {
  PerceptronRun run = ThreePoints();
  Result<bool> ran = PerceptronRunCommand(&run, "perceptronRun", Json{{"epochs", 50}, {"untilConverged", true}});
  REQUIRE(ran.ok());
  CHECK(ran.value());
  CHECK(run.epochs == 2);
  Json state = PerceptronRunJson(run);
  CHECK(state["w"] == Json{1.0, 2.0});
  CHECK(state["b"] == 0.0);
  CHECK(state["mistakesPerEpoch"] == Json{2, 0});
  CHECK(state["converged"] == true);
  CHECK(state["points"] == 3);
  CHECK(state["inputs"] == 2);
  // The last step was sample 2, (1, −1): z = 1 − 2 + 0 = −1, right, so no change.
  CHECK(state["lastStep"]["index"] == 2);
  CHECK(state["lastStep"]["z"] == -1.0);
  CHECK(state["lastStep"]["mistake"] == false);
}

TEST_CASE("perceptronStep takes one sample and perceptronReset starts over") {
  PerceptronRun run = ThreePoints();
  run.running = true;
  REQUIRE(PerceptronRunCommand(&run, "perceptronStep", Json::object()).value());
  CHECK_FALSE(run.running);
  Json state = PerceptronRunJson(run);
  // (2, 1), y = 1, ŷ = 0: Δw = (2, 1), Δb = 1.
  CHECK(state["lastStep"]["deltaW"] == Json{2.0, 1.0});
  CHECK(state["lastStep"]["deltaB"] == 1.0);
  CHECK(state["cursor"] == 1);
  REQUIRE(PerceptronRunCommand(&run, "perceptronReset", Json::object()).value());
  state = PerceptronRunJson(run);
  CHECK(state["w"] == Json{0.0, 0.0});
  CHECK(state["lastStep"].is_null());
  CHECK(state["cursor"] == 0);
}

TEST_CASE("setEta takes a number above 0 and at most 100") {
  PerceptronRun run = ThreePoints();
  REQUIRE(PerceptronRunCommand(&run, "setEta", Json{{"eta", 100}}).value());
  CHECK(run.eta == 100.0);
  REQUIRE(PerceptronRunCommand(&run, "setEta", Json{{"eta", 0.25}}).value());
  for (const Json& eta : {Json(0), Json(-1), Json(100.5), Json("1"), Json(nullptr)}) {
    CAPTURE(eta.dump());
    CHECK(PerceptronRunCommand(&run, "setEta", Json{{"eta", eta}}).error() ==
          "eta must be a number above 0 and at most 100");
    CHECK(run.eta == 0.25);
  }
  CHECK(PerceptronRunCommand(&run, "setEta", Json::object()).error() == "eta must be a number above 0 and at most 100");
}

TEST_CASE("bad epochs are refused and the run is left as it was") {
  PerceptronRun run = ThreePoints();
  REQUIRE(PerceptronRunCommand(&run, "perceptronStep", Json::object()).ok());
  for (const Json& epochs : {Json(0), Json(10001), Json(2.5), Json("5")}) {
    CAPTURE(epochs.dump());
    CHECK(PerceptronRunCommand(&run, "perceptronRun", Json{{"epochs", epochs}}).error() ==
          "epochs must be a whole number from 1 to 10000");
    CHECK(run.epochs == 0);
    CHECK(run.cursor == 1);
    CHECK(run.perceptron.w == Eigen::Vector2d(2, 1));
  }
}

TEST_CASE("an unknown command is left for someone else; a run without points says why") {
  PerceptronRun run = ThreePoints();
  Result<bool> unknown = PerceptronRunCommand(&run, "trainXor", Json::object());
  REQUIRE(unknown.ok());
  CHECK_FALSE(unknown.value());
  PerceptronRun empty;
  empty.data.X.resize(2, 0);
  ResetPerceptronRun(&empty);
  CHECK(PerceptronRunCommand(&empty, "perceptronStep", Json::object()).error() == "there are no points to learn from");
  CHECK(PerceptronRunCommand(&empty, "perceptronRun", Json{{"epochs", 3}}).error() ==
        "there are no points to learn from");
}

}  // namespace
}  // namespace bp
