// The JSON API's part for links and embedding: "getLink", "applyLink", and the lock= check that
// refuses changes to locked values before any other part of the API sees the command.
#pragma once

#include <string>

#include "app/api/api_json.h"

namespace bp {

// getLink → {ok, fragment, url, embedCode, notes}; applyLink {fragment} → {ok, applied, ignored:
// [{key, reason}], state...}. For a command that would change a locked value: {ok: false, error}.
// An empty answer for every other command.
std::string HandleLinkCommand(AppState& state, const std::string& command, const Json& request);

}  // namespace bp
