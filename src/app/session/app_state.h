// AppState: everything the app shows, owned by the main loop and passed down each frame.
// Widgets edit plain settings directly; structural changes (a new lesson, a new network) are
// requested through the pending_* fields and applied in one place at the start of a frame.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "app/session/accessibility_state.h"
#include "app/session/files.h"
#include "app/session/lesson.h"
#include "app/session/notation.h"
#include "app/session/platform.h"
#include "app/session/progress.h"
#include "app/session/scenario_state.h"
#include "app/session/selection.h"
#include "app/session/step_session.h"

namespace bp {

struct AppState {
  // Which lesson is open (index into the lesson table) and a requested change, applied next frame.
  int lesson = 0;
  int pending_lesson = -1;

  // Display settings.
  int precision = 6;         // significant digits for every number shown
  float font_scale = 1.0f;   // the learner's font-size choice, times the screen's pixel ratio below
  float pixel_ratio = 1.0f;  // device pixels per CSS pixel (browser) or content scale (desktop)
  bool dark_theme = true;
  std::string language = "en";  // the folder of content/ the lesson text comes from (session/content.h)
  bool notation_open = false;   // the notation card (every symbol once, with its meaning)
  AccessibilityState access;  // keyboard shortcuts, the help overlay, the screen-reader sentence

  // The stepper shared by the step-through lessons (forward, loss, backprop, worked example...).
  StepSession step;
  Granularity granularity = Granularity::kNeuron;
  bool playing = false;
  float play_rate = 2.0f;   // stations per second while playing
  double play_clock = 0.0;  // time owed to the player, in stations
  Notation notation = Notation::kLayered;
  Selection hovered;           // what the mouse is over on the canvas this frame
  Selection selected;          // what the learner clicked; the side panel explains it
  bool show_matrices = false;  // the matrix view of the current layer
  // Predict mode's answer field: what is typed, and which question it was last focused for.
  std::string predict_text;
  std::string predict_focused_for;
  std::string predict_error;  // why the typed answer was refused (not a number)
  std::string predict_sentence;  // the predict box drawn this frame, in words, for the screen-reader mirror
  // Samples the learner can pick for the stepper (a lesson's small data set; may be empty).
  std::vector<Eigen::VectorXd> sample_inputs, sample_targets;
  double time = 0.0;  // seconds since start (animation clock)

  // The lesson table (set by the shell from app/lesson_registry.cpp; a test may set its own) and
  // each lesson's own state (each struct in its lesson's _state.h), made when first asked for.
  const LessonTable* lessons = nullptr;
  LessonStates lesson_states;

  // Text being typed into number fields, by field id, until it is committed or refused.
  std::map<std::string, std::string> edit_text;
  std::string field_error;  // why the last typed value was refused (shown next to the fields)

  // Export and import (network_io.h): files waiting for the platform to save, the paste box.
  ExportImportState files;

  // The lesson text drawn (widgets/markdown_view.h Say): each part's key and its words as plain
  // text, for getState().text, tests and the screen-reader mirror. `text_shown` is the last frame's.
  std::vector<std::pair<std::string, std::string>> text_drawing, text_shown;

  // Questions and goals (session/quiz.h): the learner's progress, what was typed into number
  // questions, the last refusal, conditions that name unknown fields, and the lesson's state as last
  // checked (for the explanations' {field} numbers).
  struct Quiz {
    ProgressState progress;
    bool keep_in_embed = false;  // the link's progress=1: an embedded app keeps progress too
    std::map<std::string, std::string> typed;
    std::string error;
    std::map<std::string, std::string> errors;  // by question or goal key
    Json context;
    double checked_at = -1.0;
    std::string announce;  // the last verdict in words, for the screen-reader mirror
  } quiz;

  // The open scenario (session/scenario_state.h), shown while its lesson is open, and a shipped one
  // picked in the lesson list, opened at the start of the next frame (its path).
  ScenarioState scenario;
  std::string pending_scenario;

  // A sentence for the learner (bad input, a diverged training run...), shown until dismissed.
  std::string banner;

  // What the app asks of the platform (session/platform.h), filled by the platform layer.
  PlatformCallbacks platform;

  // Links and embedding (url_state.h, embed.h): embed mode, the parts a link hides (hide=) and the
  // values it makes read-only (lock=), the page's address, and what the page was last told.
  bool embed = false;
  std::vector<std::string> hidden_parts;
  std::vector<std::string> locked_values;
  std::string page_url;               // the page's address without the fragment ("" on the desktop)
  std::string reported_view;          // the lesson and step last reported through platform.view_changed
  std::string reported_panel_layout;  // the panel's place last reported through platform.panel_layout_changed

  // Bookkeeping for the JS API and tests.
  uint64_t frame = 0;
  uint64_t frames_drawn = 0;      // frames that drew (the browser skips those that would change no pixel)
  bool draw_every_frame = false;  // for measuring a frame's cost: draw all of every frame, changed or not
  double redrawn_fraction = 1.0;  // the share of the canvas the last drawn frame drew (the rest was kept)
  // On a narrow canvas the side panel is a drawer over the canvas (app.cpp), opened by a button.
  bool panel_is_drawer = false;  // this frame's layout
  bool panel_open = false;       // the drawer is open
  bool focus_panel = false;      // the panel takes the keyboard focus when it is next drawn
  // On a very narrow canvas the lesson list is a drawer too (from the left), opened by a button.
  bool list_is_drawer = false;
  bool list_open = false;
  bool focus_list = false;
  // Touch screens: whether the pointer is a finger (the platform says), and the window a finger
  // drag scrolls (ImGui's window id; 0: none). Touch screens have no wheel.
  bool pointer_is_finger = false;
  unsigned int finger_scroll_window = 0;
  int canvas_width = 0;  // framebuffer size in pixels
  int canvas_height = 0;
  std::string api_response;  // the last API answer, kept alive for the caller to read
};

// The lesson table the state was given (an empty one when none was), the open lesson's row, and the
// index of the lesson with this id (-1 when there is none).
const LessonTable& Lessons(const AppState& state);
const LessonInfo* CurrentLesson(const AppState& state);
int FindLesson(const AppState& state, const std::string& id);
// Whether the open lesson is the open scenario's (its text and questions show).
bool ScenarioShown(const AppState& state);
// Leaves the open scenario: its text and questions go; the lesson stays as it is.
void LeaveScenario(AppState& state);
// Applies requested structural changes (a new lesson...) now; the frame calls it first thing, and a
// command that opens a lesson calls it so its answer already shows the new lesson.
void ApplyPendingChanges(AppState& state);

}  // namespace bp
