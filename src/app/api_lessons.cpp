// The JSON API's part for lessons with state of their own (the loss, autodiff, gradient check):
// their key numbers in getState() and their commands. Numbers come from the same functions the
// lessons draw with.
#include <algorithm>
#include <cmath>
#include <utility>

#include "app/api_json.h"
#include "app/lesson_registry.h"
#include "app/lessons/linear_limits_api.h"
#include "app/lessons/the_loss_state.h"
#include "app/api_lessons_training.h"
#include "app/api_playground.h"
#include "app/lessons/activation_gallery_state.h"
#include "app/lessons/vanishing_gradients_state.h"

namespace bp {

namespace {
const char* const kLossSectionNames[kLossSectionCount] = {"bce", "squared", "softmax", "stability"};

std::string Fail(const std::string& message) { return Json{{"ok", false}, {"error", message}}.dump(); }

Json Array3(const std::array<double, 3>& values) {
  return Json::array({NumberOrNull(values[0]), NumberOrNull(values[1]), NumberOrNull(values[2])});
}

Json LossLessonJson(const AppState& state) {
  const TheLossState& s = state.loss_lesson;
  TheLossNumbers n = ComputeTheLoss(s);
  return Json{
      {"section", kLossSectionNames[static_cast<int>(s.section)]},
      {"bce", {{"p", s.bce_p}, {"t", s.bce_t}, {"logit", NumberOrNull(n.bce_logit)}, {"loss", NumberOrNull(n.bce_loss)},
               {"slope", NumberOrNull(n.bce_slope)}}},
      {"squared", {{"a", s.se_a}, {"t", s.se_t}, {"loss", NumberOrNull(n.se_loss)}, {"slope", NumberOrNull(n.se_slope)}}},
      {"softmax", {{"logits", Array3(s.logits)}, {"trueClass", s.true_class}, {"p", Array3(n.softmax_p)},
                   {"naiveP", Array3(n.naive_softmax_p)}, {"gradient", Array3(n.softmax_gradient)},
                   {"sum", NumberOrNull(n.softmax_sum)}, {"naiveSum", NumberOrNull(n.naive_softmax_sum)},
                   {"loss", NumberOrNull(n.softmax_loss)},
                   // JSON has no NaN: say in words whether the textbook formula broke down.
                   {"naiveFinite", std::isfinite(n.naive_softmax_sum)}}},
      {"stability", {{"z", s.stability_z}, {"p", NumberOrNull(n.stability_p)},
                     {"naiveLoss", NumberOrNull(n.stability_naive_loss)},
                     {"naiveFinite", std::isfinite(n.stability_naive_loss)},
                     {"stableLoss", NumberOrNull(n.stability_stable_loss)}}},
      {"fieldError", state.field_error},
  };
}

Json AutodiffLessonJson(const AppState& state) {
  const AutodiffState& s = state.autodiff_lesson;
  Json json = {{"position", s.position}, {"lastPosition", s.last_position}, {"phase", s.phase}};
  if (s.current_node >= 0) json["currentNode"] = s.graph.nodes[s.current_node].label;
  if (s.graph.root >= 0) {
    json["root"] = {{"label", s.graph.nodes[s.graph.root].label}, {"value", s.graph.nodes[s.graph.root].value},
                    {"grad", s.graph.nodes[s.graph.root].grad}};
  }
  if (s.w5 >= 0 && s.w1 >= 0) {
    json["w5"] = {{"value", s.graph.nodes[s.w5].value}, {"grad", s.graph.nodes[s.w5].grad},
                  {"backprop", s.network.layers[1].dW(0, 0)}};
    json["w1"] = {{"value", s.graph.nodes[s.w1].value}, {"grad", s.graph.nodes[s.w1].grad},
                  {"backprop", s.network.layers[0].dW(0, 0)}};
  }
  return json;
}

Json GradientCheckLessonJson(const AppState& state) {
  const GradientCheckState& s = state.gradient_check_lesson;
  Json json = {{"h", s.step}, {"hidden", ActivationName(s.hidden)}, {"seed", s.seed},
               {"parameters", s.report.entries.size()}, {"disagreeing", s.disagreeing},
               {"maxRelativeError", NumberOrNull(s.report.max_relative_error)}};
  if (!s.worst_first.empty()) {
    json["worst"] = {{"parameter", DescribeParameter(s.worst_first.front())},
                     {"analytic", NumberOrNull(s.worst_first.front().analytic)},
                     {"numeric", NumberOrNull(s.worst_first.front().numeric)}};
  }
  return json;
}

Json ActivationsLessonJson(const AppState& state) {
  const ActivationGalleryState& s = state.activation_gallery_lesson;
  const ActivationParams params = GalleryParams(s.selected);
  const double f = Activate(s.selected, s.z, params);
  return Json{{"activation", ActivationName(s.selected)}, {"z", s.z}, {"f", NumberOrNull(f)},
              {"fprime", NumberOrNull(ActivationDerivative(s.selected, s.z, f, params))},
              {"hiddenCount", s.hidden_z.size()}, {"saturated", s.saturated}, {"dead", s.dead},
              {"fieldError", state.field_error}};
}

Json VanishingLessonJson(const AppState& state) {
  const VanishingGradientsState& s = state.vanishing_gradients_lesson;
  Json norms = Json::array(), change = Json::array();
  for (double value : s.gradient_means) norms.push_back(NumberOrNull(value));
  for (double value : s.relative_change) change.push_back(NumberOrNull(value));
  return Json{{"activation", ActivationName(s.activation)}, {"depth", s.depth}, {"seed", s.seed},
              {"pending", s.pending}, {"loss", NumberOrNull(s.loss)}, {"gradientNorms", norms},
              {"relativeChange", change}, {"steps", s.steps}};
}

std::string ActivationsCommand(AppState& state, const std::string& command, const Json& request) {
  ActivationGalleryState& s = state.activation_gallery_lesson;
  if (command == "typeValue") {
    std::string error = TypeValue(state, request, SetActivationGalleryField);
    if (!error.empty()) return error;
  } else if (command == "setActivation") {
    if (!request.contains("name") || !request["name"].is_string()) return Fail("name must be an activation name");
    Result<Activation> activation = ParseActivation(request["name"].get<std::string>());
    if (!activation.ok()) return Fail(activation.error());
    const std::vector<Activation>& offered = GalleryActivations();
    if (std::find(offered.begin(), offered.end(), activation.value()) == offered.end()) {
      return Fail("the gallery shows sigmoid, tanh, relu, leaky_relu, prelu, elu, gelu and linear");
    }
    s.selected = activation.value();
    // Rebuilt now (a 2-6-6-1 network on 16 points) so the answer already holds the new counts.
    RebuildGalleryNetwork(s);
  } else {
    return "";
  }
  return Json{{"ok", true}, {"lessonState", ActivationsLessonJson(state)}}.dump();
}

std::string VanishingCommand(AppState& state, const std::string& command, const Json& request) {
  if (command == "vanishingStep") {
    // The "take one training step" button: one SGD step on the batch (bounded: 10 layers of 4 units).
    TakeVanishingStep(state.vanishing_gradients_lesson);
    return Json{{"ok", true}, {"lessonState", VanishingLessonJson(state)}}.dump();
  }
  if (command != "setVanishing") return "";
  VanishingGradientsState next = state.vanishing_gradients_lesson;
  if (request.contains("activation")) {
    if (!request["activation"].is_string()) return Fail("activation must be sigmoid, tanh or relu");
    Result<Activation> activation = ParseActivation(request["activation"].get<std::string>());
    if (!activation.ok() || (activation.value() != Activation::kSigmoid && activation.value() != Activation::kTanh &&
                             activation.value() != Activation::kRelu)) {
      return Fail("activation must be sigmoid, tanh or relu");
    }
    next.activation = activation.value();
  }
  if (request.contains("depth")) {
    if (!request["depth"].is_number_integer() || request["depth"].get<long long>() < kMinVanishingDepth ||
        request["depth"].get<long long>() > kMaxVanishingDepth) {
      return Fail("depth must be a whole number from 2 to 10");
    }
    next.depth = request["depth"].get<int>();
  }
  VanishingGradientsState& s = state.vanishing_gradients_lesson;
  s.activation = next.activation;
  s.depth = next.depth;
  // Rebuilt now (at most 10 layers of 4 units on 8 samples) so the answer holds the new gradients.
  RebuildVanishingNetwork(s);
  return Json{{"ok", true}, {"lessonState", VanishingLessonJson(state)}}.dump();
}

std::string LossCommand(AppState& state, const std::string& command, const Json& request) {
  if (command == "typeValue") {
    std::string error = TypeValue(state, request, SetTheLossField);
    if (!error.empty()) return error;
  } else if (command == "setLossSection") {
    std::string name = request.contains("section") && request["section"].is_string() ? request["section"].get<std::string>() : "";
    const char* const* found = std::find_if(std::begin(kLossSectionNames), std::end(kLossSectionNames),
                                            [&](const char* candidate) { return name == candidate; });
    if (found == std::end(kLossSectionNames)) return Fail("section must be one of bce, squared, softmax, stability");
    state.loss_lesson.section = static_cast<LossSection>(found - std::begin(kLossSectionNames));
  } else if (command == "setTrueClass") {
    if (!request.contains("trueClass") || !request["trueClass"].is_number_integer() ||
        request["trueClass"].get<long long>() < 0 || request["trueClass"].get<long long>() > 2) {
      return Fail("trueClass must be 0, 1 or 2");
    }
    state.loss_lesson.true_class = request["trueClass"].get<int>();
  } else {
    return "";
  }
  return Json{{"ok", true}, {"lessonState", LossLessonJson(state)}}.dump();
}

std::string AutodiffCommand(AppState& state, const std::string& command, const Json& request) {
  if (command != "graphStep") return "";
  AutodiffState& s = state.autodiff_lesson;
  std::string direction = request.contains("direction") && request["direction"].is_string()
                              ? request["direction"].get<std::string>() : "next";
  if (direction != "next" && direction != "previous" && direction != "end" && direction != "start") {
    return Fail("direction must be next, previous, start or end");
  }
  long long count = 1;
  if (request.contains("count")) {
    if (!request["count"].is_number_integer() || request["count"].get<long long>() < 1) return Fail("count must be a whole number ≥ 1");
    count = std::min<long long>(request["count"].get<long long>(), s.last_position);
  }
  int from = s.pending_position >= 0 ? s.pending_position : s.position;
  int target = direction == "next" ? from + static_cast<int>(count)
               : direction == "previous" ? from - static_cast<int>(count)
               : direction == "end" ? s.last_position : 0;
  s.pending_position = std::clamp(target, 0, s.last_position);
  return Json{{"ok", true}, {"pendingPosition", s.pending_position}}.dump();
}

std::string GradientCheckCommand(AppState& state, const std::string& command, const Json& request) {
  if (command != "gradientCheck") return "";
  GradientCheckState& s = state.gradient_check_lesson;
  GradientCheckState next = s;
  if (request.contains("h")) {
    if (!request["h"].is_number() || !(request["h"].get<double>() >= 1e-10) || !(request["h"].get<double>() <= 1e-1)) {
      return Fail("h must be a number from 1e-10 to 0.1");
    }
    next.step = request["h"].get<double>();
  }
  if (request.contains("hidden")) {
    if (!request["hidden"].is_string()) return Fail("hidden must be an activation name");
    Result<Activation> hidden = ParseActivation(request["hidden"].get<std::string>());
    if (!hidden.ok()) return Fail(hidden.error());
    if (!IsElementwiseDifferentiable(hidden.value())) return Fail("the hidden activation needs a gradient (not step or softmax)");
    next.hidden = hidden.value();
  }
  s.step = next.step;
  s.hidden = next.hidden;
  s.pending = true;
  return Json{{"ok", true}}.dump();
}

// --- Universal approximation and Width vs depth (training lessons) ----------------------------
// "trainEpochs" {epochs: N}: runs N epochs now (1..20000), the same code the frame's budget runs.
}  // namespace

Json LessonStateJson(const AppState& state) {
  std::string id = Lessons()[state.lesson].id;
  if (id == "loss") return LossLessonJson(state);
  if (id == "autodiff") return AutodiffLessonJson(state);
  if (id == "gradient-check") return GradientCheckLessonJson(state);
  if (id == "universal-approximation") return UniversalLessonJson(state);
  if (id == "width-depth") return WidthDepthLessonJson(state);
  if (id == "activations") return ActivationsLessonJson(state);
  if (id == "vanishing-gradients") return VanishingLessonJson(state);
  if (id == "training-problems") return TrainingProblemsJson(state);
  if (id == "rnn") return RecurrentJson(state);
  if (id == "playground") return PlaygroundJson(state, false);
  if (id == "perceptron" || id == "xor" || id == "features" || id == "stacking-linear") {
    return LinearLimitsLessonJson(state, id);
  }
  return Json();
}

std::string HandleLessonCommand(AppState& state, const std::string& command, const Json& request) {
  std::string id = Lessons()[state.lesson].id;
  if (id == "loss") return LossCommand(state, command, request);
  if (id == "autodiff") return AutodiffCommand(state, command, request);
  if (id == "gradient-check") return GradientCheckCommand(state, command, request);
  if (id == "universal-approximation") return UniversalCommand(state, command, request);
  if (id == "width-depth") return WidthDepthCommand(state, command, request);
  if (id == "activations") return ActivationsCommand(state, command, request);
  if (id == "vanishing-gradients") return VanishingCommand(state, command, request);
  if (id == "training-problems") return TrainingProblemsCommand(state, command, request);
  if (id == "rnn") return RecurrentCommand(state, command, request);
  if (id == "perceptron" || id == "xor" || id == "features" || id == "stacking-linear") {
    return LinearLimitsCommand(state, id, command, request);
  }
  return "";
}

}  // namespace bp
