// The network file ("format": "backprop-lab-network", version 1): what an import reads, checked
// field by field with sentences naming the field, expected vs got (network_file.cpp). Writing it
// and importing it into a lesson are in network_io.cpp.
#pragma once

#include <cstddef>
#include <string>

#include <Eigen/Dense>

#include "app/session/json.h"
#include "core/mlp.h"
#include "core/result.h"

namespace bp {

constexpr const char* kNetworkFormat = "backprop-lab-network";
constexpr int kFormatVersion = 1;  // of the network file and the trace export

struct NetworkFile {
  Mlp mlp;
  bool has_sample = false;
  Eigen::VectorXd x, t;  // the stepper's sample, when the file has one
};

// Where a network comes from, for the reader's sentences and defaults: `name` ("the file", "the
// network"), `holder` where it goes ("the stepper", "the playground"), and whether a missing
// activation is "sigmoid" and a missing loss "half_mse" (the API's setNetwork; a file names both).
struct NetworkSource {
  std::string name;
  std::string holder;
  bool defaults = false;
};

// The one network reader, shared by the file import, the API's setNetwork and probeBoundary: a JSON
// object {"layers": [{activation, W, b, slope?, alpha?}], "loss"} checked field by field, within the
// limits the app can draw (at most kMaxHiddenLayers hidden layers and the output, kMaxLayerWidth
// neurons and inputs per layer, from core/playground.h) and as MakeMlp checks every network.
Result<Mlp> ReadNetworkJson(const Json& network, const NetworkSource& source);

// Reads and checks a network file's text; `holder` names where it is going ("the stepper", "the
// playground") in the limits' sentences.
Result<NetworkFile> ReadNetworkFile(const std::string& text, const std::string& holder);

// "1 input", "3 inputs": counts in sentences.
std::string Plural(size_t count, const char* one, const char* many);

}  // namespace bp
