// Lesson: forward propagation — multiply by the weights, sum, add the bias, apply the activation,
// and repeat layer by layer, on a 2-3-1 network and one sample.
#include "app/session/app_state.h"
#include "app/stepper/step_screen.h"
#include "app/widgets/fonts.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr uint64_t kWeightSeed = 7;

void Start(AppState& state) {
  Mlp mlp = SeededNetwork({2, 3, 1}, {Activation::kTanh, Activation::kSigmoid}, Loss::kBinaryCrossEntropy, kWeightSeed);
  OptimizerConfig config;
  config.learning_rate = 0.5;
  StartStepLesson(state, mlp, Eigen::Vector2d(1.0, 0.5), Eigen::VectorXd::Constant(1, 1.0), config, Notation::kLayered);
  // A few samples to choose from (the first is the one stepped).
  AddSample(state, Eigen::Vector2d(1.0, 0.5), Eigen::VectorXd::Constant(1, 1.0));
  AddSample(state, Eigen::Vector2d(-1.0, 0.5), Eigen::VectorXd::Constant(1, 0.0));
  AddSample(state, Eigen::Vector2d(0.2, -0.8), Eigen::VectorXd::Constant(1, 1.0));
  AddSample(state, Eigen::Vector2d(-0.6, -0.4), Eigen::VectorXd::Constant(1, 0.0));
  state.granularity = Granularity::kNeuron;
}
}  // namespace

void ForwardPropagationEnter(AppState& state) { Start(state); }

void ForwardPropagationCanvas(AppState& state) { DrawStepCanvas(state); }

void ForwardPropagationPanel(AppState& state) {
  static const StepLessonPanel kPanel = {"forward#intro", "New random weights", Start, true, "forward#try"};
  DrawStepLessonPanel(state, kPanel);
}

LessonInfo ForwardPropagationLesson() {
  return {"forward",
          "Forward propagation",
          ForwardPropagationEnter,
          nullptr,
          ForwardPropagationCanvas,
          ForwardPropagationPanel,
          nullptr,
          nullptr};
}

}  // namespace bp
