// What a link hides (hide=) and makes read-only (lock=). Lessons ask Hidden() / Locked() before
// drawing a part or accepting a change.
#pragma once

#include <string>
#include <vector>

#include "app/session/app_state.h"

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

}  // namespace bp
