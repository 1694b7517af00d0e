// The playground's GPU images: the data plane with the decision boundary (or the hovered neuron's
// output) rendered per pixel by the shader (app/session/boundary.h, through AppState::platform), the neuron thumbnails'
// atlas and the output thumbnail, each drawn again only when the weights, the range or the theme change.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>

#include "app/lessons/playground_parts.h"
#include "app/session/boundary.h"
#include "app/session/format.h"
#include "app/session/hide_lock.h"
#include "app/widgets/data_plane.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr int kThumbPixels = 40;         // evaluation points per thumbnail side
constexpr int kFallbackResolution = 64;  // the CPU grid used when the GPU image cannot be drawn
constexpr int kPlaneSlot = 0;
constexpr int kOutputSlot = 1;  // the output's thumbnail (the hidden ones share one atlas)
// While training, the thumbnails are redrawn at most this often (the main boundary every frame):
// they are small and at the edge of the eye, and each one costs a GPU pass.
constexpr double kThumbnailIntervalMs = 250.0;

// A thumbnail's side: kThumbPixels, halved with each step of the boundary's reduction (at least 10).
int ThumbPixels(const PlaygroundState& s) {
  return s.running ? std::max(10, kThumbPixels >> s.boundary_reduction) : kThumbPixels;
}

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
Result<ImTextureID> CachedBoundary(const PlatformCallbacks& platform, PlaygroundImageCache& s, int slot,
                                   const BoundaryRequest& request, uint64_t network, bool refresh) {
  if (s.slot_keys.size() != static_cast<size_t>(kBoundarySlots)) {
    s.slot_keys.assign(kBoundarySlots, 0);
    s.slot_textures.assign(kBoundarySlots, nullptr);
  }
  const uint64_t key = RequestKey(request, network);
  ImTextureID& texture = s.slot_textures[slot];
  if (texture != nullptr && (s.slot_keys[slot] == key || !refresh)) return Result<ImTextureID>::Ok(texture);
  Result<ImTextureID> drawn = platform.render_boundary != nullptr ? platform.render_boundary(slot, request)
                                                                  : Result<ImTextureID>::Error(kNoRenderer);
  texture = drawn.ok() ? drawn.value() : nullptr;
  s.slot_keys[slot] = drawn.ok() ? key : 0;
  return drawn;
}

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
  const Playground& m = state.lesson_states.Get<PlaygroundState>().model;
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
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  const Mlp& mlp = ShownNetwork(s.model);
  BoundaryRequest request = BaseRequest(state, range, network);
  request.width = request.height = ThumbPixels(s);
  request.coloring = BoundaryColoring::kDiverging;
  std::vector<ValueRange> ranges(mlp.layers.size() - 1);
  for (size_t l = 0; l < ranges.size(); ++l)
    PlaygroundNeuronRange(mlp.layers[l].activation, &ranges[l].min, &ranges[l].max);
  const uint64_t key = RequestKey(request, network);
  PlaygroundImageCache& cache = state.lesson_states.Get<PlaygroundImageCache>();
  const bool have = cache.atlas.texture != nullptr && cache.atlas.tiles.size() == ranges.size();
  if (have && (key == cache.atlas_key || !refresh)) return &cache.atlas;
  Result<NeuronAtlas> drawn = state.platform.render_neuron_atlas != nullptr
                                  ? state.platform.render_neuron_atlas(request, ranges)
                                  : Result<NeuronAtlas>::Error(kNoRenderer);
  if (!drawn.ok()) {
    s.render_error = drawn.error();
    cache.atlas = NeuronAtlas();
    return nullptr;
  }
  cache.atlas = drawn.value();
  cache.atlas_key = key;
  return &cache.atlas;
}

}  // namespace

int BoundaryPixels(const PlaygroundState& s) {
  const int full = std::clamp(static_cast<int>(std::lround(s.plane_pixels)), 16, s.max_boundary_pixels);
  if (!s.running || s.boundary_reduction == 0) return full;
  return std::max(std::min(full, 32), full >> s.boundary_reduction);
}

void PlaygroundNeuronRange(Activation activation, double* lo, double* hi) {
  *lo = activation == Activation::kSigmoid ? 0.0 : -1.0;
  *hi = 1.0;
}

