// Opening a scenario (io/scenario.h reads and checks it): the lesson opens afresh and takes the
// scenario's points, playground settings, network, sample, stepper settings, predict mode, display,
// hide and lock; the body's text and questions show in its panel (session/scenario_state.h). All or
// nothing: a file with any problem changes nothing, and the refusal lists the problems with their
// lines. The shipped scenarios (scenarios/*.md, embedded in the binary) are listed here too.
#pragma once

#include <string>
#include <vector>

#include "app/io/scenario.h"
#include "core/result.h"

namespace bp {

struct AppState;

// Reads `text` as a scenario named `name` and opens it. `link_path` is the path a link can name
// to open it again ("" for text that came from a paste, a drop or the API). The message goes to
// the Export / import section and, when refused, to the banner.
Status LoadScenario(AppState& state, const std::string& text, const std::string& name,
                    const std::string& link_path = "");
// The page could not fetch a scenario a link names: the banner says so in words.
void ScenarioFetchFailed(AppState& state, const std::string& path, const std::string& why);

// The scenarios shipped with the app, by path ("scenarios/perceptron-six-points.md") and title, in
// file-name order; read (and checked) once.
struct ShippedScenario {
  std::string path;
  std::string title;
  std::string lesson;
  std::string text;
};
const std::vector<ShippedScenario>& ShippedScenarios(const LessonTable& lessons);
// Opens a shipped scenario by its path; an error when there is none of that name.
Status OpenShippedScenario(AppState& state, const std::string& path);

}  // namespace bp
