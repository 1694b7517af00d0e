// The lesson "Gradient descent on a loss surface" (loss_surface.cpp draws it, loss_surface_api.cpp
// answers its commands): its settings, the four optimizers' paths on the surface and the shading.
#pragma once

#include <string>

#include "app/widgets/data_plane.h"
#include "core/loss_surface.h"

namespace bp {

struct AppState;

// The four optimizers, in the order of the paths and the checkboxes.
constexpr int kRunners = 4;
const char* const kRunnerNames[kRunners] = {"gd", "sgd", "momentum", "adam"};
const char* const kRunnerTitles[kRunners] = {"Gradient descent", "SGD, minibatches", "Momentum", "Adam"};
constexpr int kMaxLessonSteps = 1000;
constexpr int kImageSize = 96;     // cells per side of the shaded surface
constexpr int kRevealFrames = 90;  // Replay draws the paths over about this many frames

struct SurfaceLessonState {
  SurfaceProblem problem = SurfaceProblem::kBowl;
  Eigen::Vector2d start = SurfaceDefaultStart(SurfaceProblem::kBowl);
  OptimizerConfig optimizer = [] {
    OptimizerConfig c;
    c.learning_rate = 0.5;
    return c;
  }();
  double batch = 2;
  double steps = 100;
  bool show[kRunners] = {true, true, true, true};
  InitScheme init = InitScheme::kXavier;
  uint64_t init_seed = 0;
  // Computed in the update from the settings above whenever `dirty`.
  bool dirty = true;
  SurfacePath paths[kRunners];
  std::string errors[kRunners];
  ColorImage image;
  double image_low = 0.0, image_high = 0.0;  // log₁₀ J at the darkest and lightest colour
  int shown = 0;                             // steps drawn (Replay counts up)
  // What the image was shaded for: the surface depends on the problem and the penalties only, so
  // moving the start or changing η re-runs the paths without shading 96² points again.
  bool image_dark = true;
  SurfaceProblem image_problem = SurfaceProblem::kBowl;
  double image_l1 = -1.0, image_l2 = -1.0;
};

// The shading and the four paths, from the settings (clears `dirty`; the paths are drawn in full).
void RecomputeSurface(SurfaceLessonState& s, bool dark);
// A start drawn by the chosen initialisation scheme, with the next seed.
void RandomSurfaceStart(SurfaceLessonState& s);

// The lesson's row functions (loss_surface.cpp).
void LossSurfaceUpdate(AppState& state);
void LossSurfaceCanvas(AppState& state);
void LossSurfacePanel(AppState& state);

}  // namespace bp
