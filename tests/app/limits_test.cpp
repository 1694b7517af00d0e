// Hostile and extreme input through the JSON API (#19): one learning-rate range for setNetwork, a
// typed η and links; text from a request is quoted short in every answer however long it was; a
// perceptron run of a million epochs keeps a bounded state; a network at the largest size stepped
// with extreme numbers stays finite or says in words that the step diverged.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <cmath>
#include <string>

#include "app/api/api.h"
#include "app/session/app_state.h"
#include "app/session/format.h"
#include "app/session/perceptron_run.h"
#include "app/session/perceptron_run_json.h"
#include "app/session/step_edit.h"
#include "app/session/worked_example_network.h"

namespace bp {
namespace {

void NoDraw(AppState&) {}
void StepperEnter(AppState& state) {
  WorkedExampleData example = WorkedExample();
  StartStepLesson(state, example.mlp, example.x, example.t, test::MazurConfig(), Notation::kLayered);
}

const LessonTable& StepperTable() {
  static const LessonTable kTable = {{"stepper", "A stepper", StepperEnter, nullptr, NoDraw, NoDraw, nullptr, nullptr}};
  return kTable;
}

using test::Send;

void OpenStepper(AppState& state) {
  state.lessons = &StepperTable();
  REQUIRE(Send(state, Json{{"cmd", "openLesson"}, {"id", "stepper"}})["ok"] == true);
}

// The worked example's 2-2-2 network as setNetwork takes it.
Json WorkedNetwork() {
  return Json{{"cmd", "setNetwork"},
              {"layers",
               {{{"W", {{0.15, 0.2}, {0.25, 0.3}}}, {"b", {0.35, 0.35}}, {"activation", "sigmoid"}},
                {{"W", {{0.4, 0.45}, {0.5, 0.55}}}, {"b", {0.6, 0.6}}, {"activation", "sigmoid"}}}}};
}

TEST_CASE("the learning rate has one range: setNetwork, a typed η and a link agree") {
  AppState state;
  OpenStepper(state);
  for (double rate : {1e308, 5e-324, 1e-7, 100.5, -0.5, 0.0}) {
    Json request = WorkedNetwork();
    request["learningRate"] = rate;
    Json answer = Send(state, request);
    CAPTURE(rate);
    CHECK(answer["ok"] == false);
    CHECK(answer["error"] == "learningRate must be a number from 0.000001 to 100 (as when it is typed)");
    CHECK(state.step.config.learning_rate == 0.5);  // the worked example's, untouched
    // The same number typed is refused too.
    Json typed = Send(state, Json{{"cmd", "typeValue"}, {"field", "eta"}, {"text", ExactNum(rate)}});
    CHECK(typed["ok"] == false);
    CHECK(state.step.config.learning_rate == 0.5);
  }
  for (double rate : {1e-6, 100.0, 0.03}) {
    Json request = WorkedNetwork();
    request["learningRate"] = rate;
    CAPTURE(rate);
    CHECK(Send(state, request)["ok"] == true);
    CHECK(state.step.config.learning_rate == rate);
    Json typed = Send(state, Json{{"cmd", "typeValue"}, {"field", "eta"}, {"text", ExactNum(rate)}});
    CHECK(typed["ok"] == true);
  }
}

TEST_CASE("a request's text is quoted short in every answer, however long it was") {
  AppState state;
  OpenStepper(state);
  const std::string huge(500 * 1024, 'q');
  Json network = WorkedNetwork();
  network["layers"][0]["activation"] = huge;
  const Json refusals[] = {
      Send(state, network),
      Send(state, Json{{"cmd", huge}}),
      Send(state, Json{{"cmd", "openLesson"}, {"id", huge}}),
      Send(state, Json{{"cmd", "jumpToPhase"}, {"phase", huge}}),
      Send(state, Json{{"cmd", "setGranularity"}, {"granularity", huge}}),
      Send(state, Json{{"cmd", "typeValue"}, {"field", huge}, {"text", "0.5"}}),
      Send(state, Json{{"cmd", "typeValue"}, {"field", "W:0:0:0"}, {"text", std::string(3900 * 1024, '7') + "x"}}),
  };
  for (const Json& answer : refusals) {
    CHECK(answer["ok"] == false);
    const std::string error = answer["error"].get<std::string>();
    CAPTURE(error);
    CHECK(error.size() <= kMaxMessageBytes + 3);  // "…" is three bytes
    // Each still quotes the start of what it refuses.
    CHECK((error.find("qqqq") != std::string::npos || error.find("7777") != std::string::npos));
  }
  CHECK(state.field_error.size() <= kMaxMessageBytes + 3);
  const std::string whole = HandleApiRequest(state, R"({"cmd": "getState"})");
  CHECK(whole.size() < 64 * 1024);
}

// Every number the stepper shows is finite, or the step state says in words that it diverged.
void CheckFiniteOrSaid(const Json& step) {
  const bool said = step["diverged"].is_string() && !step["diverged"].get<std::string>().empty();
  const bool finite_loss = step["loss"].is_number() && std::fabs(step["loss"].get<double>()) <= 1e100;
  INFO("loss " << step["loss"].dump() << ", diverged " << step["diverged"].dump());
  CHECK((finite_loss || said));
}

TEST_CASE("extreme networks through setNetwork are stepped without an abort: finite, or diverged in words") {
  AppState state;
  OpenStepper(state);
  int said = 0, blocked = 0, finite = 0, refused = 0;
  for (double weight : {1e300, -1e300, 1e150, 1e60, 1e-300, 5e-324, 0.0}) {
    for (double rate : {1e-6, 1.0, 100.0}) {
      for (const char* activation : {"sigmoid", "tanh", "relu", "identity", "elu", "gelu"}) {
        Json request = WorkedNetwork();
        for (Json& layer : request["layers"]) {
          layer["activation"] = activation;
          for (Json& row : layer["W"]) {
            for (Json& w : row) w = weight;
          }
        }
        request["layers"][1]["activation"] = "sigmoid";
        request["learningRate"] = rate;
        request["x"] = {weight == 0.0 ? 1.0 : 0.5, -0.5};
        CAPTURE(weight);
        CAPTURE(rate);
        CAPTURE(activation);
        Json set = Send(state, request);
        if (set["ok"] != true) {
          // A network whose very first trace overflows is refused where it enters, in words.
          ++refused;
          CHECK(set["error"].get<std::string>().size() > 10);
          continue;
        }
        CheckFiniteOrSaid(Send(state, Json{{"cmd", "getState"}})["state"]["step"]);
        Json stepped = Send(state, Json{{"cmd", "step"}, {"granularity", "step"}, {"count", 40}});
        REQUIRE(stepped["ok"] == true);
        const Json& step = stepped["step"];
        CheckFiniteOrSaid(step);
        // The trace is always of the network drawn: its layers' old weights are the network's.
        for (size_t l = 0; l < state.step.mlp.layers.size(); ++l) {
          CHECK(test::SameBits(state.step.trace.before.layers[l].W, state.step.mlp.layers[l].W));
        }
        if (!state.step.blocked.empty()) ++blocked;
        if (step["diverged"].is_string())
          ++said;
        else
          ++finite;
      }
    }
  }
  // The family reaches the outcomes: stepped normally, diverged in words, refused where it entered.
  CHECK(finite > 0);
  CHECK(said > 0);
  MESSAGE("extreme stepping: " << finite << " finite, " << said << " diverged in words, " << blocked << " blocked, "
                               << refused << " refused");

  // A step whose update overflows: identity layers, x = (1, 1), W⁽¹⁾ = 5e152 (hidden a = 1e153),
  // W⁽²⁾ = 5 (outputs 1e154; the loss, summing (a − t)² = 1e308 over two outputs, is already
  // infinite), η = 100: ∂L/∂W⁽²⁾ = 1e154 · 1e153 = 1e307 (finite), times η is 1e309: infinite.
  // Next refuses the step in words and keeps the network.
  Json request = WorkedNetwork();
  request["layers"][0]["activation"] = "identity";
  request["layers"][1]["activation"] = "identity";
  request["layers"][0]["W"] = {{5e152, 5e152}, {5e152, 5e152}};
  request["layers"][0]["b"] = {0.0, 0.0};
  request["layers"][1]["W"] = {{5.0, 5.0}, {5.0, 5.0}};
  request["layers"][1]["b"] = {0.0, 0.0};
  request["learningRate"] = 100.0;
  request["x"] = {1.0, 1.0};
  REQUIRE(Send(state, request)["ok"] == true);
  const Mlp before = state.step.mlp;
  Json stepped = Send(state, Json{{"cmd", "step"}, {"granularity", "step"}, {"count", 3}});
  REQUIRE(stepped["ok"] == true);
  CHECK(state.step.steps_taken == 0);
  CHECK(test::SameBits(state.step.mlp.layers[1].W, before.layers[1].W));
  CHECK(stepped["step"]["diverged"] ==
        "The next step cannot be taken: a weight would become infinite (the learning rate 100 is too high for these "
        "numbers). Lower η or change the weights.");
  // Lowering η clears it, and the step is taken.
  REQUIRE(Send(state, Json{{"cmd", "typeValue"}, {"field", "eta"}, {"text", "0.000001"}})["ok"] == true);
  Json again = Send(state, Json{{"cmd", "step"}, {"granularity", "step"}, {"count", 1}});
  CHECK(state.step.steps_taken == 1);
  CHECK(again["step"]["diverged"].get<std::string>().rfind("This step has diverged: the loss became", 0) == 0);
}

TEST_CASE("a million perceptron epochs on XOR keep a bounded record") {
  // XOR is not linearly separable: every epoch has a mistake, and the run never stops by itself.
  PerceptronRun run = test::XorRun();
  for (int call = 0; call < 100; ++call) REQUIRE(RunPerceptronEpochs(&run, kMaxPerceptronEpochsPerCall, false).ok());
  CHECK(run.epochs == 1000000);
  CHECK(run.mistakes_per_epoch.size() <= static_cast<size_t>(kMaxMistakeRecords));
  CHECK(run.mistakes_per_epoch.size() > static_cast<size_t>(kMaxMistakeRecords / 2));
  CHECK(run.mistakes_epochs.size() == run.mistakes_per_epoch.size());
  // Records at epochs 1, 1 + s, 1 + 2s, ...: the stride is a power of two and the first is epoch 1.
  const int stride = run.mistakes_every;
  CHECK((stride & (stride - 1)) == 0);
  CHECK(run.mistakes_epochs.front() == 1);
  for (size_t r = 1; r < run.mistakes_epochs.size(); ++r)
    CHECK(run.mistakes_epochs[r] - run.mistakes_epochs[r - 1] == stride);
  CHECK(run.fewest_mistakes >= 1);  // XOR: never zero
  CHECK(run.last_mistakes >= 1);
  CHECK(PerceptronRunJson(run).dump().size() < 32 * 1024);
}

}  // namespace
}  // namespace bp
