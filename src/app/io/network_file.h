// The network file ("format": "backprop-lab-network", version 1): what an import reads, checked
// field by field with sentences naming the field, expected vs got (network_file.cpp). Writing it
// and importing it into a lesson are in network_io.cpp.
#pragma once

#include <cstddef>
#include <string>

#include <Eigen/Dense>

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

// Reads and checks a network file's text; `holder` names where it is going ("the stepper", "the
// playground") in the limits' sentences.
Result<NetworkFile> ReadNetworkFile(const std::string& text, const std::string& holder);

// "1 input", "3 inputs": counts in sentences.
std::string Plural(size_t count, const char* one, const char* many);

}  // namespace bp
