// One perceptron being trained in front of the learner, shared by the lessons "The perceptron",
// "XOR breaks the perceptron" and "Two ways out": the data, the unit, where we are in the epoch,
// mistakes per epoch, and the last step's record. Every update is the core's PerceptronStep /
// RunPerceptronEpoch; this file only keeps the bookkeeping and bounds the work per call.
#pragma once

#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/own_data.h"
#include "core/perceptron.h"
#include "core/result.h"

namespace bp {

constexpr int kMaxPerceptronEpochsPerCall = 10000;  // the API's bound for one command
constexpr int kPerceptronEpochsPerFrame = 20;       // "run until no mistakes" per frame
// The mistakes curve keeps at most this many records, however long the learner runs (ThinHistory:
// one record every `mistakes_every` epochs, from epoch 1; every second goes when it fills up).
constexpr int kMaxMistakeRecords = 1024;

struct PerceptronRun {
  Dataset data;               // X (2, N) in the input plane, labels in {0, 1}
  bool use_features = false;  // feed ApplyFeatures(features, X) instead of X
  FeatureSet features;
  Eigen::MatrixXd inputs;  // (n, N): what the perceptron sees (X or its features)
  Perceptron perceptron;
  double eta = 1.0;
  int cursor = 0;                       // next sample of the current epoch (0 = the next step starts an epoch)
  int mistakes_in_epoch = 0;            // mistakes so far in the current, unfinished epoch
  int epochs = 0;                       // finished epochs
  std::vector<int> mistakes_per_epoch;  // the mistakes of epochs mistakes_epochs (at most kMaxMistakeRecords)
  std::vector<int> mistakes_epochs;     // 1, 1 + s, 1 + 2s, ... (s = mistakes_every)
  int mistakes_every = 1;
  int last_mistakes = -1;    // of the last finished epoch (-1: none yet)
  int fewest_mistakes = -1;  // in any finished epoch (-1: none yet)
  bool converged = false;    // the last finished epoch had no mistake
  bool has_last_step = false;
  PerceptronStepRecord last_step;
  bool running = false;    // "run until no mistakes" in progress, bounded per frame
  int run_limit = 1000;    // the run stops after this many epochs without converging
  int run_started_at = 0;  // epochs when the run began
  int click_class = 1;     // the class a click on the plane adds (Shift: the other one)
};

// Recomputes `inputs` from the data and features, and starts the unit from zero.
void ResetPerceptronRun(PerceptronRun* run);
// Adds a point of class `label` at (x1, x2) and restarts the unit (the data changed).
Status AddPerceptronPoint(PerceptronRun* run, double x1, double x2, int label);
// Own points (a CSV, a scenario's list) as the data, and the unit restarts. The perceptron separates
// two classes in the plane: anything else is refused in words, and the run is left as it was.
Status SetPerceptronPoints(PerceptronRun* run, const OwnPoints& points);
// One sample: the next in index order. Finishes the epoch's bookkeeping after its last sample.
Status StepPerceptronSample(PerceptronRun* run);
// Up to `epochs` epochs (clamped to 1..kMaxPerceptronEpochsPerCall); a half-done epoch is finished
// first, one sample at a time. With `stop_when_converged`, stops after an epoch without mistakes.
Status RunPerceptronEpochs(PerceptronRun* run, int epochs, bool stop_when_converged);
// Called once per frame: advances a "run until no mistakes" by at most kPerceptronEpochsPerFrame epochs.
void AdvancePerceptronRun(PerceptronRun* run);

}  // namespace bp
