// The decision boundary's request checks (platform-internal, used by boundary_gl.cpp): the
// network, the image and the value range a request asks for, turned into a sentence when unfit.
#pragma once

#include "platform/boundary_renderer.h"

namespace bp {

// The largest image side (texture) the boundary draws.
constexpr int kMaxImageSize = 2048;

// The last layer the shader evaluates: the asked-for hidden layer, or the output layer.
int LastLayer(const BoundaryRequest& request);

// Everything RenderBoundary needs to be true before it touches GL, in words.
Status CheckRequest(const BoundaryRequest& request, bool needs_value_range);

}  // namespace bp
