// Lesson: the classic worked example (M. Mazur, "A Step by Step Backpropagation Example"): a 2-2-2
// sigmoid network, one sample, half squared error, η = 0.5, biases kept fixed. Every number of the
// published walk-through appears as the learner steps; every input is editable.
#include "app/session/app_state.h"
#include "app/session/hide_lock.h"
#include "app/session/worked_example_network.h"
#include "app/stepper/step_screen.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
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
  // The published numbers only while they are the ones on screen; another network is described as
  // the learner's own.
  const StepSession& step = state.step;
  WorkedExampleMatch match =
      MatchWorkedExample(step.mlp, step.x, step.t, step.config.learning_rate, step.config.update_biases);
  // After steps, the walk-through's numbers are those of the first one: the network the session
  // started with (kept while step-back reaches it) must be the published one, and nothing edited.
  const bool first_kept = step.steps_taken > 0 && static_cast<int>(step.history.size()) == step.steps_taken;
  if (match == WorkedExampleMatch::kPublishedShape && first_kept && !step.edited &&
      MatchWorkedExample(step.history.front(), step.x, step.t, step.config.learning_rate,
                         step.config.update_biases) == WorkedExampleMatch::kPublished) {
    match = WorkedExampleMatch::kPublished;
  }
  StepLessonPanel kPanel = {"worked-example#published", "Reset to the published numbers", StartPublished, false,
                            "worked-example#try"};
  if (match == WorkedExampleMatch::kPublished && step.steps_taken > 0) {
    kPanel.story_key = "worked-example#stepped";
    kPanel.story_vars = {{"steps", step.steps_taken == 1 ? "1 step" : std::to_string(step.steps_taken) + " steps"}};
  }
  if (match == WorkedExampleMatch::kPublishedShape) kPanel.story_key = "worked-example#changed";
  if (match == WorkedExampleMatch::kOther) {
    kPanel.story_key = "worked-example#own";
    std::string shape, activations, previous;
    for (const Layer& layer : step.mlp.layers) {
      if (shape.empty()) shape = std::to_string(layer.inputs());
      shape += "-" + std::to_string(layer.outputs());
    }
    for (size_t l = 0; l < step.mlp.layers.size(); ++l) {
      const std::string name = ActivationTitle(step.mlp.layers[l].activation);
      const std::string where =
          l + 1 == step.mlp.layers.size() ? "the output layer" : "hidden layer " + std::to_string(l + 1);
      activations += (l == 0 ? "" : ", ") + name + " in " + where;
    }
    kPanel.story_vars = {{"shape", shape}, {"activations", activations}, {"loss", LossTitle(step.mlp.loss)}};
  }
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
