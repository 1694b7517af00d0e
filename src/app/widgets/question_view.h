// The open lesson's questions and goals at the end of its panel (#16): goals that tick themselves,
// then each question — choices as radio buttons, or a number field — with Check, the verdict and the
// explanation (a wrong choice's own why, then the right one), "Answer again", and for predict the
// experiment the prediction waiting for the run. Mouse, touch and keyboard (Tab, arrows, Space,
// Enter) reach every control; the verdict is also said to the screen-reader mirror. Logic in
// session/quiz.h; words in content/en/predict.md and each lesson's file.
#pragma once

#include "app/session/app_state.h"

namespace bp {

void DrawLessonQuestions(AppState& state);

}  // namespace bp
