// Opening a checked scenario in the app (scenario_io.h): the same paths the controls, the link and
// the API take — the lesson's own importData for a perceptron's points, the playground's model
// built from the checked config, the stepper restarted on the network and sample.
#include "app/io/scenario_io.h"

#include <algorithm>
#include <utility>

#include "app/io/network_file.h"
#include "app/io/network_io.h"
#include "app/lessons/playground_state.h"
#include "app/session/app_state.h"
#include "app/session/content_files.h"
#include "app/session/format.h"
#include "app/session/predict.h"
#include "app/session/step_edit.h"

namespace bp {

namespace {

// The playground from a checked scenario: settings and model as one, training stopped.
void OpenPlayground(AppState& state, const Scenario& scenario) {
  PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
  Result<Playground> made = MakePlayground(scenario.playground);
  if (!made) return;  // ReadScenario built it once already
  s.settings = scenario.playground;
  s.model = std::move(made.value());
  s.built = true;
  s.rebuild = false;
  s.running = false;
  s.stepping = false;
  s.error.clear();
  s.notice.clear();
}

void OpenStepper(AppState& state, const Scenario& scenario) {
  if (scenario.has_network) {
    NetworkFile file;
    file.mlp = scenario.network;
    file.has_sample = true;
    file.x = scenario.x;
    file.t = scenario.t;
    (void)ImportIntoStepper(state, file);  // checked by ReadScenario (ReadNetworkJson, the sample's sizes)
  }
  if (scenario.learning_rate || scenario.update_biases) {
    Editable e = CurrentEditable(state);
    if (scenario.learning_rate) e.config.learning_rate = *scenario.learning_rate;
    if (scenario.update_biases) e.config.update_biases = *scenario.update_biases;
    (void)ApplyEditable(state, e);
  }
}

}  // namespace

Status LoadScenario(AppState& state, const std::string& text, const std::string& name, const std::string& link_path) {
  Result<Scenario> read = ReadScenario(text, name.empty() ? "scenario" : name, Lessons(state));
  if (!read) {
    const std::string sentence =
        "The scenario " + (name.empty() ? std::string() : "'" + name + "' ") + "was not opened: " + read.error() + ".";
    state.banner = sentence;
    state.files.message = sentence;
    state.files.message_is_error = true;
    return Status::Error(read.error());
  }
  const Scenario& scenario = read.value();
  state.pending_lesson = FindLesson(state, scenario.lesson);
  ApplyPendingChanges(state);

  if (scenario.precision) state.precision = *scenario.precision;
  if (scenario.dark_theme) state.dark_theme = *scenario.dark_theme;
  state.hidden_parts = scenario.hide;
  state.locked_values = scenario.lock;
  if (scenario.lesson == "playground") {
    OpenPlayground(state, scenario);
  } else if (scenario.points) {
    // The perceptron lessons take points through their own command, as a CSV would come.
    const LessonInfo* lesson = CurrentLesson(state);
    if (lesson != nullptr && lesson->command != nullptr) {
      (void)lesson->command(state, "importData", Json{{"cmd", "importData"}, {"text", WriteOwnCsv(*scenario.points)}});
    }
  }
  if (LessonHasStepper(scenario.lesson)) OpenStepper(state, scenario);
  if (scenario.predict) {
    if (scenario.lesson == "autodiff") {
      const LessonInfo* lesson = CurrentLesson(state);
      if (lesson != nullptr && lesson->command != nullptr) {
        (void)lesson->command(state, "setPredict", Json{{"cmd", "setPredict"}, {"on", *scenario.predict}});
      }
    } else {
      SetPredictMode(&state.step, *scenario.predict);
    }
  }

  ScenarioState& shown = state.scenario;
  shown.active = true;
  shown.name = scenario.name;
  shown.title = scenario.title;
  shown.lesson = scenario.lesson;
  shown.replace = scenario.text == ScenarioText::kReplace;
  shown.body = scenario.body;
  shown.link_path = link_path;
  shown.scroll_to_text = true;
  // Its questions and goals instead of the lesson's: those speak of the lesson's own setup, which the
  // scenario has changed.
  shown.quiz = scenario.quiz;
  state.quiz.checked_at = -1.0;
  state.banner.clear();
  state.files.message = "Opened the scenario \"" + scenario.title + "\".";
  state.files.message_is_error = false;
  return Status::Ok();
}

void ScenarioFetchFailed(AppState& state, const std::string& path, const std::string& why) {
  state.banner = "The scenario file could not be loaded (" + Printable(path, 120) + "): " + Printable(why, 200) + ".";
}

const std::vector<ShippedScenario>& ShippedScenarios(const LessonTable& lessons) {
  static const std::vector<ShippedScenario> shipped = [&] {
    std::vector<ShippedScenario> list;
    for (const ContentFile& file : EmbeddedScenarioFiles()) {
      const std::string text(reinterpret_cast<const char*>(file.data), file.size);
      const std::string path = std::string("scenarios/") + file.path;
      Result<Scenario> read = ReadScenario(text, path, lessons);
      // A shipped scenario that does not read is listed under its path (the test suite fails first).
      list.push_back({path, read ? read->title : path, read ? read->lesson : "", text});
    }
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    return list;
  }();
  return shipped;
}

Status OpenShippedScenario(AppState& state, const std::string& path) {
  for (const ShippedScenario& s : ShippedScenarios(Lessons(state))) {
    if (s.path == path) return LoadScenario(state, s.text, s.path, s.path);
  }
  return Status::Error("there is no shipped scenario '" + Printable(path) + "'");
}

}  // namespace bp
