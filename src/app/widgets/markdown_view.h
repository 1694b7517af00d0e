// Lesson text drawn from its Markdown (session/content.h): headings, paragraphs wrapped at spaces,
// strong, emphasis and code, bulleted and numbered lists, tables, block quotes as note boxes, and
// links (a lesson, the notation card, or an https:// page opened only when clicked).
#pragma once

#include <string>

#include "app/session/app_state.h"
#include "app/session/content.h"

namespace bp {

// Draws the part `key` ("perceptron#try") in the learner's language, with {name} placeholders
// filled from `vars`. A missing part draws a warning naming the key (the content check in
// ./build.sh test fails first). While a scenario that replaces its lesson's text is shown, the
// lesson's own parts are skipped.
void Say(AppState& state, const std::string& key, const ContentVars& vars = {});
// The same, drawn from a part already found (a scenario's own text, a test).
void DrawContentPart(AppState& state, const ContentPart& part, const ContentVars& vars, bool show_heading);

}  // namespace bp
