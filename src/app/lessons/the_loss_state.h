// The settings of the lesson "The loss" (kept in AppState::loss_lesson), and the numbers the lesson
// shows, all computed by src/core from those settings. The screen and the JS API read the same
// TheLossNumbers, so they can never disagree.
#pragma once

#include <array>
#include <string>

#include "app/session/json.h"

namespace bp {

struct AppState;

enum class LossSection { kBinaryCrossEntropy, kSquaredError, kSoftmax, kStability };
constexpr int kLossSectionCount = 4;

struct TheLossState {
  LossSection section = LossSection::kBinaryCrossEntropy;  // the part of the lesson on screen
  // (a) Binary cross-entropy: the predicted probability of class 1 and the true label (0 or 1).
  double bce_p = 0.8;
  int bce_t = 1;
  // (b) Half squared error: the network's output a and the target t.
  double se_a = 0.75;
  double se_t = 1.0;
  bool se_compare = true;  // draw the cross-entropy curve for the same t next to it
  // (c) Softmax + cross-entropy over 3 classes: the logits z_k and the index of the true class.
  std::array<double, 3> logits = {2.0, 1.0, 0.1};
  int true_class = 0;
  // (d) Numerical stability: one logit z fed to the sigmoid, and BCE computed two ways (target bce_t).
  double stability_z = 40.0;
};

struct TheLossNumbers {
  // (a) z = ln(p / (1 − p)), the logit that gives p; L = −[t ln p + (1 − t) ln(1 − p)]; dL/dp; the
  // likelihood p^t (1 − p)^(1 − t) of the observed label, whose −ln is L.
  double bce_logit = 0.0, bce_loss = 0.0, bce_slope = 0.0, bce_likelihood = 0.0;
  // (b) L = ½ (t − a)², dL/da = a − t.
  double se_loss = 0.0, se_slope = 0.0;
  // (c) p_k = softmax(z)_k (stable), the textbook formula's p_k, their sums, L = −ln p_true, dL/dz_k = p_k − t_k.
  std::array<double, 3> softmax_p{}, naive_softmax_p{}, softmax_gradient{};
  double softmax_sum = 0.0, naive_softmax_sum = 0.0, softmax_loss = 0.0;
  // (d) p = σ(z), BCE from p with the textbook formula (breaks) and from the logit (stable).
  double stability_p = 0.0, stability_naive_loss = 0.0, stability_stable_loss = 0.0;
};

TheLossNumbers ComputeTheLoss(const TheLossState& lesson);

// The lesson's typed fields, for the UI and the JS API alike: "p", "a", "t" (the squared error's
// target), "z1", "z2", "z3" (the softmax logits) and "z" (the stability logit). Returns the value
// and its allowed range, or nullptr for an unknown id.
double* TheLossField(TheLossState& lesson, const std::string& field, double* min, double* max);
// Sets a field from typed text; false with state.field_error set when the id or the text is refused.
bool SetTheLossField(AppState& state, const std::string& field, const std::string& text);

// The lesson's part of the JS API: getState().lessonState, and typeValue, setLossSection and
// setTrueClass ("" for other commands).
Json LossLessonJson(const AppState& state);
std::string LossCommand(AppState& state, const std::string& command, const Json& request);

}  // namespace bp
