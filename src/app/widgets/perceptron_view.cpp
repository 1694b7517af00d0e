// The perceptron lessons' shared canvas and controls (see perceptron_view.h). The numbers shown
// all come from the core's PerceptronStepRecord; this file lays them out.
#include "app/widgets/perceptron_view.h"

#include <algorithm>
#include <string>

#include "app/session/format.h"
#include "app/widgets/fonts.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr int kMaxBarsShown = 40;  // the chart shows the last 40 epochs as bars, older ones as a curve
constexpr float kMinPlaneSide = 160.0f;

std::string VectorText(const Eigen::VectorXd& v, int precision) {
  std::string text = "(";
  for (int i = 0; i < v.size(); ++i) text += (i ? ", " : "") + Num(v(i), precision);
  return text + ")";
}
}  // namespace

void DrawPerceptronPlane(AppState& state, PerceptronRun& run, const PerceptronViewOptions& options, ImVec2 size) {
  DataPlaneSpec spec;
  spec.range = options.range;
  spec.dark = state.dark_theme;
  spec.precision = state.precision;
  SetDataPoints(&spec, run.data);
  spec.boundary = options.boundary;
  spec.marker_radius = options.marker_radius;
  spec.highlighted = run.has_last_step ? run.last_step.index : -1;
  PlaneLine line;
  if (options.draw_line && run.perceptron.inputs() == 2) {
    line.w1 = run.perceptron.w(0);
    line.w2 = run.perceptron.w(1);
    line.b = run.perceptron.b;
    line.label = "w·x + b = 0";
    spec.line = &line;
  }
  const DataPlaneMouse mouse = DrawDataPlane("##perceptron_plane", spec, size);
  if (options.allow_adding && mouse.clicked) {
    const int label = mouse.shift ? 1 - run.click_class : run.click_class;
    Status added = AddPerceptronPoint(&run, mouse.x, mouse.y, label);
    if (!added) state.banner = added.error;
  }
}

void DrawMistakesChart(const AppState& state, const PerceptronRun& run, ImVec2 size) {
  const int epochs = run.epochs;
  if (epochs > kMaxBarsShown) {
    PlotSpec plot;
    plot.x_label = "epoch";
    plot.y_label = "mistakes in the epoch";
    plot.x_min = 1;
    plot.x_max = epochs;
    plot.dark = state.dark_theme;
    plot.precision = state.precision;
    // From 0, so the "no mistakes" line is always in view.
    plot.auto_y = false;
    plot.y_min = 0.0;
    plot.y_max = *std::max_element(run.mistakes_per_epoch.begin(), run.mistakes_per_epoch.end()) + 1.0;
    PlotCurve curve;
    curve.color = ClassColor(0, state.dark_theme);
    curve.label = "mistakes";
    for (size_t r = 0; r < run.mistakes_per_epoch.size(); ++r) {
      curve.x.push_back(run.mistakes_epochs[r]);
      curve.y.push_back(run.mistakes_per_epoch[r]);
    }
    plot.curves.push_back(curve);
    PlotLine zero;
    zero.vertical = false;
    zero.at = 0.0;
    zero.color = ThemePalette(state.dark_theme).muted_text;
    zero.label = "no mistakes";
    plot.lines.push_back(zero);
    DrawPlot("##mistakes_plot", plot, size);
    return;
  }
  BarChartSpec chart;
  chart.y_label = "mistakes per epoch";
  chart.precision = state.precision;
  chart.dark = state.dark_theme;
  for (int e = 0; e < epochs; ++e) {
    PlotBar bar;
    bar.label = std::to_string(e + 1);
    bar.value = run.mistakes_per_epoch[e];
    bar.color = ClassColor(0, state.dark_theme);
    bar.emphasised = e + 1 == epochs && run.converged;
    chart.bars.push_back(bar);
  }
  if (chart.bars.empty()) {
    ImGui::TextDisabled("No epoch finished yet: press “Run one epoch”.");
    return;
  }
  DrawBarChart("##mistakes_bars", chart, size);
}

