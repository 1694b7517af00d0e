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
  static constexpr StepLessonPanel kPanel = {
      "A network computes its answer one neuron at a time. Each neuron multiplies every input by a weight, adds "
      "the products up, adds its bias, and passes the sum z through its activation function h to get its "
      "output a = h(z). The outputs of one layer are the inputs of the next, so the computation flows from left "
      "to right. Press Next (or →) and watch z and a appear, neuron by neuron.",
      "New random weights", Start, true,
      "Try this: make x₁ ten times larger. Which hidden neurons saturate near ±1, and what does "
      "that do to the output?"};
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
