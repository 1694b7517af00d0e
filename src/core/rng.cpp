// PCG32 and the samplers built on it (see rng.h).
#include "core/rng.h"

#include <cmath>

namespace bp {

namespace {
constexpr uint64_t kPcgMultiplier = 6364136223846793005ULL;
constexpr double kTwoPi = 6.283185307179586476925286766559;
}  // namespace

Rng::Rng(uint64_t seed, uint64_t stream) {
  // The reference pcg32_srandom_r seeding sequence.
  state_ = 0u;
  increment_ = (stream << 1u) | 1u;
  NextU32();
  state_ += seed;
  NextU32();
}

uint32_t Rng::NextU32() {
  uint64_t old_state = state_;
  state_ = old_state * kPcgMultiplier + increment_;
  uint32_t xorshifted = static_cast<uint32_t>(((old_state >> 18u) ^ old_state) >> 27u);
  uint32_t rotation = static_cast<uint32_t>(old_state >> 59u);
  return (xorshifted >> rotation) | (xorshifted << ((32u - rotation) & 31u));
}

double Rng::Uniform() {
  // 53 bits from two draws: exact in double, the same on every platform.
  uint64_t high = NextU32() >> 5;  // 27 bits
  uint64_t low = NextU32() >> 6;   // 26 bits
  return static_cast<double>((high << 26) | low) * (1.0 / 9007199254740992.0);
}

double Rng::Uniform(double lo, double hi) { return lo + (hi - lo) * Uniform(); }

uint32_t Rng::Below(uint32_t n) {
  // Rejection: discard the lowest 2^32 mod n values so every value is equally likely. That threshold
  // is below n, so it is needed (a division) only for the rare r < n; the values are the same.
  for (;;) {
    const uint32_t r = NextU32();
    if (r >= n || r >= (0u - n) % n) return r % n;
  }
}

double Rng::Normal() {
  if (has_spare_normal_) {
    has_spare_normal_ = false;
    return spare_normal_;
  }
  // 1 - Uniform() lies in (0, 1], so the log is finite.
  double u1 = 1.0 - Uniform();
  double u2 = Uniform();
  double radius = std::sqrt(-2.0 * std::log(u1));
  spare_normal_ = radius * std::sin(kTwoPi * u2);
  has_spare_normal_ = true;
  return radius * std::cos(kTwoPi * u2);
}

}  // namespace bp
