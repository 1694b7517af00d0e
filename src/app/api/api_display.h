// The display commands of the JSON API: "setTheme", "setFontScale", "setDrawEveryFrame" and "setPanelOpen"
// (docs/embedding.md).
#pragma once

#include <string>

#include "app/api/api_json.h"
#include "app/session/app_state.h"

namespace bp {

bool IsDisplayCommand(const std::string& command);
// Applies a display command; returns "" or a sentence saying what was wrong (state untouched).
std::string ApplyDisplayCommand(AppState& state, const std::string& command, const Json& request);

}  // namespace bp
