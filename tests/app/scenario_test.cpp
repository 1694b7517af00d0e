// Tests for reading scenario files (io/scenario.h): the fields a file sets, every problem reported
// at once with its line and field, the body read as a lesson file with the file's line numbers, and
// the limits. Opening a scenario in the real lessons is tested in tests/browser/scenarios.test.mjs.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "app/io/scenario.h"

namespace {

using bp::LessonInfo;
using bp::LessonTable;

void NoDraw(bp::AppState&) {}

const LessonTable& Table() {
  static const LessonTable kTable = {
      {"intro", "Intro", NoDraw, nullptr, NoDraw, NoDraw, nullptr, nullptr},
      {"perceptron", "Perceptron", NoDraw, nullptr, NoDraw, NoDraw, nullptr, nullptr},
      {"backprop", "Backprop", NoDraw, nullptr, NoDraw, NoDraw, nullptr, nullptr},
      {"playground", "Playground", NoDraw, nullptr, NoDraw, NoDraw, nullptr, nullptr},
  };
  return kTable;
}

std::vector<std::string> Problems(const std::string& text) {
  std::vector<bp::ScenarioProblem> problems;
  bp::Result<bp::Scenario> read = bp::ReadScenario(text, "test.md", Table(), &problems);
  REQUIRE_FALSE(read.ok());
  std::vector<std::string> messages;
  for (const bp::ScenarioProblem& p : problems) messages.push_back(p.message);
  return messages;
}

}  // namespace

TEST_CASE("a stepper scenario sets its network, sample, learning rate, predict mode and display") {
  const std::string text =
      "---\n"
      "{\n"
      "  \"scenario\": 1,\n"
      "  \"title\": \"Two inputs\",\n"
      "  \"lesson\": \"backprop\",\n"
      "  \"text\": \"replace\",\n"
      "  \"network\": {\"layers\": [{\"activation\": \"sigmoid\", \"W\": [[0.5, -0.25]], \"b\": [0.125]}],\n"
      "              \"loss\": \"half_mse\"},\n"
      "  \"sample\": {\"x\": [1, 2], \"t\": [1]},\n"
      "  \"lr\": 0.25, \"updateBiases\": false, \"predict\": true, \"precision\": 4, \"theme\": \"light\",\n"
      "  \"hide\": [\"editor\"], \"lock\": [\"lr\", \"weights\"]\n"
      "}\n"
      "---\n"
      "Some words.\n"
      "\n"
      "## What is z? {#q-z}\n"
      "\n"
      "**Answer:** 0.125\n"
      "\n"
      "**Why:** 0.5 · 1 − 0.25 · 2 + 0.125.\n";
  bp::Result<bp::Scenario> read = bp::ReadScenario(text, "test.md", Table());
  REQUIRE_MESSAGE(read.ok(), read.error());
  const bp::Scenario& s = read.value();
  CHECK(s.title == "Two inputs");
  CHECK(s.lesson == "backprop");
  CHECK(s.text == bp::ScenarioText::kReplace);
  REQUIRE(s.has_network);
  CHECK(s.network.inputs() == 2);
  CHECK(s.network.layers[0].W(0, 1) == -0.25);
  CHECK(s.network.layers[0].b(0) == 0.125);
  CHECK(s.x(1) == 2.0);
  CHECK(s.t(0) == 1.0);
  CHECK(s.learning_rate.value() == 0.25);
  CHECK(s.update_biases.value() == false);
  CHECK(s.predict.value() == true);
  CHECK(s.precision.value() == 4);
  CHECK(s.dark_theme.value() == false);
  CHECK(s.hide == std::vector<std::string>{"editor"});
  CHECK(s.lock == std::vector<std::string>{"lr", "weights"});
  // The body: its text part first, then the question, keyed by the scenario's name.
  REQUIRE(s.body.parts.size() == 2);
  CHECK(s.body.parts[0].id == "text");
  CHECK(s.body.parts[1].line == 16);  // the file's own line of "## What is z?"
  REQUIRE(s.quiz.questions.size() == 1);
  CHECK(s.quiz.questions[0].key == "scenario:test.md#q-z");
}

TEST_CASE("a playground scenario's settings are the defaults, its points, then its keys") {
  const std::string text =
      "---\n"
      "{\"scenario\": 1, \"title\": \"P\", \"lesson\": \"playground\",\n"
      " \"playground\": {\"hidden\": [3, 2], \"lr\": 0.5, \"ratio\": 1}}\n"
      "---\n"
      "```csv\n"
      "x1,x2,label\n"
      "0.5,0.5,1\n"
      "-0.5,-0.5,0\n"
      "0.5,-0.5,2\n"
      "```\n";
  bp::Result<bp::Scenario> read = bp::ReadScenario(text, "p.md", Table());
  REQUIRE_MESSAGE(read.ok(), read.error());
  const bp::PlaygroundConfig& c = read->playground;
  CHECK(c.hidden == std::vector<int>{3, 2});
  CHECK(c.optimizer.learning_rate == 0.5);
  CHECK(c.data.kind == bp::DatasetKind::kOwn);
  REQUIRE(c.data.own != nullptr);
  CHECK(c.data.own->num_classes == 3);
  CHECK(c.data.count == 3);
  // The CSV block is data, not text: the body's text part has nothing of it.
  CHECK(bp::PlainText(read->body.parts[0]).find("0.5,0.5,1") == std::string::npos);
}

