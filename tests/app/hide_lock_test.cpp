// What a link hides and locks (session/hide_lock.h): embed mode and hide=lessons also hide the
// display and share sections, locks are exact names, and each stepper field needs the lock that
// names its kind (weights, sample, lr).
#include <doctest/doctest.h>

#include <string>

#include "app/session/hide_lock.h"

namespace bp {
namespace {

TEST_CASE("hidden parts are the link's, plus what embed mode and the lesson list take along") {
  AppState state;
  CHECK_FALSE(Hidden(state, "panel"));
  state.hidden_parts = {"math"};
  CHECK(Hidden(state, "math"));
  CHECK_FALSE(Hidden(state, "mat"));
  CHECK_FALSE(Hidden(state, "display"));
  state.hidden_parts = {"lessons"};
  CHECK(Hidden(state, "display"));
  CHECK(Hidden(state, "share"));
  CHECK_FALSE(Hidden(state, "panel"));
  state.hidden_parts.clear();
  state.embed = true;
  CHECK(Hidden(state, "lessons"));
  CHECK(Hidden(state, "display"));
  CHECK(Hidden(state, "share"));
  CHECK_FALSE(Hidden(state, "stepper"));
}

TEST_CASE("every part hide= can name is a distinct word") {
  const std::vector<std::string>& parts = HideableParts();
  CHECK(parts.size() == 11);
  for (size_t i = 0; i < parts.size(); ++i) {
    for (size_t k = i + 1; k < parts.size(); ++k) CHECK(parts[i] != parts[k]);
  }
}

TEST_CASE("lockable values: the playground's keys and weights, sample, points") {
  for (const char* name : {"weights", "sample", "points", "lr", "data", "hidden", "seed"}) {
    CAPTURE(name);
    CHECK(IsLockableValue(name));
    CHECK(LockableValuesList().find(name) != std::string::npos);
  }
  for (const char* name : {"", "eta", "weight", "LR", "lr "}) {
    CAPTURE(name);
    CHECK_FALSE(IsLockableValue(name));
  }
  AppState state;
  state.locked_values = {"lr", "sample"};
  CHECK(Locked(state, "lr"));
  CHECK(Locked(state, "sample"));
  CHECK_FALSE(Locked(state, "weights"));
  CHECK(LockedSentence("lr") == "'lr' is locked by the page this lesson is embedded in, so it cannot be changed here");
}

TEST_CASE("each stepper field needs the lock of its kind") {
  CHECK(LockForStepField("W:1:0:0") == "weights");
  CHECK(LockForStepField("b:0:1") == "weights");
  CHECK(LockForStepField("x:0") == "sample");
  CHECK(LockForStepField("t:1") == "sample");
  CHECK(LockForStepField("eta") == "lr");
  CHECK(LockForStepField("etas") == "");
  CHECK(LockForStepField("w:1:0:0") == "");
}

}  // namespace
}  // namespace bp
