// The decision boundary's shader programs, one per network shape (platform-internal, used by
// boundary_gl.cpp): the network's part of the fragment shader written out for its layer sizes,
// activations and input features, the layout of its numbers in the uniform block the programs
// share, and a small cache of compiled programs.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "platform/boundary_renderer.h"
#include "platform/gl.h"

namespace bp {

// The uniform block NetworkNumbers (shaders/boundary_fragment.glsl): the largest network (7
// features, 8 layers of 16, 16 outputs) takes 12 + 16·8 + 7·16·17 + 16·17 = 2316 floats, 579
// vec4s, 9264 bytes, within the 16384 bytes every WebGL2 and OpenGL 3.3 implementation allows a
// uniform block (GL_MAX_UNIFORM_BLOCK_SIZE), so every network the checks accept fits. Plain
// uniforms might not: WebGL2 promises only 224 fragment uniform vectors. And the block is shared:
// all of a network's programs read one upload.
constexpr int kNetworkVectorsMax = 579;
constexpr GLuint kNetworkBinding = 0;

// The uniforms of the image (not of the network).
struct BoundaryUniforms {
  GLint origin = -1, step = -1, cell_origin = -1, cell_stride = -1, gutter = -1, neuron = -1, mode = -1;
  GLint value_min = -1, value_max = -1, class_color = -1, background = -1, class_strength = -1;
  GLint negative = -1, middle = -1, positive = -1;
};

struct BoundaryProgram {
  std::string shape;  // NetworkShape(): what the program was written for
  GLuint program = 0;
  BoundaryUniforms uniforms;
  std::string failure;  // why it could not be built: every later request gets the same sentence
  std::uint64_t last_used = 0;
};

// The shape a program depends on: the features and each layer's size and activation through
// `last_layer` (not the weights, nor the slopes and alphas: those are numbers in the block).
std::string NetworkShape(const Mlp& mlp, const FeatureSet& features, int last_layer);

// Every number of `mlp` in the order the programs read them, 4 floats per vec4 (the layout is
// described in boundary_program.cpp). The same for every last layer, so all of a network's
// programs share one upload.
std::vector<float> NetworkNumbers(const Mlp& mlp);
// Its length in vec4s (NetworkNumbers(mlp).size() / 4), at most kNetworkVectorsMax.
int NetworkVectors(const Mlp& mlp);

// The program for `mlp` through `last_layer`, compiled on first use. The last kProgramCacheSize
// shapes used are kept; a failure to build is remembered with its shape. Needs a GL context.
constexpr int kProgramCacheSize = 16;
Result<const BoundaryProgram*> FindBoundaryProgram(const Mlp& mlp, const FeatureSet& features, int last_layer);

// The second pass, shaders/boundary_unpack_fragment.glsl: spreads the packed image (four pixels
// to an RGBA32UI texel, read from texture unit 0) into the RGBA8 image. Compiled on first use.
Result<GLuint> FindUnpackProgram();

// How many image pixels one packed texel holds (shaders/boundary_fragment.glsl).
constexpr int kPixelsPerTexel = 4;

}  // namespace bp
