// The JSON command interface (see api.h and docs/embedding.md). Uses nlohmann-json without
// exceptions: parse with allow_exceptions = false, and check every field's type before reading it.
#include "app/api/api.h"

#include "app/session/display.h"

#include <cmath>

#include "app/api/api_display.h"
#include "app/api/api_export.h"
#include "app/api/api_json.h"
#include "app/api/api_links.h"
#include "app/session/display.h"
#include "app/session/format.h"
#include "app/session/quiz.h"

namespace bp {

namespace {
using json = Json;

constexpr size_t kMaxRequestBytes = 4 * 1024 * 1024;

json StateJson(const AppState& state) {
  const LessonTable& lessons = Lessons(state);
  json lesson_ids = json::array();
  for (const LessonInfo& lesson : lessons) lesson_ids.push_back(lesson.id);
  const LessonInfo* current = CurrentLesson(state);
  json text = json::array();
  for (const auto& [key, words] : state.text_shown) text.push_back(json{{"key", key}, {"text", words}});
  return json{
      {"version", BP_VERSION},
      {"lesson", {{"id", lessons[state.lesson].id}, {"title", lessons[state.lesson].title}, {"index", state.lesson}}},
      {"lessons", lesson_ids},
      {"frame", state.frame},
      {"framesDrawn", state.frames_drawn},
      {"redrawnFraction", state.redrawn_fraction},
      {"canvas", {{"width", state.canvas_width}, {"height", state.canvas_height}, {"pixelRatio", state.pixel_ratio}}},
      {"panel", PanelLayout(state)},
      {"embedded", state.embed},
      {"lessonList", LessonListLayout(state)},
      {"precision", state.precision},
      {"theme", state.dark_theme ? "dark" : "light"},
      {"fontScale", std::round(state.font_scale * 1000.0) / 1000.0},
      {"helpOpen", state.access.help_open},
      {"announcement", state.access.announcement},
      {"banner", state.banner},
      {"language", state.language},
      {"notationOpen", state.notation_open},
      {"text", text},
      {"step", StepStateJson(state)},
      {"lessonState", current != nullptr && current->state_json != nullptr ? current->state_json(state) : json()},
      {"quiz", QuizJson(state)},
      {"scenario", ScenarioJson(state)},
      {"progress", ProgressStateJson(state)},
  };
}

std::string SetPrecision(AppState& state, const json& request) {
  if (!request.contains("digits") || !request["digits"].is_number_integer()) {
    return ErrorAnswer("setPrecision needs \"digits\": a whole number");
  }
  long long digits = request["digits"].get<long long>();
  if (digits < kMinPrecision || digits > kMaxPrecision) {
    return ErrorAnswer("digits must be from " + std::to_string(kMinPrecision) + " to " + std::to_string(kMaxPrecision));
  }
  state.precision = static_cast<int>(digits);
  return json{{"ok", true}, {"state", StateJson(state)}}.dump();
}

// The open lesson's commands first, then those of lessons whose commands work from any lesson (the
// playground's: its model is kept whichever lesson is open).
std::string HandleLessonCommands(AppState& state, const std::string& command, const json& request) {
  const LessonInfo* current = CurrentLesson(state);
  if (current != nullptr && current->command != nullptr) {
    std::string answer = current->command(state, command, request);
    if (!answer.empty()) return answer;
  }
  for (const LessonInfo& lesson : Lessons(state)) {
    if (&lesson == current || !lesson.commands_from_any_lesson || lesson.command == nullptr) continue;
    std::string answer = lesson.command(state, command, request);
    if (!answer.empty()) return answer;
  }
  return "";
}

std::string OpenLesson(AppState& state, const json& request) {
  if (!request.contains("id") || !request["id"].is_string())
    return ErrorAnswer("openLesson needs \"id\": a lesson id string");
  std::string id = request["id"].get<std::string>();
  int index = FindLesson(state, id);
  if (index < 0) return ErrorAnswer("there is no lesson with id '" + Printable(id) + "'");
  state.pending_lesson = index;
  ApplyPendingChanges(state);
  return json{{"ok", true}, {"state", StateJson(state)}}.dump();
}
}  // namespace

std::string HandleApiRequest(AppState& state, const std::string& request) {
  if (request.size() > kMaxRequestBytes) return ErrorAnswer("the request is larger than 4 MB");
  json parsed = json::parse(request, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return ErrorAnswer("the request is not a JSON object");
  if (!parsed.contains("cmd") || !parsed["cmd"].is_string())
    return ErrorAnswer("the request needs \"cmd\": a command name");
  std::string command = parsed["cmd"].get<std::string>();
  if (command == "getState") return json{{"ok", true}, {"state", StateJson(state)}}.dump();
  if (std::string linked = HandleLinkCommand(state, command, parsed); !linked.empty()) return linked;
  if (command == "openLesson") return OpenLesson(state, parsed);
  if (command == "setPrecision") return SetPrecision(state, parsed);
  if (IsDisplayCommand(command)) {
    std::string error = ApplyDisplayCommand(state, command, parsed);
    if (!error.empty()) return ErrorAnswer(error);
    return json{{"ok", true}, {"state", StateJson(state)}}.dump();
  }
  if (command == "probeBoundary") return ProbeBoundaryCommand(state, parsed);
  if (std::string answered = HandleQuizCommand(state, command, parsed); !answered.empty()) return answered;
  if (std::string exported = HandleExportCommand(state, command, parsed); !exported.empty()) return exported;
  std::string answer = HandleLessonCommands(state, command, parsed);
  if (!answer.empty()) return answer;
  answer = HandleStepCommand(state, command, parsed);
  if (!answer.empty()) return answer;
  return ErrorAnswer("unknown command '" + Printable(command) + "'");
}

}  // namespace bp
