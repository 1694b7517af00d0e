// The playground lesson's parts, shared by its files: the settings applied to the model, the
// network view with neuron thumbnails, the data plane with the shader boundary, the controls.
#pragma once

#include "app/lessons/playground_state.h"
#include "app/session/app_state.h"
#include "app/session/boundary.h"
#include "app/widgets/data_plane.h"
#include "imgui.h"

namespace bp {

// The images the playground's canvas keeps between frames (a lesson state of its own, next to
// PlaygroundState): texture slots, the thumbnails' atlas and the CPU fallback grid.
struct PlaygroundImageCache {
  // What each texture slot last showed (a hash of the request and the weights): a slot is drawn
  // again only when that changes, so a paused playground costs the GPU nothing.
  std::vector<uint64_t> slot_keys;
  std::vector<ImTextureID> slot_textures;
  double thumbnails_drawn_at = -1.0;  // ms clock of the last thumbnail refresh while training
  NeuronAtlas atlas;                  // every hidden neuron's thumbnail, in one texture
  uint64_t atlas_key = 0;
  BoundaryGrid fallback_grid;
};

// The network: feature toggles, hidden layers as columns of neuron thumbnails with +/− buttons and
// an activation per layer, the outputs, and connections coloured by sign and sized by |w|.
void DrawPlaygroundNetwork(AppState& state, ImVec2 size);

// The thumbnails' images for this frame (playground_images.cpp): every hidden neuron's output in
// one atlas, and the output's image (null where there is none, e.g. 1-D data).
struct PlaygroundImages {
  const NeuronAtlas* atlas = nullptr;
  ImTextureID output = nullptr;
};
PlaygroundImages DrawPlaygroundThumbnails(AppState& state);
// The colour range of a hidden neuron's images, from its activation's range: the lowest value is
// drawn in the palette's negative orange, the highest in its positive blue, the middle near-white.
void PlaygroundNeuronRange(Activation activation, double* lo, double* hi);

// The data plane with the GPU-rendered decision boundary (or the hovered neuron's output) and the
// points on top; clicks add or remove points or pick one for the stepper.
void DrawPlaygroundPlane(AppState& state, ImVec2 size);
// What a click on the plane does at x with the chosen tool (playground_state.h: PointTool): adds a
// point (Shift: of class 1), removes the nearest one, or opens the stepper on training point
// `nearest`. The keyboard's typed point does the same.
void ApplyPointTool(AppState& state, const Eigen::Vector2d& x, bool shift, int nearest);
// The hover read-out over the plane: the point, the network's output there (probabilities per class,
// or the value), and the class it gives.
std::string OutputReadout(const AppState& state, const Eigen::Vector2d& x);
// The side panel's settings: data, features, network, training.
void DrawPlaygroundControls(AppState& state);
// The training and test sets' confusion matrices (classification), from the current metrics.
void DrawConfusionMatrices(AppState& state);

}  // namespace bp
