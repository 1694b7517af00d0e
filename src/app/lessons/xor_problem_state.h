// The lesson "XOR breaks the perceptron" keeps one perceptron being trained on the four XOR corners.
#pragma once

#include "app/session/perceptron_run.h"

namespace bp {

struct XorProblemState {
  bool ready = false;
  PerceptronRun run;
};

// The four XOR corners (0,0), (0,1), (1,0), (1,1) with labels 0, 1, 1, 0, and a fresh unit.
void ResetXorProblemLesson(XorProblemState* lesson);

}  // namespace bp
