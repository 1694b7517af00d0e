// Predict, then reveal (#16, the logic): the checking rule, and each typical mistake's value on the
// published worked example (M. Mazur's numbers, worked by hand in the comments), so a wrong answer
// of that kind is named; every mistake's sentence is a part of content/en/predict.md.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <cmath>

#include "app/session/content.h"
#include "app/session/format.h"
#include "app/session/predict.h"
#include "app/session/step_formulas.h"
#include "app/session/worked_example_network.h"

namespace bp {
namespace {

StepTrace MazurTrace() {
  WorkedExampleData example = WorkedExample();
  Result<StepTrace> trace = TraceStep(example.mlp, example.x, example.t, test::MazurConfig(),
                                      MakeOptimizerState(example.mlp));
  REQUIRE(trace.ok());
  return trace.value();
}

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// The value a question gives for a mistake key (NaN when the question has no such mistake).
double MistakeValue(const PredictionQuestion& q, const std::string& key) {
  for (const TypicalMistake& mistake : q.mistakes) {
    if (mistake.key == key) return mistake.value;
  }
  return std::nan("");
}

TEST_CASE("a prediction is right to one unit of the last digit shown, or 1e-9 near zero") {
  // 0.75136507 at 4 significant digits shows 0.7514; one unit of the last digit is 0.0001.
  CHECK(PredictionRight(0.7514, 0.75136507, 4));
  CHECK(PredictionRight(0.7513, 0.75136507, 4));        // truncated: 6.5e-5 ≤ 1e-4
  CHECK_FALSE(PredictionRight(0.7510, 0.75136507, 4));  // 3.7e-4
  CHECK_FALSE(PredictionRight(0.7516, 0.75136507, 4));  // 2.3e-4
  CHECK(PredictionRight(0.35891648, 0.35891648, 9));
  CHECK(PredictionRight(-0.1385, -0.138498562, 4));     // unit 1e-4 (leading digit at 1e-1)
  CHECK_FALSE(PredictionRight(0.1385, -0.138498562, 4));
  CHECK(PredictionRight(0.0, 4e-10, 6));                 // near zero
  CHECK_FALSE(PredictionRight(1e-6, 0.0, 6));
  CHECK_FALSE(PredictionRight(std::nan(""), 0.5, 6));
}

TEST_CASE("each typical mistake gives the value a learner would type, on the published worked example") {
  const StepTrace trace = MazurTrace();
  const Eigen::VectorXd t = WorkedExample().t;
  // net_h1 = 0.15·0.05 + 0.20·0.10 + 0.35 = 0.3775; without the bias 0.0275.
  PredictionQuestion q = AskPrediction(trace, t, PredictQuantity::kZ, 0, 0);
  CHECK(q.expected == doctest::Approx(0.3775).epsilon(1e-12));
  CHECK(MistakeValue(q, "predict#no-bias") == doctest::Approx(0.0275).epsilon(1e-12));
  // out_h1 = σ(0.3775) = 0.593269992; forgetting h gives 0.3775.
  q = AskPrediction(trace, t, PredictQuantity::kA, 0, 0);
  CHECK(q.expected == doctest::Approx(0.593269992).epsilon(1e-9));
  CHECK(MistakeValue(q, "predict#no-activation") == doctest::Approx(0.3775));
  // E_o1 = ½(0.01 − 0.75136507)² = 0.274811083; without the ½ 0.549622166.
  q = AskPrediction(trace, t, PredictQuantity::kLossTerm, 1, 0);
  CHECK(q.expected == doctest::Approx(0.274811083).epsilon(1e-8));
  CHECK(MistakeValue(q, "predict#no-half") == doctest::Approx(0.549622166).epsilon(1e-8));
  // E_total = 0.298371109 (a sum of two terms); the mean would be 0.149185555.
  q = AskPrediction(trace, t, PredictQuantity::kLoss, 1, 0);
  CHECK(q.expected == doctest::Approx(0.298371109).epsilon(1e-8));
  CHECK(MistakeValue(q, "predict#mean-not-sum") == doctest::Approx(0.149185555).epsilon(1e-8));
  // σ′(net_o1) = out(1 − out) = 0.186815602; at a instead: σ(0.75136507)(1 − σ(0.75136507)).
  q = AskPrediction(trace, t, PredictQuantity::kDerivative, 1, 0);
  CHECK(q.expected == doctest::Approx(0.186815602).epsilon(1e-8));
  const double s = Sigmoid(0.75136507);
  CHECK(MistakeValue(q, "predict#derivative-at-a") == doctest::Approx(s * (1 - s)).epsilon(1e-8));
  // ∂E/∂out_o1 = out − t = 0.74136507; flipped −0.74136507.
  q = AskPrediction(trace, t, PredictQuantity::kDlDa, 1, 0);
  CHECK(q.expected == doctest::Approx(0.74136507).epsilon(1e-8));
  CHECK(MistakeValue(q, "predict#sign-flipped") == doctest::Approx(-0.74136507).epsilon(1e-8));
  // δ_o1 = 0.74136507 · 0.186815602 = 0.138498562; without h′ 0.74136507.
  q = AskPrediction(trace, t, PredictQuantity::kDelta, 1, 0);
  CHECK(q.expected == doctest::Approx(0.138498562).epsilon(1e-8));
  CHECK(MistakeValue(q, "predict#no-derivative") == doctest::Approx(0.74136507).epsilon(1e-8));
  CHECK(MistakeValue(q, "predict#sign-flipped") == doctest::Approx(-0.138498562).epsilon(1e-8));
  // ∂E/∂out_h1 = δ_o1·w5 + δ_o2·w7 = 0.138498562·0.40 − 0.038098236·0.50 = 0.036350306; with the
  // updated w5 = 0.35891648, w7 = 0.51130127: 0.049709 − 0.019480 = 0.030229.
  q = AskPrediction(trace, t, PredictQuantity::kDlDa, 0, 0);
  CHECK(q.expected == doctest::Approx(0.036350306).epsilon(1e-8));
  CHECK(MistakeValue(q, "predict#updated-weights") ==
        doctest::Approx(0.138498562 * 0.35891648 - 0.038098236 * 0.51130127).epsilon(1e-7));
  // ∂E/∂w5 = δ_o1 · out_h1 = 0.138498562 · 0.593269992 = 0.082167041; without the input δ_o1; with
  // out_h2 = 0.596884378 (the other input) 0.082667628.
  q = AskPrediction(trace, t, PredictQuantity::kDlDw, 1, 0, 0);
  CHECK(q.expected == doctest::Approx(0.082167041).epsilon(1e-8));
  CHECK(MistakeValue(q, "predict#no-input") == doctest::Approx(0.138498562).epsilon(1e-8));
  CHECK(MistakeValue(q, "predict#wrong-input") == doctest::Approx(0.138498562 * 0.596884378).epsilon(1e-8));
  // w5⁺ = 0.40 − 0.5 · 0.082167041 = 0.35891648; +η: 0.44108352; without η: 0.317832959.
  q = AskPrediction(trace, t, PredictQuantity::kNewWeight, 1, 0, 0);
  CHECK(q.expected == doctest::Approx(0.35891648).epsilon(1e-8));
  CHECK(MistakeValue(q, "predict#plus-eta") == doctest::Approx(0.44108352).epsilon(1e-8));
  CHECK(MistakeValue(q, "predict#no-eta") == doctest::Approx(0.317832959).epsilon(1e-8));
}

TEST_CASE("a wrong answer that matches a typical mistake is named; another gets no diagnosis") {
  const StepTrace trace = MazurTrace();
  const PredictionQuestion q = AskPrediction(trace, WorkedExample().t, PredictQuantity::kDelta, 1, 0);
  CHECK(CheckPrediction(0.1385, q, 4).right);
  CHECK(CheckPrediction(0.1385, q, 4).mistake.empty());
  CHECK(CheckPrediction(-0.1385, q, 4).mistake == "predict#sign-flipped");
  CHECK(CheckPrediction(0.7414, q, 4).mistake == "predict#no-derivative");
  const PredictionVerdict unknown = CheckPrediction(0.5, q, 4);
  CHECK_FALSE(unknown.right);
  CHECK(unknown.mistake.empty());
}

TEST_CASE("every typical mistake's sentence is a part of content/en/predict.md") {
  const StepTrace trace = MazurTrace();
  const Eigen::VectorXd t = WorkedExample().t;
  int named = 0;
  for (PredictQuantity what : {PredictQuantity::kZ, PredictQuantity::kA, PredictQuantity::kLossTerm, PredictQuantity::kLoss,
                               PredictQuantity::kDerivative, PredictQuantity::kDlDa, PredictQuantity::kDelta,
                               PredictQuantity::kDlDw, PredictQuantity::kNewWeight}) {
    for (int layer = 0; layer < 2; ++layer) {
      for (const TypicalMistake& mistake : AskPrediction(trace, t, what, layer, 0, 0).mistakes) {
        INFO(mistake.key);
        CHECK(Content().Part("en", mistake.key) != nullptr);
        ++named;
      }
    }
  }
  CHECK(named >= 20);
}

}  // namespace
}  // namespace bp

