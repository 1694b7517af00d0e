// The playground's two big views: the network (features, hidden neurons as thumbnails of their
// output over the plane, outputs, weighted connections, +/− buttons) and the data plane with the
// decision boundary rendered per pixel by the GPU shader (app/boundary_renderer.h).
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cmath>
#include <string>
#include <vector>

#include "app/app.h"
#include "app/boundary_renderer.h"
#include "app/data_plane.h"
#include "app/embed.h"
#include "app/format.h"
#include "app/lessons/playground_parts.h"
#include "app/network_layout.h"
#include "app/palette.h"
#include "app/plot_frame.h"
#include "app/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
using plot::Px;
constexpr float kMaxThumb = 46.0f;      // a neuron thumbnail's side at the base font size
constexpr int kThumbPixels = 40;        // evaluation points per thumbnail side
constexpr int kFallbackResolution = 64; // the CPU grid used when the GPU image cannot be drawn
constexpr int kPlaneSlot = 0;
constexpr int kOutputSlot = 1;          // the output's thumbnail (the hidden ones share one atlas)
constexpr float kMinLineWidth = 0.6f, kMaxLineWidth = 4.5f;
// While training, the thumbnails are redrawn at most this often (the main boundary every frame):
// they are small and at the edge of the eye, and each one costs a GPU pass.
constexpr double kThumbnailIntervalMs = 250.0;

double NowMs() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

// FNV-1a over raw bytes: a cheap fingerprint of the weights and of a request.
uint64_t Fingerprint(uint64_t hash, const void* data, size_t bytes) {
  const unsigned char* p = static_cast<const unsigned char*>(data);
  for (size_t i = 0; i < bytes; ++i) hash = (hash ^ p[i]) * 1099511628211ull;
  return hash;
}
template <typename T>
uint64_t Fingerprint(uint64_t hash, const T& value) {
  return Fingerprint(hash, &value, sizeof value);
}

uint64_t NetworkFingerprint(const Mlp& mlp) {
  uint64_t hash = 14695981039346656037ull;
  for (const Layer& layer : mlp.layers) {
    hash = Fingerprint(hash, layer.W.data(), sizeof(double) * layer.W.size());
    hash = Fingerprint(hash, layer.b.data(), sizeof(double) * layer.b.size());
    hash = Fingerprint(hash, layer.activation);
    hash = Fingerprint(hash, layer.params.slope);
    hash = Fingerprint(hash, layer.params.alpha);
  }
  return hash;
}

uint64_t RequestKey(const BoundaryRequest& r, uint64_t network) {
  uint64_t hash = network;
  for (bool on : r.features.on) hash = Fingerprint(hash, on);
  hash = Fingerprint(hash, r.range);
  hash = Fingerprint(hash, r.width);
  hash = Fingerprint(hash, r.height);
  hash = Fingerprint(hash, r.layer);
  hash = Fingerprint(hash, r.neuron);
  hash = Fingerprint(hash, r.coloring);
  hash = Fingerprint(hash, r.value_min);
  hash = Fingerprint(hash, r.value_max);
  return Fingerprint(hash, r.dark);
}

// The slot's texture, drawn again only when the request or the weights changed (and, when
// `refresh` is false, only if the slot has never been drawn).
Result<ImTextureID> CachedBoundary(PlaygroundState& s, int slot, const BoundaryRequest& request, uint64_t network,
                                   bool refresh) {
  if (s.slot_keys.size() != static_cast<size_t>(kBoundarySlots)) {
    s.slot_keys.assign(kBoundarySlots, 0);
    s.slot_textures.assign(kBoundarySlots, nullptr);
  }
  const uint64_t key = RequestKey(request, network);
  ImTextureID& texture = s.slot_textures[slot];
  if (texture != nullptr && (s.slot_keys[slot] == key || !refresh)) return Result<ImTextureID>::Ok(texture);
  Result<ImTextureID> drawn = RenderBoundary(slot, request);
  texture = drawn.ok() ? drawn.value() : nullptr;
  s.slot_keys[slot] = drawn.ok() ? key : 0;
  return drawn;
}

