// Lesson "XOR breaks the perceptron": the same rule on the four XOR corners never stops making
// mistakes, because no straight line puts (0,1) and (1,0) on one side and (0,0), (1,1) on the other.
#include <algorithm>
#include <string>

#include "app/lessons/xor_problem_state.h"
#include "app/session/app_state.h"
#include "app/session/perceptron_run_json.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/perceptron_view.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr int kEpochsButton = 100;
}  // namespace

void ResetXorProblemLesson(XorProblemState* lesson) {
  DatasetOptions options;
  options.kind = DatasetKind::kXorCorners;
  options.count = 4;
  Result<Dataset> data = MakeDataset(options);
  if (data.ok()) lesson->run.data = data.value();
  lesson->run.use_features = false;
  ResetPerceptronRun(&lesson->run);
  lesson->ready = true;
}

void XorProblemEnter(AppState& state) {
  if (!state.lesson_states.Get<XorProblemState>().ready)
    ResetXorProblemLesson(&state.lesson_states.Get<XorProblemState>());
}

// Once per frame before drawing: apply pending changes and advance training (bounded).
void XorProblemUpdate(AppState& state) {
  PerceptronRun& run = state.lesson_states.Get<XorProblemState>().run;
  AdvancePerceptronRun(&run);
}

void XorProblemCanvas(AppState& state) {
  PerceptronRun& run = state.lesson_states.Get<XorProblemState>().run;
  PerceptronViewOptions options;
  options.range = PlaneRange{-0.5, 1.5, -0.5, 1.5};
  options.allow_adding = false;
  options.marker_radius = 8.0f;
  DrawPerceptronCanvas(state, run, options);
}

void XorProblemPanel(AppState& state) {
  PerceptronRun& run = state.lesson_states.Get<XorProblemState>().run;
  Say(state, "xor#intro");
  Say(state, "xor#try");
  ImGui::Separator();
  DrawPerceptronControls(state, run, false);
  if (ImGui::Button("Run 100 epochs")) {
    run.running = false;
    Status ran = RunPerceptronEpochs(&run, kEpochsButton, false);
    if (!ran) state.banner = ran.error;
  }
  if (run.epochs > 0) {
    Say(state, "xor#fewest", {{"fewest", std::to_string(run.fewest_mistakes)}});
  }
  ImGui::Separator();
  DrawPerceptronStepNumbers(state, run);
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json XorLessonJson(const AppState& state) { return PerceptronRunJson(state.lesson_states.Get<XorProblemState>().run); }

// The shared perceptron commands (perceptron_run_json.h).
std::string XorLessonCommand(AppState& state, const std::string& command, const Json& request) {
  XorProblemState& lesson = state.lesson_states.Get<XorProblemState>();
  if (!lesson.ready) ResetXorProblemLesson(&lesson);
  return PerceptronRunAnswer(&lesson.run, command, request, [&] { return XorLessonJson(state); });
}

}  // namespace

LessonInfo XorProblemLesson() {
  return {"xor",
          "XOR breaks the perceptron",
          XorProblemEnter,
          XorProblemUpdate,
          XorProblemCanvas,
          XorProblemPanel,
          XorLessonJson,
          XorLessonCommand};
}

}  // namespace bp
