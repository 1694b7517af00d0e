// Lesson "The loss": one number for how far the prediction is from the target. Four parts: binary
// cross-entropy −ln p, half squared error ½(t − a)², softmax + cross-entropy over three classes, and
// why the cross-entropies are computed from the logits. Every number shown comes from src/core.
// Its words: content/en/loss.md.
#include <algorithm>
#include <cmath>
#include <string>

#include "app/lessons/the_loss_state.h"
#include "app/session/app_state.h"
#include "app/session/format.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot.h"
#include "app/widgets/widgets.h"
#include "core/activation.h"
#include "core/loss.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr double kLogitSlider = 10.0;      // the softmax logit sliders span ±10 (typed logits go further)
constexpr double kShift = 1000.0;          // the "add 1000 to every logit" button
constexpr double kStabilitySlider = 60.0;  // the stability logit's slider and plot span ±60
constexpr double kCurveLogits = 16.0;      // BCE curves sampled over z in ±16: p from 1e-7 to 1 − 1e-7
constexpr int kCurveSamples = 801;
constexpr double kBceYMax = 5.0;  // the cross-entropy plot shows losses up to 5 unless p is lower
constexpr double kCompareYMax = 2.5;
constexpr double kSquaredYMax = 0.55;
constexpr float kMinPlotHeight = 120.0f;
const char* const kSectionTitles[kLossSectionCount] = {"(a) Cross-entropy", "(b) ½ squared error",
                                                       "(c) Softmax, 3 classes", "(d) Stability"};

Eigen::VectorXd One(double v) { return Eigen::VectorXd::Constant(1, v); }

// The typed range of a field (see TheLossField), which the slider and dragging respect too.
double* Field(AppState& state, const char* field, double* min, double* max) {
  return TheLossField(state.lesson_states.Get<TheLossState>(), field, min, max);
}

// One setting: its name, a slider (its value written by Num) and a field for typing an exact value.
void SettingRow(AppState& state, const std::string& name, const char* field, double slider_min, double slider_max) {
  double min = 0.0, max = 0.0;
  double* value = Field(state, field, &min, &max);
  slider_min = std::max(slider_min, min);
  slider_max = std::min(slider_max, max);
  const float field_width = ImGui::GetFontSize() * 6.0f;
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(name.c_str());
  ImGui::SameLine(ImGui::GetFontSize() * 2.5f);
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - field_width - ImGui::GetStyle().ItemSpacing.x);
  const std::string shown = Num(*value, state.precision), id = std::string("##slide_") + field;
  ImGui::SliderScalar(id.c_str(), ImGuiDataType_Double, value, &slider_min, &slider_max, shown.c_str(),
                      ImGuiSliderFlags_NoInput | ImGuiSliderFlags_NoRoundToFormat);
  ImGui::SameLine();
  NumberField(state, field, value, min, max, field_width);
}

