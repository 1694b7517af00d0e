// Tests for the core PRNG (rng.h).
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>

#include "core/rng.h"

TEST_CASE("PCG32 matches the reference output of pcg32-demo") {
  // pcg32_srandom_r(&rng, 42u, 54u) and the first six pcg32_random_r values, as printed by the
  // reference implementation's pcg32-demo ("Round 1: 32bit: 0xa15c02b7 0x7b47f409 0xba1d3330
  // 0x83d2f293 0xbfa4784b 0xcbed606e").
  bp::Rng rng(42u, 54u);
  const uint32_t expected[] = {0xa15c02b7u, 0x7b47f409u, 0xba1d3330u, 0x83d2f293u, 0xbfa4784bu, 0xcbed606eu};
  for (uint32_t value : expected) CHECK(rng.NextU32() == value);
}

TEST_CASE("Uniform stays in [0, 1) and Below in [0, n)") {
  bp::Rng rng(7);
  double sum = 0.0;
  const int kDraws = 100000;
  for (int i = 0; i < kDraws; ++i) {
    double u = rng.Uniform();
    REQUIRE(u >= 0.0);
    REQUIRE(u < 1.0);
    sum += u;
    REQUIRE(rng.Below(10) < 10u);
  }
  // Mean of U(0,1) is 1/2 with standard error 1/sqrt(12 n) ~ 0.0009.
  CHECK(std::fabs(sum / kDraws - 0.5) < 0.005);
}

TEST_CASE("Normal has mean 0 and variance 1") {
  bp::Rng rng(11);
  const int kDraws = 200000;
  double sum = 0.0, sum_sq = 0.0;
  for (int i = 0; i < kDraws; ++i) {
    double x = rng.Normal();
    sum += x;
    sum_sq += x * x;
  }
  double mean = sum / kDraws;
  double variance = sum_sq / kDraws - mean * mean;
  CHECK(std::fabs(mean) < 0.01);
  CHECK(std::fabs(variance - 1.0) < 0.02);
}

TEST_CASE("The same seed gives the same sequence; another seed another one") {
  bp::Rng a(123), b(123), c(124);
  bool all_equal = true, any_differs = false;
  for (int i = 0; i < 100; ++i) {
    double x = a.Normal(), y = b.Normal(), z = c.Normal();
    all_equal = all_equal && (x == y);
    any_differs = any_differs || (x != z);
  }
  CHECK(all_equal);
  CHECK(any_differs);
}
