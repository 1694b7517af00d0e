// The lesson list's "Share" section: Copy link and Copy embed code (see sections.h).
#include "app/link/embed.h"
#include "app/link/url_state.h"
#include "app/sections.h"
#include "app/session/content.h"
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
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ContentText(state.language, "shell#copy-link").c_str());
  if (ImGui::Button("Copy embed code", ImVec2(-1.0f, 0.0f))) Copy(state, EmbedSnippet(state), "embed code");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ContentText(state.language, "shell#copy-embed").c_str());
}

}  // namespace bp
