// The plot and bar-chart widgets (see plot.h): data ranges are mapped to a pixel rectangle, curves
// are clipped to it in data space (so huge values never reach the GPU as huge floats), and every
// label is placed inside the plot so nothing is cut off at the widget's edge.
#include "app/widgets/plot.h"

#include <algorithm>
#include <cmath>

#include "app/session/format.h"
#include "app/widgets/plot_frame.h"

namespace bp {

namespace {
using namespace plot;  // the shared frame (plot_frame.h)

// Liang–Barsky: the part [t0, t1] of the segment from a to b inside the data range; false if none.
bool ClipSegment(const Axes& ax, double xa, double ya, double dx, double dy, double* t0, double* t1) {
  *t0 = 0.0;
  *t1 = 1.0;
  const double p[4] = {-dx, dx, -dy, dy};
  const double q[4] = {xa - ax.x0, ax.x1 - xa, ya - ax.y0, ax.y1 - ya};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0.0) {
      if (q[k] < 0.0) return false;
      continue;
    }
    const double r = q[k] / p[k];
    if (p[k] < 0.0) {
      *t0 = std::max(*t0, r);
    } else {
      *t1 = std::min(*t1, r);
    }
  }
  return *t0 <= *t1;
}

// The curve as screen polylines, split wherever a sample is non-finite or the curve leaves the view.
// Consecutive points in one pixel column become at most four: the first, the lowest, the highest
// and the last, in their order, which draws the same pixels. A history of 2,048 epochs in a plot
// 300 pixels wide then draws about 600 segments instead of 2,047 (software WebGL pays per triangle).
std::vector<ImVec2> ThinToPixelColumns(const std::vector<ImVec2>& run) {
  std::vector<ImVec2> thin;
  for (size_t first = 0; first < run.size();) {
    const float column = std::floor(run[first].x);
    size_t end = first + 1, top = first, bottom = first;
    for (; end < run.size() && std::floor(run[end].x) == column; ++end) {
      if (run[end].y < run[top].y) top = end;
      if (run[end].y > run[bottom].y) bottom = end;
    }
    const size_t keep[4] = {first, std::min(top, bottom), std::max(top, bottom), end - 1};
    for (size_t k = 0; k < 4; ++k) {
      if (k == 0 || keep[k] != keep[k - 1]) thin.push_back(run[keep[k]]);
    }
    first = end;
  }
  return thin;
}

std::vector<std::vector<ImVec2>> CurveRuns(const PlotCurve& curve, const Axes& ax) {
  std::vector<std::vector<ImVec2>> runs;
  bool open = false;
  const size_t n = std::min(curve.x.size(), curve.y.size());
  for (size_t i = 1; i < n; ++i) {
    const double xa = curve.x[i - 1], ya = curve.y[i - 1], dx = curve.x[i] - xa, dy = curve.y[i] - ya;
    double t0 = 0.0, t1 = 0.0;
    if (!std::isfinite(dx) || !std::isfinite(dy) || !std::isfinite(xa) || !std::isfinite(ya) ||
        !ClipSegment(ax, xa, ya, dx, dy, &t0, &t1)) {
      open = false;
      continue;
    }
    if (!open || t0 > 0.0) runs.push_back({ax.ToScreen(xa + t0 * dx, ya + t0 * dy)});
    runs.back().push_back(ax.ToScreen(xa + t1 * dx, ya + t1 * dy));
    open = t1 >= 1.0;
  }
  for (std::vector<ImVec2>& run : runs) run = ThinToPixelColumns(run);
  return runs;
}

