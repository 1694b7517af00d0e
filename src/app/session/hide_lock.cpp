// What a link hides and locks (see hide_lock.h).
#include "app/session/hide_lock.h"

#include <algorithm>

#include "core/playground.h"

namespace bp {

namespace {
// Values lock= can name besides the playground's keys.
const char* const kExtraLocks[] = {"weights", "sample", "points"};

bool Contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

const std::vector<std::string>& HideableParts() {
  static const std::vector<std::string> kParts = {"lessons",  "panel",   "stepper",  "math",    "editor", "data",
                                                  "features", "network", "training", "display", "share"};
  return kParts;
}

bool IsLockableValue(const std::string& name) {
  for (const char* extra : kExtraLocks) {
    if (name == extra) return true;
  }
  for (const auto& entry : PlaygroundValues(MakeDefaultPlaygroundConfig())) {
    if (entry.first == name && name != "pts") return true;  // own points are locked as "data"
  }
  return false;
}

std::string LockableValuesList() {
  std::vector<std::string> names(std::begin(kExtraLocks), std::end(kExtraLocks));
  for (const auto& entry : PlaygroundValues(MakeDefaultPlaygroundConfig())) {
    if (IsLockableValue(entry.first) && std::find(names.begin(), names.end(), entry.first) == names.end()) {
      names.push_back(entry.first);
    }
  }
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

bool Hidden(const AppState& state, const char* part) {
  const std::string name = part;
  if (state.embed && (name == "lessons" || name == "display" || name == "share")) return true;
  // The lesson list holds the display and share sections: hiding it hides them.
  if ((name == "display" || name == "share") && Contains(state.hidden_parts, "lessons")) return true;
  return Contains(state.hidden_parts, name);
}

bool Locked(const AppState& state, const char* value) { return Contains(state.locked_values, value); }

std::string LockedSentence(const std::string& value) {
  return "'" + value + "' is locked by the page this lesson is embedded in, so it cannot be changed here";
}

std::string LockForStepField(const std::string& field) {
  if (field.rfind("W:", 0) == 0 || field.rfind("b:", 0) == 0) return "weights";
  if (field.rfind("x:", 0) == 0 || field.rfind("t:", 0) == 0) return "sample";
  if (field == "eta") return "lr";
  return "";
}

}  // namespace bp
