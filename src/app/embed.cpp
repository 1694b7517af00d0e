// Embedding (see embed.h): the hide= and lock= vocabularies, the text fit of small frames, the
// Share section and the events the page forwards to a host (web/backprop-lab.js).
#include "app/embed.h"

#include <algorithm>

#include "app/lesson_registry.h"
#include "app/url_state.h"
#include "core/playground.h"
#include "imgui.h"

namespace bp {

namespace {
// Embed mode's text shrinks with the frame below this size (CSS pixels), down to kMinEmbedFit.
constexpr float kEmbedFullWidth = 960.0f;
constexpr float kEmbedFullHeight = 640.0f;
constexpr float kMinEmbedFit = 0.8f;
// The snippet's frame size: the smallest that shows a lesson's canvas and side panel comfortably.
constexpr int kSnippetWidth = 960;
constexpr int kSnippetHeight = 600;

// Values lock= can name besides the playground's keys.
const char* const kExtraLocks[] = {"weights", "sample", "points"};

bool Contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

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

void Copy(AppState& state, const std::string& text, const std::string& kind) {
  if (state.copy_text) {
    state.copy_text(text, kind);
  } else {
    ImGui::SetClipboardText(text.c_str());
  }
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
    if (entry.first == name) return true;
  }
  return false;
}

std::string LockableValuesList() {
  std::string text;
  for (const char* extra : kExtraLocks) text += std::string(text.empty() ? "" : ",") + extra;
  for (const auto& entry : PlaygroundValues(MakeDefaultPlaygroundConfig())) text += "," + entry.first;
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

float EmbedTextFit(const AppState& state) {
  if (!state.embed || state.canvas_width <= 0 || state.canvas_height <= 0 || !(state.pixel_ratio > 0.0f)) return 1.0f;
  const float css_width = state.canvas_width / state.pixel_ratio;
  const float css_height = state.canvas_height / state.pixel_ratio;
  return std::clamp(std::min(css_width / kEmbedFullWidth, css_height / kEmbedFullHeight), kMinEmbedFit, 1.0f);
}

std::string LinkUrl(const AppState& state, const std::string& fragment) {
  return (state.page_url.empty() ? std::string("index.html") : state.page_url) + "#" + fragment;
}

std::string EmbedSnippet(const AppState& state) {
  std::string fragment = StateToFragment(state);
  if (!state.embed) fragment += "&embed=1";
  std::string title = std::string("Backprop Lab: ") + Lessons()[state.lesson].title;
  return "<iframe src=\"" + HtmlAttribute(LinkUrl(state, fragment)) + "\" width=\"" + std::to_string(kSnippetWidth) +
         "\" height=\"" + std::to_string(kSnippetHeight) + "\" title=\"" + HtmlAttribute(title) +
         "\" style=\"border: 1px solid #888\" loading=\"lazy\"></iframe>";
}

void DrawShareSection(AppState& state) {
  ImGui::TextDisabled("Share");
  if (ImGui::Button("Copy link", ImVec2(-1.0f, 0.0f))) Copy(state, LinkUrl(state, StateToFragment(state)), "link");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link to exactly this view: lesson, settings, weights and step.");
  if (ImGui::Button("Copy embed code", ImVec2(-1.0f, 0.0f))) Copy(state, EmbedSnippet(state), "embed code");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("An <iframe> for a course page, showing only this lesson.");
}

void ReportViewChanges(AppState& state) {
  std::string lesson = Lessons()[state.lesson].id;
  std::string step;
  if (!state.step.stations.empty()) {
    step = std::to_string(state.step.position) + "/" + std::to_string(state.step.steps_taken);
  }
  std::string view = lesson + "|" + step;
  if (view == state.reported_view) return;
  const bool lesson_changed = state.reported_view.compare(0, lesson.size() + 1, lesson + "|") != 0;
  const bool first = state.reported_view.empty();
  state.reported_view = view;
  if (first || !state.view_changed) return;
  state.view_changed(lesson_changed ? "lesson" : "step");
}

}  // namespace bp