void DrawPoint(ImDrawList* draw, const Axes& ax, const PlotPoint& point, const Palette& palette,
               std::vector<Box>* taken) {
  if (!std::isfinite(point.x)) return;
  const bool finite = std::isfinite(point.y);
  const double y = finite ? std::clamp(point.y, ax.y0, ax.y1) : (point.y < 0 ? ax.y0 : ax.y1);
  const float r = Px(6);
  ImVec2 c = ax.ToScreen(std::clamp(point.x, ax.x0, ax.x1), y);
  if (!finite) {
    // The ring sits just inside the edge, below any label already there.
    c.y += point.y < 0 ? -r - Px(2) : r + Px(2);
    for (const Box& other : *taken) {
      if (Box{ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r)}.Overlaps(other)) c.y = other.max.y + r + Px(2);
    }
  }
  if (finite) {
    draw->AddCircleFilled(c, r, point.color);
    draw->AddCircle(c, r + Px(1), palette.text, 0, Px(1.5f));
  } else {
    draw->AddCircle(c, r, palette.invalid, 0, Px(2.5f));
  }
  if (point.label.empty()) return;
  const ImVec2 size = ImGui::CalcTextSize(point.label.c_str());
  const float gap = r + Px(6), w = size.x + Px(8), h = size.y + Px(8);
  // Above-right of the point; left of it near the right edge; below it near the top edge.
  ImVec2 at(c.x + gap, c.y - gap - h);
  if (at.x + w > ax.max.x) at.x = c.x - gap - w;
  if (at.y < ax.min.y) at.y = c.y + gap;
  const Box box = LabelBox(ax, at, point.label, *taken);
  DrawLabel(draw, box, point.label, finite ? point.color : palette.invalid, palette);
  taken->push_back(box);
}

void DrawReferenceLine(ImDrawList* draw, const Axes& ax, const PlotLine& line, const Palette& palette,
                       std::vector<Box>* taken) {
  const double at = line.at;
  if (!std::isfinite(at) || (line.vertical ? (at < ax.x0 || at > ax.x1) : (at < ax.y0 || at > ax.y1))) return;
  const ImVec2 p = ax.ToScreen(line.vertical ? at : ax.x0, line.vertical ? ax.y0 : at);
  const ImVec2 a = line.vertical ? ImVec2(p.x, ax.min.y) : ImVec2(ax.min.x, p.y);
  const ImVec2 b = line.vertical ? ImVec2(p.x, ax.max.y) : ImVec2(ax.max.x, p.y);
  DrawDashed(draw, {a, b}, line.color, line.dash, Px(1.5f));
  if (line.label.empty()) return;
  const ImVec2 size = ImGui::CalcTextSize(line.label.c_str());
  ImVec2 at_label = line.vertical ? ImVec2(p.x + Px(4), ax.min.y) : ImVec2(ax.max.x - size.x, p.y - size.y - Px(12));
  if (line.vertical && at_label.x + size.x + Px(8) > ax.max.x) at_label.x = p.x - Px(12) - size.x;
  const Box box = LabelBox(ax, at_label, line.label, *taken);
  DrawLabel(draw, box, line.label, line.color, palette);
  taken->push_back(box);
}

// The legend goes in the corner that hides the fewest curve samples and labels.
void DrawLegend(ImDrawList* draw, const Axes& ax, const PlotSpec& spec, const std::vector<std::vector<ImVec2>>& runs,
                const std::vector<Box>& taken, const Palette& palette) {
  const float pad = Px(6), swatch = Px(26), line_h = ImGui::GetTextLineHeightWithSpacing();
  float width = 0.0f;
  int rows = 0;
  for (const PlotCurve& c : spec.curves) {
    if (c.label.empty()) continue;
    width = std::max(width, ImGui::CalcTextSize(c.label.c_str()).x);
    ++rows;
  }
  if (rows == 0) return;
  const ImVec2 size(swatch + width + 3 * pad, rows * line_h + pad);
  const ImVec2 corners[4] = {ImVec2(ax.max.x - pad - size.x, ax.min.y + pad), ImVec2(ax.min.x + pad, ax.min.y + pad),
                             ImVec2(ax.max.x - pad - size.x, ax.max.y - pad - size.y),
                             ImVec2(ax.min.x + pad, ax.max.y - pad - size.y)};
  Box best{};
  int best_score = -1;
  for (const ImVec2& corner : corners) {
    const Box box{corner, ImVec2(corner.x + size.x, corner.y + size.y)};
    int score = 0;
    for (const std::vector<ImVec2>& run : runs)
      for (const ImVec2& v : run) score += box.Overlaps(Box{v, v}) ? 1 : 0;
    for (const Box& other : taken) score += box.Overlaps(other) ? 1000 : 0;
    if (best_score < 0 || score < best_score) {
      best = box;
      best_score = score;
    }
  }
  draw->AddRectFilled(best.min, best.max, palette.label_background, Px(3));
  draw->AddRect(best.min, best.max, palette.label_border, Px(3));
  float y = best.min.y + pad * 0.5f;
  for (const PlotCurve& c : spec.curves) {
    if (c.label.empty()) continue;
    const float mid = y + line_h * 0.5f;
    DrawDashed(draw, {ImVec2(best.min.x + pad, mid), ImVec2(best.min.x + pad + swatch, mid)}, c.color, c.dash,
               Px(c.thickness));
    draw->AddText(ImVec2(best.min.x + 2 * pad + swatch, mid - ImGui::GetTextLineHeight() * 0.5f), palette.text,
                  c.label.c_str());
    y += line_h;
  }
}

}  // namespace

