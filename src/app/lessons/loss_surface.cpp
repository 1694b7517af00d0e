// Lesson "Gradient descent on a loss surface": one neuron with two weights, so its loss is a surface
// over (w₁, w₂) (core/loss_surface.h). Plain gradient descent, minibatch SGD, momentum and Adam start
// from the same point; their paths are drawn on the shaded surface and their losses on a curve. The
// arrow under the mouse is the step plain GD would take from there, −η∇J. Every optimizer setting of
// the playground is here, and the playground's help links back. Its words: content/en/loss-surface.md.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/lessons/loss_surface_state.h"
#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/session/json.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/data_plane.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot.h"
#include "app/widgets/plot_frame.h"
#include "app/widgets/widgets.h"
#include "core/loss_surface.h"
#include "imgui.h"

namespace bp {

namespace {
SurfaceRunConfig RunConfig(const SurfaceLessonState& s, int runner) {
  SurfaceRunConfig run;
  run.problem = s.problem;
  run.optimizer = s.optimizer;
  run.optimizer.kind = runner == 2   ? OptimizerKind::kMomentum
                       : runner == 3 ? OptimizerKind::kAdam
                                     : OptimizerKind::kSgd;
  run.batch_size = runner == 1 ? static_cast<int>(s.batch) : 0;
  run.start = s.start;
  run.seed = 1;
  run.steps = static_cast<int>(s.steps);
  return run;
}

// The surface's colour: log₁₀ J from dark (low) to light (high), in bands of a tenth of a decade, so
// the band edges read as contour lines. A non-finite J gets the palette's invalid colour.
void ShadeSurface(SurfaceLessonState& s, bool dark) {
  const SurfaceRange range = SurfaceDefaultRange(s.problem);
  Result<SurfaceGrid> grid = MakeSurfaceGrid(s.problem, range, kImageSize, s.optimizer);
  s.image = ColorImage();
  if (!grid.ok()) return;
  const SurfaceGrid& g = grid.value();
  double low = 1e300, high = -1e300;
  for (int k = 0; k < g.values.size(); ++k) {
    const double v = g.values(k);
    if (std::isfinite(v) && v > 0.0) low = std::min(low, std::log10(v)), high = std::max(high, std::log10(v));
  }
  if (!(low < high)) high = low + 1.0;
  s.image_low = low;
  s.image_high = high;
  const ImVec4 lo = dark ? ImVec4(0.05f, 0.10f, 0.25f, 1) : ImVec4(0.20f, 0.35f, 0.65f, 1);
  const ImVec4 hi = dark ? ImVec4(0.55f, 0.60f, 0.70f, 1) : ImVec4(0.97f, 0.97f, 1.00f, 1);
  s.image.resolution = kImageSize;
  s.image.colors.resize(kImageSize * kImageSize);
  // The grid has its points on the corners of the range; the image's cells are centred between them,
  // close enough at 96 per side for a picture (the numbers come from SurfaceObjective).
  for (int j = 0; j < kImageSize; ++j) {
    for (int i = 0; i < kImageSize; ++i) {
      const double v = g.values(i, j);
      ImU32 color = ThemePalette(dark).invalid;
      if (std::isfinite(v) && v > 0.0) {
        // Band k holds log₁₀ J in [k/10, (k + 1)/10): a tenth of a decade, every other band a shade darker.
        const double band = std::floor(std::log10(v) * 10.0);
        const float t = static_cast<float>(std::clamp((band / 10.0 - low) / (high - low), 0.0, 1.0));
        const float shade = static_cast<int64_t>(band) % 2 ? 0.94f : 1.0f;
        color = ImGui::ColorConvertFloat4ToU32(ImVec4((lo.x + t * (hi.x - lo.x)) * shade,
                                                      (lo.y + t * (hi.y - lo.y)) * shade,
                                                      (lo.z + t * (hi.z - lo.z)) * shade, 1.0f));
      }
      s.image.colors[j * kImageSize + i] = color;
    }
  }
}

}  // namespace

void RecomputeSurface(SurfaceLessonState& s, bool dark) {
  if (!s.image.valid() || s.image_dark != dark || s.image_problem != s.problem || s.image_l1 != s.optimizer.l1 ||
      s.image_l2 != s.optimizer.l2) {
    ShadeSurface(s, dark);
    s.image_dark = dark;
    s.image_problem = s.problem;
    s.image_l1 = s.optimizer.l1;
    s.image_l2 = s.optimizer.l2;
  }
  for (int r = 0; r < kRunners; ++r) {
    Result<SurfacePath> path = RunSurfacePath(RunConfig(s, r));
    s.paths[r] = path.ok() ? path.value() : SurfacePath();
    s.errors[r] = path.ok() ? "" : path.error();
  }
  s.shown = static_cast<int>(s.steps);
  s.dirty = false;
}

namespace {
std::string Pair(const Eigen::Vector2d& w, int d) { return "(" + Num(w(0), d) + ", " + Num(w(1), d) + ")"; }

}  // namespace

// The start a weight initialisation scheme would draw, with a new seed each press.
void RandomSurfaceStart(SurfaceLessonState& s) {
  s.init_seed += 1;
  s.start = SurfaceInitialPoint(s.init, s.init_seed);
  s.dirty = true;
}

void LossSurfaceUpdate(AppState& state) {
  SurfaceLessonState& s = state.lesson_states.Get<SurfaceLessonState>();
  if (s.dirty || s.image_dark != state.dark_theme) RecomputeSurface(s, state.dark_theme);
  if (s.shown < static_cast<int>(s.steps)) {
    s.shown = std::min(static_cast<int>(s.steps), s.shown + std::max(1, static_cast<int>(s.steps) / kRevealFrames));
  }
}

void LossSurfaceCanvas(AppState& state) {
  SurfaceLessonState& s = state.lesson_states.Get<SurfaceLessonState>();
  if (s.dirty) RecomputeSurface(s, state.dark_theme);
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const bool wide = avail.x >= avail.y * 1.2f;
  const float side = wide ? std::min(avail.y, avail.x * 0.58f) : std::min(avail.x, avail.y * 0.62f);
  const SurfaceRange range = SurfaceDefaultRange(s.problem);
  DataPlaneSpec spec;
  spec.range = PlaneRange{range.min(0), range.max(0), range.min(1), range.max(1)};
  spec.x_label = "w₁";
  spec.y_label = "w₂";
  spec.dark = state.dark_theme;
  spec.precision = state.precision;
  spec.image = &s.image;
  spec.tooltip = false;
  const DataPlaneMouse plane = DrawDataPlane("##surface", spec, ImVec2(wide ? side : avail.x, side));
  if (plane.held) {
    s.start = Eigen::Vector2d(std::clamp(plane.x, range.min(0), range.max(0)),
                              std::clamp(plane.y, range.min(1), range.max(1)));
    s.dirty = true;
  }
  const Palette& palette = ThemePalette(state.dark_theme);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(plane.frame_min, plane.frame_max, true);
  // The initialisation's region: the box uniform draws lie in, or He's one-σ circle.
  const SurfaceInitRegion region = SurfaceInitRange(s.init);
  const ImU32 region_color = WithAlpha(palette.text, 0.5f);
  if (region.normal) {
    const ImVec2 c = plane.ToScreen(0, 0), edge = plane.ToScreen(region.stddev, 0);
    draw->AddCircle(c, edge.x - c.x, region_color, 48, LineWidth(1.5f));
  } else {
    draw->AddRect(plane.ToScreen(-region.half_width, region.half_width),
                  plane.ToScreen(region.half_width, -region.half_width), region_color, 0.0f, 0, LineWidth(1.5f));
  }
  const Eigen::Vector2d minimum = SurfaceMinimum(s.problem);
  const ImVec2 m = plane.ToScreen(minimum(0), minimum(1));
  const float r = plot::Px(7.0f);
  draw->AddLine(ImVec2(m.x - r, m.y - r), ImVec2(m.x + r, m.y + r), palette.text, LineWidth(2.5f));
  draw->AddLine(ImVec2(m.x - r, m.y + r), ImVec2(m.x + r, m.y - r), palette.text, LineWidth(2.5f));
  for (int k = 0; k < kRunners; ++k) {
    if (!s.show[k] || s.paths[k].points.empty()) continue;
    std::vector<ImVec2> run;
    const int last = std::min<int>(s.shown, static_cast<int>(s.paths[k].points.size()) - 1);
    for (int n = 0; n <= last; ++n) run.push_back(plane.ToScreen(s.paths[k].points[n].w(0), s.paths[k].points[n].w(1)));
    const Dash dash = k == 1 ? Dash::kDotted : k == 2 ? Dash::kDashed : Dash::kSolid;
    plot::DrawDashed(draw, run, ClassColor(k, state.dark_theme), dash, LineWidth(2.5f));
    DrawClassMarker(draw, run.back(), plot::Px(6.0f), k, false, state.dark_theme);
  }
  const ImVec2 start = plane.ToScreen(s.start(0), s.start(1));
  draw->AddCircle(start, plot::Px(8.0f), palette.highlight, 0, LineWidth(3.0f));
  // Under the mouse: the step plain gradient descent would take from there, −η∇J.
  if (plane.hovered && !plane.held) {
    const Eigen::Vector2d w(plane.x, plane.y);
    const Eigen::Vector2d g = SurfaceGradient(s.problem, w, s.optimizer);
    const Eigen::Vector2d to = w - s.optimizer.learning_rate * g;
    if (to.allFinite()) {
      const ImVec2 a = plane.ToScreen(w(0), w(1)), b = plane.ToScreen(to(0), to(1));
      draw->AddLine(a, b, palette.highlight, LineWidth(3.0f));
      draw->AddCircleFilled(b, plot::Px(4.0f), palette.highlight);
    }
    ImGui::BeginTooltip();
    ImGui::Text("w = %s, J = %s", Pair(w, state.precision).c_str(),
                Num(SurfaceObjective(s.problem, w, s.optimizer), state.precision).c_str());
    ImGui::Text("∇J = %s, step −η∇J = %s", Pair(g, state.precision).c_str(),
                Pair(-s.optimizer.learning_rate * g, state.precision).c_str());
    ImGui::EndTooltip();
  }
  draw->PopClipRect();
  if (wide) ImGui::SameLine(0.0f, gap);

  PlotSpec plot;
  plot.x_label = "step";
  plot.y_label = "log₁₀ J";
  plot.x_min = 0;
  plot.x_max = std::max(1.0, s.steps);
  plot.dark = state.dark_theme;
  plot.precision = state.precision;
  for (int k = 0; k < kRunners; ++k) {
    if (!s.show[k]) continue;
    PlotCurve curve;
    curve.color = ClassColor(k, state.dark_theme);
    curve.dash = k == 1 ? Dash::kDotted : k == 2 ? Dash::kDashed : Dash::kSolid;
    curve.label = kRunnerTitles[k];
    const int last = std::min<int>(s.shown, static_cast<int>(s.paths[k].points.size()) - 1);
    for (int n = 0; n <= last; ++n) {
      curve.x.push_back(n);
      curve.y.push_back(std::log10(s.paths[k].points[n].objective));
    }
    plot.curves.push_back(curve);
  }
  const float plot_w = wide ? avail.x - side - gap : avail.x;
  const float plot_h = wide ? side : avail.y - side - ImGui::GetStyle().ItemSpacing.y;
  DrawPlot("##surface_loss", plot, ImVec2(plot_w, std::max(plot_h, ImGui::GetFontSize() * 6.0f)));
}

namespace {
// A typed setting: refused text leaves it (NumberField says why); a new value recomputes the paths.
void Setting(AppState& state, SurfaceLessonState& s, const char* label, double* value, double min, double max) {
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(label);
  ImGui::SameLine(ImGui::GetFontSize() * 9.0f);
  if (NumberField(state, std::string("surface ") + label, value, min, max, ImGui::GetFontSize() * 6.0f)) s.dirty = true;
}
}  // namespace

void LossSurfacePanel(AppState& state) {
  SurfaceLessonState& s = state.lesson_states.Get<SurfaceLessonState>();
  const int d = state.precision;
  Say(state, "loss-surface#intro");
  Say(state, "loss-surface#try");
  ImGui::Separator();
  int problem = s.problem == SurfaceProblem::kBowl ? 0 : 1;
  const bool bowl_pressed = ImGui::RadioButton("Bowl: a straight-line fit", &problem, 0);
  const bool plateau_pressed = ImGui::RadioButton("Plateau: a sigmoid unit", &problem, 1);
  if (bowl_pressed || plateau_pressed) {
    s.problem = problem == 0 ? SurfaceProblem::kBowl : SurfaceProblem::kPlateau;
    s.start = SurfaceDefaultStart(s.problem);
    s.dirty = true;
  }
  Setting(state, s, "η", &s.optimizer.learning_rate, kMinLearningRate, kMaxLearningRate);
  // Bowl: GD crawls, converges, diverges (η > 1). Plateau: even Adam crawls, Adam gets down, Adam
  // overshoots onto the shelf (GD would need η ≈ 30).
  const double rates[2][3] = {{0.05, 0.5, 3.0}, {0.01, 0.1, 1.0}};
  const char* const rate_names[3] = {"η too small", "η about right", "η too large"};
  for (int k = 0; k < 3; ++k) {
    if (k > 0) SameLineIfFits(ButtonWidth(rate_names[k]));
    if (ImGui::Button(rate_names[k])) s.optimizer.learning_rate = rates[problem][k], s.dirty = true;
  }
  Setting(state, s, "steps", &s.steps, 1, kMaxLessonSteps);
  s.steps = std::round(s.steps);
  for (int k = 0; k < kRunners; ++k) {
    ImGui::PushStyleColor(ImGuiCol_CheckMark, ClassColor(k, state.dark_theme));
    ImGui::Checkbox(kRunnerTitles[k], &s.show[k]);
    ImGui::PopStyleColor();
    const SurfacePath& path = s.paths[k];
    if (!s.errors[k].empty()) {
      WarningText(state, "✗ " + s.errors[k]);
    } else if (path.diverged) {
      WarningText(state, "⚠ " + ContentText(state.language, "loss-surface#diverged",
                                            {{"step", std::to_string(path.diverged_step)}, {"what", path.divergence}}));
    } else if (!path.points.empty()) {
      const SurfacePathPoint& end = path.points.back();
      const bool grew = end.objective > path.points.front().objective;
      Say(state, grew ? "loss-surface#grew" : "loss-surface#result",
          {{"steps", std::to_string(path.points.size() - 1)},
           {"J", Num(end.objective, d)},
           {"w", Pair(end.w, d)},
           {"distance", Num((end.w - SurfaceMinimum(s.problem)).norm(), d)}});
    }
  }
  if (ImGui::Button("Replay")) s.shown = 0;
  // The start, typed (the keyboard's way to what a click on the surface does).
  const SurfaceRange range = SurfaceDefaultRange(s.problem);
  Setting(state, s, "start w₁", &s.start(0), range.min(0), range.max(0));
  Setting(state, s, "start w₂", &s.start(1), range.min(1), range.max(1));
  ImGui::Separator();
  Say(state, "loss-surface#settings");
  Setting(state, s, "batch (SGD)", &s.batch, 1, 8);
  s.batch = std::round(s.batch);
  Setting(state, s, "μ (momentum)", &s.optimizer.momentum, 0.0, 0.999);
  Setting(state, s, "β₁ (Adam)", &s.optimizer.beta1, 0.0, 0.999);
  Setting(state, s, "β₂ (Adam)", &s.optimizer.beta2, 0.0, 0.9999);
  Setting(state, s, "ε (Adam)", &s.optimizer.epsilon, 1e-12, 1.0);
  Setting(state, s, "L1", &s.optimizer.l1, 0.0, 10.0);
  Setting(state, s, "L2", &s.optimizer.l2, 0.0, 10.0);
  if (!state.field_error.empty()) WarningText(state, "✗ " + state.field_error);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("start from");
  for (InitScheme scheme : {InitScheme::kUniform, InitScheme::kXavier, InitScheme::kHe}) {
    ImGui::SameLine();
    if (ImGui::RadioButton(InitSchemeName(scheme), s.init == scheme)) s.init = scheme;
  }
  SameLineIfFits(ButtonWidth("Random start"));
  if (ImGui::Button("Random start")) RandomSurfaceStart(s);
  for (const char* part : {"loss-surface#eta", "loss-surface#batch", "loss-surface#momentum", "loss-surface#adam",
                           "loss-surface#penalties", "loss-surface#init"}) {
    Say(state, part);
  }
}

}  // namespace bp
