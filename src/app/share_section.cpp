// The lesson list's "Share" section: Copy link and Copy embed code (see sections.h).
#include "app/link/embed.h"
#include "app/link/url_state.h"
#include "app/sections.h"
#include "imgui.h"

namespace bp {

namespace {
void Copy(AppState& state, const std::string& text, const std::string& kind) {
  if (state.platform.copy_text) {
    state.platform.copy_text(text, kind);
  } else {
    ImGui::SetClipboardText(text.c_str());
  }
}
}  // namespace

void DrawShareSection(AppState& state) {
  ImGui::TextDisabled("Share");
  if (ImGui::Button("Copy link", ImVec2(-1.0f, 0.0f))) Copy(state, LinkUrl(state, StateToFragment(state)), "link");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("A link to exactly this view: lesson, settings, weights and step.");
  if (ImGui::Button("Copy embed code", ImVec2(-1.0f, 0.0f))) Copy(state, EmbedSnippet(state), "embed code");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("An <iframe> for a course page, showing only this lesson.");
}

}  // namespace bp
