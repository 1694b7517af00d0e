// Embedding (see embed.h): the link and embed code the Share section copies, and the events the page
// forwards to a host (web/backprop-lab.js).
#include "app/link/embed.h"
#include "app/session/hide_lock.h"

#include <algorithm>

#include "app/link/url_state.h"
#include "app/session/app_state.h"

namespace bp {

namespace {
// The snippet's frame size: the smallest that shows a lesson's canvas and side panel comfortably.
constexpr int kSnippetWidth = 960;
constexpr int kSnippetHeight = 600;

std::string HtmlAttribute(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '"': out += "&quot;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

std::string LinkUrl(const AppState& state, const std::string& fragment) {
  return (state.page_url.empty() ? std::string("index.html") : state.page_url) + "#" + fragment;
}

std::string EmbedSnippet(const AppState& state) {
  std::string fragment = StateToFragment(state);
  if (!state.embed) fragment += "&embed=1";
  std::string title = std::string("Backprop Lab: ") + Lessons(state)[state.lesson].title;
  return "<iframe src=\"" + HtmlAttribute(LinkUrl(state, fragment)) + "\" width=\"" + std::to_string(kSnippetWidth) +
         "\" height=\"" + std::to_string(kSnippetHeight) + "\" title=\"" + HtmlAttribute(title) +
         "\" style=\"border: 1px solid #888\" loading=\"lazy\"></iframe>";
}

void ReportViewChanges(AppState& state) {
  std::string lesson = Lessons(state)[state.lesson].id;
  std::string step;
  if (!state.step.stations.empty()) {
    step = std::to_string(state.step.position) + "/" + std::to_string(state.step.steps_taken);
  }
  std::string view = lesson + "|" + step;
  if (view == state.reported_view) return;
  const bool lesson_changed = state.reported_view.compare(0, lesson.size() + 1, lesson + "|") != 0;
  const bool first = state.reported_view.empty();
  state.reported_view = view;
  if (first || !state.platform.view_changed) return;
  state.platform.view_changed(lesson_changed ? "lesson" : "step");
}

}  // namespace bp
