// Links and locks in the JSON API (see api_links.h and docs/embedding.md).
#include "app/api/api_links.h"

#include "app/link/embed.h"
#include "app/link/url_state.h"
#include "app/session/app_state.h"
#include "app/session/hide_lock.h"

namespace bp {

namespace {
constexpr size_t kMaxLinkRequestBytes = 1024 * 1024;

Json Strings(const std::vector<std::string>& items) {
  Json list = Json::array();
  for (const std::string& item : items) list.push_back(item);
  return list;
}

// The lock a command would break, or "" when it changes nothing locked.
std::string BrokenLock(const AppState& state, const std::string& command, const Json& request) {
  if (state.locked_values.empty()) return "";
  if (command == "configure" && request.contains("values") && request["values"].is_object()) {
    for (auto item = request["values"].begin(); item != request["values"].end(); ++item) {
      if (Locked(state, item.key().c_str())) return item.key();
    }
  }
  if (command == "typeValue" && !state.step.stations.empty() && request.contains("field") &&
      request["field"].is_string()) {
    std::string lock = LockForStepField(request["field"].get<std::string>());
    if (!lock.empty() && Locked(state, lock.c_str())) return lock;
  }
  if ((command == "setNetwork" || command == "newNetwork") && Locked(state, "weights")) return "weights";
  if (command == "setSample" && Locked(state, "sample")) return "sample";
  if ((command == "addPoint" || command == "removePoint") && Locked(state, "points")) return "points";
  return "";
}

std::string GetLink(const AppState& state) {
  std::vector<std::string> notes;
  std::string fragment = StateToFragment(state, &notes);
  return Json{{"ok", true},
              {"fragment", fragment},
              {"url", LinkUrl(state, fragment)},
              {"embedCode", EmbedSnippet(state)},
              {"notes", Strings(notes)}}
      .dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string ApplyLink(AppState& state, const Json& request) {
  if (!request.contains("fragment") || !request["fragment"].is_string()) {
    return ErrorAnswer("applyLink needs \"fragment\": the part of a link after '#'");
  }
  const std::string& fragment = request["fragment"].get_ref<const std::string&>();
  if (fragment.size() > kMaxLinkRequestBytes) return ErrorAnswer("the fragment is larger than 1 MB");
  UrlApplyResult result = ApplyFragment(state, fragment);
  Json ignored = Json::array();
  // Keys and reasons are printable ASCII/UTF-8 of our own making (see url_state.cpp).
  for (const IgnoredKey& item : result.ignored) ignored.push_back(Json{{"key", item.key}, {"reason", item.reason}});
  return Json{{"ok", true}, {"applied", Strings(result.applied)}, {"ignored", ignored}, {"banner", state.banner}}.dump(
      -1, ' ', false, Json::error_handler_t::replace);
}
}  // namespace

std::string HandleLinkCommand(AppState& state, const std::string& command, const Json& request) {
  if (command == "getLink") return GetLink(state);
  if (command == "applyLink") return ApplyLink(state, request);
  std::string lock = BrokenLock(state, command, request);
  if (!lock.empty()) return ErrorAnswer(LockedSentence(lock));
  return "";
}

}  // namespace bp