// The section's headline formula with its numbers, and how to change them.
void Caption(const std::string& text, const std::string& hint) {
  ImGui::PushFont(Fonts().heading);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopFont();
  if (hint.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("%s", hint.c_str());
  ImGui::PopStyleColor();
}

// A formula and its value in the mono font; the value gets its own line rather than being split.
void Formula(const std::string& formula, double value, int precision) {
  ImGui::PushFont(Fonts().mono);
  const std::string line = formula + " = " + Num(value, precision);
  if (ImGui::CalcTextSize(line.c_str()).x <= ImGui::GetContentRegionAvail().x) {
    ImGui::TextUnformatted(line.c_str());
  } else {
    ImGui::TextWrapped("%s", formula.c_str());
    ImGui::Text("    = %s", Num(value, precision).c_str());
  }
  ImGui::PopFont();
}

// A table cell with a number; NaN and ∞ are words, in the palette's colour for invalid values.
void NumberCell(double value, const AppState& state) {
  ImGui::TableNextColumn();
  const ImVec4 color = ImGui::ColorConvertU32ToFloat4(std::isfinite(value) ? ThemePalette(state.dark_theme).text
                                                                           : ThemePalette(state.dark_theme).invalid);
  ImGui::TextColored(color, "%s", Num(value, state.precision).c_str());
}

ImVec2 Remaining() {
  const ImVec2 available = ImGui::GetContentRegionAvail();
  return ImVec2(available.x, std::max(available.y, kMinPlotHeight));
}

PlotSpec LossPlot(const AppState& state, const char* x_label, const char* x_symbol, double y_max) {
  PlotSpec plot;
  plot.x_label = x_label;
  plot.x_symbol = x_symbol;
  plot.y_label = "loss L";
  plot.auto_y = y_max <= 0.0;
  plot.y_max = y_max;
  plot.precision = state.precision;
  plot.dark = state.dark_theme;
  return plot;
}

// Draws the plot in the rest of the canvas; pressing and dragging on it moves the field's value along x.
void DrawDraggable(AppState& state, const char* id, const PlotSpec& plot, const char* field) {
  const PlotMouse mouse = DrawPlot(id, plot, Remaining());
  double min = 0.0, max = 0.0;
  double* value = Field(state, field, &min, &max);
  if (mouse.held) *value = std::clamp(mouse.x, min, max);
}

// A cross-entropy curve sampled over logits, so both coordinates come from the core: x = σ(z), y = L(z, t).
PlotCurve CrossEntropyCurve(double t, ImU32 color, Dash dash, const std::string& label, float thickness) {
  PlotCurve curve{{}, {}, color, dash, label, thickness};
  for (int i = 0; i < kCurveSamples; ++i) {
    const double z = -kCurveLogits + 2.0 * kCurveLogits * i / (kCurveSamples - 1);
    curve.x.push_back(Activate(Activation::kSigmoid, z));
    curve.y.push_back(BinaryCrossEntropyFromLogit(z, t));
  }
  return curve;
}

std::string BceName(int t) { return t == 1 ? "−ln p" : "−ln(1 − p)"; }

void CrossEntropyCanvas(AppState& state, const TheLossNumbers& n) {
  TheLossState& s = state.lesson_states.Get<TheLossState>();
  const int d = state.precision;
  const bool dark = state.dark_theme;
  const std::string p = Num(s.bce_p, d);
  Caption("t = " + std::to_string(s.bce_t) + ":   L = " + BceName(s.bce_t) + " = " +
              (s.bce_t == 1 ? "−ln(" + p + ")" : "−ln(1 − " + p + ")") + " = " + Num(n.bce_loss, d),
          ContentText(state.language, "loss#drag-p"));
  PlotSpec plot = LossPlot(state, "p, the predicted probability of class 1", "p", std::max(kBceYMax, n.bce_loss * 1.1));
  // t = 1 in the first class colour, t = 0 in the second; the curve of the other target is dashed and faint.
  for (int t = 1; t >= 0; --t) {
    const bool active = t == s.bce_t;
    const std::string label = BceName(t) + "  (when t = " + std::to_string(t) + ")";
    plot.curves.push_back(CrossEntropyCurve(t, WithAlpha(ClassColor(1 - t, dark), active ? 1.0f : 0.6f),
                                            active ? Dash::kSolid : Dash::kDashed, label, active ? 3.0f : 1.5f));
  }
  const double coin_flip = BinaryCrossEntropyFromLogit(0.0, s.bce_t);  // p = σ(0) = 0.5
  plot.lines.push_back(
      {false, coin_flip, ThemePalette(dark).muted_text, Dash::kDotted, "a coin flip, p = 0.5: " + Num(coin_flip, d)});
  plot.lines.push_back({true, s.bce_p, ClassColor(1 - s.bce_t, dark), Dash::kDotted, ""});
  plot.points.push_back({s.bce_p, n.bce_loss, ClassColor(1 - s.bce_t, dark),
                         "p = " + p + ",  " + BceName(s.bce_t) + " = " + Num(n.bce_loss, d)});
  DrawDraggable(state, "##bce_plot", plot, "p");
}

void CrossEntropyPanel(AppState& state, const TheLossNumbers& n) {
  TheLossState& s = state.lesson_states.Get<TheLossState>();
  ImGui::RadioButton("t = 1 (the answer is yes)", &s.bce_t, 1);
  ImGui::RadioButton("t = 0 (the answer is no)", &s.bce_t, 0);
  SettingRow(state, "p", "p", 0.0, 1.0);
  Formula("L = −[t ln p + (1 − t) ln(1 − p)]", n.bce_loss, state.precision);
  Formula("slope ∂L/∂p = (p − t) / (p (1 − p))", n.bce_slope, state.precision);
  Formula("likelihood p^t · (1 − p)^(1 − t)", n.bce_likelihood, state.precision);
  Say(state, "loss#bce");
  Say(state, "loss#bce-likelihood",
      {{"likelihood", Num(n.bce_likelihood, state.precision)}, {"loss", Num(n.bce_loss, state.precision)}});
}

void SquaredErrorCanvas(AppState& state, const TheLossNumbers& n) {
  TheLossState& s = state.lesson_states.Get<TheLossState>();
  const int d = state.precision;
  const bool dark = state.dark_theme;
  Caption("L = ½ (t − a)² = ½ (" + Num(s.se_t, d) + " − " + Num(s.se_a, d) + ")² = " + Num(n.se_loss, d),
          ContentText(state.language, "loss#drag-a"));
  PlotSpec plot = LossPlot(state, "a, the network's output", "a", s.se_compare ? kCompareYMax : kSquaredYMax);
  PlotCurve squared{{}, {}, ClassColor(2, dark), Dash::kSolid, "½ (t − a)²", 3.0f};
  for (int i = 0; i < kCurveSamples; ++i) {
    const double a = static_cast<double>(i) / (kCurveSamples - 1);
    squared.x.push_back(a);
    squared.y.push_back(SampleLoss(Loss::kHalfSquaredError, One(a), One(a), One(s.se_t)));
  }
  plot.curves.push_back(squared);
  if (s.se_compare) {
    plot.curves.push_back(
        CrossEntropyCurve(s.se_t, WithAlpha(ClassColor(0, dark), 0.7f), Dash::kDashed, "cross-entropy, same t", 1.5f));
  }
  plot.lines.push_back({true, s.se_t, ThemePalette(dark).muted_text, Dash::kDotted, "target t = " + Num(s.se_t, d)});
  plot.points.push_back(
      {s.se_a, n.se_loss, ClassColor(2, dark), "a = " + Num(s.se_a, d) + ",  ½ (t − a)² = " + Num(n.se_loss, d)});
  DrawDraggable(state, "##se_plot", plot, "a");
}

void SquaredErrorPanel(AppState& state, const TheLossNumbers& n) {
  SettingRow(state, "a", "a", 0.0, 1.0);
  SettingRow(state, "t", "t", 0.0, 1.0);
  ImGui::Checkbox("Compare with the cross-entropy curve", &state.lesson_states.Get<TheLossState>().se_compare);
  Formula("L = ½ (t − a)²", n.se_loss, state.precision);
  Formula("slope ∂L/∂a = a − t", n.se_slope, state.precision);
  Say(state, "loss#squared");
}

void SoftmaxCanvas(AppState& state, const TheLossNumbers& n) {
  const TheLossState& s = state.lesson_states.Get<TheLossState>();
  const int d = state.precision, k_true = s.true_class;
  const bool dark = state.dark_theme;
  Caption("L = −ln p" + Sub(k_true + 1) + " = −ln(" + Num(n.softmax_p[k_true], d) + ") = " + Num(n.softmax_loss, d),
          n.softmax_p[k_true] == 0.0
              ? ContentText(state.language, "loss#softmax-underflow", {{"pk", "p" + Sub(k_true + 1)}})
              : "");
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (ImGui::BeginTable("##softmax_table", 6, flags)) {
    for (const char* header :
         {"class", "logit zₖ", "pₖ = softmax(z)ₖ", "textbook pₖ", "target tₖ", "slope ∂L/∂zₖ = pₖ − tₖ"}) {
      ImGui::TableSetupColumn(header);
    }
    ImGui::TableHeadersRow();
    for (int k = 0; k < 3; ++k) {
      ImGui::TableNextColumn();
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ClassColor(k, dark)), "■ %d%s", k + 1,
                         k == k_true ? " (true)" : "");
      for (double cell :
           {s.logits[k], n.softmax_p[k], n.naive_softmax_p[k], k == k_true ? 1.0 : 0.0, n.softmax_gradient[k]}) {
        NumberCell(cell, state);
      }
    }
    ImGui::TableNextColumn();
    ImGui::TextUnformatted("Σ");
    ImGui::TableNextColumn();
    for (double sum : {n.softmax_sum, n.naive_softmax_sum, 1.0}) NumberCell(sum, state);
    ImGui::EndTable();
  }
  BarChartSpec bars;
  bars.y_label = "probability pₖ (the bars add up to 1)";
  bars.auto_y = false;
  bars.precision = d;
  bars.dark = dark;
  for (int k = 0; k < 3; ++k) {
    bars.bars.push_back({"class " + std::to_string(k + 1) + (k == k_true ? " (true)" : ""), n.softmax_p[k],
                         ClassColor(k, dark), k == k_true});
  }
  ImGui::Spacing();
  DrawBarChart("##softmax_bars", bars, Remaining());
}

