// "Export as Python" for the playground's training (#17, item 5): a self-contained script, NumPy or
// PyTorch, float64, that trains the playground's network from its current weights for N epochs
// exactly as the app would — the same training points (after the input features, written out),
// minibatches in the same order (the app's shuffle, written out epoch by epoch), the same optimizer
// with its current state (SGD, momentum or Adam, L1/L2) — and prints the training loss after every
// epoch ("train_loss 3 0.4127…") and the weights at the end ("W 0 1 0 -0.25…"), so a test can
// compare it with the app's own run to 1e-12.
#pragma once

#include <string>

#include "core/playground.h"
#include "core/result.h"

namespace bp {

constexpr int kMaxExportEpochs = 1000;
// The script writes every epoch's order: epochs × training points is capped so it stays small.
constexpr long long kMaxExportOrderEntries = 200000;

// Refused in words: mid-epoch (finish the epoch under way first), diverged, more epochs than the
// caps allow. PReLU's learned slopes train as the app trains them (and are printed at the end).
Result<std::string> TrainingScriptNumpy(const Playground& playground, int epochs);
Result<std::string> TrainingScriptTorch(const Playground& playground, int epochs);

}  // namespace bp
