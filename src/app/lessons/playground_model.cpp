// The playground's model without drawing (see playground_state.h): settings applied in one place,
// the stepper opened on a training point, the network shown.
#include <algorithm>
#include <utility>

#include "app/lessons/playground_state.h"
#include "app/session/step_edit.h"

namespace bp {

void ApplyPlaygroundSettings(PlaygroundState& s) {
  if (s.rebuild) {
    s.rebuild = false;
    Result<Playground> made = MakePlayground(s.settings);
    if (!made.ok()) {
      s.error = made.error();
      if (s.built) s.settings = s.model.config;
      return;
    }
    s.model = std::move(made.value());
    s.built = true;
    return;
  }
  if (!s.built || ClassifyChange(s.model.config, s.settings) == ChangeKind::kNone) return;
  ChangeKind change = ChangeKind::kNone;
  Status status = ApplyPlaygroundConfig(&s.model, s.settings, &change);
  if (!status.ok()) {
    s.error = status.error;
    s.settings = s.model.config;
    return;
  }
  s.error.clear();
  switch (change) {
    case ChangeKind::kData: s.notice = "New data, so a new network: training starts again from epoch 0."; break;
    case ChangeKind::kNetwork:
      s.notice = "The network changed, so its weights were drawn again: training starts again from epoch 0.";
      break;
    case ChangeKind::kTraining: s.notice = "The network is kept: only how it trains changed."; break;
    case ChangeKind::kNone: break;
  }
}

Status SetPlaygroundData(PlaygroundState& s, std::shared_ptr<const OwnPoints> points) {
  PlaygroundConfig next = s.settings;
  Status set = SetPlaygroundOwnData(&next, std::move(points));
  if (!set) return set;
  Result<Playground> made = MakePlayground(next);
  if (!made) return Status::Error(made.error());
  s.model = std::move(made.value());
  s.settings = next;
  s.built = true;
  s.rebuild = false;
  s.running = false;
  s.stepping = false;
  s.error.clear();
  const Playground& m = s.model;
  const std::string what =
      m.data.regression() ? std::string("regression") : std::to_string(m.data.num_classes) + " classes";
  s.notice = "Your data: " + std::to_string(m.data.size()) + " points (" + what + "), " +
             std::to_string(m.train.size()) + " for training and " + std::to_string(m.test.size()) +
             " for testing. A new network trains from epoch 0.";
  return Status::Ok();
}

void StartPlaygroundStepper(AppState& state, int point) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  const Playground& m = s.model;
  if (m.train.size() == 0 || m.diverged) return;
  point = std::clamp(point, 0, m.train.size() - 1);
  s.step_point = point;
  StartStepLesson(state, m.mlp, m.train_inputs.col(point), m.train.T.col(point), m.config.optimizer,
                  Notation::kLayered);
  AddSample(state, m.train_inputs.col(point), m.train.T.col(point));
  for (int n = 0; n < m.train.size() && n < kStepperSamples; ++n) {
    if (n != point) AddSample(state, m.train_inputs.col(n), m.train.T.col(n));
  }
  s.running = false;
  s.stepping = true;
}

const Mlp& ShownNetwork(const Playground& m) { return m.diverged ? m.last_finite : m.mlp; }

PlaneOutput OutputAt(const Playground& m, const Eigen::VectorXd& x) {
  PlaneOutput out;
  const Eigen::MatrixXd inputs = PlaygroundInputs(m, Eigen::MatrixXd(x));
  ForwardPass pass;
  const Mlp& mlp = ShownNetwork(m);
  Forward(mlp, inputs, &pass);
  out.inputs = inputs.col(0);
  out.output = pass.output().col(0);
  if (!m.data.regression()) {
    // The class as the metrics count it: the training targets' decision rule.
    const DecisionRule rule = DetectDecisionRule(m.train.T, mlp.layers.back().activation);
    if (rule.kind != TargetKind::kRegression) out.given = ClassOf(rule, pass.output(), 0);
  }
  return out;
}

}  // namespace bp
