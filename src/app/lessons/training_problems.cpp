// Lesson "Training problems": three things that go wrong when a network trains, on one screen.
// (a) a learning rate that is too high makes the loss blow up (training pauses, the last finite
// weights can be restored), (b) ReLU neurons that never fire for any training point, (c) a big
// network on few points learns them by heart while the test loss rises. The math is src/core's.
#include <algorithm>
#include <cmath>
#include <string>

#include "app/lessons/training_problems_state.h"
#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/session/notation.h"
#include "app/session/work_budget.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/data_plane.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr float kMinPlotHeight = 140.0f;
constexpr int kBoundaryResolution = 64;
const char* const kProblemTitles[kTrainingProblemCount] = {"(a) Learning rate too high", "(b) Dead ReLUs",
                                                           "(c) Overfitting"};

// A hidden neuron's name, the same on the bars, in the panel and in the API: its output in the
// app's layer notation (session/notation.h), a₃⁽¹⁾ for neuron 3 of hidden layer 1.
std::string NeuronName(const TrainingProblemsState& s, size_t layer, size_t neuron) {
  return ActivationValueName(s.mlp, Notation::kLayered, static_cast<int>(layer), static_cast<int>(neuron));
}

// The sentence that says training stopped, from what the run kept (content part "diverged").
ContentVars DivergenceVars(const TrainingProblemsState& s) {
  return {{"what", s.divergence_what},
          {"epoch", std::to_string(s.divergence_epoch)},
          {"rate", Num(s.divergence_rate, 6)}};
}

}  // namespace

namespace {
std::vector<double> EpochAxis(size_t n) {
  std::vector<double> x(n);
  for (size_t i = 0; i < n; ++i) x[i] = static_cast<double>(i);
  return x;
}

void LossCurves(const AppState& state, ImVec2 size) {
  const TrainingProblemsState& s = state.lesson_states.Get<TrainingProblemsState>();
  const bool dark = state.dark_theme;
  PlotSpec plot;
  plot.x_label = "epoch";
  plot.y_label = "mean loss";
  plot.x_max = std::max(10.0, static_cast<double>(s.train_loss.size()));
  plot.precision = state.precision;
  plot.dark = dark;
  // A blow-up spans hundreds of powers of ten: only a log scale shows the climb.
  const bool log_scale = s.problem == TrainingProblem::kDivergence;
  std::vector<double> train = s.train_loss;
  if (log_scale) {
    plot.y_label = "log₁₀ of the mean loss";
    for (double& value : train) value = std::log10(value);
  }
  plot.curves.push_back({EpochAxis(train.size()), train, ClassColor(0, dark), Dash::kSolid, "training loss", 2.0f});
  if (!s.test_loss.empty()) {
    plot.curves.push_back(
        {EpochAxis(s.test_loss.size()), s.test_loss, ClassColor(1, dark), Dash::kDashed, "test loss", 2.0f});
  }
  if (s.diverged) {
    plot.lines.push_back({true, static_cast<double>(s.epoch), ThemePalette(dark).invalid, Dash::kDotted,
                          "diverged at epoch " + std::to_string(s.epoch)});
  }
  DrawPlot("##problem_loss", plot, size);
}

void DeadNeuronBars(const AppState& state, ImVec2 size) {
  const TrainingProblemsState& s = state.lesson_states.Get<TrainingProblemsState>();
  BarChartSpec bars;
  bars.y_label = "share of points each neuron fires for";
  bars.auto_y = false;
  bars.precision = 2;
  bars.dark = state.dark_theme;
  for (size_t l = 0; l < s.active_fraction.size(); ++l) {
    for (size_t j = 0; j < s.active_fraction[l].size(); ++j) {
      const bool dead = s.dead[l][j];
      // The neuron's name, and a cross under the dead ones (the second cue next to the colour).
      std::string label = NeuronName(s, l, j);
      if (dead) label += "\n✗";
      bars.bars.push_back(
          {label, s.active_fraction[l][j],
           dead ? ThemePalette(state.dark_theme).negative : ClassColor(static_cast<int>(l) + 2, state.dark_theme),
           dead});
    }
  }
  DrawBarChart("##dead_bars", bars, size);
}

// The data plane: training points filled, test points hollow, the network's regions behind them.
void OverfitPlane(AppState& state, ImVec2 size) {
  TrainingProblemsState& s = state.lesson_states.Get<TrainingProblemsState>();
  DataPlaneSpec plane;
  plane.range = {-1.4, 1.4, -1.4, 1.4};
  plane.dark = state.dark_theme;
  plane.precision = state.precision;
  SetDataPoints(&plane, s.train);
  plane.test_X = &s.test.X;
  plane.test_labels = &s.test.labels;
  if (s.boundary_epoch != s.epoch || !s.boundary.valid()) {
    ComputeBoundaryGrid(s.mlp, nullptr, plane.range, kBoundaryResolution, &s.boundary);
    s.boundary_epoch = s.epoch;
  }
  plane.boundary = &s.boundary;
  DrawDataPlane("##overfit_plane", plane, size);
}

std::string Percent(double fraction, int precision) { return Num(100.0 * fraction, precision) + " %"; }
}  // namespace

