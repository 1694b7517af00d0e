// Tests for the product kernel (products.h): every entry has the bits of the textbook loop, a sum
// over k in order from 0.0, for every block shape the kernel has (8, 4, 2 and 1 rows; 2 and 1
// columns) and both layouts of x. Compared with ==, not a tolerance: this is what makes the SIMD
// and the scalar builds (and the native one) train to the same numbers.
#include <doctest/doctest.h>

#include <cmath>
#include <vector>

#include <Eigen/Dense>

#include "core/products.h"
#include "core/rng.h"

namespace {

// Random values of mixed sign and size, with some exact zeros and negative zeros.
std::vector<double> RandomValues(bp::Rng* rng, Eigen::Index count) {
  std::vector<double> values(count);
  for (double& v : values) {
    const double u = rng->Uniform(-1.0, 1.0);
    v = u < -0.9 ? -0.0 : u > 0.9 ? 0.0 : u * (1.0 + 1000.0 * u * u);
  }
  return values;
}

// Out(r, c) = sum over k of A(r, k) * x(k, c), then + bias(r): the plain loop.
std::vector<double> TextbookProducts(const std::vector<double>& A, Eigen::Index rows, Eigen::Index depth,
                                     const std::vector<double>& x, Eigen::Index x_k_stride, Eigen::Index x_c_stride,
                                     Eigen::Index cols, const double* bias) {
  std::vector<double> out(rows * cols);
  for (Eigen::Index c = 0; c < cols; ++c) {
    for (Eigen::Index r = 0; r < rows; ++r) {
      double sum = 0.0;
      for (Eigen::Index k = 0; k < depth; ++k) sum += A[k * rows + r] * x[k * x_k_stride + c * x_c_stride];
      out[c * rows + r] = bias != nullptr ? sum + bias[r] : sum;
    }
  }
  return out;
}

}  // namespace

TEST_CASE("CombineColumns gives every entry the textbook loop's bits, for every block shape and layout") {
  bp::Rng rng(11);
  int mismatches = 0;
  int cases = 0;
  for (Eigen::Index rows : {1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 16, 17}) {
    for (Eigen::Index depth : {1, 2, 3, 8, 10}) {
      for (Eigen::Index cols : {1, 2, 3, 10}) {
        for (bool column_major_x : {true, false}) {
          for (bool with_bias : {true, false}) {
            const std::vector<double> A = RandomValues(&rng, rows * depth);
            const std::vector<double> x = RandomValues(&rng, depth * cols);
            const std::vector<double> b = RandomValues(&rng, rows);
            const Eigen::Index k_stride = column_major_x ? 1 : cols;
            const Eigen::Index c_stride = column_major_x ? depth : 1;
            const double* bias = with_bias ? b.data() : nullptr;
            std::vector<double> out(rows * cols, -1.0);
            bp::CombineColumns(A.data(), rows, depth, x.data(), k_stride, c_stride, cols, bias, out.data());
            const std::vector<double> expected = TextbookProducts(A, rows, depth, x, k_stride, c_stride, cols, bias);
            for (size_t i = 0; i < out.size(); ++i) {
              // Bit for bit: equal values, and equal signs for zeros.
              if (!(out[i] == expected[i] && std::signbit(out[i]) == std::signbit(expected[i]))) mismatches += 1;
            }
            cases += 1;
          }
        }
      }
    }
  }
  CHECK(cases == 12 * 5 * 4 * 2 * 2);
  CHECK(mismatches == 0);
}
