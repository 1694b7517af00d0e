// The decision boundary (and each hidden neuron's output) evaluated per pixel on the GPU by the
// fragment shader in shaders/boundary_fragment.glsl, from the network's weights uploaded to a
// uniform block: what the app asks for and what it gets back (a texture to draw with ImGui::Image,
// or read-back values). The app asks through AppState::platform (session/platform.h); the platform
// layer (src/platform/boundary_*.cpp) owns the GL objects and answers. The shader implements the core's activations
// with the same formulas (single precision); a test compares its read-back values with the core's Predict.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/dataset.h"
#include "core/mlp.h"
#include "core/result.h"

namespace bp {

// The rectangle of the plane shown, in data coordinates.
struct PlaneRange {
  double x_min = -1.2, x_max = 1.2;
  double y_min = -1.2, y_max = 1.2;
};

// A texture the platform made, as ImGui draws it (ImGui 1.86's TextureHandle is a void*).
using TextureHandle = void*;

// How a value becomes a colour.
enum class BoundaryColoring {
  kClasses,    // one output: p(class 1) (sigmoid p, tanh (a + 1) / 2); K outputs: softmax argmax.
               // The winning class's colour, intensity = confidence (0.5 or 1/K: background).
  kDiverging,  // regression output or a hidden neuron: value mapped to a diverging blue-white-orange
               // map over [value_min, value_max] (value_min: the palette's negative orange, the
               // middle: near-white, value_max: the positive blue; clamped beyond). K outputs: the first.
};

// The data point at the centre of pixel (column, row) of a width x height image over `range`,
// row 0 at the top: x1 = x_min + (column + 0.5) (x_max - x_min) / width,
// x2 = y_max - (row + 0.5) (y_max - y_min) / height. The shader uses the same mapping.
inline Eigen::Vector2d BoundaryPixelCenter(const PlaneRange& range, int width, int height, int column, int row) {
  return Eigen::Vector2d(range.x_min + (column + 0.5) * (range.x_max - range.x_min) / width,
                         range.y_max - (row + 0.5) * (range.y_max - range.y_min) / height);
}

// The largest network the shader evaluates (the playground's limits: 7 features, 8 hidden layers
// of 16, up to 6 outputs).
constexpr int kShaderMaxWidth = 16;
constexpr int kShaderMaxLayers = 9;

struct BoundaryRequest {
  const Mlp* mlp = nullptr;       // must be finite (AllFinite), within the limits above
  FeatureSet features;            // applied to (x1, x2) per pixel exactly as ApplyFeatures does
  PlaneRange range;               // data coordinates covered by the image; row 0 at the TOP (y_max)
  int width = 256, height = 256;  // evaluation points (texture size), 1..2048
  int layer = -1;                 // -1: the network's output; else the activation of hidden `layer`
  int neuron = 0;                 //     neuron `neuron` (Mlp layer index, 0-based; the last index,
                                  //     the output layer, gives one output neuron alone)
  BoundaryColoring coloring = BoundaryColoring::kClasses;
  double value_min = -1.0, value_max = 1.0;  // kDiverging and ProbeBoundary: finite, min < max
  bool dark = true;                          // theme: class and sign colours from palette.h, background = the
                                             // theme's ImGui window background
  // Which weights `mlp` holds, so that they are uploaded to the GPU once, not once per image:
  // 0 means unknown (uploaded every call); any other number promises that a request with the
  // same `mlp` pointer and the same number has the same weights, biases, slopes and alphas. A
  // caller bumps it whenever it changes any of them (a training step, a reset, an edit).
  std::uint64_t weights_version = 0;
};

// PlatformCallbacks::render_boundary renders the image into texture `slot` (0..kBoundarySlots-1;
// each slot keeps its own texture, e.g. slot 0 the main plane, slots 1.. the neuron thumbnails) and
// returns it for ImGui::Image. An unfit request (non-finite weights, too big, no GL) is an error in
// words and draws nothing.
constexpr int kBoundarySlots = 160;

// For the shader/core comparison (PlatformCallbacks::probe_boundary): renders `request` in raw mode (no colours)
// offscreen and reads the values back: per pixel, row-major from the top row, the first `channels` values, where the
// channels are the network's outputs (sigmoid/softmax probabilities or, for a hidden neuron, its
// activation) encoded as (v - value_min) / (value_max - value_min) in 8 bits, decoded back to
// the value range. channels = min(4, outputs) (1 for a hidden neuron).
struct BoundaryProbe {
  int width = 0, height = 0, channels = 0;
  std::vector<double> values;  // width * height * channels; NaN where the shader found a non-finite value
  double quantum = 0.0;        // (value_max - value_min) / 255: one colour step
  // Pixels the shader found non-finite (drawn grey). Known when channels < 4 (the alpha channel
  // carries the flag); -1 when all four channels hold values.
  int invalid_pixels = -1;
};

// Every hidden neuron's thumbnail in one texture (PlatformCallbacks::render_neuron_atlas), drawn with
// one draw per hidden layer instead of one per neuron (on a GPU emulated on the CPU each draw has a
// cost of its own). The request is as for render_boundary, with width x height one thumbnail's evaluation points;
// `layer`, `neuron` and `coloring` are ignored (kDiverging), and hidden layer l's values map to the colours over
// layer_ranges[l] (missing entries: value_min .. value_max). Tile (l, j) shows the same picture as render_boundary with
// layer l, neuron j; draw it with ImGui::Image(atlas.texture, size, atlas.tiles[l][j].uv0, atlas.tiles[l][j].uv1).
struct ValueRange {
  double min = -1.0, max = 1.0;
};
struct TexturePoint {
  float x = 0.0f, y = 0.0f;
};
struct NeuronTile {
  TexturePoint uv0, uv1;
};
struct NeuronAtlas {
  TextureHandle texture = nullptr;
  std::vector<std::vector<NeuronTile>> tiles;  // [hidden layer][neuron]
};

// For the atlas/core comparison (PlatformCallbacks::probe_neuron_atlas): the atlas drawn in raw mode
// (request.value_min .. value_max for every layer) and read back; the answer is tile (request.layer,
// request.neuron) alone, in probe_boundary's form.

}  // namespace bp
