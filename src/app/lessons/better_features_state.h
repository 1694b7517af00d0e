// The lesson "Two ways out: features" keeps a perceptron trained on XOR quadrants, fed either the
// raw inputs (x1, x2) or the features (x1, x1·x2), and the boundary image back in the input plane.
#pragma once

#include "app/session/perceptron_run.h"
#include "app/widgets/data_plane.h"

namespace bp {

struct BetterFeaturesState {
  bool ready = false;
  bool with_product = true;  // feed (x1, x1·x2) instead of (x1, x2)
  PerceptronRun run;
  Dataset feature_view;   // the same points drawn in feature space (X = the perceptron's inputs)
  BoundaryGrid boundary;  // the unit's decision in the input plane
};

// Makes the XOR quadrant data, labelled as in the XOR lesson (class 1 where the signs of x1 and x2
// differ), and the chosen features, and starts the unit from zero.
void ResetBetterFeaturesLesson(BetterFeaturesState* lesson);

}  // namespace bp
