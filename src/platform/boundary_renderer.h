// The platform's boundary renderer (src/platform/boundary_*.cpp): the four answers the app asks for
// through AppState::platform (app/session/platform.h), which main.cpp fills with these functions.
// The shader implements the core's activations with the same formulas (single precision); a test
// compares its read-back values with the core's Predict.
#pragma once

#include <vector>

#include "app/session/boundary.h"

namespace bp {

Result<TextureHandle> RenderBoundary(int slot, const BoundaryRequest& request);
Result<BoundaryProbe> ProbeBoundary(const BoundaryRequest& request);
Result<NeuronAtlas> RenderNeuronAtlas(const BoundaryRequest& request, const std::vector<ValueRange>& layer_ranges);
Result<BoundaryProbe> ProbeNeuronAtlas(const BoundaryRequest& request);

}  // namespace bp