void SoftmaxPanel(AppState& state, const TheLossNumbers& n) {
  TheLossState& s = state.lesson_states.Get<TheLossState>();
  for (int k = 0; k < 3; ++k) {
    SettingRow(state, "z" + Sub(k + 1), ("z" + std::to_string(k + 1)).c_str(), -kLogitSlider, kLogitSlider);
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("true class:");
  for (int k = 0; k < 3; ++k) {
    ImGui::SameLine();
    ImGui::RadioButton(std::to_string(k + 1).c_str(), &s.true_class, k);
  }
  double min = 0.0, max = 0.0;
  Field(state, "z1", &min, &max);
  ImGui::BeginDisabled(*std::max_element(s.logits.begin(), s.logits.end()) + kShift > max);
  if (ImGui::Button("Add 1000 to every logit")) {
    for (double& z : s.logits) z += kShift;
  }
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Reset the logits")) s.logits = TheLossState().logits;
  Formula("L = −ln p" + Sub(s.true_class + 1), n.softmax_loss, state.precision);
  Say(state, "loss#softmax");
}

void StabilityCanvas(AppState& state, const TheLossNumbers& n) {
  TheLossState& s = state.lesson_states.Get<TheLossState>();
  const int d = state.precision;
  const bool dark = state.dark_theme;
  Caption("z = " + Num(s.stability_z, d) + ", t = " + std::to_string(s.bce_t) + ":   textbook " +
              Num(n.stability_naive_loss, d) + ",   from the logit " + Num(n.stability_stable_loss, d),
          ContentText(state.language, "loss#drag-z"));
  PlotSpec plot = LossPlot(state, "z, the logit: the output before the sigmoid", "z", 0.0);
  plot.x_min = std::min(-kStabilitySlider, s.stability_z - 10.0);
  plot.x_max = std::max(kStabilitySlider, s.stability_z + 10.0);
  PlotCurve stable{{}, {}, ClassColor(2, dark), Dash::kSolid, "from the logit (stable)", 4.0f};
  PlotCurve naive{{}, {}, ClassColor(1, dark), Dash::kDashed, "textbook, from p = σ(z)", 2.0f};
  for (int i = 0; i < kCurveSamples; ++i) {
    const double z = plot.x_min + (plot.x_max - plot.x_min) * i / (kCurveSamples - 1);
    stable.x.push_back(z);
    naive.x.push_back(z);
    stable.y.push_back(BinaryCrossEntropyFromLogit(z, s.bce_t));
    naive.y.push_back(NaiveBinaryCrossEntropy(z, s.bce_t));
    // Mark where the textbook formula stops (or starts) giving a number, with the word it gives instead.
    if (i > 0 && std::isfinite(naive.y[i]) != std::isfinite(naive.y[i - 1])) {
      const bool now_finite = std::isfinite(naive.y[i]);
      const int last_finite = now_finite ? i : i - 1, first_broken = now_finite ? i - 1 : i;
      plot.lines.push_back({true, naive.x[last_finite], ClassColor(1, dark), Dash::kDotted,
                            "textbook: " + Num(naive.y[first_broken], d) + " beyond this line"});
    }
  }
  plot.curves = {stable, naive};
  plot.points.push_back({s.stability_z, n.stability_stable_loss, ClassColor(2, dark),
                         "z = " + Num(s.stability_z, d) + ":  " + Num(n.stability_stable_loss, d) + ",  textbook " +
                             Num(n.stability_naive_loss, d)});
  if (!std::isfinite(n.stability_naive_loss)) plot.points.push_back({s.stability_z, n.stability_naive_loss, 0, ""});
  DrawDraggable(state, "##stability_plot", plot, "z");
}

void StabilityPanel(AppState& state, const TheLossNumbers& n) {
  ImGui::RadioButton("t = 1", &state.lesson_states.Get<TheLossState>().bce_t, 1);
  ImGui::SameLine();
  ImGui::RadioButton("t = 0", &state.lesson_states.Get<TheLossState>().bce_t, 0);
  SettingRow(state, "z", "z", -kStabilitySlider, kStabilitySlider);
  Formula("p = σ(z)", n.stability_p, state.precision);
  Formula("textbook: −[t ln p + (1 − t) ln(1 − p)]", n.stability_naive_loss, state.precision);
  Formula("from z: max(z, 0) − z t + ln(1 + e^−|z|)", n.stability_stable_loss, state.precision);
  Say(state, "loss#stability");
}
}  // namespace

