// Text wrapped at spaces only, so numbers and formulas never break inside a token; rows of buttons
// that wrap the same way; the centred overlays.
#include <algorithm>

#include "app/widgets/palette.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

void WrappedText(const std::string& text) {
  float width = ImGui::GetContentRegionAvail().x;
  size_t start = 0;
  while (start < text.size()) {
    // Grow the line word by word while it fits; a single word wider than the line goes alone.
    size_t end = start;
    size_t fitted = std::string::npos;
    size_t newline = text.find('\n', start);
    while (true) {
      size_t next_space = text.find(' ', end);
      size_t candidate = next_space == std::string::npos ? text.size() : next_space;
      if (newline != std::string::npos && newline < candidate) candidate = newline;
      float line_width = ImGui::CalcTextSize(text.data() + start, text.data() + candidate).x;
      if (line_width > width && fitted != std::string::npos) break;
      fitted = candidate;
      if (candidate >= text.size() || candidate == newline) break;
      end = candidate + 1;
    }
    ImGui::TextUnformatted(text.data() + start, text.data() + fitted);
    start = fitted;
    // Skip the one separator we broke at.
    if (start < text.size() && (text[start] == ' ' || text[start] == '\n')) ++start;
  }
}

float ButtonWidth(const char* label) {
  return ImGui::CalcTextSize(label, nullptr, true).x + 2.0f * ImGui::GetStyle().FramePadding.x;
}

void SameLineIfFits(float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
  if (ImGui::GetItemRectMax().x + style.ItemSpacing.x + width <= right) ImGui::SameLine();
}

bool BeginOverlay(const char* title, bool wanted, float width_em, bool* open) {
  if (wanted && !ImGui::IsPopupOpen(title)) ImGui::OpenPopup(title);
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float width = std::min(width_em * ImGui::GetFontSize(), viewport->Size.x * 0.92f);
  ImGui::SetNextWindowPos(viewport->GetCenter(), ImGuiCond_Always, ImVec2(0.5f, 0.5f));
  // Height 0: fit the content, but never taller than the screen (it scrolls then).
  ImGui::SetNextWindowSize(ImVec2(width, 0.0f), ImGuiCond_Always);
  ImGui::SetNextWindowSizeConstraints(ImVec2(0.0f, 0.0f), ImVec2(width, viewport->Size.y * 0.92f));
  return ImGui::BeginPopupModal(title, open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove);
}

void WarningText(const AppState& state, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ThemePalette(state.dark_theme).invalid));
  WrappedText(text);
  ImGui::PopStyleColor();
}

}  // namespace bp
