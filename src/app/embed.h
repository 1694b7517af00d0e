// Embedding: what a link hides (hide=) and makes read-only (lock=), embed mode's text fit, the
// "Share" section (copy link, copy embed code) and the page events on a new lesson or step.
// Lessons ask Hidden() / Locked() before drawing a part or accepting a change.
#pragma once

#include <string>
#include <vector>

#include "app/app_state.h"

namespace bp {

// The parts hide= can name: lessons, panel, stepper, math, editor, data, features, network,
// training, display, share. Embed mode hides "lessons" (and with it "display" and "share").
const std::vector<std::string>& HideableParts();
// The values lock= can name: every playground key (data, lr, hidden, ...) and weights, sample,
// points (the learner's point edits). "lr" also locks the stepper's η.
bool IsLockableValue(const std::string& name);
std::string LockableValuesList();  // for messages

bool Hidden(const AppState& state, const char* part);
bool Locked(const AppState& state, const char* value);
// The sentence a refused change gets: "'lr' is locked by the page this lesson is embedded in".
std::string LockedSentence(const std::string& value);
// The lock a stepper field id needs ("W:1:0:0" → weights, "x:0" → sample, "eta" → lr), or "".
std::string LockForStepField(const std::string& field);

// Embed mode in a small frame: a factor (0.8–1) for the UI scale so 480×320 still shows the lesson.
float EmbedTextFit(const AppState& state);

// The page address with this fragment (desktop: "index.html#…").
std::string LinkUrl(const AppState& state, const std::string& fragment);
// <iframe src="…#…&embed=1" width=… height=… title=…></iframe> for the current view.
std::string EmbedSnippet(const AppState& state);

// The lesson list's "Share" section: Copy link, Copy embed code (through state.copy_text).
void DrawShareSection(AppState& state);
// Once a frame: tells the platform (state.view_changed) when the lesson or the step position changed.
void ReportViewChanges(AppState& state);

}  // namespace bp