PlotMouse DrawPlot(const char* id, const PlotSpec& spec, ImVec2 size) {
  const Palette& palette = ThemePalette(spec.dark);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight(), pad = Px(6);
  double y0 = spec.y_min, y1 = spec.y_max;
  if (spec.auto_y) {
    std::vector<double> in_view;
    for (const PlotCurve& c : spec.curves)
      for (size_t i = 0; i < std::min(c.x.size(), c.y.size()); ++i)
        if (c.x[i] >= spec.x_min && c.x[i] <= spec.x_max) in_view.push_back(c.y[i]);
    for (const PlotPoint& p : spec.points) in_view.push_back(p.y);
    AutoRange(in_view, false, &y0, &y1);
  }
  const Ticks y_ticks = NiceTicks(y0, y1, TickTarget(size.y, line * 2.5f));
  const Ticks x_ticks = NiceTicks(spec.x_min, spec.x_max, TickTarget(size.x, line * 5.0f));
  Axes ax{ImVec2(origin.x + WidestLabel(y_ticks) + 2 * pad, origin.y + line + pad),
          ImVec2(origin.x + size.x - WidestLabel(x_ticks) * 0.5f - pad, origin.y + size.y - 2 * line - 2 * pad),
          spec.x_min,
          spec.x_max,
          y0,
          y1};

  ImGui::InvisibleButton(id, size);
  PlotMouse mouse;
  const ImVec2 m = ImGui::GetIO().MousePos;
  const bool inside = m.x >= ax.min.x && m.x <= ax.max.x && m.y >= ax.min.y && m.y <= ax.max.y;
  mouse.held = ImGui::IsItemActive();
  mouse.hovered = ImGui::IsItemHovered() && inside;
  mouse.x = std::clamp(ax.XAt(m.x), ax.x0, ax.x1);
  mouse.y = ax.YAt(m.y);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  DrawGrid(draw, ax, y_ticks, &x_ticks, palette);
  draw->AddText(ImVec2(origin.x, origin.y), palette.text, spec.y_label.c_str());
  const float x_label_w = ImGui::CalcTextSize(spec.x_label.c_str()).x;
  draw->AddText(ImVec2((ax.min.x + ax.max.x - x_label_w) * 0.5f, ax.max.y + line + 2 * pad), palette.text,
                spec.x_label.c_str());

  draw->PushClipRect(ax.min, ax.max, true);
  std::vector<std::vector<ImVec2>> all_runs;
  std::vector<Box> taken;
  for (const PlotLine& l : spec.lines) DrawReferenceLine(draw, ax, l, palette, &taken);
  for (const PlotCurve& c : spec.curves) {
    for (std::vector<ImVec2>& run : CurveRuns(c, ax)) {
      DrawDashed(draw, run, c.color, c.dash, Px(c.thickness));
      all_runs.push_back(std::move(run));
    }
  }
  draw->PopClipRect();
  // Points and the legend are kept inside the plot by their placement, not clipped: a point on the edge stays whole.
  for (const PlotPoint& p : spec.points) DrawPoint(draw, ax, p, palette, &taken);
  DrawLegend(draw, ax, spec, all_runs, taken, palette);

  if (mouse.hovered && !mouse.held) {
    // The read-out names the nearest sample of each labelled curve; it computes nothing.
    ImGui::BeginTooltip();
    const std::string& x_name = spec.x_symbol.empty() ? spec.x_label : spec.x_symbol;
    ImGui::Text("%s = %s", x_name.c_str(), Num(mouse.x, spec.precision).c_str());
    for (const PlotCurve& c : spec.curves) {
      const size_t n = std::min(c.x.size(), c.y.size());
      if (c.label.empty() || n == 0) continue;
      size_t nearest = 0;
      for (size_t i = 1; i < n; ++i)
        if (std::fabs(c.x[i] - mouse.x) < std::fabs(c.x[nearest] - mouse.x)) nearest = i;
      ImGui::Text("%s: %s", c.label.c_str(), Num(c.y[nearest], spec.precision).c_str());
    }
    ImGui::EndTooltip();
  }
  return mouse;
}

