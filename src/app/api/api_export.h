// The JSON API's part for export and import (network_io.h): exportNetwork, importNetwork,
// exportTrace, exportCurve, download, and getMemory (the wasm heap, for the soak test).
#pragma once

#include <string>

#include "app/api/api_json.h"

namespace bp {

// An empty answer for commands it does not know.
std::string HandleExportCommand(AppState& state, const std::string& command, const Json& request);

}  // namespace bp
