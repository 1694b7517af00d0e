// The display commands: the colour theme, the learner's text size, whether every frame draws,
// whether the side panel's drawer and the notation card are open, and the lesson text's language,
// validated where they enter.
#include "app/api/api_display.h"

#include <cmath>
#include <cstdio>

#include "app/link/embed.h"
#include "app/session/content.h"
#include "app/session/display.h"
#include "app/session/hide_lock.h"
#include "core/echo.h"

namespace bp {

namespace {
std::string SetTheme(AppState& state, const Json& request) {
  if (!request.contains("theme") || !request["theme"].is_string()) {
    return "setTheme needs \"theme\": \"light\" or \"dark\"";
  }
  std::string theme = request["theme"].get<std::string>();
  if (theme != "light" && theme != "dark") return "there is no theme '" + theme + "': use \"light\" or \"dark\"";
  state.dark_theme = theme == "dark";
  return "";
}

std::string SetFontScale(AppState& state, const Json& request) {
  char range[96];
  std::snprintf(range, sizeof range, "from %g (75%%) to %g (200%%)", kMinFontScale, kMaxFontScale);
  if (!request.contains("scale") || !request["scale"].is_number()) {
    return std::string("setFontScale needs \"scale\": a number ") + range;
  }
  double scale = request["scale"].get<double>();
  if (!std::isfinite(scale) || scale < kMinFontScale || scale > kMaxFontScale) {
    return "the font scale " + request["scale"].dump() + " is outside the range " + range;
  }
  state.font_scale = static_cast<float>(scale);
  return "";
}

std::string SetDrawEveryFrame(AppState& state, const Json& request) {
  if (!request.contains("on") || !request["on"].is_boolean()) return "setDrawEveryFrame needs \"on\": true or false";
  state.draw_every_frame = request["on"].get<bool>();
  return "";
}

// On a narrow canvas the side panel is a drawer (app.cpp); this opens or closes it. On a wide one
// the panel is always shown and the setting waits for the canvas to become narrow.
std::string SetPanelOpen(AppState& state, const Json& request) {
  if (!request.contains("open") || !request["open"].is_boolean()) return "setPanelOpen needs \"open\": true or false";
  if (Hidden(state, "panel")) return "the side panel is hidden by the link (hide=panel)";
  state.panel_open = request["open"].get<bool>();
  return "";
}

// In a very narrow window the lesson list is a drawer too (app.cpp).
std::string SetLessonListOpen(AppState& state, const Json& request) {
  if (!request.contains("open") || !request["open"].is_boolean())
    return "setLessonListOpen needs \"open\": true or false";
  if (Hidden(state, "lessons")) return "the lesson list is hidden (embed=1 or hide=lessons)";
  state.list_open = request["open"].get<bool>();
  return "";
}
// The notation card (N in the app): every symbol once with its meaning.
std::string SetNotationOpen(AppState& state, const Json& request) {
  if (!request.contains("open") || !request["open"].is_boolean()) return "setNotationOpen needs \"open\": true or false";
  state.notation_open = request["open"].get<bool>();
  return "";
}

// The language of the lesson text: a folder of content/ (Content().Languages()).
std::string SetLanguage(AppState& state, const Json& request) {
  if (!request.contains("lang") || !request["lang"].is_string()) return "setLanguage needs \"lang\": a language, e.g. \"en\"";
  const std::string language = request["lang"].get<std::string>();
  if (!Content().HasLanguage(language)) {
    return "the lesson text has no language " + Echo(language) + " (it has: " + Content().LanguageList() + ")";
  }
  state.language = language;
  return "";
}
}  // namespace

bool IsDisplayCommand(const std::string& command) {
  return command == "setTheme" || command == "setFontScale" || command == "setDrawEveryFrame" ||
         command == "setPanelOpen" || command == "setLessonListOpen" || command == "setNotationOpen" ||
         command == "setLanguage";
}

std::string ApplyDisplayCommand(AppState& state, const std::string& command, const Json& request) {
  if (command == "setTheme") return SetTheme(state, request);
  if (command == "setDrawEveryFrame") return SetDrawEveryFrame(state, request);
  if (command == "setPanelOpen") return SetPanelOpen(state, request);
  if (command == "setLessonListOpen") return SetLessonListOpen(state, request);
  if (command == "setNotationOpen") return SetNotationOpen(state, request);
  if (command == "setLanguage") return SetLanguage(state, request);
  return SetFontScale(state, request);
}

}  // namespace bp
