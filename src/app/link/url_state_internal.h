// Helpers shared by url_state.cpp (writing a fragment) and url_apply.cpp (applying one); not part
// of the public API (url_state.h). The definitions are in url_state.cpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/session/app_state.h"
#include "core/mlp.h"
#include "core/result.h"

namespace bp::url_internal {

// One key=value of a fragment, decoded.
struct Pair {
  std::string key, value;
};

// Printable ASCII only, cut short: what a message may quote of untrusted text.
std::string Echo(const std::string& text);
// Messages from validators may quote what they were given (bytes from a %-escape): keep them short,
// without control characters, and valid UTF-8 (JSON answers and the banner need it).
std::string CleanSentence(const std::string& text);

// The bytes behind %XX escapes; nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> PercentDecode(const std::string& text);
// "a,,b" -> {"a", "", "b"}; an empty text is one empty item.
std::vector<std::string> SplitList(const std::string& text, char separator);
std::string JoinList(const std::vector<std::string>& items);
// A whole number in [min, max], or the validator's sentence naming `what`.
Result<long long> ParseWhole(const std::string& text, const std::string& what, long long min, long long max);
// A key this app reads: a view key or one of the playground's.
bool IsKnownKey(const std::string& key);

// Whether the view shows the stepper: a lesson's when it has one, the playground's while stepping.
bool StepperShown(const AppState& state);
// How many steps a link may replay on this network (see kMaxReplayParameters).
int MaxReplaySteps(const Mlp& mlp);
// Takes `steps` whole steps, exactly as the learner's "Next" past "done" does.
void ReplaySteps(StepSession* session, int steps, double now);

}  // namespace bp::url_internal
