// The JSON API's part for lessons with state of their own (the loss, autodiff, gradient check):
// their key numbers in getState() and their commands. Numbers come from the same functions the
// lessons draw with.
#include <algorithm>
#include <cmath>

#include "app/api_json.h"
#include "app/lesson_registry.h"
#include "app/lessons/the_loss_state.h"

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
}  // namespace

Json LessonStateJson(const AppState& state) {
  std::string id = Lessons()[state.lesson].id;
  if (id == "loss") return LossLessonJson(state);
  if (id == "autodiff") return AutodiffLessonJson(state);
  if (id == "gradient-check") return GradientCheckLessonJson(state);
  return Json();
}

std::string HandleLessonCommand(AppState& state, const std::string& command, const Json& request) {
  std::string id = Lessons()[state.lesson].id;
  if (id == "loss") return LossCommand(state, command, request);
  if (id == "autodiff") return AutodiffCommand(state, command, request);
  if (id == "gradient-check") return GradientCheckCommand(state, command, request);
  return "";
}

}  // namespace bp
