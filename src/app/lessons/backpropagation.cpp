// Lesson: backpropagation — the chain rule as an algorithm: δ of the output, then layer by layer
// backwards, each gradient a product of factors, then the update w ← w − η ∂L/∂w.
#include "app/session/app_state.h"
#include "app/stepper/step_screen.h"
#include "app/widgets/fonts.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr uint64_t kWeightSeed = 11;

void Start(AppState& state) {
  Mlp mlp =
      SeededNetwork({2, 3, 2}, {Activation::kSigmoid, Activation::kSigmoid}, Loss::kHalfSquaredError, kWeightSeed);
  OptimizerConfig config;
  config.learning_rate = 0.5;
  StartStepLesson(state, mlp, Eigen::Vector2d(0.3, 0.9), Eigen::Vector2d(1.0, 0.0), config, Notation::kLayered);
  // A few samples to choose from (the first is the one stepped).
  AddSample(state, Eigen::Vector2d(0.3, 0.9), Eigen::Vector2d(1.0, 0.0));
  AddSample(state, Eigen::Vector2d(0.8, 0.1), Eigen::Vector2d(0.0, 1.0));
  AddSample(state, Eigen::Vector2d(0.5, 0.5), Eigen::Vector2d(1.0, 0.0));
  AddSample(state, Eigen::Vector2d(0.1, 0.2), Eigen::Vector2d(0.0, 1.0));
  // Start where the interesting part begins: the forward pass and the loss are already computed.
  JumpToPhase(&state.step, Phase::kBackward, state.time);
  state.granularity = Granularity::kNeuron;
}
}  // namespace

void BackpropagationEnter(AppState& state) { Start(state); }

void BackpropagationCanvas(AppState& state) { DrawStepCanvas(state); }

void BackpropagationPanel(AppState& state) {
  static const StepLessonPanel kPanel = {"backprop#intro", "New random weights", Start, true, "backprop#try"};
  DrawStepLessonPanel(state, kPanel);
}

LessonInfo BackpropagationLesson() {
  return {"backprop",
          "Backpropagation",
          BackpropagationEnter,
          nullptr,
          BackpropagationCanvas,
          BackpropagationPanel,
          nullptr,
          nullptr};
}

}  // namespace bp
