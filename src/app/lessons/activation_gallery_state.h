// The settings of the lesson "Activation functions" (kept in AppState::activation_gallery_lesson)
// and what it shows: the chosen h, a probe value z with h(z) and h'(z), and the pre-activations of
// a small fixed network with that hidden activation, counted by region. All numbers from src/core.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/activation.h"

namespace bp {

struct AppState;

struct ActivationGalleryState {
  Activation selected = Activation::kSigmoid;
  double z = 1.0;                    // the probe: h(z) and h'(z) are shown for it
  double z_min = -5.0, z_max = 5.0;  // the plotted window
  double weight_range = 1.0;         // the small network's weights are drawn from U(−r, r)
  uint64_t seed = 3;
  // The small network's hidden pre-activations, rebuilt when the settings above change.
  bool pending = true;
  std::vector<double> hidden_z;
  int saturated = 0;  // 0 < |h'(z)| < kSaturatedSlope
  int dead = 0;       // h'(z) = 0 exactly
};

// A hidden unit counts as saturated where its slope is this small.
constexpr double kSaturatedSlope = 0.05;

// The activations the gallery offers, in its order.
const std::vector<Activation>& GalleryActivations();
// The parameters the gallery uses for h (PReLU starts at slope 0.25, the usual initial value).
ActivationParams GalleryParams(Activation activation);
// Builds the 2-6-6-1 network (seeded) and records its hidden z on a batch of the two-moons data.
void RebuildGalleryNetwork(ActivationGalleryState& lesson);

// The typed field "z" for the UI and the JS API; false with state.field_error set when refused.
bool SetActivationGalleryField(AppState& state, const std::string& field, const std::string& text);

}  // namespace bp
