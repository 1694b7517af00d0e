// The work one command may do. Commands that train or step (runEpochs, stepBatches, step with a
// count, the lessons' trainEpochs, perceptronRun) run at once and answer when done, on the page's
// only thread: while one runs, nothing else on the page moves. Each is bounded by the work it
// would do, estimated before it starts, not only by its count, so that no command holds the tab for
// more than about two seconds on a slow laptop (measured: docs/performance.md, "Command budget").
// A count over the budget is refused with a sentence that says how many would fit.
//
// The unit: one sample through one parameter once (a multiply-add). Training a sample costs about
// three (forward, backward, update); the metrics' forward pass one; a traced stepper step far more
// per parameter, because the trace records every neuron's numbers (kTraceUnitsPerParameter).
#pragma once

#include <string>

#include "core/mlp.h"

namespace bp {

// About two seconds of work in WebAssembly on the project's reference machine (2 cores, headless
// Chromium): 0.9 ns a unit, measured with tests/app/work_budget_test.cpp's calibration and the
// bench (docs/performance.md).
constexpr double kCommandWorkBudget = 2.0e9;
// Fixed costs that do not grow with the network: starting an epoch or a batch, the bookkeeping.
constexpr double kEpochOverheadUnits = 2.0e4;
constexpr double kSampleOverheadUnits = 40.0;  // gathering a sample into its batch, and its share of the loss
constexpr double kTraceUnitsPerParameter = 600.0;
constexpr double kPerceptronSampleUnits = 60.0;  // one perceptron sample: a dot product and the rule
constexpr double kProbeUnitsPerParameter = 20.0;  // probeBoundary: one pixel, shader and read-back
constexpr double kTraceOverheadUnits = 5.0e4;

// One epoch of minibatch training on `train_samples` points, then metrics over `metric_samples`.
double EpochWork(const Mlp& mlp, long long train_samples, long long metric_samples);
// The metrics' forward pass over `samples` points.
double MetricsWork(const Mlp& mlp, long long samples);
// One minibatch of `batch_size` samples (training only; the caller adds the metrics it measures).
double BatchWork(const Mlp& mlp, long long batch_size);
// One traced step of the stepper (forward, loss, backward, update, with every number recorded).
double TracedStepWork(const Mlp& mlp);

// The most items (epochs, batches, steps) of `work_per_item` that fit in the budget: at least 1.
long long ItemsWithinBudget(double work_per_item, double fixed_work = 0.0);
// "" when `count` items fit; otherwise the refusal: "runEpochs: 100000 epochs of this network on
// these points are more than one command may do (about 2 seconds of work); at most 148 fit. Send
// several commands, or press Train." `what` is the command, `items` the plural noun ("epochs"),
// `on` what they run on ("of this network on these points"), `instead` the last sentence.
std::string WorkBudgetError(const std::string& what, long long count, const std::string& items, const std::string& on,
                            double work_per_item, double fixed_work = 0.0, const std::string& instead = "");

}  // namespace bp
