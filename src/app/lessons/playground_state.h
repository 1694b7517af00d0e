// The playground's state (a lesson state, see app/session/lesson.h): the learner's settings, the
// core's Playground model built from them, what the canvas shows (the point tool, the neuron under
// the mouse, the stepper view) and the frame timing the speed read-out and the benchmark use. No
// drawing here: the images the canvas keeps are in playground_parts.h (PlaygroundImageCache).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/session/app_state.h"
#include "core/own_data.h"
#include "core/playground.h"

namespace bp {

constexpr int kStepperSamples = 12;  // training points offered in the stepper's sample list

// What a click on the data plane does.
enum class PointTool { kAddClass, kRemove, kPickForStepper };

struct PlaygroundState {
  // The settings the controls edit. When they differ from model.config, the update hook applies
  // them (ApplyPlaygroundConfig) in one place and says what was reset.
  PlaygroundConfig settings = MakeDefaultPlaygroundConfig();
  bool rebuild = true;  // build the model from `settings` from scratch (first open, "New network")
  Playground model;
  bool built = false;
  std::string error;   // a refused setting or a failed build, in words
  std::string notice;  // what the last change did ("The shape changed: a new network ...")

  bool running = false;
  int epochs_per_frame = 1;  // the speed control; a time budget bounds it too
  bool show_test = true;
  PointTool tool = PointTool::kAddClass;
  int add_class = 0;                      // the class a click adds (Shift+click adds class 1)
  double add_value = 0.5;                 // regression: the target a click adds
  double typed_x1 = 0.0, typed_x2 = 0.0;  // where the point tool acts from the keyboard

  // Which neuron the main plane shows instead of the output (hovering a thumbnail), -1: output.
  int shown_layer = -1, shown_neuron = 0;
  // The plane's frame size in pixels last frame: the shader renders the next image at this size.
  float plane_pixels = 256.0f;
  int max_boundary_pixels = 512;  // the cap on the evaluation grid's side (the quality control)
  std::string render_error;       // why the GPU image could not be drawn (the CPU grid is used then)

  // The stepper view on the current network and one training point.
  bool stepping = false;
  int step_point = 0;  // index into model.train

  // Timing, measured by the update hook: the app's own speed read-out and the benchmark's source.
  double frame_ms = 0.0;           // last frame's wall time (between update hooks)
  double train_ms = 0.0;           // time spent training in the last update
  double train_budget_ms = 14.0;   // how long training may take this frame (playground.cpp adapts it)
  double epoch_ms = 0.0;           // one epoch's training time, last measured (0: not yet)
  double epochs_per_second = 0.0;  // smoothed over the last second
  double rate_window_start = -1.0;
  int rate_window_epochs = 0;
  double last_update_time = -1.0;
  // While training, the boundary image and the thumbnails are drawn at 1/2^boundary_reduction of
  // their resolution (0 to kMaxBoundaryReduction) when frames stay slow (playground.cpp adapts it):
  // a per-pixel image of a large network costs a software GPU hundreds of ms at full size.
  int boundary_reduction = 0;
  int slow_frames = 0, fast_frames = 0;
};

constexpr int kMaxBoundaryReduction = 3;
// The side of the boundary image this frame: the plane's size on screen, capped by the quality
// setting, and divided while training reduces it (at least 32).
int BoundaryPixels(const PlaygroundState& s);

// Applies the learner's settings to the model in one place: builds it when asked, otherwise
// ApplyPlaygroundConfig (which says whether the network was kept). A refused setting is reverted
// and explained in s.error.
void ApplyPlaygroundSettings(PlaygroundState& s);
// Own points as the playground's data (all or nothing): a new network trains from epoch 0, and the
// notice says how the points were split.
Status SetPlaygroundData(PlaygroundState& s, std::shared_ptr<const OwnPoints> points);
// The network's answer at a point x of the data's plane (the hover read-out): its inputs (the
// features of x), its outputs, and the class they give (-1 for regression).
struct PlaneOutput {
  Eigen::VectorXd inputs, output;
  int given = -1;
};
PlaneOutput OutputAt(const Playground& m, const Eigen::VectorXd& x);
// Opens the stepper on a copy of the current network and training point `point`.
void StartPlaygroundStepper(AppState& state, int point);
// The network shown and stepped: the last finite one while training is paused after a divergence.
const Mlp& ShownNetwork(const Playground& m);

}  // namespace bp