namespace bp {
namespace {

StepSession MazurSession() {
  WorkedExampleData example = WorkedExample();
  StepSession session;
  REQUIRE(StartSession(&session, example.mlp, example.x.col(0), example.t.col(0), test::MazurConfig()).ok());
  return session;
}

int TotalQuestions(const StepSession& session) {
  int total = 0;
  for (size_t i = 0; i < session.stations.size(); ++i) total += static_cast<int>(StationQuestions(session, static_cast<int>(i)).size());
  return total;
}

TEST_CASE("predict mode asks every station's numbers in order, on the worked example") {
  StepSession session = MazurSession();
  // 2-2-2, biases fixed (Mazur's example): forward 4 × (z, a) = 8; loss 2 terms + L = 3; backward
  // 4 × (∂L/∂a, h′, δ, 2 × ∂L/∂w, ∂L/∂b) = 24; update 4 × 2 new weights = 8.
  CHECK(TotalQuestions(session) == 43);
  const std::vector<PredictItem> first = StationQuestions(session, 1);
  REQUIRE(first.size() == 2);
  CHECK(first[0].what == PredictQuantity::kZ);
  CHECK(first[1].what == PredictQuantity::kA);
  CHECK(StationQuestions(session, 0).empty());  // start
  CHECK(StationQuestions(session, static_cast<int>(session.stations.size()) - 1).empty());  // done
}

TEST_CASE("a question's formula shows the known numbers and ? for the value; the verdict's shows the value") {
  StepSession session = MazurSession();
  FormulaOptions options;
  options.precision = 4;
  options.hide_result = true;
  const PredictItem z{PredictQuantity::kZ, 0, 0, 0};
  CHECK(QuantityFormula(session, z, options) == "z₁⁽¹⁾ = w₁,₁⁽¹⁾·x₁ + w₁,₂⁽¹⁾·x₂ + b₁⁽¹⁾ = 0.15·0.05 + 0.2·0.1 + 0.35 = ?");
  options.hide_result = false;
  CHECK(QuantityFormula(session, z, options) ==
        "z₁⁽¹⁾ = w₁,₁⁽¹⁾·x₁ + w₁,₂⁽¹⁾·x₂ + b₁⁽¹⁾ = 0.15·0.05 + 0.2·0.1 + 0.35 = 0.3775");
  // ∂L/∂w₁,₁⁽²⁾ = δ₁⁽²⁾·a₁⁽¹⁾ = 0.1385·0.5933 (the δ form the diagnoses name).
  CHECK(QuantityFormula(session, PredictItem{PredictQuantity::kDlDw, 1, 0, 0}, options) ==
        "∂L/∂w₁,₁⁽²⁾ = δ₁⁽²⁾·a₁⁽¹⁾ = 0.1385·0.5933 = 0.08217");
  CHECK(QuantityName(session, Notation::kLayered, PredictItem{PredictQuantity::kNewWeight, 1, 0, 0}) == "w₁,₁⁽²⁾⁺");
}

TEST_CASE("predict mode holds the stepper before an unpredicted station, checks, diagnoses and scores") {
  StepSession session = MazurSession();
  SetPredictMode(&session, true);
  StepNext(&session, Granularity::kNeuron, 0.0);
  CHECK(session.position == 0);  // not moved: z₁⁽¹⁾ is asked first
  REQUIRE(CurrentQuestion(session));
  CHECK(CurrentQuestion(session)->what == PredictQuantity::kZ);
  CHECK_FALSE(ForwardReached(session, 0, 0));
  // Not a number: refused, nothing changes.
  CHECK_FALSE(SubmitPrediction(&session, "about a half", 4, 0.0).ok());
  CHECK(session.predict.session_score.asked == 0);
  // Without the bias: 0.0275, named.
  REQUIRE(SubmitPrediction(&session, "0.0275", 4, 0.0).ok());
  CHECK_FALSE(session.predict.last.right);
  CHECK(session.predict.last.mistake == "predict#no-bias");
  CHECK(session.position == 0);  // a is still to come
  REQUIRE(CurrentQuestion(session));
  CHECK(CurrentQuestion(session)->what == PredictQuantity::kA);
  // σ(0.3775) = 0.593269992; 0.5933 (as shown) is right, typed with a minus sign copied from a formula too.
  REQUIRE(SubmitPrediction(&session, "0.5933", 4, 0.0).ok());
  CHECK(session.predict.last.right);
  CHECK(session.position == 1);  // the station is revealed
  CHECK(ForwardReached(session, 0, 0));
  CHECK_FALSE(CurrentQuestion(session));
  CHECK(session.predict.step_score.right == 1);
  CHECK(session.predict.step_score.asked == 2);
  // Back and forward again: a revealed station stays revealed.
  StepPrevious(&session, Granularity::kNeuron, 0.0);
  CHECK(session.position == 0);
  StepNext(&session, Granularity::kNeuron, 0.0);
  CHECK(session.position == 1);
  CHECK_FALSE(CurrentQuestion(session));
  // Revealing counts as asked, not right.
  StepNext(&session, Granularity::kNeuron, 0.0);
  REQUIRE(RevealPrediction(&session, 4, 0.0).ok());
  CHECK(session.predict.last.revealed);
  CHECK(session.predict.step_score.asked == 3);
  CHECK(session.predict.step_score.right == 1);
}

TEST_CASE("a whole-step move in predict mode asks every question of the step, then the next step starts fresh") {
  StepSession session = MazurSession();
  SetPredictMode(&session, true);
  StepNext(&session, Granularity::kStep, 0.0);
  int answered = 0;
  while (std::optional<PredictItem> item = CurrentQuestion(session)) {
    const PredictionQuestion q = AskItem(session, *item, 9);
    REQUIRE(SubmitPrediction(&session, ExactNum(q.expected), 9, 0.0).ok());
    REQUIRE(session.predict.last.right);
    ++answered;
    REQUIRE(answered <= 43);
  }
  CHECK(answered == 43);
  CHECK(session.position == static_cast<int>(session.stations.size()) - 1);  // done: where the move went
  CHECK(session.predict.step_score.right == 43);
  // The next step: nothing revealed, the step's score starts again, the session's is kept.
  StepNext(&session, Granularity::kNeuron, 0.0);
  CHECK(session.steps_taken == 1);
  CHECK(session.position == 0);  // its start asks nothing
  CHECK_FALSE(CurrentQuestion(session));
  StepNext(&session, Granularity::kNeuron, 0.0);
  CHECK(session.position == 0);
  REQUIRE(CurrentQuestion(session));
  CHECK(session.predict.step_score.asked == 0);
  CHECK(session.predict.session_score.asked == 43);
  // Back into the step already predicted: everything shows, nothing is asked.
  StepPrevious(&session, Granularity::kNeuron, 0.0);
  CHECK(session.steps_taken == 0);
  JumpToPhase(&session, Phase::kUpdate, 0.0);
  CHECK(CurrentStation(session).phase == Phase::kUpdate);
  CHECK_FALSE(CurrentQuestion(session));
}

TEST_CASE("a number worked from the shown (rounded) numbers is right, even where rounding moves the last digit") {
  // A neuron whose z cancels: 0.12344·1 + (−0.12341)·1 + 0 = 0.00003, shown with 4 digits the
  // weights are 0.1234 and −0.1234, which give 0 — off by 3e-5, far more than one unit (1e-8).
  Mlp mlp;
  Layer layer;
  layer.W = Eigen::MatrixXd(1, 2);
  layer.W << 0.12344, -0.12341;
  layer.b = Eigen::VectorXd::Zero(1);
  layer.activation = Activation::kIdentity;
  mlp.layers.push_back(layer);
  mlp.loss = Loss::kHalfSquaredError;
  StepSession session;
  REQUIRE(StartSession(&session, mlp, Eigen::Vector2d(1.0, 1.0), Eigen::VectorXd::Zero(1), test::MazurConfig()).ok());
  const PredictionQuestion q = AskItem(session, PredictItem{PredictQuantity::kZ, 0, 0, 0}, 4);
  CHECK(q.expected == doctest::Approx(3e-5));
  CHECK(q.from_shown == 0.0);
  CHECK(CheckPrediction(0.0, q, 4).right);
  CHECK(CheckPrediction(0.00003, q, 4).right);
  CHECK_FALSE(CheckPrediction(0.0001, q, 4).right);
}

}  // namespace
}  // namespace bp
