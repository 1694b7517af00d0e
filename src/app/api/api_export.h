// The JSON API's part for export and import (network_io.h, data_io.h, scenario_io.h):
// exportNetwork, importNetwork, importData, exportData, exportTrace, exportPython, exportCurve,
// download, the scenario commands (importScenario / loadScenario, openScenario, leaveScenario,
// scenarioFailed), and getMemory (the wasm heap, for the soak test).
#pragma once

#include <string>

#include "app/api/api_json.h"

namespace bp {

// An empty answer for commands it does not know.
std::string HandleExportCommand(AppState& state, const std::string& command, const Json& request);
// getState().scenario: {active, name, title, lesson, text ("after" or "replace"), linkPath}.
Json ScenarioJson(const AppState& state);

}  // namespace bp
