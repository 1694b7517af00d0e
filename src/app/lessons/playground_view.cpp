// The playground's network view: the features, hidden neurons as thumbnails of their output over
// the plane (images from playground_images.cpp), the outputs, connections coloured by sign and
// sized by |w|, and the +/− buttons and activation of each layer.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/lessons/playground_parts.h"
#include "app/session/boundary.h"
#include "app/session/content.h"
#include "app/session/display.h"
#include "app/session/format.h"
#include "app/session/hide_lock.h"
#include "app/widgets/fonts.h"
#include "app/widgets/network_layout.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot_frame.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
using plot::Px;
constexpr float kMaxThumb = 46.0f;  // a neuron thumbnail's side at the base font size
constexpr float kMinLineWidth = 0.6f, kMaxLineWidth = 4.5f;

void ToggleFeature(PlaygroundState& s, Feature feature) {
  FeatureSet next = s.settings.features;
  next.Set(feature, !next.Has(feature));
  std::string names;
  for (Feature f : next.Enabled()) names += (names.empty() ? "" : ",") + std::string(FeatureName(f));
  if (names.empty()) {
    s.error = "At least one input feature must stay on.";
    return;
  }
  Status status = SetPlaygroundValue(&s.settings, "features", names);
  if (!status.ok()) s.error = status.error;
}

void SetHidden(PlaygroundState& s, const std::vector<int>& hidden) {
  std::string text;
  for (size_t l = 0; l < hidden.size(); ++l) text += (l ? "," : "") + std::to_string(hidden[l]);
  Status status = SetPlaygroundValue(&s.settings, "hidden", text);
  if (!status.ok()) s.error = status.error;
}

struct Column {
  float x = 0.0f;
  std::vector<ImVec2> centres;
};

// The +/− buttons above a hidden column, and its activation under it.
// shape_locked / act_locked: an embedding page made these values read-only (lock=hidden,act).
void ColumnControls(const std::string& language, PlaygroundState& s, int l, const Column& column, float top,
                    float bottom, float width, float spacing, bool shape_locked, bool act_locked) {
  ImGui::PushID(l);
  const float button = ImGui::GetFrameHeight();
  const std::vector<int>& hidden = s.settings.hidden;
  if (l < static_cast<int>(hidden.size())) {
    ImGui::SetCursorScreenPos(ImVec2(column.x - button - Px(1), top));
    ImGui::BeginDisabled(hidden[l] >= kMaxLayerWidth || shape_locked);
    if (ImGui::Button("+", ImVec2(button, button))) {
      std::vector<int> next = hidden;
      ++next[l];
      SetHidden(s, next);
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip("%s",
                        ContentText(language, "playground#tip-add-neuron", {{"layer", std::to_string(l + 1)}}).c_str());
    }
    ImGui::EndDisabled();
    ImGui::SameLine(0.0f, Px(2));
    ImGui::BeginDisabled(hidden[l] <= kMinLayerWidth || shape_locked);
    if (ImGui::Button("−", ImVec2(button, button))) {
      std::vector<int> next = hidden;
      --next[l];
      SetHidden(s, next);
    }
    if (ImGui::IsItemHovered()) {
      ImGui::SetTooltip(
          "%s", ContentText(language, "playground#tip-remove-neuron", {{"layer", std::to_string(l + 1)}}).c_str());
    }
    ImGui::EndDisabled();
    // "4 neurons", or just "4" where the columns stand close together.
    std::string count = std::to_string(hidden[l]) + (hidden[l] == 1 ? " neuron" : " neurons");
    if (ImGui::CalcTextSize(count.c_str()).x > spacing * 0.95f) count = std::to_string(hidden[l]);
    const float w = ImGui::CalcTextSize(count.c_str()).x;
    ImGui::GetWindowDrawList()->AddText(ImVec2(column.x - w * 0.5f, top + button + Px(2)),
                                        ImGui::GetColorU32(ImGuiCol_Text), count.c_str());
  }
  if (l < static_cast<int>(s.settings.activations.size())) {
    ImGui::SetCursorScreenPos(ImVec2(column.x - width * 0.5f, bottom));
    ImGui::SetNextItemWidth(width);
    const Activation current = s.settings.activations[l];
    ImGui::BeginDisabled(act_locked);
    const bool open = ImGui::BeginCombo("##act", ActivationTitle(current), ImGuiComboFlags_NoArrowButton);
    ImGui::EndDisabled();
    if (open) {
      for (Activation a : AllActivations()) {
        if (!IsElementwiseDifferentiable(a)) continue;
        if (ImGui::Selectable(ActivationTitle(a), a == current) && a != current) {
          PlaygroundConfig next = s.settings;
          next.activations[l] = a;
          std::string text;
          for (size_t i = 0; i < next.activations.size(); ++i)
            text += (i ? "," : "") + std::string(ActivationName(next.activations[i]));
          Status status = SetPlaygroundValue(&s.settings, "act", text);
          if (!status.ok()) s.error = status.error;
        }
      }
      ImGui::EndCombo();
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Activation of hidden layer %d", l + 1);
  }
  ImGui::PopID();
}

void DrawConnections(ImDrawList* draw, const Mlp& mlp, const std::vector<Column>& columns,
                     const std::vector<int>& input_rows, bool dark, float ui_scale) {
  const Palette& palette = ThemePalette(dark);
  for (size_t l = 0; l < mlp.layers.size(); ++l) {
    const Layer& layer = mlp.layers[l];
    double largest = 0.0;
    for (int j = 0; j < layer.W.rows(); ++j)
      for (int i = 0; i < layer.W.cols(); ++i)
        if (std::isfinite(layer.W(j, i))) largest = std::max(largest, std::abs(layer.W(j, i)));
    const Column& from = columns[l];
    const Column& to = columns[l + 1];
    for (int j = 0; j < layer.W.rows() && j < static_cast<int>(to.centres.size()); ++j) {
      for (int i = 0; i < layer.W.cols(); ++i) {
        // Layer 0's inputs are the enabled features: their rows in the input column.
        const int row = l == 0 ? input_rows[i] : i;
        if (row >= static_cast<int>(from.centres.size())) continue;
        const double w = layer.W(j, i);
        const ImVec2 a = from.centres[row], b = to.centres[j];
        if (!std::isfinite(w)) {
          draw->AddLine(a, b, palette.invalid, Px(1));
          continue;
        }
        const float share = largest > 0.0 ? static_cast<float>(std::abs(w) / largest) : 0.0f;
        // Whole pixels: 2 triangles per line or dash instead of 6 (the view redraws every frame).
        const float thickness = LineWidth(Px(kMinLineWidth + (kMaxLineWidth - kMinLineWidth) * share));
        const ImU32 color = WithAlpha(SignColor(w, dark), 0.35f + 0.6f * share);
        if (w < 0.0) {
          DrawDashedLine(draw, a, b, color, thickness, ui_scale);
        } else {
          draw->AddLine(a, b, color, thickness);
        }
      }
    }
  }
}
}  // namespace

