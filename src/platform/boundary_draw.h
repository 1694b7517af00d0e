// The decision boundary's drawing, shared by boundary_gl.cpp (one image per request) and
// boundary_atlas.cpp (every hidden neuron in one image); platform-internal.
#pragma once

#include <cstdint>
#include <vector>

#include "platform/boundary_renderer.h"
#include "platform/gl.h"

namespace bp {

// The shader's output modes (u_mode in shaders/boundary_fragment.glsl).
enum class ShaderMode { kRaw = 0, kClasses = 1, kDiverging = 2 };

// An image the shaders draw into: a texture attached to its own framebuffer (RGBA8 for an image,
// RGBA32UI for the packed first pass).
struct Target {
  GLuint texture = 0;
  GLuint framebuffer = 0;
  int width = 0, height = 0;
  // The framebuffer was found complete once: a later size of the same format (2048 at most, which
  // WebGL2 always allows) is too, so resizing (the playground lowers the resolution of a slow
  // image while training) does not ask the GPU again and wait for its answer.
  bool checked = false;
};
Target& SlotTarget(int slot);  // 0 .. kBoundarySlots-1
Target& ProbeTarget();
Target& AtlasTarget();
TextureHandle TextureOf(const Target& target);

// Where an image's cells lie in it, in its pixels (shaders/boundary_fragment.glsl, main()): a
// plain image is one cell filling the viewport; a row of thumbnails is cells `stride` pixels
// apart, each with `gutter` pixels around it, the first showing `neuron`, the next neuron + 1, ...
struct Cells {
  int x = 0, y = 0, width = 0, height = 0;  // the viewport; x a multiple of kPixelsPerTexel
  float stride = 0.0f;
  float gutter = 0.0f;
  int neuron = -1;  // -1: the last layer's outputs
};

// One draw of the first pass: `request`'s network through `last_layer` over `cells`.
struct CellsDraw {
  BoundaryRequest request;
  int last_layer = 0;
  Cells cells;
};

// Draws `draws` (checked requests) into a width x height image in `target`, and reads it back
// into `pixels` when given (RGBA8, row 0 = the image's top row: the shader puts y_max at
// gl_FragCoord.y = 0.5, which is also where ImGui::Image's uv (0, 0) samples). Restores the
// caller's GL state in every case.
Status DrawImage(const std::vector<CellsDraw>& draws, ShaderMode mode, int width, int height, Target* target,
                 std::vector<std::uint8_t>* pixels);

// A raw-mode image read back (request.width x request.height, top row first) as ProbeBoundary's values.
BoundaryProbe DecodeProbe(const BoundaryRequest& request, const std::vector<std::uint8_t>& pixels);

}  // namespace bp
