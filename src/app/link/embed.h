// Embedding: the link and the <iframe> code the Share section copies, and the page events on a new
// lesson or step. What a link hides and locks is in app/session/hide_lock.h.
#pragma once

#include <string>
#include <vector>

#include "app/session/app_state.h"

namespace bp {

// The page address with this fragment (desktop: "index.html#…").
std::string LinkUrl(const AppState& state, const std::string& fragment);
// <iframe src="…#…&embed=1" width=… height=… title=…></iframe> for the current view.
std::string EmbedSnippet(const AppState& state);

// Once a frame: tells the platform (state.platform.view_changed) when the lesson or the step position changed.
void ReportViewChanges(AppState& state);

}  // namespace bp
