// The open scenario (io/scenario.h reads it, io/scenario_io.h applies it): its title, its text and
// its questions and goals, shown in its lesson's panel. Opening another lesson leaves it. Plain data.
#pragma once

#include <string>

#include "app/session/content.h"
#include "app/session/questions.h"

namespace bp {

struct ScenarioState {
  bool active = false;
  std::string name;    // the file's name or path ("scenarios/perceptron-six-points.md")
  std::string title;
  std::string lesson;  // the lesson it runs in
  bool replace = false;  // its text instead of the lesson's (the controls stay)
  ContentDoc body;       // the text, parts as in a lesson's file
  // The questions and goals shown while it is open: the scenario's, instead of the lesson's own.
  LessonQuestions quiz;
  // A path a link can name (a shipped scenario, or one loaded by a link); "" for pasted or dropped text.
  std::string link_path;
  // The panel scrolls to the scenario's text once when it opens (it may follow a long lesson text).
  bool scroll_to_text = false;
};

}  // namespace bp
