// The learner's progress (#16): which questions are answered (and right) and which goals are met, by
// key ("lesson#q-…"). Kept in the browser's localStorage only, under one versioned key,
// through the platform (AppState::platform.load_progress / save_progress); never sent anywhere. In
// embed mode nothing is kept unless the link says `progress=1`; the page gets events instead (answer,
// goal, progress) through platform.progress_event. No ImGui here.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bp {

constexpr int kProgressVersion = 1;
constexpr const char* kProgressStorageKey = "backprop-lab-progress";

struct QuestionProgress {
  bool answered = false;  // the verdict is shown
  bool right = false;
  int choice = -1;        // the picked choice (choice and experiment questions)
  double value = 0.0;     // the typed number (number questions)
  bool waiting = false;   // an experiment's choice is made; the answer waits for the run
};

struct ProgressEvent {
  std::string kind;  // "answer", "goal", "progress"
  std::string json;  // its detail as JSON text
};

struct ProgressState {
  std::map<std::string, QuestionProgress> questions;
  std::map<std::string, bool> goals;  // met (a goal once met stays met)
  bool loaded = false;    // the stored progress was read (or there was none)
  uint64_t changed = 0;   // grows with every change, so the store is written once per change
  uint64_t saved = 0;     // `changed` when the store was last written
  std::vector<ProgressEvent> events;  // for the page, sent after the frame
};

// The stored form: {"version": 1, "questions": {key: {"right": …, "choice": …, "value": …}}, "goals": {key: true}}.
std::string ProgressToJson(const ProgressState& progress);
// Reads the stored form into *progress (questions and goals only), keeping what *progress already
// has (answers given before the stored text was read). An error (not JSON, another
// version, wrong shapes) leaves *progress unchanged; the caller says so and starts afresh.
std::string ProgressFromJson(const std::string& text, ProgressState* progress);

}  // namespace bp
