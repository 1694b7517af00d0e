// Export and import: the open lesson's network as a JSON file ("backprop-lab-network", version 1),
// the stepper's trace of the current step as JSON or CSV, and the playground's curves as CSV.
// Imports are checked completely before anything changes, and a refusal names the field, what it
// expects and what it got. The formats are documented in docs/embedding.md ("Export and import").
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "app/session/files.h"
#include "core/result.h"

namespace bp {

struct AppState;

// Which network "the open lesson shows": the playground's in the playground lesson, otherwise the
// stepper's (step-through lessons). An error sentence when the lesson has neither.
enum class NetworkHolder { kStepper, kPlayground };
Result<NetworkHolder> CurrentNetworkHolder(const AppState& state);

// The network file of the open lesson (pretty-printed JSON, numbers that read back bit for bit).
Result<std::string> ExportNetwork(AppState& state);
// Reads a network file and puts it where ExportNetwork takes it from: the stepper restarts on it,
// or the playground trains it from epoch 0 (when it fits the playground's data). All or nothing:
// a refused file changes nothing, and the sentence says what is wrong with it.
Status ImportNetwork(AppState& state, const std::string& text);

// The stepper restarts on a network file's network and sample (without one, the current sample
// when it fits, else zeros); the lesson's sample list keeps only samples that fit.
struct NetworkFile;
Status ImportIntoStepper(AppState& state, const NetworkFile& file);

// Whether there is a step to export: a step-through lesson, or the playground's stepper on screen.
bool HasTrace(const AppState& state);
// Every number of the current step (forward, loss, backward, update) as JSON, or as CSV with the
// columns phase,layer,neuron,input,quantity,value (one row per number). Needs a stepper.
Result<std::string> ExportTraceJson(const AppState& state);
Result<std::string> ExportTraceCsv(const AppState& state);
// The playground's curves: epoch,train_loss,test_loss,train_accuracy,test_accuracy (empty cells for
// values that do not exist, e.g. accuracy in regression). Builds the playground if needed.
Result<std::string> ExportCurveCsv(AppState& state);

// The playground's training for `epochs` epochs as a Python script (session/python_training.h), from
// its current weights; refused when the playground is not built.
Result<std::string> ExportTrainingScript(AppState& state, bool torch, int epochs);

// Asks the platform to save an export after this frame (the buttons and the API's "download"):
// what = "network", "traceJson", "traceCsv", "curve", "data" (the open lesson's points, data_io.h),
// "pythonNumpy", "pythonTorch" (the stepper's step; in the playground without the stepper, its
// training for state.files.export_epochs epochs) or "canvas" (a PNG of the whole frame).
// Returns the file name, or why there is nothing to save.
Result<std::string> QueueDownload(AppState& state, const std::string& what);

}  // namespace bp
