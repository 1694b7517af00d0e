// A scenario: one text file an instructor writes without C++ (docs/scenarios.md) — a front matter
// block of JSON between two "---" lines that sets up a lesson, then a Markdown body in the lesson
// files' format (text, questions q-*, goals goal-*). This file reads and checks it completely, with
// no effect on the app: every problem is reported with its line and field ("line 9: points[3] has 3
// numbers; a point is [x1, x2, class]"), all at once. Applying a checked scenario is
// scenario_io.h's. The same reader backs the command-line validator (tools/check_scenario.cpp).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Dense>

#include "app/session/content.h"
#include "app/session/lesson.h"
#include "app/session/questions.h"
#include "core/mlp.h"
#include "core/own_data.h"
#include "core/playground.h"

namespace bp {

constexpr size_t kMaxScenarioBytes = 1024 * 1024;
constexpr int kMaxScenarioProblems = 20;  // a refusal lists at most this many
constexpr int kScenarioVersion = 1;
constexpr size_t kMaxScenarioTitle = 120;

struct ScenarioProblem {
  int line = 0;         // in the file, from 1 (0: the whole file)
  std::string field;    // "points[3]", "playground.lr", "" for the file as a whole
  std::string message;  // "line 9: points[3] has 3 numbers; a point is [x1, x2, class]"
};

// How the body's text meets the lesson's own: shown after it, or instead of it (the lesson's
// controls stay).
enum class ScenarioText { kAfter, kReplace };

struct Scenario {
  std::string name;  // where it came from: "scenarios/xor-first.md", "my-file.md"
  std::string title;
  std::string lesson;  // a lesson id
  ScenarioText text = ScenarioText::kAfter;
  std::shared_ptr<const OwnPoints> points;  // "points" or "csv"
  bool has_playground = false;
  PlaygroundConfig playground;  // defaults, the points, then the "playground" keys (checked as one)
  bool has_network = false;
  Mlp network;
  Eigen::VectorXd x, t;  // "sample" (with "network")
  std::optional<double> learning_rate;
  std::optional<bool> update_biases;
  std::optional<bool> predict;
  std::optional<int> precision;
  std::optional<bool> dark_theme;
  std::vector<std::string> hide, lock;
  ContentDoc body;       // the body as a content file (its lines are the file's lines)
  LessonQuestions quiz;  // the body's questions and goals, keys "scenario:<name>#q-…"
};

// Reads and checks a scenario file. `lessons` is the app's lesson table (which ids exist). On
// refusal the error lists the problems ("line 3: lesson: ...; line 9: ...") and `problems`
// (optional) receives them one by one.
Result<Scenario> ReadScenario(const std::string& text, const std::string& name, const LessonTable& lessons,
                              std::vector<ScenarioProblem>* problems = nullptr);

// The front matter's fields, in the order docs/scenarios.md explains them.
const std::vector<std::string>& ScenarioFields();

// Lessons whose points a scenario (or a CSV) can replace, and lessons with the stepper.
bool LessonTakesPoints(const std::string& lesson);
bool LessonHasStepper(const std::string& lesson);

}  // namespace bp
