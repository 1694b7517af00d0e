// The 2-D data canvas (see data_plane.h). The boundary image is computed by the core's Predict;
// this file only maps data to pixels and draws. It reuses the plot widgets' frame (ticks, grid).
#include "app/widgets/data_plane.h"

#include <algorithm>
#include <cmath>

#include "app/session/format.h"
#include "app/widgets/marker_sprites.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot_frame.h"
#include "core/activation.h"

namespace bp {

namespace {
using namespace plot;

constexpr int kMinResolution = 2;
constexpr int kMaxResolution = 256;
constexpr float kBoundaryAlpha = 0.55f;  // the strongest cell colour, so points stay readable on top
constexpr float kHitRadius = 2.0f;       // a point is "under the mouse" within this many marker radii

// The confidence in [0, 1] and the class of one output column.
void ReadOutput(const Eigen::MatrixXd& Y, int column, Activation output, int* k, float* confidence) {
  if (Y.rows() == 1) {
    const double a = Y(0, column);
    if (!std::isfinite(a)) {
      *k = -1;
      *confidence = 0.0f;
      return;
    }
    // p(class 1): tanh outputs live in (-1, 1), sigmoid outputs are already a probability.
    double p = output == Activation::kTanh ? (a + 1.0) * 0.5 : a;
    if (output != Activation::kTanh && output != Activation::kSigmoid) p = std::clamp(a, 0.0, 1.0);
    *k = p > 0.5 ? 1 : 0;
    *confidence = static_cast<float>(std::clamp(std::fabs(p - 0.5) * 2.0, 0.0, 1.0));
    return;
  }
  int best = -1;
  for (int r = 0; r < Y.rows(); ++r) {
    if (!std::isfinite(Y(r, column))) {
      *k = -1;
      *confidence = 0.0f;
      return;
    }
    if (best < 0 || Y(r, column) > Y(best, column)) best = r;
  }
  *k = best;
  // A softmax output is a probability; for other outputs the winner's value, clamped, stands in for it.
  const double chance = 1.0 / static_cast<double>(Y.rows());
  const double p = std::clamp(Y(best, column), chance, 1.0);
  *confidence = static_cast<float>((p - chance) / (1.0 - chance));
}

Axes PlaneAxes(const DataPlaneSpec& spec, ImVec2 origin, ImVec2 size, const Ticks& x_ticks, const Ticks& y_ticks) {
  const float line = ImGui::GetTextLineHeight(), pad = Px(6);
  ImVec2 min(origin.x + WidestLabel(y_ticks) + 2 * pad, origin.y + 1.5f * line + pad);
  ImVec2 max(origin.x + size.x - WidestLabel(x_ticks) * 0.5f - pad, origin.y + size.y - 2 * line - 2 * pad);
  const PlaneRange& r = spec.range;
  if (spec.square) {
    // Shrink one side so one unit of x1 is as long as one unit of x2, and centre the square.
    const float w = max.x - min.x, h = max.y - min.y;
    const double dx = r.x_max - r.x_min, dy = r.y_max - r.y_min;
    const float scale = std::min(w / static_cast<float>(dx), h / static_cast<float>(dy));
    const float new_w = scale * static_cast<float>(dx), new_h = scale * static_cast<float>(dy);
    min.x += (w - new_w) * 0.5f;
    max.x = min.x + new_w;
    min.y += (h - new_h) * 0.5f;
    max.y = min.y + new_h;
  }
  return Axes{min, max, r.x_min, r.x_max, r.y_min, r.y_max};
}

void DrawBoundary(ImDrawList* draw, const Axes& ax, const BoundaryGrid& grid, bool dark) {
  if (!grid.valid()) return;
  const int n = grid.resolution;
  const PlaneRange& r = grid.range;
  const double cw = (r.x_max - r.x_min) / n, ch = (r.y_max - r.y_min) / n;
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      const int i = row * n + col;
      // A non-finite output leaves its cell empty: no colour is invented for NaN.
      if (grid.cell_class[i] < 0) continue;
      const float alpha = kBoundaryAlpha * (0.15f + 0.85f * grid.cell_confidence[i]);
      const ImVec2 a = ax.ToScreen(r.x_min + col * cw, r.y_min + (row + 1) * ch);
      const ImVec2 b = ax.ToScreen(r.x_min + (col + 1) * cw, r.y_min + row * ch);
      // Rounded edges: neighbours share an edge exactly, so no seam and no doubled alpha.
      draw->AddRectFilled(ImVec2(std::round(a.x), std::round(a.y)), ImVec2(std::round(b.x), std::round(b.y)),
                          WithAlpha(ClassColor(grid.cell_class[i], dark), alpha));
    }
  }
}