void DrawPlaygroundNetwork(AppState& state, ImVec2 size) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  const Playground& m = s.model;
  const Mlp& mlp = ShownNetwork(m);
  const bool dark = state.dark_theme;
  const Palette& palette = ThemePalette(dark);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float button = ImGui::GetFrameHeight();

  // The layer count's controls, top left (hidden or read-only when an embedding page asks).
  const bool controls = !Hidden(state, "network");
  const bool shape_locked = Locked(state, "hidden");
  const bool features_fixed = Hidden(state, "features") || Locked(state, "features");
  ImGui::BeginGroup();
  const int layers = static_cast<int>(s.settings.hidden.size());
  if (controls) {
    ImGui::BeginDisabled(layers >= kMaxHiddenLayers || shape_locked);
    if (ImGui::Button("+##layer", ImVec2(button, button))) {
      std::vector<int> next = s.settings.hidden;
      next.push_back(next.empty() ? 4 : next.back());
      SetHidden(s, next);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Add a hidden layer (a new network)");
    ImGui::EndDisabled();
    ImGui::SameLine(0.0f, Px(2));
    ImGui::BeginDisabled(layers == 0 || shape_locked);
    if (ImGui::Button("−##layer", ImVec2(button, button))) {
      std::vector<int> next = s.settings.hidden;
      next.pop_back();
      SetHidden(s, next);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove the last hidden layer (a new network)");
    ImGui::EndDisabled();
    ImGui::SameLine();
  }
  ImGui::AlignTextToFramePadding();
  ImGui::Text("%d hidden layer%s", layers, layers == 1 ? "" : "s");
  ImGui::EndGroup();

  // Geometry: input column, hidden columns, output column.
  const float top = origin.y + button + Px(6);  // the per-column +/− row
  const float nodes_top = top + button + line + Px(6);
  const float bottom_controls = origin.y + size.y - button - Px(2);
  const float nodes_bottom = bottom_controls - Px(8);
  const int hidden_count = static_cast<int>(mlp.layers.size()) - 1;
  const int columns_count = hidden_count + 2;
  const float label_width = ImGui::CalcTextSize("sin x₁  ").x;
  // Room for the feature names left of the input boxes (at most half the largest box wide).
  const float left = origin.x + label_width + Px(kMaxThumb) * 0.5f + Px(4);
  const float right = origin.x + size.x - Px(30);
  const float spacing = columns_count > 1 ? (right - left) / (columns_count - 1) : 0.0f;

  // Input rows: every feature the data allows (off ones faded, click toggles).
  std::vector<Feature> offered;
  for (Feature f : AllFeatures()) {
    const bool uses_x2 = f == Feature::kX2 || f == Feature::kX2Squared || f == Feature::kX1X2 || f == Feature::kSinX2;
    if (InputDimension(m.config.data) == 1 && uses_x2) continue;
    offered.push_back(f);
  }
  int tallest = static_cast<int>(offered.size());
  for (int l = 0; l < hidden_count; ++l) tallest = std::max(tallest, mlp.layers[l].outputs());
  const float room = nodes_bottom - nodes_top;
  const float thumb = std::max(Px(10), std::min({Px(kMaxThumb), room / (tallest * 1.22f), spacing * 0.5f}));

  std::vector<Column> columns(columns_count);
  auto place = [&](Column* column, float x, int n) {
    column->x = x;
    const float step = thumb * 1.22f;
    const float y0 = nodes_top + (room - step * n) * 0.5f + step * 0.5f;
    for (int i = 0; i < n; ++i) column->centres.push_back(ImVec2(x, y0 + step * i));
  };
  place(&columns[0], left, static_cast<int>(offered.size()));
  for (int l = 0; l < hidden_count; ++l) place(&columns[l + 1], left + spacing * (l + 1), mlp.layers[l].outputs());
  place(&columns[columns_count - 1], right - thumb * 0.5f, 1);

  std::vector<int> input_rows;  // row in the input column of each network input
  for (size_t r = 0; r < offered.size(); ++r)
    if (m.config.features.Has(offered[r])) input_rows.push_back(static_cast<int>(r));

  // Connections first, under the nodes. The output column has one node for all outputs.
  std::vector<Column> wired = columns;
  if (mlp.outputs() > 1) {
    const ImVec2 output_centre = wired.back().centres[0];  // a copy: assign() may reallocate
    wired.back().centres.assign(mlp.outputs(), output_centre);
  }
  if (mlp.layers.size() + 1 == wired.size() && static_cast<int>(input_rows.size()) == mlp.inputs())
    DrawConnections(draw, mlp, wired, input_rows, dark, DesiredUiScale(state));

  // Inputs: a box per feature with its name.
  for (size_t r = 0; r < offered.size(); ++r) {
    const ImVec2 c = columns[0].centres[r];
    const bool on = m.config.features.Has(offered[r]);
    const ImVec2 a(c.x - thumb * 0.5f, c.y - thumb * 0.5f), b(c.x + thumb * 0.5f, c.y + thumb * 0.5f);
    ImGui::SetCursorScreenPos(a);
    ImGui::PushID(static_cast<int>(r));
    if (ImGui::InvisibleButton("##feature", ImVec2(thumb, thumb)) && !features_fixed) ToggleFeature(s, offered[r]);
    if (ImGui::IsItemHovered() && !features_fixed) {
      const ContentVars feature = {{"feature", FeatureTitle(offered[r])}};
      ImGui::SetTooltip(
          "%s", ContentText(state.language, on ? "playground#tip-feature-on" : "playground#tip-feature-off", feature)
                    .c_str());
    }
    ImGui::PopID();
    draw->AddRectFilled(a, b, on ? palette.neuron_fill : WithAlpha(palette.neuron_fill, 0.3f), Px(3));
    draw->AddRect(a, b, on ? palette.neuron_outline : WithAlpha(palette.neuron_outline, 0.4f), Px(3), 0,
                  on ? Px(2) : Px(1));
    const char* name = FeatureTitle(offered[r]);
    const ImVec2 text = ImGui::CalcTextSize(name);
    draw->AddText(ImVec2(a.x - text.x - Px(6), c.y - text.y * 0.5f), on ? palette.text : palette.muted_text, name);
    if (!on)
      draw->AddLine(ImVec2(a.x + Px(4), b.y - Px(4)), ImVec2(b.x - Px(4), a.y + Px(4)), palette.muted_text, Px(1.5f));
  }

  // Hidden neurons: thumbnails of their output over the plane (hover shows one large on the plane).
  // The thumbnails' images (GPU, playground_images.cpp), drawn before the loop that places them.
  const PlaygroundImages images = DrawPlaygroundThumbnails(state);
  const NeuronAtlas* atlas = images.atlas;
  s.shown_layer = -1;
  const auto has_tile = [atlas](int l, int j) {
    return atlas != nullptr && l < static_cast<int>(atlas->tiles.size()) &&
           j < static_cast<int>(atlas->tiles[l].size());
  };
  // Every image first, then every border: two draw calls in all, not two per neuron (a change of
  // texture starts a new one).
  for (int l = 0; l < hidden_count; ++l) {
    for (int j = 0; j < mlp.layers[l].outputs(); ++j) {
      if (!has_tile(l, j)) continue;
      const ImVec2 c = columns[l + 1].centres[j];
      draw->AddImage(atlas->texture, ImVec2(c.x - thumb * 0.5f, c.y - thumb * 0.5f),
                     ImVec2(c.x + thumb * 0.5f, c.y + thumb * 0.5f),
                     ImVec2(atlas->tiles[l][j].uv0.x, atlas->tiles[l][j].uv0.y),
                     ImVec2(atlas->tiles[l][j].uv1.x, atlas->tiles[l][j].uv1.y));
    }
  }
  for (int l = 0; l < hidden_count; ++l) {
    for (int j = 0; j < mlp.layers[l].outputs(); ++j) {
      const ImVec2 c = columns[l + 1].centres[j];
      const ImVec2 a(c.x - thumb * 0.5f, c.y - thumb * 0.5f), b(c.x + thumb * 0.5f, c.y + thumb * 0.5f);
      ImGui::SetCursorScreenPos(a);
      ImGui::PushID(l * kMaxLayerWidth + j + 1000);
      ImGui::InvisibleButton("##neuron", ImVec2(thumb, thumb));
      const bool hovered = ImGui::IsItemHovered();
      ImGui::PopID();
      if (!has_tile(l, j)) draw->AddRectFilled(a, b, palette.neuron_fill, Px(3));
      draw->AddRect(a, b, hovered ? palette.highlight : palette.neuron_outline, Px(2), 0,
                    LineWidth(hovered ? Px(3) : Px(1.5f)));
      if (hovered) {
        s.shown_layer = l;
        s.shown_neuron = j;
        // The colours' middle (white) is the middle of the activation's range, as the images draw it.
        double lowest = 0.0, highest = 0.0;
        PlaygroundNeuronRange(mlp.layers[l].activation, &lowest, &highest);
        ImGui::SetTooltip("%s", ContentText(state.language, "playground#tip-neuron",
                                            {{"neuron", "h" + LayerSup(l + 1) + Sub(j + 1)},
                                             {"activation", ActivationTitle(mlp.layers[l].activation)},
                                             {"middle", Num(0.5 * (lowest + highest), 6)}})
                                    .c_str());
      }
    }
  }

  // The output: the decision image itself.
  {
    const ImVec2 c = columns.back().centres[0];
    const float side = thumb * 1.3f;
    const ImVec2 a(c.x - side * 0.5f, c.y - side * 0.5f), b(c.x + side * 0.5f, c.y + side * 0.5f);
    if (images.output != nullptr) {
      draw->AddImage(images.output, a, b);
    } else {
      draw->AddRectFilled(a, b, palette.neuron_fill, Px(3));
    }
    draw->AddRect(a, b, palette.neuron_outline, Px(2), 0, LineWidth(Px(2)));
    const std::string label = mlp.outputs() > 1 ? std::to_string(mlp.outputs()) + " outputs" : "output";
    // On a label background: the connections to the output pass under it.
    const ImVec2 text = ImGui::CalcTextSize(label.c_str());
    const ImVec2 at(c.x - text.x * 0.5f, b.y + Px(4));
    draw->AddRectFilled(ImVec2(at.x - Px(3), at.y - Px(1)), ImVec2(at.x + text.x + Px(3), at.y + text.y + Px(1)),
                        palette.label_background, Px(3));
    draw->AddText(at, palette.text, label.c_str());
  }

  // Per-column controls last, so they sit on top of the drawing.
  const float combo_width = std::min(spacing * 0.92f, Px(110));
  for (int l = 0; controls && l < static_cast<int>(s.settings.hidden.size()) && l < kMaxHiddenLayers; ++l) {
    Column column;
    column.x = l < hidden_count ? columns[l + 1].x : left + spacing * (l + 1);
    ColumnControls(state.language, s, l, column, top, bottom_controls, combo_width, spacing, shape_locked,
                   Locked(state, "act"));
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);
}

}  // namespace bp
