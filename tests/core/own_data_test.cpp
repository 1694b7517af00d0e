// Tests for own data (own_data.h): reading a learner's CSV, its refusals by row and column, writing
// it back exactly, and the playground's "own" dataset through the "pts" key.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/own_data.h"
#include "core/playground.h"

namespace {

bp::OwnPoints Read(const std::string& text) {
  bp::Result<bp::OwnPoints> points = bp::ParseOwnCsv(text);
  REQUIRE_MESSAGE(points.ok(), points.error());
  return points.value();
}

std::string Refusal(const std::string& text, std::vector<bp::CsvProblem>* problems = nullptr) {
  bp::Result<bp::OwnPoints> points = bp::ParseOwnCsv(text, bp::CsvPlace(), problems);
  REQUIRE_FALSE(points.ok());
  return points.error();
}

}  // namespace

TEST_CASE("a classification CSV with a header gives the points, classes and K") {
  const bp::OwnPoints p = Read("x1,x2,label\n0.5,-0.25,1\n-1,0,0\n\n# a comment\n0,1e-1,2\n");
  CHECK_FALSE(p.regression);
  CHECK(p.num_classes == 3);
  REQUIRE(p.X.rows() == 2);
  REQUIRE(p.X.cols() == 3);
  CHECK(p.X(0, 0) == 0.5);
  CHECK(p.X(1, 0) == -0.25);
  CHECK(p.X(1, 2) == 0.1);
  CHECK(p.y == std::vector<double>{1, 0, 2});
  CHECK(p.header == "x1,x2,label");
}

TEST_CASE("without a header, two columns are x,y and three are classes only when every third value is a class") {
  const bp::OwnPoints curve = Read("-1,2\n0.5,0.25\n");
  CHECK(curve.regression);
  CHECK(curve.X.rows() == 1);
  CHECK(curve.header == "x,y");
  const bp::OwnPoints classes = Read("0,0,0\r\n1,1,1\r\n");  // Windows line ends
  CHECK_FALSE(classes.regression);
  CHECK(classes.num_classes == 2);
  const bp::OwnPoints surface = Read("0,0,0\n1,1,0.5\n");
  CHECK(surface.regression);
  CHECK(surface.X.rows() == 2);
  CHECK(surface.header == "x1,x2,y");
  // A header decides: whole-number targets stay regression under "y".
  CHECK(Read("x1,x2,y\n0,0,0\n1,1,1\n").regression);
  CHECK(Read("X,Target\n0,3\n").regression);
}

TEST_CASE("bad CSV is refused with the row and the column") {
  std::vector<bp::CsvProblem> problems;
  CHECK(Refusal("x1,x2,label\n0,0,1\n0,abc,0\n", &problems) == "row 3, column 2: \"abc\" is not a number.");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].row == 3);
  CHECK(problems[0].column == 2);
  CHECK(Refusal("x1,x2,label\n0,0,1\n0,0\n") ==
        "row 3: this row has 2 values, but the points have 3 (x1,x2,label).");
  CHECK(Refusal("0,0,1\n0,,0\n") == "row 2, column 2: the value is missing.");
  CHECK(Refusal("x1,x2,colour\n0,0,1\n").find("row 1: the header \"x1,x2,colour\" is not one of") == 0);
  CHECK(Refusal("x1,x2,label\n0,0,1.5\n0,1,0\n") ==
        "row 2, column 3: the label 1.5 is not a class: a class is a whole number from 0 to 5.");
  CHECK(Refusal("x1,x2,label\n0,0,0\n1,1,0\n").find("at least two classes") != std::string::npos);
  CHECK(Refusal("x1,x2,label\n0,0,0\n1,1,2\n").find("no point has class 1") != std::string::npos);
  CHECK(Refusal("x,y\n11,0\n") ==
        "row 2, column 1: the coordinate 11 is outside -10 to 10 (the plane shows about -1 to 1: scale the "
        "data into that range).");
  CHECK(Refusal("x,y\n0,1e300\n").find("row 2, column 2: the target 1e300 is outside") == 0);
  CHECK(Refusal("x,y\n0,nan\n") == "row 2, column 2: \"nan\" is not a number.");
  CHECK(Refusal("x,y\n0,inf\n") == "row 2, column 2: \"inf\" is not a number.");
  CHECK(Refusal("1,2,3,4\n").find("row 1: a point has 2 values") == 0);
  CHECK(Refusal("").find("there are no points") != std::string::npos);
  CHECK(Refusal("x,y\n").find("no point under it") != std::string::npos);
}

TEST_CASE("a refusal lists every problem up to the limit and counts the rest") {
  std::string text = "x,y\n";
  for (int i = 0; i < 20; ++i) text += "a,0\n";
  std::vector<bp::CsvProblem> problems;
  const std::string error = Refusal(text, &problems);
  // The listed ones, then one entry counting the rest.
  REQUIRE(problems.size() == static_cast<size_t>(bp::kMaxOwnCsvProblems) + 1);
  CHECK(problems.back().row == 0);
  CHECK(problems.back().what == "and 12 more problems like these");
  CHECK(error.find("row 2, column 1") == 0);
  CHECK(error.find("and 12 more.") != std::string::npos);
}

