// Lesson "Playground": train any small network live. The canvas shows the network (each hidden
// neuron as a thumbnail of its output over the plane, +/− buttons for layers and neurons), the data
// plane with the decision boundary drawn per pixel by the GPU shader, and the loss and accuracy
// curves. Every number comes from the core's Playground (src/core/playground.h); this file applies
// the learner's settings, advances training within a time budget, and draws.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <string>

#include "app/lessons/playground_api.h"
#include "app/lessons/playground_parts.h"
#include "app/session/app_state.h"
#include "app/session/boundary.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/session/hide_lock.h"
#include "app/stepper/step_screen.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/fonts.h"
#include "app/widgets/keys.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
// Training stops for this frame once it has used its budget, whatever the speed setting: the
// frame must still be drawn at a steady rate. The budget adapts between these bounds so that
// frames take about kTargetFrameMs (34 frames/s: above 30, so that the frame rate stays at 30 or
// more as a frame's cost varies): on a slow machine (or a GPU emulated on the CPU, which shares
// the processor with training) it shrinks until the frame rate recovers, but not below
// kMinTrainBudgetMs, where training still runs several hundred epochs a second when the frame is
// slow for other reasons.
constexpr double kMaxTrainBudgetMs = 14.0;
constexpr double kMinTrainBudgetMs = 6.0;
constexpr double kTargetFrameMs = 1000.0 / 34.0;
constexpr float kMinPlotHeight = 110.0f;
constexpr int kCurveGrid = 241;  // x samples of a 1-D model's fit

double NowMs() {
  using Clock = std::chrono::steady_clock;
  return std::chrono::duration<double, std::milli>(Clock::now().time_since_epoch()).count();
}

// Trains up to epochs_per_frame epochs, one at a time, until the budget is spent. An epoch of a
// large network on many points can take longer than the whole budget (10,000 points through eight
// layers of 16: about 50 ms in the browser); then the frame trains as many minibatches as the
// budget holds, estimated from the last epoch's time, so frames keep coming while it trains.
void AdvanceTraining(PlaygroundState& s) {
  const double start = NowMs();
  int done = 0;
  if (s.epoch_ms > s.train_budget_ms) {
    const int train = static_cast<int>(s.model.train_inputs.cols());
    const int per_epoch = std::max(1, (train + s.model.config.batch_size - 1) / std::max(1, s.model.config.batch_size));
    const int batches = std::clamp(static_cast<int>(per_epoch * s.train_budget_ms / s.epoch_ms), 1, per_epoch);
    PlaygroundProgress progress = TrainPlaygroundBatches(&s.model, batches);
    if (progress.diverged || progress.stopped || progress.batches == 0) s.running = false;
    s.train_ms = NowMs() - start;
    if (progress.batches > 0) s.epoch_ms = s.train_ms * per_epoch / progress.batches;
    s.rate_window_epochs += progress.epochs;
    return;
  }
  while (done < s.epochs_per_frame) {
    PlaygroundProgress progress = TrainPlaygroundEpochs(&s.model, 1);
    done += progress.epochs;
    if (progress.diverged || progress.stopped || progress.epochs == 0) {
      s.running = false;
      break;
    }
    if (NowMs() - start > s.train_budget_ms) break;
  }
  s.train_ms = NowMs() - start;
  if (done > 0) s.epoch_ms = s.train_ms / done;
  s.rate_window_epochs += done;
}

// Shrinks the training budget by a sixth while frames are slower than the target, and grows it
// back by a tenth while they are faster.
void AdaptTrainBudget(PlaygroundState& s) {
  if (!s.running || s.frame_ms <= 0.0) return;
  if (s.frame_ms > kTargetFrameMs) {
    s.train_budget_ms = std::max(kMinTrainBudgetMs, s.train_budget_ms * (5.0 / 6.0));
  } else if (s.frame_ms < 0.9 * kTargetFrameMs) {
    s.train_budget_ms = std::min(kMaxTrainBudgetMs, s.train_budget_ms * 1.1);
  }
}

