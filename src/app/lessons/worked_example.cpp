// Lesson: the classic worked example (M. Mazur, "A Step by Step Backpropagation Example"): a 2-2-2
// sigmoid network, one sample, half squared error, η = 0.5, biases kept fixed. Every number of the
// published walk-through appears as the learner steps; every input is editable.
#include "app/session/app_state.h"
#include "app/session/hide_lock.h"
#include "app/session/worked_example_network.h"
#include "app/stepper/step_screen.h"
#include "app/widgets/fonts.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
void StartPublished(AppState& state) {
  OptimizerConfig config;
  config.kind = OptimizerKind::kSgd;
  config.learning_rate = 0.5;
  config.update_biases = false;  // the walk-through keeps b1 and b2 fixed
  WorkedExampleData example = WorkedExample();
  StartStepLesson(state, example.mlp, example.x, example.t, config, Notation::kClassic);
}
}  // namespace

void WorkedExampleEnter(AppState& state) { StartPublished(state); }

void WorkedExampleCanvas(AppState& state) { DrawStepCanvas(state); }

void WorkedExamplePanel(AppState& state) {
  static constexpr StepLessonPanel kPanel = {
      "This is the network of a famous hand-worked example: two inputs, two hidden sigmoid neurons, two sigmoid "
      "outputs, and the squared error E = Σ ½(target − out)². Step through it and compare every number with "
      "your own calculation: net_h1 = 0.3775, out_o1 = 0.75136507, E_total = 0.298371109, and after the "
      "backward pass w5 becomes 0.35891648.",
      "Reset to the published numbers", StartPublished, false,
      "Try this: set every weight to 0.5 and step through again. Do h1 and h2 still learn "
      "different things?"};
  DrawStepLessonPanel(state, kPanel);
}

LessonInfo WorkedExampleLesson() {
  return {"worked-example",
          "The worked example",
          WorkedExampleEnter,
          nullptr,
          WorkedExampleCanvas,
          WorkedExamplePanel,
          nullptr,
          nullptr};
}

}  // namespace bp