void DrawBarChart(const char* id, const BarChartSpec& spec, ImVec2 size) {
  const Palette& palette = ThemePalette(spec.dark);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight(), pad = Px(6);
  const int n = std::max(static_cast<int>(spec.bars.size()), 1);
  double y0 = spec.y_min, y1 = spec.y_max;
  if (spec.auto_y) {
    std::vector<double> values;
    for (const PlotBar& b : spec.bars) values.push_back(b.value);
    AutoRange(values, true, &y0, &y1);
  }
  const Ticks y_ticks = NiceTicks(y0, y1, TickTarget(size.y, line * 2.5f));
  const float left = origin.x + WidestLabel(y_ticks) + 2 * pad;
  const float slot = (origin.x + size.x - pad - left) / n;
  float label_h = line;
  for (const PlotBar& b : spec.bars)
    label_h = std::max(label_h, ImGui::CalcTextSize(b.label.c_str(), nullptr, false, slot - pad).y);
  Axes ax{ImVec2(left, origin.y + line + pad),
          ImVec2(origin.x + size.x - pad, origin.y + size.y - label_h - 2 * pad),
          0.0,
          static_cast<double>(n),
          y0,
          y1};
  ImGui::InvisibleButton(id, size);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  DrawGrid(draw, ax, y_ticks, nullptr, palette);
  draw->AddText(origin, palette.text, spec.y_label.c_str());
  for (int i = 0; i < static_cast<int>(spec.bars.size()); ++i) {
    const PlotBar& bar = spec.bars[i];
    const bool finite = std::isfinite(bar.value);
    const ImVec2 base = ax.ToScreen(i + 0.2, std::clamp(0.0, y0, y1));
    const ImVec2 top = ax.ToScreen(i + 0.8, finite ? std::clamp(bar.value, y0, y1) : 0.0);
    const float bar_top = std::min(base.y, top.y), bar_bottom = std::max(base.y, top.y);
    if (finite) draw->AddRectFilled(ImVec2(base.x, bar_top), ImVec2(top.x, bar_bottom), bar.color);
    if (bar.emphasised) {
      draw->AddRect(ImVec2(base.x - Px(4), bar_top - Px(4)), ImVec2(top.x + Px(4), bar_bottom + Px(2)),
                    palette.highlight, Px(3), 0, Px(2.5f));
    }
    // The value sits above the bar, boxed so it stays readable where a tall bar leaves no room.
    const std::string value = Num(bar.value, spec.precision);
    const ImVec2 value_size = ImGui::CalcTextSize(value.c_str());
    const ImVec2 value_at((base.x + top.x - value_size.x) * 0.5f - Px(4),
                          (finite ? bar_top : base.y) - value_size.y - Px(14));
    DrawLabel(draw, LabelBox(ax, value_at, value), value, finite ? bar.color : palette.invalid, palette);
    const ImVec2 label_size = ImGui::CalcTextSize(bar.label.c_str(), nullptr, false, slot - pad);
    const float label_x = std::max(ax.min.x + i * slot + pad * 0.5f, (base.x + top.x - label_size.x) * 0.5f);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(label_x, ax.max.y + pad), palette.text,
                  bar.label.c_str(), nullptr, slot - pad);
  }
}

}  // namespace bp