// When frames stay slower than kSlowFrameMs while training (two in a row), the boundary image and
// the thumbnails are drawn at half the resolution, up to three times (an eighth): their cost, pixels
// times the network's size, dominates a large network's frame on a software GPU. Halving the side
// quarters the pixels, so a frame k times too slow takes log₄ k steps at once. After a second of
// frames four times faster than kSlowFrameMs, the resolution goes back up a step.
constexpr double kSlowFrameMs = 90.0;
constexpr int kFastFramesToRestore = 30;
void AdaptBoundaryResolution(PlaygroundState& s) {
  if (!s.running || s.frame_ms <= 0.0) return;
  if (s.frame_ms > kSlowFrameMs) {
    s.fast_frames = 0;
    if (++s.slow_frames >= 2 && s.boundary_reduction < kMaxBoundaryReduction) {
      const int steps = std::max(1, static_cast<int>(std::ceil(std::log(s.frame_ms / kSlowFrameMs) / std::log(4.0))));
      s.boundary_reduction = std::min(kMaxBoundaryReduction, s.boundary_reduction + steps);
      s.slow_frames = 0;
    }
  } else {
    s.slow_frames = 0;
    if (s.frame_ms < kSlowFrameMs / 4 && ++s.fast_frames >= kFastFramesToRestore && s.boundary_reduction > 0) {
      --s.boundary_reduction;
      s.fast_frames = 0;
    }
  }
}

void MeasureFrame(PlaygroundState& s) {
  const double now = NowMs();
  if (s.last_update_time >= 0.0) s.frame_ms = now - s.last_update_time;
  s.last_update_time = now;
  if (s.rate_window_start < 0.0) s.rate_window_start = now;
  if (now - s.rate_window_start >= 1000.0) {
    s.epochs_per_second = s.rate_window_epochs * 1000.0 / (now - s.rate_window_start);
    s.rate_window_start = now;
    s.rate_window_epochs = 0;
  }
  AdaptTrainBudget(s);
  AdaptBoundaryResolution(s);
}

std::string Percent(double fraction) {
  if (!std::isfinite(fraction)) return "–";
  char text[32];
  std::snprintf(text, sizeof text, "%.1f %%", 100.0 * fraction);
  return text;
}

// "1st", "2nd", "3rd", "4th", … "11th", "12th", "13th", … "21st".
std::string Ordinal(int n) {
  const char* suffix = n % 100 / 10 == 1 ? "th" : n % 10 == 1 ? "st" : n % 10 == 2 ? "nd" : n % 10 == 3 ? "rd" : "th";
  return std::to_string(n) + suffix;
}

void StatusLine(AppState& state) {
  const Playground& m = state.lesson_states.Get<PlaygroundState>().model;
  std::string line =
      "epoch " + std::to_string(m.epoch) + "   training loss " + Num(m.train_metrics.loss, state.precision);
  if (m.test.size() > 0) line += "   test loss " + Num(m.test_metrics.loss, state.precision);
  if (m.train_metrics.has_accuracy) line += "   training accuracy " + Percent(m.train_metrics.accuracy);
  if (m.test.size() > 0 && m.test_metrics.has_accuracy) line += "   test accuracy " + Percent(m.test_metrics.accuracy);
  WrappedText(line);
  const int total = m.train.size() + m.test.size();
  if (PointStride(total) > 1 && InputDimension(m.config.data) == 2) {
    Say(state, "playground#thinned", {{"k", Ordinal(PointStride(total))}, {"n", std::to_string(total)}});
  }
}

void TrainOneEpoch(PlaygroundState& s) {
  if (s.model.stopped) ClearStop(&s.model);
  s.notice.clear();
  TrainPlaygroundEpochs(&s.model, 1);
}

// → trains one epoch while the shortcuts own the keys (app/keyboard.h; Space is the Train button's,
// PlayPauseButton); not after a divergence (restore first), as the buttons.
void TrainingKeys(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  if (s.model.diverged || !s.built) return;
  if (ShortcutKeyPressed(state, ImGuiKey_RightArrow, true)) TrainOneEpoch(s);
}

