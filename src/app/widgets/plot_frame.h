// The frame the plot and the bar chart share (internal to plot.cpp): the mapping from data to
// pixels, "nice" tick values, the grid with its tick labels, boxed labels that stay inside the plot
// and out of each other's way, dashed lines, and the automatic y-range.
#pragma once

#include <string>
#include <vector>

#include "app/widgets/palette.h"
#include "app/widgets/plot.h"
#include "imgui.h"

namespace bp::plot {

// Sizes in pixels at the base font size; they grow with the UI scale.
float Px(float base);

struct Box {
  ImVec2 min, max;
  bool Overlaps(const Box& other) const {
    return min.x < other.max.x && other.min.x < max.x && min.y < other.max.y && other.min.y < max.y;
  }
};

// The plot area in pixels and the data range it shows.
struct Axes {
  ImVec2 min, max;
  double x0, x1, y0, y1;
  ImVec2 ToScreen(double x, double y) const {
    return ImVec2(min.x + static_cast<float>((x - x0) / (x1 - x0)) * (max.x - min.x),
                  max.y - static_cast<float>((y - y0) / (y1 - y0)) * (max.y - min.y));
  }
  double XAt(float px) const { return x0 + (px - min.x) / (max.x - min.x) * (x1 - x0); }
  double YAt(float py) const { return y0 + (max.y - py) / (max.y - min.y) * (y1 - y0); }
};

// Ticks at 1, 2 or 5 times a power of ten, and the significant digits that write them exactly.
struct Ticks {
  std::vector<double> values;
  int digits = 1;
};
Ticks NiceTicks(double lo, double hi, int target);
// How many ticks fit along `pixels` with about `spacing` pixels between them (2 to 10).
int TickTarget(float pixels, float spacing);
float WidestLabel(const Ticks& ticks);

// The plot area's background, grid lines and tick labels on the left (and along the bottom when
// x ticks are given), and its border.
void DrawGrid(ImDrawList* draw, const Axes& ax, const Ticks& y_ticks, const Ticks* x_ticks, const Palette& palette);
// A polyline, solid or with a dash pattern that runs on across its segments.
void DrawDashed(ImDrawList* draw, const std::vector<ImVec2>& run, ImU32 color, Dash dash, float thickness);

// Where a text label's box goes: at `pos`, kept inside the plot area, moved down past the labels
// already drawn (`taken`) so no two overlap.
Box LabelBox(const Axes& ax, ImVec2 pos, const std::string& text, const std::vector<Box>& taken = {});
void DrawLabel(ImDrawList* draw, const Box& box, const std::string& text, ImU32 border, const Palette& palette);

// A range holding the finite values with a margin (and 0, when from_zero); [0, 1] when there are none.
void AutoRange(const std::vector<double>& values, bool from_zero, double* lo, double* hi);

}  // namespace bp::plot
