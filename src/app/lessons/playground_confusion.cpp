// The playground's confusion matrices (#18): for classification, the training and the test set's
// counts of true class against the class the network gives, updated with the metrics (after every
// epoch and every point edit). The diagonal (right) is tinted blue, a wrong cell that holds points
// vermilion (the palette's colour-blind-safe pair), so the eye finds the confusions.
#include <algorithm>
#include <string>

#include "app/lessons/playground_parts.h"
#include "app/session/content.h"
#include "app/session/hide_lock.h"
#include "app/widgets/palette.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
void ConfusionTable(AppState& state, const char* id, const char* title, const Metrics& metrics) {
  const Eigen::MatrixXi& counts = metrics.confusion;
  const int K = static_cast<int>(counts.rows());
  ImGui::TextUnformatted(title);
  if (K == 0 || metrics.samples == 0) {
    ImGui::TextDisabled("no points");
    return;
  }
  const ImGuiTableFlags flags =
      ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;
  if (!ImGui::BeginTable(id, K + 1, flags)) return;
  ImGui::TableSetupColumn("true \\ given");
  for (int k = 0; k < K; ++k) ImGui::TableSetupColumn(std::to_string(k).c_str());
  ImGui::TableHeadersRow();
  for (int t = 0; t < K; ++t) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::Text("class %d", t);
    for (int g = 0; g < K; ++g) {
      ImGui::TableSetColumnIndex(g + 1);
      const int n = counts(t, g);
      const Palette& palette = ThemePalette(state.dark_theme);
      if (t == g) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, WithAlpha(palette.positive, 0.35f));
      } else if (n > 0) {
        ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, WithAlpha(palette.negative, 0.35f));
      }
      ImGui::Text("%d", n);
    }
  }
  ImGui::EndTable();
}
}  // namespace

void DrawConfusionMatrices(AppState& state) {
  const PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  if (!s.built) return;
  const Playground& m = s.model;
  if (!m.train_metrics.has_accuracy) {
    ImGui::TextDisabled("%s", ContentText(state.language, "playground#confusion-regression").c_str());
    return;
  }
  ConfusionTable(state, "##confusion-train", "Training points", m.train_metrics);
  ConfusionTable(state, "##confusion-test", "Test points", m.test_metrics);
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  WrappedText(ContentText(state.language, "playground#confusion-note"));
  ImGui::PopStyleColor();
}

}  // namespace bp
