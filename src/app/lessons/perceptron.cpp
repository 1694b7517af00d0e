// Lesson "The perceptron": one threshold unit learns to split two clusters, one sample at a time.
// The learner steps the rule, runs epochs, adds points by clicking, and watches mistakes per epoch
// fall to zero. Every update is the core's PerceptronStep (through PerceptronRun).
#include "app/lesson_registry.h"
#include "app/perceptron_view.h"
#include "app/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr int kPoints = 20;
constexpr uint64_t kSeed = 3;
}  // namespace

void ResetPerceptronLesson(PerceptronState* lesson) {
  DatasetOptions options;
  options.kind = DatasetKind::kTwoClusters;
  options.count = kPoints;
  options.seed = kSeed;
  Result<Dataset> data = MakeDataset(options);
  if (data.ok()) lesson->run.data = data.value();
  lesson->run.use_features = false;
  ResetPerceptronRun(&lesson->run);
  lesson->ready = true;
}

void PerceptronEnter(AppState& state) {
  if (!state.perceptron_lesson.ready) ResetPerceptronLesson(&state.perceptron_lesson);
}

// Once per frame before drawing: apply pending changes and advance training (bounded).
void PerceptronUpdate(AppState& state) {
  PerceptronRun& run = state.perceptron_lesson.run;
  AdvancePerceptronRun(&run);
}

void PerceptronCanvas(AppState& state) {
  PerceptronRun& run = state.perceptron_lesson.run;
  DrawPerceptronCanvas(state, run, PerceptronViewOptions{});
}

void PerceptronPanel(AppState& state) {
  PerceptronRun& run = state.perceptron_lesson.run;
  WrappedText(
      "The perceptron is the oldest artificial neuron. It multiplies each input by its own weight, adds the "
      "products and a bias, and answers 1 when the sum is above zero, otherwise 0. On the plane, the points where "
      "the sum is exactly zero form a straight line: one side says 1, the other says 0. It learns from one sample "
      "at a time: when its answer ŷ is right nothing happens, and when it is wrong the weights move by "
      "η(y − ŷ)x, towards the sample or away from it. When a straight line can separate the two classes, the rule "
      "is guaranteed to find one after a finite number of mistakes.");
  ImGui::Spacing();
  WrappedText("Try this: press “Step one sample” a few times and watch the ring, then click a point of the other "
              "class deep inside a cluster. Can the perceptron still get every point right?");
  ImGui::Separator();
  DrawPerceptronControls(state, run, true);
  if (ImGui::Button("New data")) ResetPerceptronLesson(&state.perceptron_lesson);
  ImGui::Separator();
  DrawPerceptronStepNumbers(state, run);
}

}  // namespace bp