void DrawPlaneLine(ImDrawList* draw, const Axes& ax, const PlaneLine& line, const Palette& palette) {
  const double w1 = line.w1, w2 = line.w2, b = line.b;
  if (!std::isfinite(w1) || !std::isfinite(w2) || !std::isfinite(b) || (w1 == 0.0 && w2 == 0.0)) return;
  // Two points of the line far enough apart to cross the whole view; the clip rect trims them.
  const double norm2 = w1 * w1 + w2 * w2;
  const double px = -b * w1 / norm2, py = -b * w2 / norm2;  // the point of the line nearest the origin
  const double span = 4.0 * std::max(ax.x1 - ax.x0, ax.y1 - ax.y0) + std::fabs(px) + std::fabs(py);
  const double norm = std::sqrt(norm2), tx = -w2 / norm, ty = w1 / norm;
  const ImVec2 a = ax.ToScreen(px - span * tx, py - span * ty), c = ax.ToScreen(px + span * tx, py + span * ty);
  draw->PushClipRect(ax.min, ax.max, true);
  draw->AddLine(a, c, palette.text, Px(2.5f));
  // The normal w from the visible middle of the line: the side where the unit says 1.
  const double cx = std::clamp(px, ax.x0, ax.x1), cy = std::clamp(py, ax.y0, ax.y1);
  const double t = (cx - px) * tx + (cy - py) * ty;  // project the clamped centre back onto the line
  const double mx = px + t * tx, my = py + t * ty;
  const ImVec2 m = ax.ToScreen(mx, my);
  if (line.show_normal) {
    const float len = Px(28);
    const ImVec2 dir(static_cast<float>(w1 / norm), -static_cast<float>(w2 / norm));
    const ImVec2 tip(m.x + dir.x * len, m.y + dir.y * len);
    draw->AddLine(m, tip, palette.text, Px(2));
    const ImVec2 side(-dir.y * Px(5), dir.x * Px(5));
    draw->AddTriangleFilled(ImVec2(tip.x + dir.x * Px(6), tip.y + dir.y * Px(6)),
                            ImVec2(tip.x + side.x, tip.y + side.y), ImVec2(tip.x - side.x, tip.y - side.y),
                            palette.text);
    draw->AddText(ImVec2(tip.x + Px(6), tip.y - Px(8)), palette.text, "w");
  }
  draw->PopClipRect();
  if (!line.label.empty()) {
    const Box box = LabelBox(ax, ImVec2(m.x + Px(8), m.y + Px(8)), line.label);
    DrawLabel(draw, box, line.label, palette.label_border, palette);
  }
}

void DrawPoints(ImDrawList* draw, const Axes& ax, const Eigen::MatrixXd& X, const std::vector<int>* labels, bool hollow,
                float radius, bool dark, const Palette& palette, int stride) {
  for (int n = 0; n < X.cols(); n += stride) {
    if (X.rows() < 2 || !std::isfinite(X(0, n)) || !std::isfinite(X(1, n))) continue;
    const int k = labels && n < static_cast<int>(labels->size()) ? (*labels)[n] : -1;
    const ImVec2 c = ax.ToScreen(X(0, n), X(1, n));
    if (k < 0) {
      draw->AddCircle(c, radius, palette.muted_text, 0, Px(1.5f));
      continue;
    }
    DrawClassMarker(draw, c, radius, k, hollow, dark);
  }
}

}  // namespace

