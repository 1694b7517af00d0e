// The app's command interface, shared by the browser API (window.backpropLab, postMessage) and
// the desktop: a JSON request {"cmd": "...", ...} in, a JSON answer out. See docs/embedding.md.
#pragma once

#include <string>

#include "app/session/app_state.h"

namespace bp {

// Never crashes on any input: malformed JSON or an unknown command gets {"ok": false, "error": "..."}.
std::string HandleApiRequest(AppState& state, const std::string& request);

}  // namespace bp