void DrawPerceptronCanvas(AppState& state, PerceptronRun& run, const PerceptronViewOptions& options) {
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  // Side by side when that gives the (square) plane more room than stacking would.
  if (std::min(avail.y, avail.x * 0.6f) >= std::min(avail.x, avail.y * 0.62f)) {
    const float plane = std::max(std::min(avail.y, avail.x * 0.6f), kMinPlaneSide);
    DrawPerceptronPlane(state, run, options, ImVec2(plane, avail.y));
    ImGui::SameLine(0.0f, gap);
    ImGui::BeginGroup();
    DrawMistakesChart(state, run, ImVec2(avail.x - plane - gap, avail.y * 0.6f));
    ImGui::EndGroup();
  } else {
    const float plane = std::max(avail.y * 0.62f, kMinPlaneSide);
    DrawPerceptronPlane(state, run, options, ImVec2(avail.x, plane));
    DrawMistakesChart(state, run, ImVec2(avail.x, std::max(avail.y - plane - gap, kMinPlaneSide * 0.6f)));
  }
}

void DrawPerceptronControls(AppState& state, PerceptronRun& run, bool allow_adding) {
  if (ImGui::Button("Step one sample")) {
    run.running = false;
    Status stepped = StepPerceptronSample(&run);
    if (!stepped) state.banner = stepped.error;
  }
  ImGui::SameLine();
  if (ImGui::Button("Run one epoch")) {
    run.running = false;
    Status ran = RunPerceptronEpochs(&run, 1, false);
    if (!ran) state.banner = ran.error;
  }
  if (ImGui::Button(run.running ? "Stop" : "Run until no mistakes")) {
    run.running = !run.running;
    run.run_started_at = run.epochs;
  }
  ImGui::SameLine();
  if (ImGui::Button("Reset w and b")) ResetPerceptronRun(&run);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("learning rate η");
  ImGui::SameLine();
  NumberField(state, "perceptron_eta", &run.eta, 1e-6, 100.0, ImGui::GetFontSize() * 6.0f);
  if (allow_adding) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("A click adds class");
    ImGui::SameLine();
    ImGui::RadioButton("0 (circle)", &run.click_class, 0);
    ImGui::SameLine();
    ImGui::RadioButton("1 (square)", &run.click_class, 1);
    ImGui::TextDisabled("Shift-click adds the other class.");
  }
  if (!state.field_error.empty()) WrappedText(state.field_error);
  std::string status = "Epochs: " + std::to_string(run.epochs);
  if (!run.mistakes_per_epoch.empty())
    status += ", mistakes in the last: " + std::to_string(run.mistakes_per_epoch.back());
  if (run.converged) status += " — no mistakes: converged.";
  if (run.running) status += " (running…)";
  WrappedText(status);
}

void DrawPerceptronStepNumbers(const AppState& state, const PerceptronRun& run) {
  const int d = state.precision;
  ImGui::PushFont(Fonts().mono);
  WrappedText("w = " + VectorText(run.perceptron.w, d) + ",  b = " + Num(run.perceptron.b, d));
  ImGui::PopFont();
  if (!run.has_last_step) {
    ImGui::TextDisabled("No step yet.");
    return;
  }
  const PerceptronStepRecord& s = run.last_step;
  WrappedText("Last step: sample " + std::to_string(s.index) +
              (s.mistake ? " — a mistake, so w moves." : " — right, nothing changes."));
  ImGui::PushFont(Fonts().mono);
  WrappedText("x = " + VectorText(s.x, d));
  WrappedText("z = w·x + b = " + Num(s.z, d));
  WrappedText("ŷ = " + std::to_string(s.prediction) + ",  t = " + std::to_string(s.y));
  WrappedText("Δw = η(t − ŷ)x = " + VectorText(s.delta_w, d));
  WrappedText("Δb = η(t − ŷ) = " + Num(s.delta_b, d));
  ImGui::PopFont();
}

}  // namespace bp
