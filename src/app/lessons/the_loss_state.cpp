// The numbers of the lesson "The loss" (see the_loss_state.h): every value the screen and the JS API
// show, from src/core calls on the learner's settings, and the typed fields with their ranges.
#include "app/lessons/the_loss_state.h"

#include <algorithm>
#include <array>

#include <cmath>

#include "app/session/app_state.h"
#include "app/session/format.h"
#include "app/session/step_edit.h"
#include "core/activation.h"
#include "core/loss.h"

namespace bp {

namespace {
constexpr double kMinP = 1e-6;  // p stays inside (0, 1): at 0 or 1 one of the logs is −∞
constexpr double kMaxP = 1.0 - 1e-6;
constexpr double kLogitLimit = 10000.0;  // typed logits up to ±10⁴, far enough to overflow exp()

Eigen::VectorXd One(double v) { return Eigen::VectorXd::Constant(1, v); }
}  // namespace

double* TheLossField(TheLossState& lesson, const std::string& field, double* min, double* max) {
  *min = 0.0;
  *max = 1.0;
  if (field == "a") return &lesson.se_a;
  if (field == "t") return &lesson.se_t;
  if (field == "p") {
    *min = kMinP;
    *max = kMaxP;
    return &lesson.bce_p;
  }
  *min = -kLogitLimit;
  *max = kLogitLimit;
  if (field == "z") return &lesson.stability_z;
  for (int k = 0; k < 3; ++k) {
    if (field == "z" + std::to_string(k + 1)) return &lesson.logits[k];
  }
  return nullptr;
}

bool SetTheLossField(AppState& state, const std::string& field, const std::string& text) {
  double min = 0.0, max = 0.0;
  double* value = TheLossField(state.lesson_states.Get<TheLossState>(), field, &min, &max);
  if (!value) {
    state.field_error = "there is no field '" + Printable(field) + "' in this lesson";
    return false;
  }
  CommitTypedNumber(state, field, text, value, min, max);
  return state.field_error.empty();
}

TheLossNumbers ComputeTheLoss(const TheLossState& lesson) {
  TheLossNumbers n;
  // The core computes cross-entropy from a logit; the learner sets p, so we pass the logit whose σ is p.
  n.bce_logit = std::log(lesson.bce_p) - std::log1p(-lesson.bce_p);
  n.bce_loss = BinaryCrossEntropyFromLogit(n.bce_logit, lesson.bce_t);
  n.bce_slope = LossGradientWrtOutput(Loss::kBinaryCrossEntropy, One(lesson.bce_p), One(lesson.bce_t))(0);
  // The probability the network gives to the label t it should predict (the lecture's p^t (1 − p)^(1 − t)).
  n.bce_likelihood = std::pow(lesson.bce_p, lesson.bce_t) * std::pow(1.0 - lesson.bce_p, 1 - lesson.bce_t);

  // Half squared error reads only a and t; a stands in for the unused z.
  n.se_loss = SampleLoss(Loss::kHalfSquaredError, One(lesson.se_a), One(lesson.se_a), One(lesson.se_t));
  n.se_slope = LossGradientWrtOutput(Loss::kHalfSquaredError, One(lesson.se_a), One(lesson.se_t))(0);

  const Eigen::VectorXd z = Eigen::Map<const Eigen::VectorXd>(lesson.logits.data(), 3);
  Eigen::VectorXd t = Eigen::VectorXd::Zero(3);
  t(lesson.true_class) = 1.0;
  const Eigen::VectorXd p = Softmax(z);
  const Eigen::VectorXd naive = NaiveSoftmax(z);
  Eigen::MatrixXd delta;  // (3, 1): dL/dz for a batch of one sample
  OutputDelta(Loss::kSoftmaxCrossEntropy, p, t, Eigen::MatrixXd(), &delta);
  for (int k = 0; k < 3; ++k) {
    n.softmax_p[k] = p(k);
    n.naive_softmax_p[k] = naive(k);
    n.softmax_gradient[k] = delta(k, 0);
  }
  n.softmax_sum = p.sum();
  n.naive_softmax_sum = naive.sum();
  n.softmax_loss = SampleLoss(Loss::kSoftmaxCrossEntropy, z, p, t);

  n.stability_p = Activate(Activation::kSigmoid, lesson.stability_z);
  n.stability_naive_loss = NaiveBinaryCrossEntropy(lesson.stability_z, lesson.bce_t);
  n.stability_stable_loss = BinaryCrossEntropyFromLogit(lesson.stability_z, lesson.bce_t);
  return n;
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {
const char* const kLossSectionNames[kLossSectionCount] = {"bce", "squared", "softmax", "stability"};

Json Array3(const std::array<double, 3>& values) {
  return Json::array({NumberOrNull(values[0]), NumberOrNull(values[1]), NumberOrNull(values[2])});
}

}  // namespace

Json LossLessonJson(const AppState& state) {
  const TheLossState& s = state.lesson_states.Get<TheLossState>();
  TheLossNumbers n = ComputeTheLoss(s);
  return Json{
      {"section", kLossSectionNames[static_cast<int>(s.section)]},
      {"bce",
       {{"p", s.bce_p},
        {"t", s.bce_t},
        {"logit", NumberOrNull(n.bce_logit)},
        {"loss", NumberOrNull(n.bce_loss)},
        {"slope", NumberOrNull(n.bce_slope)},
        {"likelihood", NumberOrNull(n.bce_likelihood)}}},
      {"squared",
       {{"a", s.se_a}, {"t", s.se_t}, {"loss", NumberOrNull(n.se_loss)}, {"slope", NumberOrNull(n.se_slope)}}},
      {"softmax",
       {{"logits", Array3(s.logits)},
        {"trueClass", s.true_class},
        {"p", Array3(n.softmax_p)},
        {"naiveP", Array3(n.naive_softmax_p)},
        {"gradient", Array3(n.softmax_gradient)},
        {"sum", NumberOrNull(n.softmax_sum)},
        {"naiveSum", NumberOrNull(n.naive_softmax_sum)},
        {"loss", NumberOrNull(n.softmax_loss)},
        // JSON has no NaN: say in words whether the textbook formula broke down.
        {"naiveFinite", std::isfinite(n.naive_softmax_sum)}}},
      {"stability",
       {{"z", s.stability_z},
        {"p", NumberOrNull(n.stability_p)},
        {"naiveLoss", NumberOrNull(n.stability_naive_loss)},
        {"naiveFinite", std::isfinite(n.stability_naive_loss)},
        {"stableLoss", NumberOrNull(n.stability_stable_loss)}}},
      {"fieldError", state.field_error},
  };
}

std::string LossCommand(AppState& state, const std::string& command, const Json& request) {
  if (command == "typeValue") {
    std::string error = TypeValue(state, request, SetTheLossField);
    if (!error.empty()) return error;
  } else if (command == "setLossSection") {
    std::string name =
        request.contains("section") && request["section"].is_string() ? request["section"].get<std::string>() : "";
    const char* const* found = std::find_if(std::begin(kLossSectionNames), std::end(kLossSectionNames),
                                            [&](const char* candidate) { return name == candidate; });
    if (found == std::end(kLossSectionNames))
      return ErrorAnswer("section must be one of bce, squared, softmax, stability");
    state.lesson_states.Get<TheLossState>().section = static_cast<LossSection>(found - std::begin(kLossSectionNames));
  } else if (command == "setTrueClass") {
    if (!request.contains("trueClass") || !request["trueClass"].is_number_integer() ||
        request["trueClass"].get<long long>() < 0 || request["trueClass"].get<long long>() > 2) {
      return ErrorAnswer("trueClass must be 0, 1 or 2");
    }
    state.lesson_states.Get<TheLossState>().true_class = request["trueClass"].get<int>();
  } else {
    return "";
  }
  return LessonStateAnswer(LossLessonJson(state));
}

}  // namespace bp