// The lesson opens on the too-high learning rate, already training: the blow-up is the first thing seen.
void TrainingProblemsEnter(AppState& state) {
  TrainingProblemsState& s = state.lesson_states.Get<TrainingProblemsState>();
  if (s.pending) ResetTrainingProblem(&s);
  if (s.problem == TrainingProblem::kDivergence && s.epoch == 0) s.running = true;
}

// Once per frame before drawing: apply pending changes and advance training (bounded).
void TrainingProblemsUpdate(AppState& state) {
  TrainingProblemsState& s = state.lesson_states.Get<TrainingProblemsState>();
  if (s.pending) ResetTrainingProblem(&s);
  if (s.running) TrainProblemEpochs(&s, TrainingProblemEpochsPerFrame(s));
}

void TrainingProblemsCanvas(AppState& state) {
  TrainingProblemsState& s = state.lesson_states.Get<TrainingProblemsState>();
  const bool dark = state.dark_theme;

  ImGui::PushFont(Fonts().heading);
  ImGui::TextUnformatted(kProblemTitles[static_cast<int>(s.problem)]);
  ImGui::PopFont();
  std::string line =
      "epoch " + std::to_string(s.epoch) + "   training loss " + Num(s.train_metrics.loss, state.precision);
  if (s.test.size() > 0) line += "   test loss " + Num(s.test_metrics.loss, state.precision);
  if (s.train_metrics.has_accuracy) line += "   training accuracy " + Percent(s.train_metrics.accuracy, 3);
  if (s.test.size() > 0 && s.test_metrics.has_accuracy)
    line += "   test accuracy " + Percent(s.test_metrics.accuracy, 3);
  WrappedText(line);
  if (s.problem == TrainingProblem::kDeadRelu && !s.dead.empty() && !s.dead[0].empty()) {
    Say(state, "training-problems#bars-legend",
        {{"example", NeuronName(s, 0, 0)},
         {"dead", std::to_string(s.dead_count)},
         {"hidden", std::to_string(s.hidden_count)}});
  }
  if (s.diverged) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(ThemePalette(dark).invalid));
    Say(state, "training-problems#diverged", DivergenceVars(s));
    ImGui::PopStyleColor();
  } else if (s.restored) {
    Say(state, "training-problems#restored", {{"epoch", std::to_string(s.epoch)}});
  }
  if (!s.error.empty()) Say(state, "training-problems#error", {{"error", s.error}});

  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const ImVec2 size(avail.x, std::max(avail.y, kMinPlotHeight));
  if (s.problem == TrainingProblem::kDivergence) {
    LossCurves(state, size);
  } else {
    // The bars (16 neurons) and the plane get the larger share of the width.
    const float spare = size.x - ImGui::GetStyle().ItemSpacing.x;
    LossCurves(state, ImVec2(spare * 0.4f, size.y));
    ImGui::SameLine();
    if (s.problem == TrainingProblem::kDeadRelu) {
      DeadNeuronBars(state, ImVec2(spare * 0.6f, size.y));
    } else {
      OverfitPlane(state, ImVec2(spare * 0.6f, size.y));
    }
  }
}