// The colour range of a hidden neuron's output, from its activation's range.
void NeuronRange(Activation activation, double* lo, double* hi) {
  *lo = activation == Activation::kSigmoid ? 0.0 : -1.0;
  *hi = 1.0;
}

// The network drawn on screen: the last finite one while training is paused after a divergence.
const Mlp& ShownNetwork(const Playground& m) { return m.diverged ? m.last_finite : m.mlp; }

PlaneRange RangeOf(const Playground& m) {
  double extent = 1.2;
  for (int n = 0; n < m.data.size(); ++n) {
    for (int d = 0; d < m.data.X.rows(); ++d) {
      if (std::isfinite(m.data.X(d, n))) extent = std::max(extent, std::abs(m.data.X(d, n)) * 1.1);
    }
  }
  return PlaneRange{-extent, extent, -extent, extent};
}

BoundaryRequest BaseRequest(const AppState& state, const PlaneRange& range, uint64_t network) {
  const Playground& m = state.playground.model;
  BoundaryRequest request;
  request.mlp = &ShownNetwork(m);
  // The fingerprint changes whenever a weight does: the renderer uploads the weights only then.
  request.weights_version = network | 1;
  request.features = m.config.features;
  request.range = range;
  request.dark = state.dark_theme;
  return request;
}

// The output's colouring: class colours for classification, the diverging map over the targets'
// range for regression.
void OutputColoring(const Playground& m, BoundaryRequest* request) {
  if (m.data.num_classes > 0) return;
  request->coloring = BoundaryColoring::kDiverging;
  request->value_min = m.data.T.size() > 0 ? m.data.T.minCoeff() : -1.0;
  request->value_max = m.data.T.size() > 0 ? m.data.T.maxCoeff() : 1.0;
  if (!(request->value_max > request->value_min)) request->value_max = request->value_min + 1.0;
}

