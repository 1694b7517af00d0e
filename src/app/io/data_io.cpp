// The learner's own data through the open lesson's commands (see data_io.h).
#include "app/io/data_io.h"

#include "app/session/app_state.h"
#include "app/session/json.h"
#include "core/own_data.h"

namespace bp {

namespace {

constexpr const char* kNoData =
    "this lesson has no points to replace: open the playground or a perceptron lesson (The perceptron, XOR, "
    "Two ways out: features) to use your own data";

// The open lesson's answer to one of its commands, parsed; "" when it does not know the command.
Result<Json> AskLesson(AppState& state, const Json& request) {
  const LessonInfo* lesson = CurrentLesson(state);
  if (lesson == nullptr || lesson->command == nullptr) return Result<Json>::Error(kNoData);
  const std::string answer = lesson->command(state, request["cmd"].get<std::string>(), request);
  if (answer.empty()) return Result<Json>::Error(kNoData);
  Json parsed = Json::parse(answer, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded() || !parsed.is_object()) return Result<Json>::Error("the lesson gave no answer");
  if (!parsed.value("ok", false)) {
    const Json error = parsed.value("error", Json("refused"));
    return Result<Json>::Error(error.is_string() ? error.get<std::string>() : "refused");
  }
  return Result<Json>::Ok(std::move(parsed));
}

}  // namespace

bool LessonTakesData(AppState& state) { return ExportData(state).ok(); }

Status ImportData(AppState& state, const std::string& text) {
  Result<Json> answer = AskLesson(state, Json{{"cmd", "importData"}, {"text", text}});
  // Shown in the Export / import section, whichever way the data came (paste box, page, API).
  if (answer) {
    Result<OwnPoints> points = ParseOwnCsv(text);
    const long long count = points ? points->X.cols() : 0;
    state.files.message = "Imported your data: " + std::to_string(count) + (count == 1 ? " point." : " points.");
  } else {
    state.files.message = "Not imported: " + answer.error() + ".";
  }
  state.files.message_is_error = !answer.ok();
  if (!answer) return Status::Error(answer.error());
  return Status::Ok();
}

Result<std::string> ExportData(AppState& state) {
  Result<Json> answer = AskLesson(state, Json{{"cmd", "exportData"}});
  if (!answer) return Result<std::string>::Error(answer.error());
  const Json& csv = answer.value()["csv"];
  if (!csv.is_string()) return Result<std::string>::Error("the lesson gave no data");
  return Result<std::string>::Ok(csv.get<std::string>());
}

}  // namespace bp
