// Predict, then reveal (#16, the logic): the checking rule, and each typical mistake's value on the
// published worked example (M. Mazur's numbers, worked by hand in the comments), so a wrong answer
// of that kind is named; every mistake's sentence is a part of content/en/predict.md.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <cmath>

#include "app/session/content.h"
#include "app/session/predict.h"
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
