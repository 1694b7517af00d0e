// The 2-D data canvas shared by the classification lessons: points of a data set in data
// coordinates inside an axis frame with ticks, class by colour AND marker shape, an optional
// background "boundary image" (a network evaluated on a grid by the core's Predict), an optional
// straight line w·x + b = 0 (the perceptron's), and the mouse in data coordinates so a lesson can
// add or pick points. Non-finite values are never drawn as colour.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Dense>

#include "app/session/boundary.h"
#include "app/widgets/marker_sprites.h"  // DrawClassMarker, kMarkerShapeCount
#include "core/dataset.h"
#include "core/mlp.h"
#include "core/perceptron.h"
#include "imgui.h"

namespace bp {

// The boundary image: one class and confidence per cell of a resolution × resolution grid over
// `range`. Row 0 is the bottom row (y = y_min), column 0 the left column (x = x_min).
struct BoundaryGrid {
  PlaneRange range;
  int resolution = 0;
  std::vector<int> cell_class;         // (resolution²), -1 when the output was not finite
  std::vector<float> cell_confidence;  // (resolution²) in [0, 1]: how sure the network is there
  bool valid() const { return resolution > 0 && static_cast<int>(cell_class.size()) == resolution * resolution; }
};

// Evaluates `mlp` at every cell centre with the core's Predict (after ApplyFeatures when
// `features` is given; raw (x1, x2) when it is null). One output: a sigmoid output is read as
// p(class 1), a tanh output as (a + 1) / 2, anything else thresholded at 0.5; K outputs: argmax,
// confidence = the winning output. resolution is clamped to 2..256.
void ComputeBoundaryGrid(const Mlp& mlp, const FeatureSet* features, const PlaneRange& range, int resolution,
                         BoundaryGrid* grid);

// The same image for a perceptron (a hard threshold: every cell is fully confident), evaluated by
// the core's PerceptronPredict on each cell centre after ApplyFeatures (raw (x1, x2) when null).
void ComputePerceptronBoundaryGrid(const Perceptron& perceptron, const FeatureSet* features, const PlaneRange& range,
                                   int resolution, BoundaryGrid* grid);

// A picture of resolution × resolution cells over `range`, row 0 at the bottom, each cell one colour
// (a lesson's height map). The lesson picks the colours; non-finite values must get a named colour.
struct ColorImage {
  int resolution = 0;
  std::vector<ImU32> colors;  // (resolution²)
  bool valid() const { return resolution > 0 && static_cast<int>(colors.size()) == resolution * resolution; }
};

// A straight line w1 x1 + w2 x2 + b = 0 across the plane (nothing drawn when w = 0 or non-finite).
struct PlaneLine {
  double w1 = 0.0, w2 = 0.0, b = 0.0;
  std::string label;        // written near the line's end ("w·x + b = 0")
  bool show_normal = true;  // a short arrow along w from the line's middle: the side that says 1
};

struct DataPlaneSpec {
  PlaneRange range;
  std::string x_label = "x₁", y_label = "x₂";
  bool dark = true;
  int precision = 4;  // digits of the hover read-out
  // The points: X (2, N) with labels (N) in 0..K-1 (or -1 for an unlabelled point, drawn neutral).
  const Eigen::MatrixXd* X = nullptr;
  const std::vector<int>* labels = nullptr;
  // Optional test points, drawn hollow.
  const Eigen::MatrixXd* test_X = nullptr;
  const std::vector<int>* test_labels = nullptr;
  int highlighted = -1;                    // index into X drawn with a ring, -1 for none
  const BoundaryGrid* boundary = nullptr;  // background image, or null
  // A background image rendered elsewhere (the GPU shader), covering `range` exactly, top row
  // first; drawn instead of `boundary` when set.
  ImTextureID boundary_texture = nullptr;
  const PlaneLine* line = nullptr;  // the perceptron's line, or null
  float marker_radius = 5.0f;       // pixels at the base font size
  bool square = true;               // keep one data unit the same length on both axes
  // A background of coloured cells (a height or loss map) drawn where the boundary image goes.
  const ColorImage* image = nullptr;
  bool tooltip = true;  // the hover read-out of the mouse's coordinates (off when the lesson has its own)
};

// The plane draws at most kMaxDrawnPoints markers: of more points (train and test together), every
// PointStride-th of each set. 10,000 markers cost a software GPU about 100 ms a frame, and at that
// density they cover the plane whatever is left out. The caller says so in words.
constexpr int kMaxDrawnPoints = 2500;
int PointStride(int total_points);

// What the mouse did this frame, in data coordinates.
struct DataPlaneMouse {
  bool hovered = false;
  bool clicked = false;       // left button pressed on the plane this frame
  bool shift = false;         // Shift held during the click
  double x = 0.0, y = 0.0;    // the mouse in data coordinates (valid when hovered)
  int nearest = -1;           // index of the point of X under the mouse (within a marker), -1 for none
  float frame_pixels = 0.0f;  // the plotting frame's larger side in pixels (to size a boundary image)
  bool held = false;          // the left button went down on the plane and is still down (a drag)
  // The frame in pixels and the range it shows, so a lesson can draw on the plane afterwards.
  ImVec2 frame_min, frame_max;
  PlaneRange range;
  ImVec2 ToScreen(double data_x, double data_y) const {
    return ImVec2(
        frame_min.x + static_cast<float>((data_x - range.x_min) / (range.x_max - range.x_min)) * (frame_max.x - frame_min.x),
        frame_max.y -
            static_cast<float>((data_y - range.y_min) / (range.y_max - range.y_min)) * (frame_max.y - frame_min.y));
  }
};

// Convenience: the spec's points from a data set.
inline void SetDataPoints(DataPlaneSpec* spec, const Dataset& data) {
  spec->X = &data.X;
  spec->labels = &data.labels;
}

// Draws the plane at the cursor, filling `size`, and advances the cursor past it.
DataPlaneMouse DrawDataPlane(const char* id, const DataPlaneSpec& spec, ImVec2 size);

}  // namespace bp
