// Export and import through the JSON API (see api_export.h and docs/embedding.md). The answers are
// written with invalid UTF-8 replaced, so no text from a file can make an answer unprintable.
#include "app/api/api_export.h"

#include "app/io/data_io.h"
#include "app/io/network_io.h"
#include "app/io/scenario_io.h"
#include "app/session/python_export.h"
#include "app/session/python_training.h"

namespace bp {

namespace {

const char* HolderName(NetworkHolder holder) { return holder == NetworkHolder::kPlayground ? "playground" : "stepper"; }
}  // namespace

Json ScenarioJson(const AppState& state) {
  const ScenarioState& s = state.scenario;
  if (!s.active) return Json{{"active", false}};
  return Json{{"active", true},
              {"name", s.name},
              {"title", s.title},
              {"lesson", s.lesson},
              {"text", s.replace ? "replace" : "after"},
              {"linkPath", s.link_path},
              {"shown", ScenarioShown(state)}};
}

namespace {
// The scenario commands; "" for others.
std::string HandleScenarioCommand(AppState& state, const std::string& command, const Json& request) {
  auto text_of = [&](const char* key) {
    return request.contains(key) && request[key].is_string() ? request[key].get<std::string>() : std::string();
  };
  if (command == "importScenario" || command == "loadScenario") {
    if (!request.contains("text") || !request["text"].is_string()) {
      return ErrorAnswer(command + " needs \"text\": the scenario file's contents as a string");
    }
    // A link's scenario keeps its path, so the view's link names it again.
    const bool from_link = request.contains("fromLink") && request["fromLink"] == true;
    Status opened = LoadScenario(state, request["text"].get<std::string>(), text_of("name"),
                                 from_link ? text_of("name") : std::string());
    if (!opened) return ErrorAnswer(opened.error);
    return Dump(Json{{"ok", true}, {"scenario", ScenarioJson(state)}});
  }
  if (command == "openScenario") {
    Status opened = OpenShippedScenario(state, text_of("path"));
    if (!opened) return ErrorAnswer(opened.error);
    return Dump(Json{{"ok", true}, {"scenario", ScenarioJson(state)}});
  }
  if (command == "leaveScenario") {
    LeaveScenario(state);
    return Dump(Json{{"ok", true}, {"scenario", ScenarioJson(state)}});
  }
  if (command == "scenarioFailed") {
    ScenarioFetchFailed(state, text_of("path"), text_of("error"));
    return Dump(Json{{"ok", true}});
  }
  if (command == "listScenarios") {
    Json list = Json::array();
    for (const ShippedScenario& s : ShippedScenarios(Lessons(state))) {
      list.push_back(Json{{"path", s.path}, {"title", s.title}, {"lesson", s.lesson}});
    }
    return Dump(Json{{"ok", true}, {"scenarios", list}});
  }
  return "";
}
}  // namespace

std::string HandleExportCommand(AppState& state, const std::string& command, const Json& request) {
  if (std::string answer = HandleScenarioCommand(state, command, request); !answer.empty()) return answer;
  if (command == "exportNetwork") {
    Result<std::string> text = ExportNetwork(state);
    if (!text) return ErrorAnswer(text.error());
    return Dump(
        Json{{"ok", true}, {"json", text.value()}, {"holder", HolderName(CurrentNetworkHolder(state).value())}});
  }
  if (command == "importNetwork") {
    if (!request.contains("text") || !request["text"].is_string()) {
      return ErrorAnswer("importNetwork needs \"text\": the network file's contents as a string");
    }
    Status imported = ImportNetwork(state, request["text"].get<std::string>());
    if (!imported) return ErrorAnswer(imported.error);
    return Dump(Json{{"ok", true}, {"holder", HolderName(CurrentNetworkHolder(state).value())}});
  }
  if (command == "importData") {
    if (!request.contains("text") || !request["text"].is_string()) {
      return ErrorAnswer("importData needs \"text\": the CSV's contents as a string");
    }
    Status imported = ImportData(state, request["text"].get<std::string>());
    if (!imported) return ErrorAnswer(imported.error);
    return Dump(Json{{"ok", true}});
  }
  if (command == "exportData") {
    Result<std::string> csv = ExportData(state);
    if (!csv) return ErrorAnswer(csv.error());
    return Dump(Json{{"ok", true}, {"csv", csv.value()}});
  }
  if (command == "exportTrace") {
    const std::string format =
        request.contains("format") && request["format"].is_string() ? request["format"].get<std::string>() : "json";
    if (format != "json" && format != "csv") return ErrorAnswer("format must be \"json\" or \"csv\"");
    Result<std::string> text = format == "json" ? ExportTraceJson(state) : ExportTraceCsv(state);
    if (!text) return ErrorAnswer(text.error());
    return Dump(Json{{"ok", true}, {"format", format}, {"text", text.value()}});
  }
  if (command == "exportPython") {
    const std::string flavour =
        request.contains("flavour") && request["flavour"].is_string() ? request["flavour"].get<std::string>() : "numpy";
    if (flavour != "numpy" && flavour != "torch") return ErrorAnswer("flavour must be \"numpy\" or \"torch\"");
    if (request.contains("epochs")) {
      // The playground's training for that many epochs.
      Result<int> epochs = ReadEpochs(request, kMaxExportEpochs);
      if (!epochs) return ErrorAnswer(epochs.error());
      Result<std::string> text = ExportTrainingScript(state, flavour == "torch", epochs.value());
      if (!text) return ErrorAnswer(text.error());
      return Dump(Json{{"ok", true}, {"flavour", flavour}, {"epochs", epochs.value()}, {"text", text.value()}});
    }
    if (!HasTrace(state)) return ErrorAnswer("there is no step to export: open a step-through lesson");
    Result<std::string> text = flavour == "numpy" ? StepScriptNumpy(state.step) : StepScriptTorch(state.step);
    if (!text) return ErrorAnswer(text.error());
    return Dump(Json{{"ok", true}, {"flavour", flavour}, {"text", text.value()}});
  }
  if (command == "exportCurve") {
    Result<std::string> csv = ExportCurveCsv(state);
    if (!csv) return ErrorAnswer(csv.error());
    return Dump(Json{{"ok", true}, {"csv", csv.value()}});
  }
  if (command == "download") {
    if (!request.contains("what") || !request["what"].is_string()) {
      return ErrorAnswer(
          "download needs \"what\": \"network\", \"traceJson\", \"traceCsv\", \"curve\", \"data\", "
          "\"pythonNumpy\", \"pythonTorch\" or \"canvas\"");
    }
    Result<std::string> file = QueueDownload(state, request["what"].get<std::string>());
    if (!file) return ErrorAnswer(file.error());
    return Dump(Json{{"ok", true}, {"filename", file.value()}});
  }
  if (command == "getMemory") {
    return Dump(
        Json{{"ok", true}, {"heapBytes", state.files.heap_bytes}, {"heapInUse", state.files.heap_in_use_bytes}});
  }
  return "";
}

}  // namespace bp
