// The one kernel behind a layer's three products (mlp.cpp): Z = W X + b, dW = delta X^T and
// dX = W^T delta all make each output column a linear combination of the columns of A:
//   Out(r, c) = sum over k = 0, 1, ..., depth - 1 of A(r, k) * x(k, c)   (+ bias(r), added last)
//   A: (rows, depth), column-major and contiguous (column k starts at A + k * rows)
//   x(k, c) = x[k * x_k_stride + c * x_c_stride]   (any layout: x is read one number at a time)
//   Out: (rows, cols), column-major and contiguous
// Every sum runs over k in order, from 0.0, one multiply then one add per term: each entry gets the
// bits of the plain textbook loop, whatever the build (scalar, SSE2 natively, wasm SIMD).
#pragma once

#include <Eigen/Core>

namespace bp {

void CombineColumns(const double* A, Eigen::Index rows, Eigen::Index depth, const double* x, Eigen::Index x_k_stride,
                    Eigen::Index x_c_stride, Eigen::Index cols, const double* bias, double* out);

}  // namespace bp