void TheLossEnter(AppState& state) { state.field_error.clear(); }

void TheLossCanvas(AppState& state) {
  TheLossState& s = state.lesson_states.Get<TheLossState>();
  for (int i = 0; i < kLossSectionCount; ++i) {
    const bool current = static_cast<int>(s.section) == i;
    if (i > 0) ImGui::SameLine();
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(kSectionTitles[i])) s.section = static_cast<LossSection>(i);
    if (current) ImGui::PopStyleColor();
  }
  ImGui::Spacing();
  const TheLossNumbers n = ComputeTheLoss(s);
  switch (s.section) {
    case LossSection::kBinaryCrossEntropy: CrossEntropyCanvas(state, n); break;
    case LossSection::kSquaredError: SquaredErrorCanvas(state, n); break;
    case LossSection::kSoftmax: SoftmaxCanvas(state, n); break;
    case LossSection::kStability: StabilityCanvas(state, n); break;
  }
}

void TheLossPanel(AppState& state) {
  Say(state, "loss#intro");
  ImGui::Separator();
  const LossSection section = state.lesson_states.Get<TheLossState>().section;
  const TheLossNumbers n = ComputeTheLoss(state.lesson_states.Get<TheLossState>());
  ImGui::PushFont(Fonts().heading);
  ImGui::TextUnformatted(kSectionTitles[static_cast<int>(section)]);
  ImGui::PopFont();
  switch (section) {
    case LossSection::kBinaryCrossEntropy: CrossEntropyPanel(state, n); break;
    case LossSection::kSquaredError: SquaredErrorPanel(state, n); break;
    case LossSection::kSoftmax: SoftmaxPanel(state, n); break;
    case LossSection::kStability: StabilityPanel(state, n); break;
  }
  if (!state.field_error.empty()) {
    WarningText(state, "✗ " + state.field_error);
  }
  ImGui::Separator();
  switch (section) {
    case LossSection::kBinaryCrossEntropy: Say(state, "loss#try-bce"); break;
    case LossSection::kSquaredError: Say(state, "loss#try-squared"); break;
    case LossSection::kSoftmax: Say(state, "loss#try-softmax"); break;
    case LossSection::kStability: Say(state, "loss#try-stability"); break;
  }
}

LessonInfo TheLossLesson() {
  return {"loss",     "Cost functions: the loss", TheLossEnter, nullptr, TheLossCanvas, TheLossPanel, LossLessonJson,
          LossCommand};
}

}  // namespace bp
