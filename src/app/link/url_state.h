// Links that carry the whole view: the app's state as a URL fragment
// ("lesson=worked-example&w=W:1:0:0:0.4&step=backward.1.0&precision=6&theme=dark") and back.
// Every key is checked where it enters: a bad key is ignored with a sentence, the rest applied.
// The keys are listed in docs/embedding.md; the playground's are core/playground.h's own.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/session/app_state.h"

namespace bp {

// Longer fragments are cut at the last '&' before this many bytes; the rest is ignored.
constexpr size_t kMaxFragmentBytes = 8192;
// A link replays at most this many completed stepper steps, and at most as many as keep the
// stepper's history (a network per step) within kMaxReplayParameters numbers.
constexpr int kMaxLinkSteps = 1000;
constexpr long long kMaxReplayParameters = 250000;

struct IgnoredKey {
  std::string key;     // as written in the link (cut short and made printable)
  std::string reason;  // a sentence: "unknown key", "lr: 'abc' is not a number", ...
};

struct UrlApplyResult {
  std::vector<std::string> applied;  // the keys that took effect, in the order applied
  std::vector<IgnoredKey> ignored;
  std::vector<std::string> notes;  // what a link cannot carry (see StateToFragment)
};

// The fragment (without '#') for the current view. Values are percent-encoded where needed;
// numbers are the shortest text that reads back exactly. `notes` (optional) receives what the
// link cannot carry (e.g. the playground's training progress).
std::string StateToFragment(const AppState& state, std::vector<std::string>* notes = nullptr);

// Applies every valid key of a fragment (with or without '#', percent-encoded or not) and lists
// the ignored ones with reasons; sets state.banner when something was ignored. Never crashes or
// hangs on any input: its work is bounded by kMaxFragmentBytes and kMaxLinkSteps.
UrlApplyResult ApplyFragment(AppState& state, const std::string& fragment);

// The banner sentence for a result ("" when nothing was ignored).
std::string IgnoredSentence(const UrlApplyResult& result);

}  // namespace bp
