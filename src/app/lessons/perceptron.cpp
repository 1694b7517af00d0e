// Lesson "The perceptron": one threshold unit learns to split two clusters, one sample at a time.
// The learner steps the rule, runs epochs, adds points by clicking, and watches mistakes per epoch
// fall to zero. Every update is the core's PerceptronStep (through PerceptronRun).
#include "app/lessons/perceptron_state.h"
#include "app/session/app_state.h"
#include "app/session/perceptron_run_json.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/perceptron_view.h"
#include "app/widgets/widgets.h"
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
  if (!state.lesson_states.Get<PerceptronState>().ready)
    ResetPerceptronLesson(&state.lesson_states.Get<PerceptronState>());
}

// Once per frame before drawing: apply pending changes and advance training (bounded).
void PerceptronUpdate(AppState& state) {
  PerceptronRun& run = state.lesson_states.Get<PerceptronState>().run;
  AdvancePerceptronRun(&run);
}

void PerceptronCanvas(AppState& state) {
  PerceptronRun& run = state.lesson_states.Get<PerceptronState>().run;
  DrawPerceptronCanvas(state, run, PerceptronViewOptions{});
}

void PerceptronPanel(AppState& state) {
  PerceptronRun& run = state.lesson_states.Get<PerceptronState>().run;
  Say(state, "perceptron#intro");
  Say(state, "perceptron#try");
  ImGui::Separator();
  DrawPerceptronControls(state, run, true);
  if (ImGui::Button("New data")) ResetPerceptronLesson(&state.lesson_states.Get<PerceptronState>());
  ImGui::Separator();
  DrawPerceptronStepNumbers(state, run);
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json PerceptronLessonJson(const AppState& state) {
  return PerceptronRunJson(state.lesson_states.Get<PerceptronState>().run);
}

// The shared perceptron commands (perceptron_run_json.h) and {cmd:"addPoint", x1, x2, label}.
std::string PerceptronLessonCommand(AppState& state, const std::string& command, const Json& request) {
  PerceptronState& lesson = state.lesson_states.Get<PerceptronState>();
  if (!lesson.ready) ResetPerceptronLesson(&lesson);
  if (command != "addPoint") {
    return PerceptronRunAnswer(&lesson.run, command, request, [&] { return PerceptronLessonJson(state); });
  }
  for (const char* name : {"x1", "x2"}) {
    if (!request.contains(name) || !request[name].is_number() || !std::isfinite(request[name].get<double>()) ||
        std::fabs(request[name].get<double>()) > 10.0) {
      return ErrorAnswer(std::string(name) + " must be a number from −10 to 10");
    }
  }
  if (!request.contains("label") || !request["label"].is_number_integer() ||
      (request["label"].get<int>() != 0 && request["label"].get<int>() != 1)) {
    return ErrorAnswer("label must be 0 or 1");
  }
  Status added = AddPerceptronPoint(&lesson.run, request["x1"].get<double>(), request["x2"].get<double>(),
                                    request["label"].get<int>());
  if (!added) return ErrorAnswer(added.error);
  return LessonStateAnswer(PerceptronLessonJson(state));
}

}  // namespace

LessonInfo PerceptronLesson() {
  return {"perceptron",     "The perceptron", PerceptronEnter,      PerceptronUpdate,
          PerceptronCanvas, PerceptronPanel,  PerceptronLessonJson, PerceptronLessonCommand};
}

}  // namespace bp
