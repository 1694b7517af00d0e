// The loss-surface lesson's part of the JS API: its key numbers in getState().lessonState (every
// setting, each path's first points, end, distance to the minimum and divergence) and its commands,
// setSurface and randomStart (docs/embedding.md).
#include <algorithm>
#include <cmath>
#include <string>

#include "app/lessons/loss_surface_state.h"
#include "app/session/app_state.h"
#include "app/session/format.h"
#include "app/session/json.h"

namespace bp {

namespace {
Json PointJson(const Eigen::Vector2d& w) { return Json::array({NumberOrNull(w(0)), NumberOrNull(w(1))}); }

Json PathJson(const SurfaceLessonState& s, int k) {
  const SurfacePath& path = s.paths[k];
  Json points = Json::array();
  for (size_t n = 0; n < path.points.size() && n < 4; ++n) points.push_back(PointJson(path.points[n].w));
  Json json = {{"shown", s.show[k]},
               {"error", s.errors[k]},
               {"steps", path.points.empty() ? 0 : static_cast<int>(path.points.size()) - 1},
               {"first", points},
               {"diverged", path.diverged},
               {"divergedStep", path.diverged_step},
               {"divergence", path.divergence}};
  if (!path.points.empty()) {
    const SurfacePathPoint& end = path.points.back();
    json["w"] = PointJson(end.w);
    json["loss"] = NumberOrNull(end.loss);
    json["objective"] = NumberOrNull(end.objective);
    json["distance"] = NumberOrNull((end.w - SurfaceMinimum(s.problem)).norm());
    json["grew"] = end.objective > path.points.front().objective;
  }
  return json;
}

Json LessonJson(const SurfaceLessonState& s) {
  const SurfacePoints data = SurfaceData(s.problem);
  Json paths;
  Json show = Json::object();
  for (int k = 0; k < kRunners; ++k) {
    paths[kRunnerNames[k]] = PathJson(s, k);
    show[kRunnerNames[k]] = s.show[k];
  }
  // The settings, as setSurface takes them: what a link carries (set=), and at the top of the state.
  const Json settings = {{"problem", SurfaceProblemName(s.problem)},
                         {"lr", s.optimizer.learning_rate},
                         {"momentum", s.optimizer.momentum},
                         {"beta1", s.optimizer.beta1},
                         {"beta2", s.optimizer.beta2},
                         {"epsilon", s.optimizer.epsilon},
                         {"l1", s.optimizer.l1},
                         {"l2", s.optimizer.l2},
                         {"batch", static_cast<int>(s.batch)},
                         {"steps", static_cast<int>(s.steps)},
                         {"init", InitSchemeName(s.init)},
                         {"start", PointJson(s.start)},
                         {"show", show}};
  Json json = {{"bowl", s.problem == SurfaceProblem::kBowl},
               {"minimum", PointJson(SurfaceMinimum(s.problem))},
               {"startObjective", NumberOrNull(SurfaceObjective(s.problem, s.start, s.optimizer))},
               {"startGradient", PointJson(SurfaceGradient(s.problem, s.start, s.optimizer))},
               {"X", ToJson(data.X)},
               {"T", ToJson(data.T)},
               {"paths", paths},
               {"linkSettings", settings}};
  for (auto it = settings.begin(); it != settings.end(); ++it) {
    if (it.key() != "show") json[it.key()] = it.value();  // each path's "shown" says it already
  }
  // Each path's key numbers at the top too, for the questions' conditions and placeholders
  // (gdDiverged, adamDistance, ...).
  for (int k = 0; k < kRunners; ++k) {
    const std::string name = kRunnerNames[k];
    const Json& path = paths[name];
    json[name + "Diverged"] = path["diverged"];
    json[name + "DivergedStep"] = path["divergedStep"];
    json[name + "Objective"] = path.contains("objective") ? path["objective"] : Json();
    json[name + "Distance"] = path.contains("distance") ? path["distance"] : Json();
  }
  return json;
}

Json LossSurfaceStateJson(const AppState& state) { return LessonJson(state.lesson_states.Get<SurfaceLessonState>()); }

// A number field of setSurface: absent leaves it; otherwise a finite number in [min, max].
bool ReadSetting(const Json& request, const char* key, double min, double max, double* out, std::string* error) {
  if (!request.contains(key)) return true;
  const Json& v = request[key];
  if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < min || v.get<double>() > max) {
    *error = std::string(key) + " must be a number from " + ExactNum(min) + " to " + ExactNum(max);
    return false;
  }
  *out = v.get<double>();
  return true;
}

std::string LossSurfaceCommand(AppState& state, const std::string& command, const Json& request) {
  SurfaceLessonState& s = state.lesson_states.Get<SurfaceLessonState>();
  if (command == "randomStart") {
    RandomSurfaceStart(s);
  } else if (command == "setSurface") {
    SurfaceLessonState next = s;
    std::string error;
    if (request.contains("problem")) {
      const Result<SurfaceProblem> problem = request["problem"].is_string()
                                                 ? ParseSurfaceProblem(request["problem"].get<std::string>())
                                                 : Result<SurfaceProblem>::Error("");
      if (!problem.ok()) return ErrorAnswer("problem must be bowl or plateau");
      if (problem.value() != next.problem) next.start = SurfaceDefaultStart(problem.value());
      next.problem = problem.value();
    }
    OptimizerConfig& o = next.optimizer;
    if (!ReadSetting(request, "lr", kMinLearningRate, kMaxLearningRate, &o.learning_rate, &error) ||
        !ReadSetting(request, "momentum", 0.0, 0.999, &o.momentum, &error) ||
        !ReadSetting(request, "beta1", 0.0, 0.999, &o.beta1, &error) ||
        !ReadSetting(request, "beta2", 0.0, 0.9999, &o.beta2, &error) ||
        !ReadSetting(request, "epsilon", 1e-12, 1.0, &o.epsilon, &error) ||
        !ReadSetting(request, "l1", 0.0, 10.0, &o.l1, &error) ||
        !ReadSetting(request, "l2", 0.0, 10.0, &o.l2, &error) ||
        !ReadSetting(request, "batch", 1, 8, &next.batch, &error) ||
        !ReadSetting(request, "steps", 1, kMaxLessonSteps, &next.steps, &error)) {
      return ErrorAnswer(error);
    }
    if (next.batch != std::round(next.batch) || next.steps != std::round(next.steps)) {
      return ErrorAnswer("batch and steps must be whole numbers");
    }
    if (request.contains("start")) {
      const Json& w = request["start"];
      const SurfaceRange range = SurfaceDefaultRange(next.problem);
      if (!w.is_array() || w.size() != 2 || !w[0].is_number() || !w[1].is_number()) {
        return ErrorAnswer("start must be [w1, w2]");
      }
      const Eigen::Vector2d start(w[0].get<double>(), w[1].get<double>());
      if (!start.allFinite() || (start.array() < range.min.array()).any() ||
          (start.array() > range.max.array()).any()) {
        return ErrorAnswer("start must lie on the surface shown, w1 from " + ExactNum(range.min(0)) + " to " +
                           ExactNum(range.max(0)) + " and w2 from " + ExactNum(range.min(1)) + " to " +
                           ExactNum(range.max(1)));
      }
      next.start = start;
    }
    if (request.contains("init")) {
      const Result<InitScheme> init = request["init"].is_string() ? ParseInitScheme(request["init"].get<std::string>())
                                                                  : Result<InitScheme>::Error("");
      if (!init.ok()) return ErrorAnswer("init must be uniform, xavier or he");
      next.init = init.value();
    }
    if (request.contains("show")) {
      const Json& show = request["show"];
      if (!show.is_object()) return ErrorAnswer("show must be an object such as {\"gd\": true, \"adam\": false}");
      for (auto it = show.begin(); it != show.end(); ++it) {
        const char* const* name = std::find_if(std::begin(kRunnerNames), std::end(kRunnerNames),
                                               [&](const char* n) { return it.key() == n; });
        if (name == std::end(kRunnerNames) || !it.value().is_boolean()) {
          return ErrorAnswer("show: each key is gd, sgd, momentum or adam, with true or false");
        }
        next.show[name - std::begin(kRunnerNames)] = it.value().get<bool>();
      }
    }
    const Status valid = ValidateOptimizer(next.optimizer);
    if (!valid.ok()) return ErrorAnswer(valid.error);
    s = next;
  } else {
    return "";
  }
  RecomputeSurface(s, state.dark_theme);
  return LessonStateAnswer(LessonJson(s));
}

void LossSurfaceEnter(AppState& state) { state.lesson_states.Get<SurfaceLessonState>().dirty = true; }
}  // namespace

LessonInfo LossSurfaceLesson() {
  LessonInfo row = {"loss-surface",       "Gradient descent on a loss surface",
                    LossSurfaceEnter,     LossSurfaceUpdate,
                    LossSurfaceCanvas,    LossSurfacePanel,
                    LossSurfaceStateJson, LossSurfaceCommand};
  row.link_command = "setSurface";
  return row;
}

}  // namespace bp