void TrainingButtons(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  Playground& m = s.model;
  TrainingKeys(state);
  ImGui::BeginDisabled(m.diverged);
  if (PlayPauseButton(state, &s.running, "▶ Train", "⏸ Pause", !m.diverged && s.built)) {
    if (s.running && m.stopped) ClearStop(&m);
    s.notice.clear();  // the last change's note is old news once training goes on
  }
  SameLineIfFits(ButtonWidth("Step one minibatch"));
  if (ImGui::Button("Step one minibatch")) {
    s.notice.clear();
    TrainPlaygroundBatches(&m, 1);
  }
  SameLineIfFits(ButtonWidth("Step one epoch"));
  if (ImGui::Button("Step one epoch")) TrainOneEpoch(s);
  ImGui::EndDisabled();
  SameLineIfFits(ButtonWidth("New network"));
  ImGui::BeginDisabled(Locked(state, "weights") || Locked(state, "wseed"));
  const bool new_network = ImGui::Button("New network");
  ImGui::EndDisabled();
  if (new_network) {
    s.rebuild = true;
    s.notice =
        ContentText(state.language, "playground#new-network", {{"seed", std::to_string(s.settings.weight_seed)}});
  }
  SameLineIfFits(ButtonWidth("Step through a point…"));
  ImGui::BeginDisabled(m.train.size() == 0);
  if (ImGui::Button("Step through a point…")) StartPlaygroundStepper(state, s.step_point);
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", ContentText(state.language, "playground#tip-stepper").c_str());
}

void DivergenceNotice(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  Playground& m = s.model;
  const Palette& palette = ThemePalette(state.dark_theme);
  if (m.diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(palette.invalid));
    WrappedText(ContentText(state.language, "playground#diverged", {{"why", m.divergence_message}}));
    ImGui::PopStyleColor();
    const std::string restore = "Restore the last good weights (epoch " + std::to_string(m.last_finite_epoch) + ")";
    if (ImGui::Button(restore.c_str())) {
      RestoreLastFinite(&m);
      s.notice = ContentText(state.language, "playground#restored", {{"epoch", std::to_string(m.epoch)}});
    }
  } else if (m.stopped) {
    WrappedText(ContentText(state.language, "playground#stopped", {{"why", m.stop_message}}));
  }
  if (!s.error.empty()) WrappedText("⚠ " + s.error);
  if (!s.notice.empty()) {
    WrappedText(s.notice);
  }
}

// The 1-D regression view: the data as dots and the network's fit as a curve.
void CurvePlot(AppState& state, ImVec2 size) {
  ImGui::BeginGroup();
  const Playground& m = state.lesson_states.Get<PlaygroundState>().model;
  const bool dark = state.dark_theme;
  PlotSpec plot;
  plot.x_label = "x";
  plot.y_label = "t and the fit";
  plot.x_min = -1.2;
  plot.x_max = 1.2;
  plot.precision = state.precision;
  plot.dark = dark;
  Eigen::MatrixXd grid(1, kCurveGrid);
  for (int i = 0; i < kCurveGrid; ++i) grid(0, i) = plot.x_min + (plot.x_max - plot.x_min) * i / (kCurveGrid - 1);
  const Eigen::MatrixXd fit = Predict(m.mlp, PlaygroundInputs(m, grid));
  PlotCurve curve{{}, {}, ClassColor(0, dark), Dash::kSolid, "the network's fit", 2.5f};
  for (int i = 0; i < kCurveGrid; ++i) {
    curve.x.push_back(grid(0, i));
    curve.y.push_back(fit(0, i));
  }
  plot.curves.push_back(curve);
  for (int n = 0; n < m.train.size(); ++n)
    plot.points.push_back({m.train.X(0, n), m.train.T(0, n), ClassColor(1, dark), ""});
  if (state.lesson_states.Get<PlaygroundState>().show_test) {
    for (int n = 0; n < m.test.size(); ++n)
      plot.points.push_back({m.test.X(0, n), m.test.T(0, n), ClassColor(2, dark), ""});
  }
  // The dots' legend (the plot's own legend names the curves only).
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ClassColor(1, dark)), "● training points");
  if (state.lesson_states.Get<PlaygroundState>().show_test) {
    ImGui::SameLine();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(ClassColor(2, dark)), "● test points");
  }
  DrawPlot("##playground_fit", plot, ImVec2(size.x, size.y - ImGui::GetTextLineHeightWithSpacing()));
  ImGui::EndGroup();
}

