// The work budget of one command (session/work_budget.h): the estimate by hand for a small network,
// the refusal's sentence with how many fit, and the stepper's `step` command on the largest network
// the app accepts: 10,000 whole steps are refused in words, and the number the sentence offers is
// accepted and taken (#19 item 4: `step … count: 10000` on a 9 × 16 network used to run for
// seconds and abort).
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <string>

#include "app/api/api.h"
#include "app/session/app_state.h"
#include "app/session/step_edit.h"
#include "app/session/work_budget.h"

namespace bp {
namespace {

TEST_CASE("the work of an epoch, worked by hand, and the sentence for a count over the budget") {
  Mlp mlp = SeededNetwork({2, 4, 1}, {Activation::kTanh, Activation::kSigmoid}, Loss::kHalfSquaredError, 1);
  REQUIRE(mlp.ParameterCount() == 17);  // 2·4 + 4 + 4·1 + 1
  // Training: (3 · 17 + 40) · 100 + 20,000 = 29,100; metrics: (17 + 20) · 200 = 7,400.
  CHECK(EpochWork(mlp, 100, 200) == doctest::Approx(36500.0));
  // 2e9 / 36,500 = 54,794.5: 54,794 epochs fit.
  CHECK(ItemsWithinBudget(EpochWork(mlp, 100, 200)) == 54794);
  CHECK(WorkBudgetError("runEpochs", 54794, "epochs", "of this network", EpochWork(mlp, 100, 200)).empty());
  CHECK(WorkBudgetError("runEpochs", 54795, "epochs", "of this network", EpochWork(mlp, 100, 200), 0.0,
                        "Or press Train.") ==
        "runEpochs: 54795 epochs of this network are more than one command may do (about 2 seconds of work); at "
        "most 54794 fit. Or press Train.");
  // Fixed work (the playground's metrics at the end of a call) comes off the budget first.
  CHECK(ItemsWithinBudget(1e6, 1e9) == 1000);
  // However heavy one item is, one always fits: the smallest command is never refused.
  CHECK(ItemsWithinBudget(1e12) == 1);
}

void NoDraw(AppState&) {}
void StepperEnter(AppState& state) {
  // The largest network the app accepts: 16 inputs, eight hidden layers of 16, 16 outputs.
  std::vector<int> sizes(10, 16);
  std::vector<Activation> activations(8, Activation::kTanh);
  activations.push_back(Activation::kSigmoid);
  Mlp mlp = SeededNetwork(sizes, activations, Loss::kHalfSquaredError, 3);
  OptimizerConfig config;
  config.learning_rate = 0.01;
  StartStepLesson(state, mlp, Eigen::VectorXd::Constant(16, 0.5), Eigen::VectorXd::Constant(16, 0.25), config,
                  Notation::kLayered);
}
const LessonTable& StepperTable() {
  static const LessonTable kTable = {{"stepper", "A stepper", StepperEnter, nullptr, NoDraw, NoDraw, nullptr, nullptr}};
  return kTable;
}
using test::Send;

TEST_CASE("step with a count: the largest network's 10,000 whole steps are refused, the number that fits is taken") {
  AppState state;
  state.lessons = &StepperTable();
  REQUIRE(Send(state, Json{{"cmd", "openLesson"}, {"id", "stepper"}})["ok"] == true);
  const Mlp& mlp = state.step.mlp;
  REQUIRE(mlp.ParameterCount() == 9 * (16 * 16 + 16));  // 2,448
  const long long fits = ItemsWithinBudget(TracedStepWork(mlp));
  // 2e9 / (600 · 2,448 + 50,000) = 2e9 / 1,518,800 = 1,316.8
  CHECK(fits == 1316);
  Json refused = Send(state, Json{{"cmd", "step"}, {"granularity", "step"}, {"count", 10000}});
  CHECK(refused["ok"] == false);
  CHECK(refused["error"] ==
        "step: 10000 moves of this network are more than one command may do (about 2 seconds of work); at most 1316 "
        "fit. Send several commands.");
  CHECK(state.step.steps_taken == 0);
  // Finer moves cross into the next step at most every second move: twice as many fit.
  // 2e9 / 759,400 = 2,633.7
  Json neuron = Send(state, Json{{"cmd", "step"}, {"granularity", "neuron"}, {"count", 2634}});
  REQUIRE(neuron["ok"] == false);
  CHECK(neuron["error"].get<std::string>().find("at most 2633 fit") != std::string::npos);
  // The number the sentence offers is accepted: from "start", the first whole step goes to "done".
  Json taken = Send(state, Json{{"cmd", "step"}, {"granularity", "step"}, {"count", fits}});
  CHECK(taken["ok"] == true);
  CHECK(state.step.steps_taken == fits - 1);
  CHECK(state.step.history.size() <= static_cast<size_t>(StepBackLimit(mlp)));
}

TEST_CASE("probeBoundary's size is bounded by the network's work") {
  // Two inputs, eight hidden layers of 16, one output: 2·16 + 16 + 7·(16·16 + 16) + 16 + 1 = 1,969
  // parameters; a pixel costs 20 units a parameter: 39,380; 2e9 / 39,380 = 50,787 pixels fit.
  Json layers = Json::array();
  for (int l = 0; l < 9; ++l) {
    const int in = l == 0 ? 2 : 16, out = l == 8 ? 1 : 16;
    layers.push_back(Json{{"W", Json(std::vector<std::vector<double>>(out, std::vector<double>(in, 0.1)))},
                          {"b", Json(std::vector<double>(out, 0.0))},
                          {"activation", l == 8 ? "sigmoid" : "tanh"}});
  }
  AppState state;
  Json refused = Send(state, Json{{"cmd", "probeBoundary"}, {"network", {{"layers", layers}}}, {"size", 256}});
  CHECK(refused["ok"] == false);
  CHECK(refused["error"] ==
        "probeBoundary: 65536 pixels of this network are more than one command may do (about 2 seconds of work); at "
        "most 50787 fit. Ask for a smaller size.");
  // 225² = 50,625 pixels fit; this build has no GPU renderer, which is the next thing said.
  Json fits = Send(state, Json{{"cmd", "probeBoundary"}, {"network", {{"layers", layers}}}, {"size", 225}});
  CHECK(fits["ok"] == false);
  CHECK(fits["error"].get<std::string>().find("more than one command may do") == std::string::npos);
}

}  // namespace
}  // namespace bp
