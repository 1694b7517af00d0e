// The lesson "The perceptron" keeps one perceptron being trained on two separable clusters.
#pragma once

#include "app/session/perceptron_run.h"

namespace bp {

struct PerceptronState {
  bool ready = false;  // false until the lesson has made its data (on first entry, or after Reset)
  PerceptronRun run;
};

// Makes the lesson's data (two clusters, 20 points, seed 3) and starts the unit from zero.
void ResetPerceptronLesson(PerceptronState* lesson);

}  // namespace bp
