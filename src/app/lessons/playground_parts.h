// The playground lesson's parts, shared by its files: the settings applied to the model, the
// network view with neuron thumbnails, the data plane with the shader boundary, the controls.
#pragma once

#include "app/session/app_state.h"
#include "app/lessons/playground_state.h"
#include "imgui.h"

namespace bp {

// Applies the learner's settings to the model in one place: builds it when asked, otherwise
// ApplyPlaygroundConfig (which says whether the network was kept). A refused setting is reverted
// and explained in state.error.
void ApplyPlaygroundSettings(PlaygroundState& s);
// Opens the stepper on a copy of the current network and training point `point`.
void StartPlaygroundStepper(AppState& state, int point);

// The network: feature toggles, hidden layers as columns of neuron thumbnails with +/− buttons and
// an activation per layer, the outputs, and connections coloured by sign and sized by |w|.
void DrawPlaygroundNetwork(AppState& state, ImVec2 size);
// The network drawn on screen: the last finite one while training is paused after a divergence.
const Mlp& ShownNetwork(const Playground& m);

// The thumbnails' images for this frame (playground_images.cpp): every hidden neuron's output in
// one atlas, and the output's image (null where there is none, e.g. 1-D data).
struct PlaygroundImages {
  const NeuronAtlas* atlas = nullptr;
  ImTextureID output = nullptr;
};
PlaygroundImages DrawPlaygroundThumbnails(AppState& state);

// The data plane with the GPU-rendered decision boundary (or the hovered neuron's output) and the
// points on top; clicks add or remove points or pick one for the stepper.
void DrawPlaygroundPlane(AppState& state, ImVec2 size);
// What a click on the plane does at x with the chosen tool (playground_state.h: PointTool): adds a
// point (Shift: of class 1), removes the nearest one, or opens the stepper on training point
// `nearest`. The keyboard's typed point does the same.
void ApplyPointTool(AppState& state, const Eigen::Vector2d& x, bool shift, int nearest);
// The side panel's settings: data, features, network, training.
void DrawPlaygroundControls(AppState& state);

}  // namespace bp
