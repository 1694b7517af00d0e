// Links (link/url_state.h) with a made-up lesson table whose lessons start the stepper through
// StartStepLesson: a view written to a fragment and applied to a fresh state reproduces it (edited
// weights, steps taken, station, display, hide= and lock=), and bad keys are ignored one by one with
// a sentence while the rest is applied.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "app/link/url_state.h"
#include "app/session/step_edit.h"
#include "app/session/worked_example_network.h"

namespace bp {
namespace {

using test::MazurConfig;
using test::SameBits;

void NoDraw(AppState&) {}
void StepsEnter(AppState& state) {
  WorkedExampleData example = WorkedExample();
  StartStepLesson(state, example.mlp, example.x, example.t, MazurConfig(), Notation::kLayered);
}
// The worked example with w1 = 0: a weight whose sign of zero a link might carry.
void ZeroEnter(AppState& state) {
  WorkedExampleData example = WorkedExample();
  example.mlp.layers[0].W(0, 0) = 0.0;
  StartStepLesson(state, example.mlp, example.x, example.t, MazurConfig(), Notation::kLayered);
}
void PlainEnter(AppState&) {}

const LessonTable& TestTable() {
  static const LessonTable kTable = {
      {"steps", "A stepper", StepsEnter, nullptr, NoDraw, NoDraw, nullptr, nullptr},
      {"zero", "A stepper with a zero weight", ZeroEnter, nullptr, NoDraw, NoDraw, nullptr, nullptr},
      {"plain", "No stepper", PlainEnter, nullptr, NoDraw, NoDraw, nullptr, nullptr},
  };
  return kTable;
}

void Open(AppState& state, const char* id) {
  state.lessons = &TestTable();
  state.pending_lesson = FindLesson(state, id);
  ApplyPendingChanges(state);
}

void TakeSteps(AppState& state, int steps) {
  for (int n = 0; n < steps; ++n) {
    JumpToPhase(&state.step, Phase::kDone, 0.0);
    StepNext(&state.step, Granularity::kNeuron, 0.0);
  }
}

void CheckSameStepper(const AppState& a, const AppState& b) {
  for (size_t l = 0; l < a.step.mlp.layers.size(); ++l) {
    CAPTURE(l);
    CHECK(SameBits(a.step.mlp.layers[l].W, b.step.mlp.layers[l].W));
    CHECK(SameBits(a.step.mlp.layers[l].b, b.step.mlp.layers[l].b));
  }
  CHECK(SameBits(a.step.x, b.step.x));
  CHECK(SameBits(a.step.t, b.step.t));
  CHECK(a.step.config.learning_rate == b.step.config.learning_rate);
  CHECK(a.step.steps_taken == b.step.steps_taken);
  CHECK(a.step.position == b.step.position);
}

TEST_CASE("a view written to a link and applied to a fresh state comes back the same") {
  AppState a;
  Open(a, "steps");
  REQUIRE(SetStepField(a, "W:1:0:0", "0.123"));
  REQUIRE(SetStepField(a, "x:1", "0.7"));
  REQUIRE(SetStepField(a, "eta", "0.25"));
  TakeSteps(a, 2);
  SetPosition(&a.step, 8, 0.0);  // backward, layer 1 (0-based), neuron 1
  a.granularity = Granularity::kLayer;
  a.precision = 4;
  a.dark_theme = false;
  a.font_scale = 1.5f;
  a.hidden_parts = {"math"};
  a.locked_values = {"lr"};
  std::vector<std::string> notes;
  const std::string fragment = StateToFragment(a, &notes);
  CHECK(notes.empty());
  CHECK(fragment.find("steps=2") != std::string::npos);

  AppState b;
  b.lessons = &TestTable();
  UrlApplyResult result = ApplyFragment(b, "#" + fragment);
  CHECK(result.ignored.empty());
  CHECK(b.banner.empty());
  CHECK(b.lesson == 0);
  CheckSameStepper(a, b);
  CHECK(b.granularity == Granularity::kLayer);
  CHECK(b.precision == 4);
  CHECK_FALSE(b.dark_theme);
  CHECK(b.font_scale == 1.5f);
  CHECK(b.hidden_parts == std::vector<std::string>{"math"});
  CHECK(b.locked_values == std::vector<std::string>{"lr"});
  CHECK(StateToFragment(b) == fragment);
}

TEST_CASE("weights edited between steps travel as the current weights, without the steps") {
  AppState a;
  Open(a, "steps");
  TakeSteps(a, 1);
  REQUIRE(SetStepField(a, "b:1:1", "0.25"));
  TakeSteps(a, 1);
  std::vector<std::string> notes;
  const std::string fragment = StateToFragment(a, &notes);
  REQUIRE(notes.size() == 1);
  CHECK(notes[0] == "the weights were edited between steps: the link carries the current weights, not the steps taken");
  AppState b;
  b.lessons = &TestTable();
  CHECK(ApplyFragment(b, fragment).ignored.empty());
  for (size_t l = 0; l < 2; ++l) {
    CHECK(SameBits(a.step.mlp.layers[l].W, b.step.mlp.layers[l].W));
    CHECK(SameBits(a.step.mlp.layers[l].b, b.step.mlp.layers[l].b));
  }
  CHECK(b.step.steps_taken == 0);
}

TEST_CASE("a lesson without a stepper writes no step keys, and ignores them when given") {
  AppState a;
  Open(a, "plain");
  const std::string fragment = StateToFragment(a);
  CHECK(fragment == "lesson=plain&precision=6&theme=dark");
  AppState b;
  b.lessons = &TestTable();
  UrlApplyResult result = ApplyFragment(b, "lesson=plain&steps=2&step=done");
  CHECK(b.lesson == 2);
  REQUIRE(result.ignored.size() == 2);
  CHECK(result.ignored[0].reason == "steps: this lesson has no stepper");
  CHECK(result.ignored[1].reason == "step: this lesson has no stepper");
}

TEST_CASE("bad keys are ignored one by one with a sentence, and the rest is applied") {
  AppState b;
  b.lessons = &TestTable();
  UrlApplyResult result =
      ApplyFragment(b, "lesson=steps&bogus=1&theme=blue&precision=99&step=nowhere&precision=5&gran=layer");
  CHECK(b.lesson == 0);
  CHECK(b.precision == 6);
  CHECK(b.dark_theme);
  CHECK(b.granularity == Granularity::kLayer);
  REQUIRE(result.ignored.size() == 5);
  CHECK(result.ignored[0].key == "bogus");
  CHECK(result.ignored[0].reason == "unknown key");
  CHECK(result.ignored[1].reason == "precision: given twice; the first one counts");
  CHECK(b.banner.rfind("Part of the link was ignored: 'bogus' is not a key this app knows; ", 0) == 0);
  CHECK(b.banner.find("; and 1 more. The rest of the link was applied.") != std::string::npos);
  CHECK(std::find(result.applied.begin(), result.applied.end(), "lesson") != result.applied.end());
}

TEST_CASE("lang= chooses the lesson text's language among content/'s folders, and is written back") {
  AppState b;
  b.lessons = &TestTable();
  UrlApplyResult result = ApplyFragment(b, "lesson=plain&lang=xx");
  CHECK(b.language == "en");
  REQUIRE(result.ignored.size() == 1);
  CHECK(result.ignored[0].reason == "lang: the lesson text has no language 'xx' (it has: en); it stays en");
  result = ApplyFragment(b, "lesson=plain&lang=en");
  CHECK(result.ignored.empty());
  CHECK(b.language == "en");
  CHECK(StateToFragment(b).find("lang=") == std::string::npos);  // the default is not written
  b.language = "de";  // as if content/de/ existed: the link keeps it
  CHECK(StateToFragment(b).find("&lang=de") != std::string::npos);
}

TEST_CASE("a link's weights go through the same checks as typed ones") {
  AppState b;
  b.lessons = &TestTable();
  UrlApplyResult result = ApplyFragment(b, "lesson=steps&w=W:1:0:0:5000,x:0:0.25,W:9:0:0:1,eta:0");
  CHECK(b.step.x(0) == 0.25);
  CHECK(b.step.mlp.layers[1].W(0, 0) == 0.4);
  CHECK(b.step.config.learning_rate == 0.5);
  REQUIRE(result.ignored.size() == 3);
  CHECK(result.ignored[0].reason == "w: W:1:0:0: 5000 is outside the allowed range −1000 to 1000; kept 0.4.");
  CHECK(result.ignored[1].reason == "w: there is no field 'W:9:0:0' in this lesson");
  CHECK(b.field_error.empty());
}

TEST_CASE("embed is exactly 1 or 0; the first embed key counts, also when percent-encoded") {
  struct Case {
    const char* fragment;
    bool embedded;
    bool ignored;  // the value was refused (and named in the banner)
  };
  const Case cases[] = {
      {"lesson=steps&embed=1", true, false},         {"lesson=steps&embed=0", false, false},
      {"lesson=steps&embed=true", false, true},      {"lesson=steps&embed=", false, true},
      {"lesson=steps&embed=false", false, true},     {"lesson=steps&embed=01", false, true},
      {"lesson=steps&%65mbed=1", true, false},       {"lesson=steps&embed=0&embed=1", false, false},
      {"lesson=steps&embed=1&embed=0", true, false}, {"lesson=steps&embed=1%00", false, true},
  };
  for (const Case& c : cases) {
    AppState b;
    b.lessons = &TestTable();
    UrlApplyResult result = ApplyFragment(b, c.fragment);
    CAPTURE(c.fragment);
    CHECK(b.embed == c.embedded);
    bool refused = false;
    for (const auto& item : result.ignored)
      refused = refused || (item.key == "embed" && item.reason.find("is not 1 or 0") != std::string::npos);
    CHECK(refused == c.ignored);
  }
}

TEST_CASE("percent-escapes are decoded; malformed ones and too many steps are refused") {
  AppState b;
  b.lessons = &TestTable();
  CHECK(ApplyFragment(b, "lesson=pl%61in").ignored.empty());
  CHECK(b.lesson == 2);
  UrlApplyResult malformed = ApplyFragment(b, "lesson=%zzsteps");
  REQUIRE(malformed.ignored.size() == 1);
  CHECK(malformed.ignored[0].reason == "lesson: a malformed %-escape in the value");
  CHECK(b.lesson == 2);
  // 2-2-2 has 12 parameters: min(1000, 250000 / 12) = 1000 steps at most.
  UrlApplyResult many = ApplyFragment(b, "lesson=steps&steps=1001");
  REQUIRE(many.ignored.size() == 1);
  CHECK(many.ignored[0].reason == "steps: 1001 is outside the allowed range 0 to 1000");
  CHECK(b.step.steps_taken == 0);
}

// The link writer (url_state.cpp, AddDifferences) writes a weight of -0.0 whose lesson starts it at
// +0.0 as "W:0:0:0:-0"; applying it must not take -0.0 == +0.0 for "no change".
TEST_CASE("a weight of -0.0 comes back through a link") {
  AppState a;
  Open(a, "zero");
  Editable edited = CurrentEditable(a);
  edited.mlp.layers[0].W(0, 0) = -0.0;
  REQUIRE(ApplyEditable(a, edited));
  const std::string fragment = StateToFragment(a);
  REQUIRE(fragment.find("W:0:0:0:-0") != std::string::npos);
  AppState b;
  b.lessons = &TestTable();
  CHECK(ApplyFragment(b, fragment).ignored.empty());
  CHECK(std::signbit(b.step.mlp.layers[0].W(0, 0)));
}

}  // namespace
}  // namespace bp