PlaygroundImages DrawPlaygroundThumbnails(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  const Playground& m = s.model;
  const Mlp& mlp = ShownNetwork(m);
  PlaygroundImages images;
  if (InputDimension(m.config.data) != 2) return images;
  const PlaneRange range = RangeOf(m);
  const uint64_t network = NetworkFingerprint(mlp);
  const double now = NowMs();
  PlaygroundImageCache& cache = state.lesson_states.Get<PlaygroundImageCache>();
  const int reduction = s.running ? s.boundary_reduction : 0;
  const bool refresh = !s.running || now - cache.thumbnails_drawn_at >= kThumbnailIntervalMs * (1 << reduction);
  if (refresh) cache.thumbnails_drawn_at = now;
  if (mlp.layers.size() > 1) images.atlas = CachedAtlas(state, range, network, refresh);
  BoundaryRequest request = BaseRequest(state, range, network);
  request.width = request.height = ThumbPixels(s);
  OutputColoring(m, &request);
  Result<ImTextureID> output = CachedBoundary(state.platform, state.lesson_states.Get<PlaygroundImageCache>(),
                                              kOutputSlot, request, network, refresh);
  if (output.ok()) images.output = output.value();
  return images;
}

void DrawPlaygroundPlane(AppState& state, ImVec2 size) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
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
  request.width = request.height = BoundaryPixels(s);
  if (s.shown_layer >= 0 && s.shown_layer + 1 < static_cast<int>(mlp.layers.size())) {
    request.layer = s.shown_layer;
    request.neuron = s.shown_neuron;
    request.coloring = BoundaryColoring::kDiverging;
    PlaygroundNeuronRange(mlp.layers[s.shown_layer].activation, &request.value_min, &request.value_max);
  } else {
    OutputColoring(m, &request);
  }
  Result<ImTextureID> texture = CachedBoundary(state.platform, state.lesson_states.Get<PlaygroundImageCache>(),
                                               kPlaneSlot, request, network, true);
  if (texture.ok()) {
    plane.boundary_texture = texture.value();
    s.render_error.clear();
  } else {
    // Without the GPU image the core's own grid (coarser) keeps the picture.
    s.render_error = texture.error();
    BoundaryGrid& grid = state.lesson_states.Get<PlaygroundImageCache>().fallback_grid;
    ComputeBoundaryGrid(mlp, &m.config.features, plane.range, kFallbackResolution, &grid);
    plane.boundary = &grid;
  }

  DataPlaneMouse mouse = DrawDataPlane("##playground_plane", plane, size);
  s.plane_pixels = mouse.frame_pixels;
  if (mouse.clicked) ApplyPointTool(state, Eigen::Vector2d(mouse.x, mouse.y), mouse.shift, mouse.nearest);
  if (mouse.hovered) ImGui::SetTooltip("%s", OutputReadout(state, Eigen::Vector2d(mouse.x, mouse.y)).c_str());
}

std::string OutputReadout(const AppState& state, const Eigen::Vector2d& x) {
  const Playground& m = state.lesson_states.Get<PlaygroundState>().model;
  const int digits = std::min(state.precision, 4);
  const PlaneOutput out = OutputAt(m, x);
  std::string text = "x" + Sub(1) + " = " + Num(x(0), digits) + ", x" + Sub(2) + " = " + Num(x(1), digits);
  switch (m.head) {
    case OutputHead::kSigmoidBce: text += "\nP(class 1) = " + Num(out.output(0), state.precision); break;
    case OutputHead::kSoftmaxCe:
      for (int k = 0; k < out.output.size(); ++k) {
        text += "\nP(class " + std::to_string(k) + ") = " + Num(out.output(k), state.precision);
      }
      break;
    case OutputHead::kTanhSquared:
      text += "\noutput a = " + Num(out.output(0), state.precision) + " (class 1 above 0)";
      break;
    default: text += "\nŷ = " + Num(out.output(0), state.precision); break;
  }
  if (out.given >= 0) text += "\n→ class " + std::to_string(out.given);
  return text;
}

void ApplyPointTool(AppState& state, const Eigen::Vector2d& x, bool shift, int nearest) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  Playground& m = s.model;
  if (Locked(state, "points") && s.tool != PointTool::kPickForStepper) return;
  switch (s.tool) {
    case PointTool::kAddClass: {
      const bool regression = m.data.num_classes == 0;
      const double label = regression ? s.add_value : (shift ? 1.0 : static_cast<double>(s.add_class));
      Status status = AddPlaygroundPoint(&m, x, label);
      s.error = status.ok() ? "" : status.error;
      break;
    }
    case PointTool::kRemove: {
      const PlaneRange range = RangeOf(m);
      Result<bool> removed = RemovePlaygroundPointNear(&m, x, 0.04 * (range.x_max - range.x_min));
      s.error = removed.ok() ? "" : removed.error();
      break;
    }
    case PointTool::kPickForStepper:
      if (nearest >= 0) StartPlaygroundStepper(state, nearest);
      break;
  }
}

}  // namespace bp
