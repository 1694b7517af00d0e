// The core's own pseudo-random numbers: PCG32 (O'Neill, pcg-random.org, "pcg32" XSH-RR)
// plus uniform and normal sampling written here. std::*_distribution is never used: its
// output differs between libstdc++ (native) and libc++ (wasm), and the same seed must give
// the same data and weights in both builds.
#pragma once

#include <cstdint>

namespace bp {

class Rng {
 public:
  explicit Rng(uint64_t seed, uint64_t stream = 54u);

  uint32_t NextU32();
  // Uniform double in [0, 1) with 53 random bits.
  double Uniform();
  // Uniform double in [lo, hi).
  double Uniform(double lo, double hi);
  // Uniform integer in [0, n), n > 0, without modulo bias.
  uint32_t Below(uint32_t n);
  // Standard normal N(0, 1) by the Box-Muller transform (one value per call, the pair's
  // second value is kept for the next call).
  double Normal();
  double Normal(double mean, double stddev) { return mean + stddev * Normal(); }

 private:
  uint64_t state_ = 0;
  uint64_t increment_ = 0;
  bool has_spare_normal_ = false;
  double spare_normal_ = 0.0;
};

}  // namespace bp
