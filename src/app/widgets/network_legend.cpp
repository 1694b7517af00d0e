// The network canvas's legend (see network_layout.h): sample lines for the weight's sign and size,
// the current-step ring and the "just computed" mark, then what the neuron labels mean. Also the
// dashed line that shows a negative weight, shared by the canvas and the legend's sample.
#include <algorithm>
#include <cfloat>
#include <cmath>

#include "app/widgets/network_layout.h"

namespace bp {

namespace {
constexpr float kDash = 6.0f;  // dash and gap of negative weights, × ui scale, plus a share of the thickness
constexpr float kDashGap = 4.0f;

bool AnyInvalidWeight(const ViewContext& c) {
  for (int l = 0; l < static_cast<int>(c.mlp.layers.size()); ++l) {
    for (int j = 0; j < c.mlp.layers[l].outputs(); ++j) {
      for (int i = 0; i < c.mlp.layers[l].inputs(); ++i) {
        if (!std::isfinite(ShownWeight(c.session, l, j, i))) return true;
      }
    }
  }
  return false;
}
}  // namespace

void DrawDashedLine(ImDrawList* draw, ImVec2 a, ImVec2 b, ImU32 color, float thickness, float ui_scale) {
  const float dash = kDash * ui_scale + thickness, gap = kDashGap * ui_scale + 0.5f * thickness;
  float length = std::hypot(b.x - a.x, b.y - a.y);
  if (length <= 0.0f) return;
  for (float start = 0.0f; start < length; start += dash + gap) {
    float end = std::min(start + dash, length);
    draw->AddLine(Lerp(a, b, start / length), Lerp(a, b, end / length), color, thickness);
  }
}

float DrawLegend(ImDrawList* draw, const LegendStyle& legend, const ViewContext& c, const Rect& area,
                 const LabelsShown& shown, bool paint) {
  const TextStyle& style = legend.text;
  const Palette& palette = legend.palette;
  const float s = legend.scale, gap = 14.0f * s, sample = 26.0f * s, indent = 4.0f * s;
  const float line = style.line_height() + 4.0f * s;
  ImVec2 at(area.min.x + indent, area.min.y + indent);
  // One sample and its words; items flow left to right and wrap.
  auto item = [&](const char* text, auto&& draw_sample) {
    float width = sample + 6.0f * s + MeasureText(style, text).x;
    if (at.x + width > area.max.x && at.x > area.min.x + indent) at = ImVec2(area.min.x + indent, at.y + line);
    if (paint) {
      draw_sample(at.x, at.y + style.size * 0.55f);
      draw->AddText(style.font, style.size, ImVec2(at.x + sample + 6.0f * s, at.y), palette.muted_text, text);
    }
    at.x += width + gap;
  };
  item("positive",
       [&](float x, float y) { draw->AddLine(ImVec2(x, y), ImVec2(x + sample, y), palette.positive, 3.0f * s); });
  item("negative (dashed)", [&](float x, float y) {
    DrawDashedLine(draw, ImVec2(x, y), ImVec2(x + sample, y), palette.negative, 3.0f * s, s);
  });
  item("thickness = |w|", [&](float x, float y) {
    for (int k = 0; k < 3; ++k) {
      float x_k = x + (3.0f + 9.0f * k) * s;
      draw->AddLine(ImVec2(x_k, y - 5.0f * s), ImVec2(x_k, y + 5.0f * s), palette.muted_text, (1.0f + 2.5f * k) * s);
    }
  });
  if (AnyInvalidWeight(c)) {
    item("NaN or ∞ (value in words)",
         [&](float x, float y) { draw->AddLine(ImVec2(x, y), ImVec2(x + sample, y), palette.invalid, s); });
  }
  item("current step", [&](float x, float y) {
    draw->AddCircle(ImVec2(x + sample * 0.5f, y), 6.0f * s, palette.highlight, 0, 2.5f * s);
  });
  item("just computed", [&](float x, float y) {
    draw->AddLine(ImVec2(x + 2.0f * s, y + 5.0f * s), ImVec2(x + sample - 2.0f * s, y + 5.0f * s), palette.changed,
                  2.0f * s);
  });
  std::string words = LabelLegend(c, shown);
  float wrap = area.Width() - 2 * indent;
  float top = at.y + line;
  ImVec2 size = style.font->CalcTextSizeA(style.size, FLT_MAX, wrap, words.c_str());
  if (paint)
    draw->AddText(style.font, style.size, ImVec2(area.min.x + indent, top), palette.muted_text, words.c_str(), nullptr,
                  wrap);
  return top + size.y + indent - area.min.y;
}

}  // namespace bp