void TrainingProblemsPanel(AppState& state) {
  TrainingProblemsState& s = state.lesson_states.Get<TrainingProblemsState>();
  Say(state, "training-problems#intro");
  switch (s.problem) {
    case TrainingProblem::kDivergence:
      Say(state, "training-problems#divergence");
      Say(state, "training-problems#divergence-try");
      break;
    case TrainingProblem::kDeadRelu:
      Say(state, "training-problems#dead-relu");
      Say(state, "training-problems#dead-relu-try");
      Say(state, "training-problems#dead-relu-note");
      Say(state, "training-problems#dead-relu-rate-try");
      break;
    case TrainingProblem::kOverfitting:
      Say(state, "training-problems#overfitting");
      Say(state, "training-problems#overfitting-try");
      break;
  }
  ImGui::Separator();
  for (int p = 0; p < kTrainingProblemCount; ++p) {
    if (ImGui::RadioButton(kProblemTitles[p], static_cast<int>(s.problem) == p) && static_cast<int>(s.problem) != p) {
      s.problem = static_cast<TrainingProblem>(p);
      s.learning_rate = DefaultTrainingRate(s.problem);
      s.pending = true;
    }
  }
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("learning rate η");
  ImGui::SameLine();
  if (NumberField(state, "training_problems_rate", &s.learning_rate, kMinRate, kMaxRate, ImGui::GetFontSize() * 6.0f)) {
    s.config.learning_rate = s.learning_rate;
    s.last_good_optimizer = s.optimizer;
  }
  if (!state.field_error.empty()) WrappedText(state.field_error);
  ImGui::BeginDisabled(s.diverged);
  PlayPauseButton(state, &s.running, "Train", "Pause", !s.diverged);
  ImGui::SameLine();
  if (ImGui::Button("One epoch")) TrainProblemEpochs(&s, 1);
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Start over")) s.pending = true;
  if (s.problem == TrainingProblem::kDivergence) {
    ImGui::BeginDisabled(!s.diverged);
    if (ImGui::Button("Restore the last good weights")) RestoreLastGoodWeights(&s);
    ImGui::EndDisabled();
  }
  if (s.problem == TrainingProblem::kDeadRelu) {
    if (ImGui::Button("Provoke: start every hidden bias at −2")) ProvokeDeadRelus(&s);
    const std::string dead = std::to_string(s.dead_count), hidden = std::to_string(s.hidden_count);
    if (s.dead_before_provoke >= 0) {
      Say(state, "training-problems#dead-count-provoked",
          {{"dead", dead}, {"hidden", hidden}, {"before", std::to_string(s.dead_before_provoke)}});
    } else {
      Say(state, "training-problems#dead-count", {{"dead", dead}, {"hidden", hidden}});
    }
    for (size_t l = 0; l < s.dead.size(); ++l) {
      std::string names;
      for (size_t j = 0; j < s.dead[l].size(); ++j) {
        if (s.dead[l][j]) names += (names.empty() ? "" : ", ") + NeuronName(s, l, j);
      }
      const std::string layer = std::to_string(l + 1);
      if (names.empty()) {
        Say(state, "training-problems#layer-none", {{"layer", layer}});
      } else {
        Say(state, "training-problems#layer-dead", {{"layer", layer}, {"names", names}});
      }
    }
  }
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

// The names of the dead hidden neurons, as the bars and the panel write them.
Json DeadNeuronNames(const TrainingProblemsState& s) {
  Json names = Json::array();
  for (size_t l = 0; l < s.dead.size(); ++l) {
    for (size_t j = 0; j < s.dead[l].size(); ++j) {
      if (s.dead[l][j]) names.push_back(NeuronName(s, l, j));
    }
  }
  return names;
}

Json TrainingProblemsJson(const AppState& state) {
  const TrainingProblemsState& s = state.lesson_states.Get<TrainingProblemsState>();
  Json json = {{"problem", TrainingProblemName(s.problem)},
               {"epoch", s.epoch},
               {"learningRate", s.config.learning_rate},
               {"running", s.running},
               {"diverged", s.diverged},
               {"divergenceMessage",
                s.diverged ? ContentText(state.language, "training-problems#diverged", DivergenceVars(s)) : ""},
               {"restored", s.restored},
               {"weightsFinite", AllFinite(s.mlp)},
               {"lastGoodEpoch", s.last_good_epoch},
               {"deadCount", s.dead_count},
               {"hiddenCount", s.hidden_count},
               {"deadBeforeProvoke", s.dead_before_provoke},
               {"deadNeurons", DeadNeuronNames(s)},
               {"trainLoss", NumberOrNull(s.train_metrics.loss)},
               {"trainAccuracy", NumberOrNull(s.train_metrics.accuracy)},
               {"trainPoints", s.train.size()},
               {"testPoints", s.test.size()},
               {"error", s.error}};
  if (s.test.size() > 0) {
    json["testLoss"] = NumberOrNull(s.test_metrics.loss);
    json["testAccuracy"] = NumberOrNull(s.test_metrics.accuracy);
  }
  return json;
}

std::string TrainingProblemsCommand(AppState& state, const std::string& command, const Json& request) {
  TrainingProblemsState& s = state.lesson_states.Get<TrainingProblemsState>();
  if (command == "setTrainingProblem") {
    const std::string name =
        request.contains("problem") && request["problem"].is_string() ? request["problem"].get<std::string>() : "";
    int found = -1;
    for (int p = 0; p < kTrainingProblemCount; ++p) {
      if (name == TrainingProblemName(static_cast<TrainingProblem>(p))) found = p;
    }
    if (found < 0) return ErrorAnswer("problem must be one of divergence, dead-relu, overfitting");
    double rate = found == 0 ? 10.0 : found == 1 ? 0.1 : 0.01;
    if (request.contains("learningRate")) {
      const Json& r = request["learningRate"];
      if (!r.is_number() || !(r.get<double>() > 0.0) || !(r.get<double>() <= 100.0)) {
        return ErrorAnswer("learningRate must be a number above 0 and at most 100");
      }
      rate = r.get<double>();
    }
    s.problem = static_cast<TrainingProblem>(found);
    s.learning_rate = rate;
    ResetTrainingProblem(&s);
  } else if (command == "trainEpochs") {
    if (!request.contains("epochs") || !request["epochs"].is_number_integer() ||
        request["epochs"].get<long long>() < 1 || request["epochs"].get<long long>() > 5000) {
      return ErrorAnswer("epochs must be a whole number from 1 to 5000");
    }
    if (s.pending) ResetTrainingProblem(&s);
    const long long train = s.train.size(), all = train + s.test.size();
    const std::string over =
        WorkBudgetError("trainEpochs", request["epochs"].get<int>(), "epochs", "of this network",
                        EpochWork(s.mlp, train, all), 0.0, "Send several commands, or press Train.");
    if (!over.empty()) return ErrorAnswer(over);
    TrainProblemEpochs(&s, request["epochs"].get<int>());
  } else if (command == "restoreWeights") {
    if (!s.diverged) return ErrorAnswer("there is nothing to restore: training has not diverged");
    RestoreLastGoodWeights(&s);
  } else if (command == "provokeDeadRelus") {
    if (s.pending) ResetTrainingProblem(&s);
    ProvokeDeadRelus(&s);
  } else {
    return "";
  }
  if (!s.error.empty()) return ErrorAnswer(s.error);
  return LessonStateAnswer(TrainingProblemsJson(state));
}

}  // namespace

LessonInfo TrainingProblemsLesson() {
  return {"training-problems",    "Training problems",   TrainingProblemsEnter, TrainingProblemsUpdate,
          TrainingProblemsCanvas, TrainingProblemsPanel, TrainingProblemsJson,  TrainingProblemsCommand};
}

}  // namespace bp
