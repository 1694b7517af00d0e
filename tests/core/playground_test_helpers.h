// Helpers shared by the playground's two test files: a config with key=value pairs applied (each
// must be accepted) and a substring check for messages.
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <utility>
#include <vector>

#include "core/playground.h"

namespace playground_test {

using Values = std::vector<std::pair<std::string, std::string>>;

inline bool Mentions(const std::string& message, const std::string& word) {
  return message.find(word) != std::string::npos;
}

// Applies key=value pairs that must all be accepted.
inline bp::PlaygroundConfig With(bp::PlaygroundConfig config, const Values& values) {
  for (const auto& pair : values) {
    const bp::Status status = bp::SetPlaygroundValue(&config, pair.first, pair.second);
    INFO(pair.first, "=", pair.second, ": ", status.error);
    REQUIRE(status.ok());
  }
  return config;
}

}  // namespace playground_test