TEST_CASE("more than 10000 points or 2 MB are refused before reading them all") {
  std::string text;
  for (int i = 0; i <= bp::kMaxPoints; ++i) text += "0,0\n";
  CHECK(Refusal(text).find("more than 10000 points") != std::string::npos);
  CHECK(Refusal(std::string(bp::kMaxOwnCsvBytes + 1, '1')).find("bytes; the limit is") != std::string::npos);
}

TEST_CASE("a scenario's CSV counts the file's lines") {
  bp::CsvPlace place;
  place.row_word = "line";
  place.first_row = 14;
  std::vector<bp::CsvProblem> problems;
  bp::Result<bp::OwnPoints> points = bp::ParseOwnCsv("x1,x2,label\n0,0,1\n0,0,x\n", place, &problems);
  REQUIRE_FALSE(points.ok());
  CHECK(points.error() == "line 16, column 3: \"x\" is not a number.");
}

TEST_CASE("written CSV reads back to exactly the same points") {
  // Numbers that need all 17 digits, a tiny one and a negative zero-free integer.
  const std::string text = "x1,x2,label\n0.1,0.30000000000000004,0\n-9.999999999999998,1e-300,1\n3,-2,2\n";
  const bp::OwnPoints p = Read(text);
  bp::Result<bp::Dataset> data = bp::MakeOwnDataset(p, bp::TargetEncoding::kOneHot);
  REQUIRE(data.ok());
  const std::string written = bp::WriteOwnCsv(data.value());
  CHECK(written == text);
  const bp::OwnPoints again = Read(written);
  CHECK(again.X == p.X);
  CHECK(again.y == p.y);
  // Regression too, and the link's ';' form.
  const bp::OwnPoints r = Read("x,y\n0.2,-1.75\n0.7,3.3333333333333335\n");
  CHECK(bp::WriteOwnCsv(r, ';') == "x,y;0.2,-1.75;0.7,3.3333333333333335");
}

TEST_CASE("the playground trains on own points given by pts, and the link carries them back") {
  bp::PlaygroundConfig config = bp::MakeDefaultPlaygroundConfig();
  REQUIRE(bp::SetPlaygroundValue(&config, "pts", "x1,x2,label;0,0,0;1,1,1;0,1,1;1,0,0").ok());
  CHECK(config.data.kind == bp::DatasetKind::kOwn);
  CHECK(config.data.count == 4);
  REQUIRE(bp::SetPlaygroundValue(&config, "ratio", "1").ok());
  bp::Result<bp::Playground> p = bp::MakePlayground(config);
  REQUIRE_MESSAGE(p.ok(), p.error());
  CHECK(p->train.size() == 4);
  CHECK(p->head == bp::OutputHead::kSigmoidBce);
  CHECK(p->data.labels == std::vector<int>{0, 1, 1, 0});
  std::string pts;
  for (const auto& [key, value] : bp::PlaygroundValues(config)) {
    if (key == "pts") pts = value;
  }
  CHECK(pts == "x1,x2,label;0,0,0;1,1,1;0,1,1;1,0,0");
  // The count of own data is theirs; data=own needs points; a bad list names its row and keeps the config.
  CHECK_FALSE(bp::SetPlaygroundValue(&config, "points", "50").ok());
  bp::PlaygroundConfig fresh = bp::MakeDefaultPlaygroundConfig();
  CHECK(bp::SetPlaygroundValue(&fresh, "data", "own").error.find("needs points of your own") != std::string::npos);
  const bp::Status bad = bp::SetPlaygroundValue(&config, "pts", "x1,x2,label;0,0,0;1,q,1");
  CHECK(bad.error == "pts: row 3, column 2: \"q\" is not a number.");
  CHECK(config.data.count == 4);
  // Back to generated data: the default size, not the own points' count.
  REQUIRE(bp::SetPlaygroundValue(&config, "data", "circle").ok());
  CHECK(config.data.count == 200);
  // The own points stay on offer.
  REQUIRE(bp::SetPlaygroundValue(&config, "data", "own").ok());
  CHECK(config.data.count == 4);
}

TEST_CASE("three classes of own points get softmax, a curve gets regression with x1 features only") {
  bp::PlaygroundConfig config = bp::MakeDefaultPlaygroundConfig();
  REQUIRE(bp::SetPlaygroundValue(&config, "pts", "0,0,0;1,1,1;0,1,2;1,0,2").ok());
  bp::Result<bp::OutputHead> head = bp::ResolveOutputHead(config);
  REQUIRE(head.ok());
  CHECK(head.value() == bp::OutputHead::kSoftmaxCe);
  REQUIRE(bp::SetPlaygroundValue(&config, "pts", "x,y;-1,1;0,0;1,1").ok());
  CHECK(bp::InputDimension(config.data) == 1);
  CHECK(bp::IsRegression(config.data));
  CHECK(config.features.Count() == 1);
  bp::Result<bp::Playground> p = bp::MakePlayground(config);
  REQUIRE_MESSAGE(p.ok(), p.error());
  CHECK(p->head == bp::OutputHead::kLinearMse);
}