TEST_CASE("every problem of a file is reported at once, in line order, with its line and field") {
  const std::vector<std::string> problems = Problems(
      "---\n"
      "{\n"
      "  \"scenario\": 1,\n"
      "  \"title\": \"T\",\n"
      "  \"lesson\": \"perceptron\",\n"
      "  \"points\": [[0, 0, 0], [1, 1], [0, \"a\", 1]],\n"
      "  \"colour\": 3,\n"
      "  \"precision\": 12\n"
      "}\n"
      "---\n");
  REQUIRE(problems.size() == 4);
  CHECK(problems[0] == "line 6: points[1] has 2 numbers; a point is [x1, x2, class]");
  CHECK(problems[1] == "line 6: points[2][1] is text, not a number");
  CHECK(problems[2].rfind("line 7: colour is not a scenario field; the fields are scenario, title,", 0) == 0);
  CHECK(problems[3] == "line 8: precision is the number 12; it is a whole number of digits from 3 to 9");
}

TEST_CASE("a field that does not fit the lesson says which lessons it is for") {
  const std::vector<std::string> problems = Problems(
      "---\n"
      "{\"scenario\": 1, \"title\": \"T\", \"lesson\": \"playground\",\n"
      " \"lr\": 0.5,\n"
      " \"points\": [[0, 0, 0], [1, 1, 1], [0, 1, 2]]}\n"
      "---\n");
  REQUIRE(problems.size() == 1);
  CHECK(problems[0] ==
        "line 3: lr is the stepper's learning rate, but the lesson playground has no stepper; use \"playground\": "
        "{\"lr\": ...}");
  const std::vector<std::string> perceptron = Problems(
      "---\n"
      "{\"scenario\": 1, \"title\": \"T\", \"lesson\": \"perceptron\",\n"
      " \"points\": [[0, 0, 0], [1, 1, 1], [0, 1, 2]]}\n"
      "---\n");
  REQUIRE(perceptron.size() == 1);
  CHECK(perceptron[0] ==
        "line 3: points give more than two classes, but the perceptron separates two classes (labels 0 and 1)");
}

TEST_CASE("the CSV block's rows and the body's questions are reported with the file's lines") {
  const std::vector<std::string> problems = Problems(
      "---\n"
      "{\"scenario\": 1, \"title\": \"T\", \"lesson\": \"perceptron\"}\n"
      "---\n"
      "Text.\n"
      "```csv\n"
      "x1,x2,label\n"
      "0,0,1\n"
      "0,q,0\n"
      "```\n"
      "\n"
      "## Why? {#q-why}\n"
      "\n"
      "**Answer:** 2\n");
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == "line 8: column 2 of the ```csv block: \"q\" is not a number");
  CHECK(problems[1].rfind("line 11: q-why:", 0) == 0);
}

TEST_CASE("broken front matter says where: no fences, an unclosed one, invalid JSON, not an object") {
  CHECK(Problems("{\"scenario\": 1}\n")[0].rfind("line 1: a scenario starts with a line \"---\"", 0) == 0);
  CHECK(Problems("---\n{\"scenario\": 1}\n")[0] ==
        "line 1: the front matter has no closing line \"---\" (the file may be cut short)");
  CHECK(Problems("---\n{\n  \"scenario\": 1\n  \"title\": \"T\"\n}\n---\n")[0].rfind(
            "line 4: the front matter is not valid JSON (column 3): syntax error", 0) == 0);
  CHECK(Problems("---\n[1, 2]\n---\n")[0] == "line 2: the front matter must be one JSON object { ... }, but it is a list");
  CHECK(Problems("---\n{\"scenario\": 1e400}\n---\n")[0].find("number overflow") != std::string::npos);
  const std::vector<std::string> missing = Problems("---\n{}\n---\n");
  REQUIRE(missing.size() == 3);
  CHECK(missing[0].find("\"scenario\" is missing") != std::string::npos);
  CHECK(missing[1].find("\"title\" is missing") != std::string::npos);
  CHECK(missing[2].find("\"lesson\" is missing") != std::string::npos);
}

TEST_CASE("limits: 1 MB, a NUL byte, and at most 20 problems listed with the rest counted") {
  const std::string big(bp::kMaxScenarioBytes + 1, 'x');
  CHECK(Problems(big)[0] == "the scenario file is 1.0 MB; the limit is 1 MB");
  CHECK(Problems(std::string("---\n{}\n---\n\0", 12))[0].find("NUL") != std::string::npos);
  std::string many = "---\n{\"scenario\": 1, \"title\": \"T\", \"lesson\": \"intro\"";
  for (int i = 0; i < 25; ++i) many += ", \"x" + std::to_string(i) + "\": 1";
  many += "}\n---\n";
  std::vector<bp::ScenarioProblem> problems;
  bp::Result<bp::Scenario> read = bp::ReadScenario(many, "m.md", Table(), &problems);
  REQUIRE_FALSE(read.ok());
  CHECK(problems.size() == static_cast<size_t>(bp::kMaxScenarioProblems));
  CHECK(read.error().find("; and 5 more") != std::string::npos);
}
