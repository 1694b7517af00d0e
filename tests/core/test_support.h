// Small helpers shared by the core tests.
#pragma once

#include <cmath>
#include <string>

#include <Eigen/Dense>

namespace bp::test {

// Set by main.cpp from --checksum-file=PATH (empty when not given).
extern std::string g_checksum_file;

// Central finite difference of f at x with step h.
template <typename F>
double CentralDifference(F f, double x, double h = 1e-6) {
  return (f(x + h) - f(x - h)) / (2.0 * h);
}

// |a - b| / max(|a|, |b|, floor): the usual gradient-check relative error.
inline double RelativeError(double a, double b, double floor = 1e-8) {
  double scale = std::fmax(std::fmax(std::fabs(a), std::fabs(b)), floor);
  return std::fabs(a - b) / scale;
}

}  // namespace bp::test
