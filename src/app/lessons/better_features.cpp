// Lesson "Two ways out: features": path 1 of the lecture. The same perceptron, fed the feature
// x1·x2 (core ApplyFeatures) next to x1, separates XOR (class 1 where the inputs' signs differ, as
// in the XOR lesson): a straight line in feature space, a curved boundary back in the input plane.
// Path 2, more layers, is the next lesson. Its words: content/en/features.md.
#include <algorithm>

#include "app/lessons/better_features_state.h"
#include "app/session/app_state.h"
#include "app/session/perceptron_run_json.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/perceptron_view.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr int kPoints = 40;
constexpr uint64_t kSeed = 5;
constexpr int kBoundaryResolution = 64;

void UpdateViews(BetterFeaturesState& lesson) {
  lesson.feature_view.X = lesson.run.inputs;
  lesson.feature_view.labels = lesson.run.data.labels;
  ComputePerceptronBoundaryGrid(lesson.run.perceptron, &lesson.run.features, PlaneRange{}, kBoundaryResolution,
                                &lesson.boundary);
}
}  // namespace

void ResetBetterFeaturesLesson(BetterFeaturesState* lesson) {
  DatasetOptions options;
  options.kind = DatasetKind::kXorQuadrants;
  options.count = kPoints;
  options.seed = kSeed;
  Result<Dataset> data = MakeDataset(options);
  if (data.ok()) {
    lesson->run.data = data.value();
    // The core's quadrants put class 1 where x1 and x2 share a sign (XNOR). The XOR lesson's class 1
    // is "the inputs differ", (0,1) and (1,0), so flip: class 1 where x1 x2 < 0, in both lessons.
    for (int& label : lesson->run.data.labels) label = 1 - label;
    SetTargetEncoding(&lesson->run.data, lesson->run.data.encoding);
  }
  lesson->run.use_features = true;
  lesson->run.features = FeatureSet{};
  lesson->run.features.Set(Feature::kX2, !lesson->with_product);
  lesson->run.features.Set(Feature::kX1X2, lesson->with_product);
  ResetPerceptronRun(&lesson->run);
  UpdateViews(*lesson);
  lesson->ready = true;
}

void BetterFeaturesEnter(AppState& state) {
  if (!state.lesson_states.Get<BetterFeaturesState>().ready)
    ResetBetterFeaturesLesson(&state.lesson_states.Get<BetterFeaturesState>());
}

// Once per frame before drawing: apply pending changes and advance training (bounded).
void BetterFeaturesUpdate(AppState& state) {
  BetterFeaturesState& lesson = state.lesson_states.Get<BetterFeaturesState>();
  AdvancePerceptronRun(&lesson.run);
  UpdateViews(lesson);
}

void BetterFeaturesCanvas(AppState& state) {
  BetterFeaturesState& lesson = state.lesson_states.Get<BetterFeaturesState>();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float chart = std::max(avail.y * 0.3f, ImGui::GetFontSize() * 8.0f);
  const float planes = avail.y - chart - ImGui::GetStyle().ItemSpacing.y;
  const float half = (avail.x - gap) * 0.5f;

  // Left: the input plane with the unit's decision as an image (curved when x1·x2 is on).
  PerceptronViewOptions input_view;
  input_view.draw_line = false;
  input_view.boundary = &lesson.boundary;
  input_view.allow_adding = false;
  ImGui::BeginGroup();
  ImGui::TextUnformatted("Input plane (x₁, x₂)");
  DrawPerceptronPlane(state, lesson.run, input_view, ImVec2(half, planes - ImGui::GetTextLineHeightWithSpacing()));
  ImGui::EndGroup();
  ImGui::SameLine(0.0f, gap);

  // Right: what the perceptron sees, where its boundary is the straight line w·φ + b = 0.
  ImGui::BeginGroup();
  ImGui::TextUnformatted(lesson.with_product ? "Feature space (x₁, x₁x₂)" : "Feature space (x₁, x₂): the raw inputs");
  DataPlaneSpec spec;
  spec.x_label = "x₁";
  spec.y_label = lesson.with_product ? "x₁x₂" : "x₂";
  spec.dark = state.dark_theme;
  spec.precision = state.precision;
  SetDataPoints(&spec, lesson.feature_view);
  spec.highlighted = lesson.run.has_last_step ? lesson.run.last_step.index : -1;
  PlaneLine line;
  line.w1 = lesson.run.perceptron.w(0);
  line.w2 = lesson.run.perceptron.w(1);
  line.b = lesson.run.perceptron.b;
  line.label = "w·φ + b = 0";
  spec.line = &line;
  DrawDataPlane("##feature_plane", spec, ImVec2(half, planes - ImGui::GetTextLineHeightWithSpacing()));
  ImGui::EndGroup();

  DrawMistakesChart(state, lesson.run, ImVec2(avail.x, chart));
}

void BetterFeaturesPanel(AppState& state) {
  BetterFeaturesState& lesson = state.lesson_states.Get<BetterFeaturesState>();
  Say(state, "features#intro");
  Say(state, "features#try");
  ImGui::Separator();
  if (ImGui::Checkbox("feed x₁x₂ instead of x₂", &lesson.with_product)) ResetBetterFeaturesLesson(&lesson);
  DrawPerceptronControls(state, lesson.run, false);
  ImGui::Separator();
  DrawPerceptronStepNumbers(state, lesson.run);
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json FeaturesLessonJson(const AppState& state) {
  const BetterFeaturesState& lesson = state.lesson_states.Get<BetterFeaturesState>();
  Json json = PerceptronRunJson(lesson.run);
  json["product"] = lesson.with_product;
  return json;
}

// The shared perceptron commands (perceptron_run_json.h) and {cmd:"setFeatures", product:bool}.
std::string FeaturesLessonCommand(AppState& state, const std::string& command, const Json& request) {
  BetterFeaturesState& lesson = state.lesson_states.Get<BetterFeaturesState>();
  if (!lesson.ready) ResetBetterFeaturesLesson(&lesson);
  if (command != "setFeatures") {
    return PerceptronRunAnswer(&lesson.run, command, request, [&] { return FeaturesLessonJson(state); });
  }
  if (!request.contains("product") || !request["product"].is_boolean())
    return ErrorAnswer("product must be true or false");
  lesson.with_product = request["product"].get<bool>();
  ResetBetterFeaturesLesson(&lesson);
  return LessonStateAnswer(FeaturesLessonJson(state));
}

}  // namespace

LessonInfo BetterFeaturesLesson() {
  return {"features",           "Two ways out: features", BetterFeaturesEnter, BetterFeaturesUpdate,
          BetterFeaturesCanvas, BetterFeaturesPanel,      FeaturesLessonJson,  FeaturesLessonCommand};
}

}  // namespace bp