void CurvesRow(AppState& state, ImVec2 size) {
  const Playground& m = state.lesson_states.Get<PlaygroundState>().model;
  const bool dark = state.dark_theme;
  PlotSpec loss;
  loss.x_label = "epoch";
  loss.y_label = "mean loss";
  loss.precision = state.precision;
  loss.dark = dark;
  loss.x_max = std::max(10.0, m.history.empty() ? 0.0 : static_cast<double>(m.history.back().epoch));
  PlotSpec accuracy = loss;
  accuracy.y_label = "accuracy (%)";
  accuracy.auto_y = false;
  accuracy.y_min = 0.0;
  accuracy.y_max = 100.0;
  PlotCurve train_loss{{}, {}, ClassColor(0, dark), Dash::kSolid, "training", 2.0f};
  PlotCurve test_loss{{}, {}, ClassColor(1, dark), Dash::kDashed, "test", 2.0f};
  PlotCurve train_acc = train_loss, test_acc = test_loss;
  for (const EpochRecord& r : m.history) {
    train_loss.x.push_back(r.epoch);
    train_loss.y.push_back(r.train_loss);
    test_loss.x.push_back(r.epoch);
    test_loss.y.push_back(r.test_loss);
    train_acc.x.push_back(r.epoch);
    train_acc.y.push_back(100.0 * r.train_accuracy);
    test_acc.x.push_back(r.epoch);
    test_acc.y.push_back(100.0 * r.test_accuracy);
  }
  loss.curves.push_back(train_loss);
  accuracy.curves.push_back(train_acc);
  if (m.test.size() > 0) {
    loss.curves.push_back(test_loss);
    accuracy.curves.push_back(test_acc);
  }
  if (m.diverged) {
    loss.lines.push_back({true, static_cast<double>(m.epoch), ThemePalette(dark).invalid, Dash::kDotted,
                          "diverged in epoch " + std::to_string(m.epoch + 1)});
  }
  const bool has_accuracy = m.train_metrics.has_accuracy;
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float loss_width = has_accuracy ? (size.x - gap) * 0.5f : size.x;
  DrawPlot("##playground_loss", loss, ImVec2(loss_width, size.y));
  if (has_accuracy) {
    ImGui::SameLine();
    DrawPlot("##playground_accuracy", accuracy, ImVec2(size.x - loss_width - gap, size.y));
  }
}
}  // namespace

void PlaygroundEnter(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  s.stepping = false;
  s.running = false;
}

// Once per frame before drawing: the learner's settings become the model here, then training runs
// within the time budget.
void PlaygroundUpdate(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  MeasureFrame(s);
  ApplyPlaygroundSettings(s);
  if (s.running && s.built && !s.stepping) AdvanceTraining(s);
}

void PlaygroundCanvas(AppState& state) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  if (s.stepping) {
    if (ImGui::Button("← Back to the playground")) s.stepping = false;
    ImGui::SameLine();
    WrappedText(ContentText(state.language, "playground#stepper-copy"));
    if (s.stepping) DrawStepCanvas(state);
    return;
  }
  if (!s.built) {
    WrappedText(s.error.empty() ? ContentText(state.language, "playground#not-built") : "⚠ " + s.error);
    return;
  }
  TrainingButtons(state);
  StatusLine(state);
  if (s.running && s.boundary_reduction > 0) {
    const int side = BoundaryPixels(s);
    WrappedText(ContentText(state.language, "playground#coarser-boundary", {{"side", std::to_string(side)}}));
  }
  DivergenceNotice(state);

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float curves_height = std::max(kMinPlotHeight, avail.y * 0.28f);
  const float top_height = std::max(kMinPlotHeight * 2.0f, avail.y - curves_height - ImGui::GetStyle().ItemSpacing.y);
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  const float plane_width = std::min(top_height, (avail.x - gap) * 0.5f);
  DrawPlaygroundNetwork(state, ImVec2(avail.x - plane_width - gap, top_height));
  ImGui::SameLine();
  if (InputDimension(s.model.config.data) == 1) {
    CurvePlot(state, ImVec2(plane_width, top_height));
  } else {
    DrawPlaygroundPlane(state, ImVec2(plane_width, top_height));
  }
  CurvesRow(state, ImVec2(avail.x, std::max(kMinPlotHeight, ImGui::GetContentRegionAvail().y)));
}

void PlaygroundPanel(AppState& state) {
  if (state.lesson_states.Get<PlaygroundState>().stepping) {
    Say(state, "playground#stepper-intro");
    DrawSamplePicker(state);
    ImGui::Separator();
    DrawStepMath(state);
    return;
  }
  Say(state, "playground#intro");
  DrawPlaygroundControls(state);
}

namespace {
Json PlaygroundLessonJson(const AppState& state) { return PlaygroundJson(state, false); }
}  // namespace

LessonInfo PlaygroundLesson() {
  return {"playground",
          "Playground",
          PlaygroundEnter,
          PlaygroundUpdate,
          PlaygroundCanvas,
          PlaygroundPanel,
          PlaygroundLessonJson,
          HandlePlaygroundCommand,
          true};
}

}  // namespace bp
