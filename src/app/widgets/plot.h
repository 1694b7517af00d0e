// A small plot widget drawn with ImDrawList (ImGui 1.86 has no ImPlot): curves given as samples,
// reference lines, labelled points, axes with tick labels and a legend; and a labelled bar chart.
// The caller computes every y-value (from src/core); the widget only maps and draws. Non-finite
// samples break a curve (never drawn), and non-finite points and bars are written as words.
#pragma once

#include <string>
#include <vector>

#include "imgui.h"

namespace bp {

// The second cue next to colour: a curve or line is solid, dashed or dotted.
enum class Dash { kSolid, kDashed, kDotted };

struct PlotCurve {
  std::vector<double> x;  // sample positions, in increasing order
  std::vector<double> y;  // one value per sample; NaN or ∞ leaves a gap
  ImU32 color = 0;
  Dash dash = Dash::kSolid;
  std::string label;       // legend entry (none when empty)
  float thickness = 2.0f;  // pixels at the base font size
};

// A reference line across the whole plot: x = at (vertical) or y = at (horizontal).
struct PlotLine {
  bool vertical = true;
  double at = 0.0;
  ImU32 color = 0;
  Dash dash = Dash::kDashed;
  std::string label;  // written next to the line's far end
};

// A marked point with a boxed label, e.g. "p = 0.8, −log p = 0.223". A non-finite y is drawn as a
// hollow ring on the top edge, its label saying the word (∞, NaN).
struct PlotPoint {
  double x = 0.0, y = 0.0;
  ImU32 color = 0;
  std::string label;
};

struct PlotSpec {
  std::string x_label, y_label;
  std::string x_symbol;  // the x-axis quantity in the hover read-out ("p"); x_label when empty
  double x_min = 0.0, x_max = 1.0;
  bool auto_y = true;               // fit y to the finite samples and points in view
  double y_min = 0.0, y_max = 1.0;  // the range when auto_y is false
  int precision = 4;                // digits of the hover read-out
  bool dark = true;                 // which palette the axes and labels use
  std::vector<PlotCurve> curves;
  std::vector<PlotLine> lines;
  std::vector<PlotPoint> points;
};

// What the mouse did over the plot area this frame, in data coordinates (so a lesson can let the
// learner drag a value along the x-axis).
struct PlotMouse {
  bool hovered = false;
  bool held = false;  // left button pressed on the plot and still down
  double x = 0.0, y = 0.0;
};

// Draws the plot at the cursor, filling `size`, and advances the cursor past it.
PlotMouse DrawPlot(const char* id, const PlotSpec& spec, ImVec2 size);

struct PlotBar {
  std::string label;   // under the bar
  double value = 0.0;  // written above the bar; NaN or ∞ draws no bar, only the word
  ImU32 color = 0;
  bool emphasised = false;  // a ring around the bar (pair it with words in the label)
};

struct BarChartSpec {
  std::string y_label;
  bool auto_y = true;  // from 0 to the largest finite value
  double y_min = 0.0, y_max = 1.0;
  int precision = 4;  // digits of the values above the bars
  bool dark = true;
  std::vector<PlotBar> bars;
};

void DrawBarChart(const char* id, const BarChartSpec& spec, ImVec2 size);

}  // namespace bp
