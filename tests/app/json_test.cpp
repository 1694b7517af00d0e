// The JSON helpers every request goes through (session/json.h): vectors and matrices read with a
// sentence for each refusal, the epochs bound, TypeValue, and answers that stay printable when they
// quote invalid UTF-8. (The network reader, ReadNetworkJson, is tested in network_file_test.cpp.)
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "app/session/app_state.h"
#include "app/session/json.h"
#include "app/session/step_edit.h"
#include "app/session/worked_example_network.h"

namespace bp {
namespace {

const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

TEST_CASE("ReadVector reads finite numbers and refuses the rest with a sentence") {
  Result<Eigen::VectorXd> ok = ReadVector(Json{1.5, -2, 3}, "x", 3);
  REQUIRE(ok.ok());
  CHECK(ok.value() == Eigen::Vector3d(1.5, -2, 3));
  CHECK(ReadVector(Json::array({1, 2, 3, 4}), "x", -1).value().size() == 4);
  CHECK(ReadVector(Json(5), "x", 2).error() == "x must be an array of numbers");
  CHECK(ReadVector(Json{1, 2}, "x", 3).error() == "x must have 3 numbers, got 2");
  CHECK(ReadVector(Json{1, "2"}, "x", 2).error() == "x[1] must be a finite number");
  CHECK(ReadVector(Json{1, nullptr}, "x", 2).error() == "x[1] must be a finite number");
  CHECK(ReadVector(Json::array({kNaN}), "x", 1).error() == "x[0] must be a finite number");
  CHECK(ReadVector(Json{1, -kInf}, "x", 2).error() == "x[1] must be a finite number");
}

TEST_CASE("ReadMatrix reads rows into (row, column) and names the bad row") {
  Result<Eigen::MatrixXd> ok = ReadMatrix(Json{{1, 2, 3}, {4, 5, 6}}, "W", 2, 3);
  REQUIRE(ok.ok());
  CHECK(ok.value()(0, 2) == 3);
  CHECK(ok.value()(1, 0) == 4);
  CHECK(ReadMatrix(Json::array({Json{1, 2}}), "W", 2, 2).error() == "W must be an array of 2 rows");
  CHECK(ReadMatrix(Json("rows"), "W", 1, 1).error() == "W must be an array of 1 rows");
  CHECK(ReadMatrix(Json{Json{1, 2}, Json::array({3})}, "W", 2, 2).error() == "W row 2 must have 2 numbers, got 1");
  CHECK(ReadMatrix(Json{{1, 2}, {3, true}}, "W", 2, 2).error() == "W row 2[1] must be a finite number");
}

TEST_CASE("ReadEpochs takes a whole number from 1 to max") {
  CHECK(ReadEpochs(Json{{"epochs", 1}}, 10).value() == 1);
  CHECK(ReadEpochs(Json{{"epochs", 10}}, 10).value() == 10);
  const std::string sentence = "epochs must be a whole number from 1 to 10";
  for (const Json& epochs : {Json(0), Json(11), Json(-1), Json(2.5), Json(2.0), Json("3"), Json(true), Json(nullptr),
                             Json(18446744073709551615ull)}) {
    CAPTURE(epochs.dump());
    CHECK(ReadEpochs(Json{{"epochs", epochs}}, 10).error() == sentence);
  }
  CHECK(ReadEpochs(Json::object(), 10).error() == sentence);
}

TEST_CASE("answers with invalid UTF-8 are still printable: bad bytes become U+FFFD") {
  const std::string answer = ErrorAnswer("no lesson '\xff\xfe' here");
  Json parsed = Json::parse(answer, nullptr, false);
  REQUIRE_FALSE(parsed.is_discarded());
  CHECK(parsed["ok"] == false);
  CHECK(parsed["error"] == "no lesson '\xEF\xBF\xBD\xEF\xBF\xBD' here");
  // A sequence cut off at the end of the text, inside an object.
  Json cut = Json::parse(Dump(Json{{"name", "caf\xc3"}}), nullptr, false);
  REQUIRE_FALSE(cut.is_discarded());
  CHECK(cut["name"] == "caf\xEF\xBF\xBD");
  // Valid UTF-8 is left alone.
  CHECK(Json::parse(ErrorAnswer("δ → ∞"))["error"] == "δ → ∞");
}

TEST_CASE("an applied command's answer carries the lesson's state") {
  Json answer = Json::parse(LessonStateAnswer(Json{{"w", Json{1.0, 2.0}}, {"name", "bad \xff"}}), nullptr, false);
  REQUIRE_FALSE(answer.is_discarded());
  CHECK(answer["ok"] == true);
  CHECK(answer["lessonState"]["w"] == Json{1.0, 2.0});
  CHECK(answer["lessonState"]["name"] == "bad \xEF\xBF\xBD");
}

TEST_CASE("ToJson writes rows, and non-finite numbers as null") {
  Eigen::MatrixXd m(2, 2);
  m << 1, kNaN, kInf, 4;
  CHECK(ToJson(m) == Json{{1.0, nullptr}, {nullptr, 4.0}});
  CHECK(NumberOrNull(-kInf).is_null());
  CHECK(NumberOrNull(0.25) == 0.25);
}

TEST_CASE("TypeValue hands the field to the lesson's setter and answers its refusal") {
  AppState state;
  WorkedExampleData example = WorkedExample();
  StartStepLesson(state, example.mlp, example.x, example.t, OptimizerConfig(), Notation::kLayered);
  CHECK(TypeValue(state, Json{{"field", "W:1:0:0"}, {"text", "0.25"}}, SetStepField).empty());
  CHECK(state.step.mlp.layers[1].W(0, 0) == 0.25);
  Json refused = Json::parse(TypeValue(state, Json{{"field", "W:1:0:0"}, {"text", "lots"}}, SetStepField));
  CHECK(refused["ok"] == false);
  CHECK(refused["error"] == "W:1:0:0: 'lots' is not a number; kept 0.25.");
  Json malformed = Json::parse(TypeValue(state, Json{{"field", "eta"}, {"text", 0.5}}, SetStepField));
  CHECK(malformed["error"] == "typeValue needs \"field\" and \"text\" strings");
  CHECK(state.step.mlp.layers[1].W(0, 0) == 0.25);
}

}  // namespace
}  // namespace bp