void ComputeBoundaryGrid(const Mlp& mlp, const FeatureSet* features, const PlaneRange& range, int resolution,
                         BoundaryGrid* grid) {
  const int n = std::clamp(resolution, kMinResolution, kMaxResolution);
  grid->range = range;
  grid->resolution = n;
  grid->cell_class.assign(n * n, -1);
  grid->cell_confidence.assign(n * n, 0.0f);
  if (mlp.layers.empty()) return;
  Eigen::MatrixXd P(2, n * n);  // cell centres, row-major from the bottom-left
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      P(0, row * n + col) = range.x_min + (col + 0.5) * (range.x_max - range.x_min) / n;
      P(1, row * n + col) = range.y_min + (row + 0.5) * (range.y_max - range.y_min) / n;
    }
  }
  const Eigen::MatrixXd input = features ? ApplyFeatures(*features, P) : P;
  if (input.rows() != mlp.inputs()) return;
  const Eigen::MatrixXd Y = Predict(mlp, input);
  const Activation output = mlp.layers.back().activation;
  for (int i = 0; i < n * n; ++i) ReadOutput(Y, i, output, &grid->cell_class[i], &grid->cell_confidence[i]);
}

void ComputePerceptronBoundaryGrid(const Perceptron& perceptron, const FeatureSet* features, const PlaneRange& range,
                                   int resolution, BoundaryGrid* grid) {
  const int n = std::clamp(resolution, kMinResolution, kMaxResolution);
  grid->range = range;
  grid->resolution = n;
  grid->cell_class.assign(n * n, -1);
  grid->cell_confidence.assign(n * n, 1.0f);
  Eigen::MatrixXd P(2, n * n);
  for (int row = 0; row < n; ++row) {
    for (int col = 0; col < n; ++col) {
      P(0, row * n + col) = range.x_min + (col + 0.5) * (range.x_max - range.x_min) / n;
      P(1, row * n + col) = range.y_min + (row + 0.5) * (range.y_max - range.y_min) / n;
    }
  }
  const Eigen::MatrixXd input = features ? ApplyFeatures(*features, P) : P;
  if (input.rows() != perceptron.inputs()) return;
  for (int i = 0; i < n * n; ++i) {
    const Eigen::VectorXd x = input.col(i);
    if (std::isfinite(PerceptronNet(perceptron, x))) grid->cell_class[i] = PerceptronPredict(perceptron, x);
  }
}

int PointStride(int total_points) { return std::max(1, (total_points + kMaxDrawnPoints - 1) / kMaxDrawnPoints); }