// Every hidden neuron's thumbnail in one texture, drawn again only when the weights, the range or
// the theme changed (and, while training, at most every kThumbnailIntervalMs).
const NeuronAtlas* CachedAtlas(AppState& state, const PlaneRange& range, uint64_t network, bool refresh) {
  PlaygroundState& s = state.playground;
  const Mlp& mlp = ShownNetwork(s.model);
  BoundaryRequest request = BaseRequest(state, range, network);
  request.width = request.height = kThumbPixels;
  request.coloring = BoundaryColoring::kDiverging;
  std::vector<ValueRange> ranges(mlp.layers.size() - 1);
  for (size_t l = 0; l < ranges.size(); ++l) NeuronRange(mlp.layers[l].activation, &ranges[l].min, &ranges[l].max);
  const uint64_t key = RequestKey(request, network);
  const bool have = s.atlas.texture != nullptr && s.atlas.tiles.size() == ranges.size();
  if (have && (key == s.atlas_key || !refresh)) return &s.atlas;
  Result<NeuronAtlas> drawn = RenderNeuronAtlas(request, ranges);
  if (!drawn.ok()) {
    s.render_error = drawn.error();
    s.atlas = NeuronAtlas();
    return nullptr;
  }
  s.atlas = drawn.value();
  s.atlas_key = key;
  return &s.atlas;
}

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
void ColumnControls(PlaygroundState& s, int l, const Column& column, float top, float bottom, float width,
                    float spacing, bool shape_locked, bool act_locked) {
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
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Add a neuron to hidden layer %d (a new network)", l + 1);
    ImGui::EndDisabled();
    ImGui::SameLine(0.0f, Px(2));
    ImGui::BeginDisabled(hidden[l] <= kMinLayerWidth || shape_locked);
    if (ImGui::Button("−", ImVec2(button, button))) {
      std::vector<int> next = hidden;
      --next[l];
      SetHidden(s, next);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove a neuron from hidden layer %d (a new network)", l + 1);
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
          for (size_t i = 0; i < next.activations.size(); ++i) text += (i ? "," : "") + std::string(ActivationName(next.activations[i]));
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
        const float thickness = Px(kMinLineWidth + (kMaxLineWidth - kMinLineWidth) * share);
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
  PlaygroundState& s = state.playground;
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
  const float top = origin.y + button + Px(6);                 // the per-column +/− row
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
    if (InputDimension(m.config.data.kind) == 1 && uses_x2) continue;
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
    if (ImGui::IsItemHovered() && !features_fixed)
      ImGui::SetTooltip("%s: %s (click to turn it %s; a new network)", FeatureTitle(offered[r]), on ? "on" : "off",
                        on ? "off" : "on");
    ImGui::PopID();
    draw->AddRectFilled(a, b, on ? palette.neuron_fill : WithAlpha(palette.neuron_fill, 0.3f), Px(3));
    draw->AddRect(a, b, on ? palette.neuron_outline : WithAlpha(palette.neuron_outline, 0.4f), Px(3), 0,
                  on ? Px(2) : Px(1));
    const char* name = FeatureTitle(offered[r]);
    const ImVec2 text = ImGui::CalcTextSize(name);
    draw->AddText(ImVec2(a.x - text.x - Px(6), c.y - text.y * 0.5f), on ? palette.text : palette.muted_text, name);
    if (!on) draw->AddLine(ImVec2(a.x + Px(4), b.y - Px(4)), ImVec2(b.x - Px(4), a.y + Px(4)), palette.muted_text, Px(1.5f));
  }

  // Hidden neurons: thumbnails of their output over the plane (hover shows one large on the plane).
  const PlaneRange range = RangeOf(m);
  const bool two_d = InputDimension(m.config.data.kind) == 2;
  const uint64_t network = NetworkFingerprint(mlp);
  const double now = NowMs();
  const bool refresh_thumbnails = !s.running || now - s.thumbnails_drawn_at >= kThumbnailIntervalMs;
  if (refresh_thumbnails) s.thumbnails_drawn_at = now;
  const NeuronAtlas* atlas = two_d && hidden_count > 0 ? CachedAtlas(state, range, network, refresh_thumbnails) : nullptr;
  s.shown_layer = -1;
  for (int l = 0; l < hidden_count; ++l) {
    for (int j = 0; j < mlp.layers[l].outputs(); ++j) {
      const ImVec2 c = columns[l + 1].centres[j];
      const ImVec2 a(c.x - thumb * 0.5f, c.y - thumb * 0.5f), b(c.x + thumb * 0.5f, c.y + thumb * 0.5f);
      ImGui::SetCursorScreenPos(a);
      ImGui::PushID(l * kMaxLayerWidth + j + 1000);
      ImGui::InvisibleButton("##neuron", ImVec2(thumb, thumb));
      const bool hovered = ImGui::IsItemHovered();
      ImGui::PopID();
      bool drawn = false;
      if (atlas != nullptr && l < static_cast<int>(atlas->tiles.size()) &&
          j < static_cast<int>(atlas->tiles[l].size())) {
        draw->AddImage(atlas->texture, a, b, atlas->tiles[l][j].uv0, atlas->tiles[l][j].uv1);
        drawn = true;
      }
      if (!drawn) draw->AddRectFilled(a, b, palette.neuron_fill, Px(3));
      draw->AddRect(a, b, hovered ? palette.highlight : palette.neuron_outline, Px(2), 0, hovered ? Px(3) : Px(1.5f));
      if (hovered) {
        s.shown_layer = l;
        s.shown_neuron = j;
        ImGui::SetTooltip("h%s%s, %s: its output over the plane is shown on the right (blue < 0 < orange)",
                          LayerSup(l + 1).c_str(), Sub(j + 1).c_str(), ActivationTitle(mlp.layers[l].activation));
      }
    }
  }

  // The output: the decision image itself.
  {
    const ImVec2 c = columns.back().centres[0];
    const float side = thumb * 1.3f;
    const ImVec2 a(c.x - side * 0.5f, c.y - side * 0.5f), b(c.x + side * 0.5f, c.y + side * 0.5f);
    bool drawn = false;
    if (two_d) {
      BoundaryRequest request = BaseRequest(state, range, network);
      request.width = request.height = kThumbPixels;
      OutputColoring(m, &request);
      Result<ImTextureID> texture = CachedBoundary(s, kOutputSlot, request, network, refresh_thumbnails);
      if (texture.ok()) {
        draw->AddImage(texture.value(), a, b);
        drawn = true;
      }
    }
    if (!drawn) draw->AddRectFilled(a, b, palette.neuron_fill, Px(3));
    draw->AddRect(a, b, palette.neuron_outline, Px(2), 0, Px(2));
    const std::string label = mlp.outputs() > 1 ? std::to_string(mlp.outputs()) + " outputs" : "output";
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    draw->AddText(ImVec2(c.x - w * 0.5f, b.y + Px(4)), palette.text, label.c_str());
  }

  // Per-column controls last, so they sit on top of the drawing.
  const float combo_width = std::min(spacing * 0.92f, Px(110));
  for (int l = 0; controls && l < static_cast<int>(s.settings.hidden.size()) && l < kMaxHiddenLayers; ++l) {
    Column column;
    column.x = l < hidden_count ? columns[l + 1].x : left + spacing * (l + 1);
    ColumnControls(s, l, column, top, bottom_controls, combo_width, spacing, shape_locked, Locked(state, "act"));
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(size);
}

void DrawPlaygroundPlane(AppState& state, ImVec2 size) {
  PlaygroundState& s = state.playground;
  Playground& m = s.model;
  const Mlp& mlp = ShownNetwork(m);
  DataPlaneSpec plane;
  plane.range = RangeOf(m);
  plane.dark = state.dark_theme;
  plane.precision = state.precision;
  SetDataPoints(&plane, m.train);
  if (s.show_test) {
    plane.test_X = &m.test.X;
    plane.test_labels = &m.test.labels;
  }
  if (s.tool == PointTool::kPickForStepper) plane.highlighted = s.step_point;

  const uint64_t network = NetworkFingerprint(mlp);
  BoundaryRequest request = BaseRequest(state, plane.range, network);
  const int pixels = std::clamp(static_cast<int>(std::lround(s.plane_pixels)), 16, s.max_boundary_pixels);
  request.width = request.height = pixels;
  const bool regression = m.data.num_classes == 0;
  if (s.shown_layer >= 0 && s.shown_layer + 1 < static_cast<int>(mlp.layers.size())) {
    request.layer = s.shown_layer;
    request.neuron = s.shown_neuron;
    request.coloring = BoundaryColoring::kDiverging;
    NeuronRange(mlp.layers[s.shown_layer].activation, &request.value_min, &request.value_max);
  } else {
    OutputColoring(m, &request);
  }
  Result<ImTextureID> texture = CachedBoundary(s, kPlaneSlot, request, network, true);
  if (texture.ok()) {
    plane.boundary_texture = texture.value();
    s.render_error.clear();
  } else {
    // Without the GPU image the core's own grid (coarser) keeps the picture.
    s.render_error = texture.error();
    ComputeBoundaryGrid(mlp, &m.config.features, plane.range, kFallbackResolution, &s.fallback_grid);
    plane.boundary = &s.fallback_grid;
  }

  DataPlaneMouse mouse = DrawDataPlane("##playground_plane", plane, size);
  s.plane_pixels = mouse.frame_pixels;
  if (!mouse.clicked) return;
  if (Locked(state, "points") && s.tool != PointTool::kPickForStepper) return;
  Eigen::Vector2d x(mouse.x, mouse.y);
  switch (s.tool) {
    case PointTool::kAddClass: {
      const double label = regression ? s.add_value : (mouse.shift ? 1.0 : static_cast<double>(s.add_class));
      Status status = AddPlaygroundPoint(&m, x, label);
      s.error = status.ok() ? "" : status.error;
      break;
    }
    case PointTool::kRemove: {
      Result<bool> removed = RemovePlaygroundPointNear(&m, x, 0.04 * (plane.range.x_max - plane.range.x_min));
      s.error = removed.ok() ? "" : removed.error();
      break;
    }
    case PointTool::kPickForStepper:
      if (mouse.nearest >= 0) StartPlaygroundStepper(state, mouse.nearest);
      break;
  }
}

}  // namespace bp
