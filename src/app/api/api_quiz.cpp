// The API's part for questions, goals and progress (#16): answerQuestion, resetQuestion,
// forgetProgress, and getState().quiz / getState().progress. The same functions as the question
// widget (session/quiz.h), so a course page answers exactly as a learner does.
#include "app/api/api_json.h"
#include "app/session/format.h"
#include "app/session/quiz.h"

namespace bp {

Json ProgressStateJson(const AppState& state) {
  return Json{{"keep", ProgressKept(state)}, {"lessons", ProgressSummaryJson(state)}};
}

std::string HandleQuizCommand(AppState& state, const std::string& command, const Json& request) {
  if (command != "answerQuestion" && command != "resetQuestion" && command != "forgetProgress") return "";
  if (command == "forgetProgress") {
    ForgetProgress(state);
  } else {
    if (!request.contains("key") || !request["key"].is_string())
      return ErrorAnswer(command + " needs \"key\": a question's key, e.g. \"xor#q-xor-proof\" (getState().quiz)");
    const std::string key = request["key"].get<std::string>();
    if (command == "resetQuestion") {
      if (FindQuestion(state, key) == nullptr) return ErrorAnswer("the open lesson has no question '" + Printable(key) + "'");
      ResetAnswer(state, key);
    } else {
      Status status;
      if (request.contains("choice")) {
        if (!request["choice"].is_number_integer()) return ErrorAnswer("choice must be a whole number (0 is the first)");
        const long long choice = request["choice"].get<long long>();
        status = AnswerChoice(state, key, choice < 0 || choice > 1000 ? -1 : static_cast<int>(choice));
      } else {
        const Result<std::string> typed = ReadTypedAnswer(request);
        if (!typed.ok()) return ErrorAnswer("answerQuestion needs \"choice\" (a whole number) or \"value\" (a number)");
        status = AnswerNumber(state, key, typed.value());
      }
      if (!status.ok()) return ErrorAnswer(status.error);
    }
  }
  return Json{{"ok", true}, {"quiz", QuizJson(state)}, {"progress", ProgressStateJson(state)}}.dump();
}

}  // namespace bp