DataPlaneMouse DrawDataPlane(const char* id, const DataPlaneSpec& spec, ImVec2 size) {
  const Palette& palette = ThemePalette(spec.dark);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line = ImGui::GetTextLineHeight(), pad = Px(6);
  const PlaneRange& r = spec.range;
  // A square frame is only as wide as the widget is high (or the reverse): fit the ticks to it.
  const float side = std::min(size.x, size.y);
  const Ticks y_ticks = NiceTicks(r.y_min, r.y_max, TickTarget(spec.square ? side : size.y, line * 2.5f));
  const Ticks x_ticks = NiceTicks(r.x_min, r.x_max, TickTarget(spec.square ? side : size.x, line * 5.0f));
  const Axes ax = PlaneAxes(spec, origin, size, x_ticks, y_ticks);

  ImGui::InvisibleButton(id, size);
  DataPlaneMouse mouse;
  const ImVec2 m = ImGui::GetIO().MousePos;
  const bool inside = m.x >= ax.min.x && m.x <= ax.max.x && m.y >= ax.min.y && m.y <= ax.max.y;
  mouse.hovered = ImGui::IsItemHovered() && inside;
  mouse.clicked = inside && ImGui::IsItemClicked(ImGuiMouseButton_Left);
  mouse.shift = ImGui::GetIO().KeyShift;
  mouse.x = ax.XAt(m.x);
  mouse.y = ax.YAt(m.y);
  mouse.frame_pixels = std::max(ax.max.x - ax.min.x, ax.max.y - ax.min.y);
  mouse.held = ImGui::IsItemActive() && ImGui::IsMouseDown(ImGuiMouseButton_Left);
  mouse.frame_min = ax.min;
  mouse.frame_max = ax.max;
  mouse.range = r;

  ImDrawList* draw = ImGui::GetWindowDrawList();
  DrawGrid(draw, ax, y_ticks, &x_ticks, palette);
  // The y label just above the frame's top-left corner (the frame may be narrower than the widget).
  const float y_label_w = ImGui::CalcTextSize(spec.y_label.c_str()).x;
  draw->AddText(
      ImVec2(std::max(origin.x, ax.min.x - y_label_w - pad), std::max(origin.y, ax.min.y - 1.5f * line - Px(2))),
      palette.text, spec.y_label.c_str());
  const float x_label_w = ImGui::CalcTextSize(spec.x_label.c_str()).x;
  draw->AddText(ImVec2((ax.min.x + ax.max.x - x_label_w) * 0.5f, ax.max.y + line + 2 * pad), palette.text,
                spec.x_label.c_str());

  draw->PushClipRect(ax.min, ax.max, true);
  if (spec.boundary_texture) {
    draw->AddImage(spec.boundary_texture, ax.ToScreen(r.x_min, r.y_max), ax.ToScreen(r.x_max, r.y_min));
  } else if (spec.boundary) {
    DrawBoundary(draw, ax, *spec.boundary, spec.dark);
  } else if (spec.image && spec.image->valid()) {
    const int n = spec.image->resolution;
    const double cw = (r.x_max - r.x_min) / n, ch = (r.y_max - r.y_min) / n;
    for (int row = 0; row < n; ++row) {
      for (int col = 0; col < n; ++col) {
        const ImVec2 lo = ax.ToScreen(r.x_min + col * cw, r.y_min + (row + 1) * ch);
        const ImVec2 hi = ax.ToScreen(r.x_min + (col + 1) * cw, r.y_min + row * ch);
        draw->AddRectFilled(ImVec2(std::round(lo.x), std::round(lo.y)), ImVec2(std::round(hi.x), std::round(hi.y)),
                            spec.image->colors[row * n + col]);
      }
    }
  }
  // The axes x1 = 0 and x2 = 0, faint, when they are in view.
  const ImU32 axis = WithAlpha(palette.muted_text, 0.5f);
  if (r.x_min < 0.0 && r.x_max > 0.0) draw->AddLine(ax.ToScreen(0.0, r.y_min), ax.ToScreen(0.0, r.y_max), axis);
  if (r.y_min < 0.0 && r.y_max > 0.0) draw->AddLine(ax.ToScreen(r.x_min, 0.0), ax.ToScreen(r.x_max, 0.0), axis);
  draw->PopClipRect();
  if (spec.line) DrawPlaneLine(draw, ax, *spec.line, palette);

  const float radius = Px(spec.marker_radius);
  draw->PushClipRect(ImVec2(ax.min.x - radius * 2, ax.min.y - radius * 2),
                     ImVec2(ax.max.x + radius * 2, ax.max.y + radius * 2), true);
  const int stride =
      PointStride(static_cast<int>((spec.X ? spec.X->cols() : 0) + (spec.test_X ? spec.test_X->cols() : 0)));
  if (spec.test_X) DrawPoints(draw, ax, *spec.test_X, spec.test_labels, true, radius, spec.dark, palette, stride);
  if (spec.X) DrawPoints(draw, ax, *spec.X, spec.labels, false, radius, spec.dark, palette, stride);
  if (spec.X && spec.highlighted >= 0 && spec.highlighted < spec.X->cols() && spec.X->rows() >= 2) {
    const ImVec2 c = ax.ToScreen((*spec.X)(0, spec.highlighted), (*spec.X)(1, spec.highlighted));
    draw->AddCircle(c, radius * 2.4f, palette.highlight_glow, 0, Px(6));
    draw->AddCircle(c, radius * 2.4f, palette.highlight, 0, Px(2.5f));
  }
  draw->PopClipRect();

  if (spec.X && mouse.hovered && spec.X->rows() >= 2) {
    float best = radius * kHitRadius;
    for (int n = 0; n < spec.X->cols(); ++n) {
      const ImVec2 c = ax.ToScreen((*spec.X)(0, n), (*spec.X)(1, n));
      const float d = std::sqrt((c.x - m.x) * (c.x - m.x) + (c.y - m.y) * (c.y - m.y));
      if (d <= best) {
        best = d;
        mouse.nearest = n;
      }
    }
  }
  if (mouse.hovered && spec.tooltip) {
    ImGui::BeginTooltip();
    ImGui::Text("%s = %s, %s = %s", spec.x_label.c_str(), Num(mouse.x, spec.precision).c_str(), spec.y_label.c_str(),
                Num(mouse.y, spec.precision).c_str());
    if (mouse.nearest >= 0 && spec.labels && mouse.nearest < static_cast<int>(spec.labels->size()))
      ImGui::Text("point %d, class %d", mouse.nearest, (*spec.labels)[mouse.nearest]);
    ImGui::EndTooltip();
  }
  return mouse;
}

}  // namespace bp
