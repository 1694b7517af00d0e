// Every hidden neuron's thumbnail in one image (app/boundary_renderer.h, RenderNeuronAtlas):
// hidden layer l is row l of the atlas, its neurons side by side, one draw per layer instead of
// one per neuron. Drawn by boundary_gl.cpp's DrawImage.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

#include "platform/boundary_checks.h"
#include "platform/boundary_draw.h"
#include "platform/boundary_renderer.h"

namespace bp {

namespace {

// Around each thumbnail: its own function continued, so that linear filtering at a tile's edge
// never mixes in the neighbour's picture.
constexpr int kAtlasGutter = 1;

// Hidden layer l is row l, its neuron j cell j of the row.
struct AtlasLayout {
  int layers = 0, cell_width = 0, cell_height = 0, width = 0, height = 0;
};

AtlasLayout LayoutAtlas(const BoundaryRequest& request) {
  AtlasLayout layout;
  layout.layers = static_cast<int>(request.mlp->layers.size()) - 1;
  layout.cell_width = request.width + 2 * kAtlasGutter;
  layout.cell_height = request.height + 2 * kAtlasGutter;
  int widest = 0;
  for (int l = 0; l < layout.layers; ++l) widest = std::max(widest, request.mlp->layers[l].outputs());
  layout.width = widest * layout.cell_width;
  layout.height = layout.layers * layout.cell_height;
  return layout;
}

// `request` (its layer -1) and the layers' value ranges, in words when unfit.
Status CheckAtlas(const BoundaryRequest& request, const std::vector<ValueRange>& layer_ranges) {
  const bool needs_value_range = request.mlp == nullptr || layer_ranges.size() + 1 < request.mlp->layers.size();
  Status status = CheckRequest(request, needs_value_range);
  if (!status.ok()) return status;
  for (const ValueRange& range : layer_ranges) {
    if (!(std::isfinite(range.min) && std::isfinite(range.max) && range.min < range.max)) {
      return Status::Error("each layer's value range must be two finite numbers with min < max");
    }
  }
  const AtlasLayout layout = LayoutAtlas(request);
  if (layout.width > kMaxImageSize || layout.height > kMaxImageSize) {
    return Status::Error("the neuron thumbnails of " + std::to_string(request.width) + "x" +
                         std::to_string(request.height) + " do not fit one " + std::to_string(kMaxImageSize) +
                         "-pixel image; make them smaller");
  }
  return Status::Ok();
}

// One draw per hidden layer: its row of cells, with its value range.
std::vector<CellsDraw> AtlasDraws(const BoundaryRequest& request, const std::vector<ValueRange>& layer_ranges) {
  const AtlasLayout layout = LayoutAtlas(request);
  std::vector<CellsDraw> draws;
  for (int l = 0; l < layout.layers; ++l) {
    CellsDraw draw{request, l, Cells()};
    draw.request.layer = l;
    if (static_cast<std::size_t>(l) < layer_ranges.size()) {
      draw.request.value_min = layer_ranges[l].min;
      draw.request.value_max = layer_ranges[l].max;
    }
    draw.cells.y = l * layout.cell_height;
    draw.cells.width = request.mlp->layers[l].outputs() * layout.cell_width;
    draw.cells.height = layout.cell_height;
    draw.cells.stride = static_cast<float>(layout.cell_width);
    draw.cells.gutter = static_cast<float>(kAtlasGutter);
    draw.cells.neuron = 0;
    draws.push_back(draw);
  }
  return draws;
}

}  // namespace

Result<NeuronAtlas> RenderNeuronAtlas(const BoundaryRequest& request, const std::vector<ValueRange>& layer_ranges) {
  BoundaryRequest neurons = request;
  neurons.layer = -1;
  neurons.coloring = BoundaryColoring::kDiverging;
  Status status = CheckAtlas(neurons, layer_ranges);
  if (!status.ok()) return Result<NeuronAtlas>::Error(status.error);
  const AtlasLayout layout = LayoutAtlas(neurons);
  NeuronAtlas atlas;
  if (layout.layers == 0) return Result<NeuronAtlas>::Ok(atlas);  // no hidden layer: nothing to draw
  Target& target = AtlasTarget();
  status = DrawImage(AtlasDraws(neurons, layer_ranges), ShaderMode::kDiverging, layout.width, layout.height, &target,
                     nullptr);
  if (!status.ok()) return Result<NeuronAtlas>::Error(status.error);
  atlas.texture = TextureOf(target);
  atlas.tiles.resize(static_cast<std::size_t>(layout.layers));
  const float width = static_cast<float>(layout.width), height = static_cast<float>(layout.height);
  for (int l = 0; l < layout.layers; ++l) {
    for (int j = 0; j < neurons.mlp->layers[l].outputs(); ++j) {
      const float x = static_cast<float>(j * layout.cell_width + kAtlasGutter);
      const float y = static_cast<float>(l * layout.cell_height + kAtlasGutter);
      atlas.tiles[l].push_back(NeuronTile{TexturePoint{x / width, y / height},
                                          TexturePoint{(x + neurons.width) / width, (y + neurons.height) / height}});
    }
  }
  return Result<NeuronAtlas>::Ok(std::move(atlas));
}

Result<BoundaryProbe> ProbeNeuronAtlas(const BoundaryRequest& request) {
  Status status = CheckRequest(request, /*needs_value_range=*/true);
  const int hidden = status.ok() ? static_cast<int>(request.mlp->layers.size()) - 1 : 0;
  if (status.ok() && (request.layer < 0 || request.layer >= hidden)) {
    status =
        Status::Error(hidden == 0 ? std::string("the network has no hidden layer to show in a neuron atlas")
                                  : "the neuron atlas holds the hidden layers, 0 to " + std::to_string(hidden - 1) +
                                        ", not layer " + std::to_string(request.layer));
  }
  BoundaryRequest neurons = request;
  neurons.layer = -1;
  if (status.ok()) status = CheckAtlas(neurons, {});
  if (!status.ok()) return Result<BoundaryProbe>::Error(status.error);
  const AtlasLayout layout = LayoutAtlas(neurons);
  std::vector<std::uint8_t> pixels;
  status = DrawImage(AtlasDraws(neurons, {}), ShaderMode::kRaw, layout.width, layout.height, &ProbeTarget(), &pixels);
  if (!status.ok()) return Result<BoundaryProbe>::Error(status.error);
  // The tile of (layer, neuron), its top row first.
  std::vector<std::uint8_t> tile;
  const int x = request.neuron * layout.cell_width + kAtlasGutter;
  for (int row = 0; row < request.height; ++row) {
    const int y = request.layer * layout.cell_height + kAtlasGutter + row;
    const auto first = pixels.begin() + (static_cast<std::ptrdiff_t>(y) * layout.width + x) * 4;
    tile.insert(tile.end(), first, first + static_cast<std::ptrdiff_t>(request.width) * 4);
  }
  return Result<BoundaryProbe>::Ok(DecodeProbe(request, tile));
}

}  // namespace bp
