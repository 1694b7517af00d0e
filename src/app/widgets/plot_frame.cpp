// The frame shared by the plot and the bar chart (see plot_frame.h).
#include "app/widgets/plot_frame.h"

#include <algorithm>
#include <cmath>

#include "app/session/format.h"
#include "app/widgets/fonts.h"

namespace bp::plot {

float Px(float base) { return base * ImGui::GetFontSize() / kBaseFontSize; }

Ticks NiceTicks(double lo, double hi, int target) {
  Ticks ticks;
  const double raw = (hi - lo) / std::max(target, 1);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double norm = raw / magnitude;
  const double step = (norm < 1.5 ? 1.0 : norm < 3.0 ? 2.0 : norm < 7.0 ? 5.0 : 10.0) * magnitude;
  const double first = std::ceil(lo / step - 1e-9), last = std::floor(hi / step + 1e-9);
  for (double k = first; k <= last; k += 1.0) ticks.values.push_back(std::fabs(k) < 1e-9 ? 0.0 : k * step);
  const double largest = std::max({std::fabs(lo), std::fabs(hi), step});
  const int whole = static_cast<int>(std::floor(std::log10(largest))) + 1;
  const int fraction = std::max(0, -static_cast<int>(std::floor(std::log10(step))));
  // Everyday magnitudes are written out ("1000", "0.25"); beyond 1e15 (a diverging loss) only the
  // digits that tell the ticks apart, in exponent form ("2.2e+154", not "2.2000000000000001e+154").
  const int distinct = whole - static_cast<int>(std::floor(std::log10(step)));
  ticks.digits = std::clamp(whole <= 15 ? whole + fraction : distinct, 1, 17);
  return ticks;
}

int TickTarget(float pixels, float spacing) { return std::clamp(static_cast<int>(pixels / spacing), 2, 10); }

float WidestLabel(const Ticks& ticks) {
  float widest = 0.0f;
  for (double v : ticks.values) widest = std::max(widest, ImGui::CalcTextSize(Num(v, ticks.digits).c_str()).x);
  return widest;
}

void DrawGrid(ImDrawList* draw, const Axes& ax, const Ticks& y_ticks, const Ticks* x_ticks, const Palette& palette) {
  const ImU32 grid = WithAlpha(palette.muted_text, 0.2f);
  const float pad = Px(4);
  draw->AddRectFilled(ax.min, ax.max, ImGui::GetColorU32(ImGuiCol_FrameBg, 0.35f));
  for (double v : y_ticks.values) {
    const float y = ax.ToScreen(ax.x0, v).y;
    draw->AddLine(ImVec2(ax.min.x, y), ImVec2(ax.max.x, y), grid);
    const std::string text = Num(v, y_ticks.digits);
    const ImVec2 size = ImGui::CalcTextSize(text.c_str());
    draw->AddText(ImVec2(ax.min.x - pad - size.x, y - size.y * 0.5f), palette.muted_text, text.c_str());
  }
  if (x_ticks) {
    for (double v : x_ticks->values) {
      const float x = ax.ToScreen(v, ax.y0).x;
      draw->AddLine(ImVec2(x, ax.min.y), ImVec2(x, ax.max.y), grid);
      const std::string text = Num(v, x_ticks->digits);
      const ImVec2 size = ImGui::CalcTextSize(text.c_str());
      draw->AddText(ImVec2(x - size.x * 0.5f, ax.max.y + pad), palette.muted_text, text.c_str());
    }
  }
  draw->AddRect(ax.min, ax.max, WithAlpha(palette.muted_text, 0.6f));
}

namespace {
// Cuts the segment a→b to the rectangle [lo, hi] (Liang–Barsky). False when no part of it is inside
// or a point is not finite. A path far off screen (a diverging optimizer) then costs nothing to dash.
bool ClipSegment(ImVec2 lo, ImVec2 hi, ImVec2* a, ImVec2* b) {
  if (!std::isfinite(a->x) || !std::isfinite(a->y) || !std::isfinite(b->x) || !std::isfinite(b->y)) return false;
  const float dx = b->x - a->x, dy = b->y - a->y;
  float t0 = 0.0f, t1 = 1.0f;
  const float p[4] = {-dx, dx, -dy, dy};
  const float q[4] = {a->x - lo.x, hi.x - a->x, a->y - lo.y, hi.y - a->y};
  for (int k = 0; k < 4; ++k) {
    if (p[k] == 0.0f) {
      if (q[k] < 0.0f) return false;
      continue;
    }
    const float r = q[k] / p[k];
    if (p[k] < 0.0f) {
      t0 = std::max(t0, r);
    } else {
      t1 = std::min(t1, r);
    }
    if (t0 > t1) return false;
  }
  const ImVec2 start(a->x + t0 * dx, a->y + t0 * dy), end(a->x + t1 * dx, a->y + t1 * dy);
  *a = start;
  *b = end;
  return true;
}
}  // namespace

void DrawDashed(ImDrawList* draw, const std::vector<ImVec2>& run, ImU32 color, Dash dash, float thickness) {
  if (run.size() < 2) return;
  thickness = LineWidth(thickness);
  // Only what can be seen is drawn: each segment is cut to the clip rectangle (with a margin for the
  // line's width), so a dash pattern never walks a segment millions of pixels long.
  const float margin = 4.0f * thickness + Px(16);
  const ImVec2 lo(draw->GetClipRectMin().x - margin, draw->GetClipRectMin().y - margin);
  const ImVec2 hi(draw->GetClipRectMax().x + margin, draw->GetClipRectMax().y + margin);
  const float on = dash == Dash::kDashed ? Px(8) : Px(2), off = dash == Dash::kDashed ? Px(5) : Px(4);
  float phase = 0.0f;         // distance into the current dash + gap period, carried across segments
  std::vector<ImVec2> solid;  // a run of visible segments, drawn as one polyline
  auto flush = [&] {
    if (solid.size() >= 2) draw->AddPolyline(solid.data(), static_cast<int>(solid.size()), color, 0, thickness);
    solid.clear();
  };
  for (size_t i = 1; i < run.size(); ++i) {
    ImVec2 a = run[i - 1], b = run[i];
    if (!ClipSegment(lo, hi, &a, &b)) {
      flush();
      continue;
    }
    if (dash == Dash::kSolid) {
      const bool cut_at_start = a.x != run[i - 1].x || a.y != run[i - 1].y;
      if (cut_at_start) flush();
      if (solid.empty()) solid.push_back(a);
      solid.push_back(b);
      if (b.x != run[i].x || b.y != run[i].y) flush();
      continue;
    }
    const ImVec2 d(b.x - a.x, b.y - a.y);
    const float length = std::sqrt(d.x * d.x + d.y * d.y);
    for (float t = 0.0f; t < length;) {
      const float step = std::min(phase < on ? on - phase : on + off - phase, length - t);
      if (phase < on) {
        draw->AddLine(ImVec2(a.x + d.x * t / length, a.y + d.y * t / length),
                      ImVec2(a.x + d.x * (t + step) / length, a.y + d.y * (t + step) / length), color, thickness);
      }
      t += step;
      phase = std::fmod(phase + step, on + off);
    }
  }
  flush();
}

Box LabelBox(const Axes& ax, ImVec2 pos, const std::string& text, const std::vector<Box>& taken) {
  const float pad = Px(4);
  const ImVec2 size = ImGui::CalcTextSize(text.c_str());
  const float w = size.x + 2 * pad, h = size.y + 2 * pad;
  const float x = std::clamp(pos.x, ax.min.x + pad, std::max(ax.min.x + pad, ax.max.x - pad - w));
  float y = std::clamp(pos.y, ax.min.y + pad, std::max(ax.min.y + pad, ax.max.y - pad - h));
  for (const Box& other : taken) {
    if (Box{ImVec2(x, y), ImVec2(x + w, y + h)}.Overlaps(other)) y = other.max.y + pad;
  }
  return Box{ImVec2(x, y), ImVec2(x + w, y + h)};
}

void DrawLabel(ImDrawList* draw, const Box& box, const std::string& text, ImU32 border, const Palette& palette) {
  draw->AddRectFilled(box.min, box.max, palette.label_background, Px(3));
  draw->AddRect(box.min, box.max, border, Px(3));
  draw->AddText(ImVec2(box.min.x + Px(4), box.min.y + Px(4)), palette.text, text.c_str());
}

void AutoRange(const std::vector<double>& values, bool from_zero, double* lo, double* hi) {
  *lo = from_zero ? 0.0 : INFINITY;
  *hi = from_zero ? 0.0 : -INFINITY;
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    *lo = std::min(*lo, v);
    *hi = std::max(*hi, v);
  }
  if (!(*lo <= *hi)) {
    *lo = 0.0;
    *hi = 1.0;
  }
  const double span = *hi - *lo, pad = span > 0 ? span * 0.08 : std::max(std::fabs(*hi) * 0.1, 0.5);
  if (!from_zero || *lo < 0) *lo -= pad;
  *hi += pad;
}

}  // namespace bp::plot
