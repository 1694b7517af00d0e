// CombineColumns (see products.h): the product kernel, blocked for registers and SIMD.
// Eigen's general product is built for large matrices: at the lab's sizes (a few neurons, batches of
// ten) its packing and blocking cost as much as the arithmetic. This kernel computes a block of
// outputs at a time (up to 8 rows by 2 columns), keeping one running sum per output in registers.
// Rows go in pairs through a two-lane vector (GCC/Clang vector extensions, no header) where the build
// has SIMD. A lane is one output's own sum, never a part of a sum, so lanes change the speed, not the bits.
#include "core/products.h"

#include <cstring>

namespace bp {

namespace {

typedef double Double2 __attribute__((vector_size(2 * sizeof(double))));

// Loads, stores and broadcasts for a pack of one or two doubles; unaligned, as a column of an odd
// number of rows leaves the next column at an odd address.
template <typename Pack>
struct PackOps;
template <typename Pack>
constexpr int kLanes = sizeof(Pack) / sizeof(double);
template <>
struct PackOps<double> {
  static double Load(const double* p) { return *p; }
  static void Store(double* p, double v) { *p = v; }
  static double Splat(double v) { return v; }
};
template <>
struct PackOps<Double2> {
  static Double2 Load(const double* p) {
    Double2 v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  static void Store(double* p, Double2 v) { std::memcpy(p, &v, sizeof v); }
  static Double2 Splat(double v) { return Double2{v, v}; }
};

struct Operands {
  const double* A;
  Eigen::Index rows, depth;
  const double* x;
  Eigen::Index x_k_stride, x_c_stride, cols;
  const double* bias;  // null: no bias
  double* out;
};

// The outputs in rows [row, row + kPacks * lanes) and columns [col, col + kCols): one running sum each.
template <typename Pack, int kPacks, int kCols>
void Block(const Operands& o, Eigen::Index row, Eigen::Index col) {
  using Ops = PackOps<Pack>;
  Pack sum[kCols][kPacks];
  for (int c = 0; c < kCols; ++c) {
    for (int p = 0; p < kPacks; ++p) sum[c][p] = Ops::Splat(0.0);
  }
  const double* a = o.A + row;
  const double* x = o.x + col * o.x_c_stride;
  for (Eigen::Index k = 0; k < o.depth; ++k, a += o.rows, x += o.x_k_stride) {
    Pack a_k[kPacks];
    for (int p = 0; p < kPacks; ++p) a_k[p] = Ops::Load(a + p * kLanes<Pack>);
    for (int c = 0; c < kCols; ++c) {
      const Pack x_kc = Ops::Splat(x[c * o.x_c_stride]);
      for (int p = 0; p < kPacks; ++p) sum[c][p] += a_k[p] * x_kc;
    }
  }
  for (int c = 0; c < kCols; ++c) {
    double* out = o.out + (col + c) * o.rows + row;
    for (int p = 0; p < kPacks; ++p) {
      Pack value = sum[c][p];
      if (o.bias != nullptr) value += Ops::Load(o.bias + row + p * kLanes<Pack>);
      Ops::Store(out + p * kLanes<Pack>, value);
    }
  }
}

// With SIMD (SSE2 natively, wasm SIMD), rows go two to a vector. Without it, two-lane vectors would be
// split into scalars, and the larger blocks would need more registers than V8 gives wasm: there, a
// block is 4 rows of doubles. Either way each output gets the same bits; only the speed differs.
#if defined(__SSE2__) || defined(__wasm_simd128__)
using RowPack = Double2;
#else
using RowPack = double;
#endif
constexpr int kRowLanes = kLanes<RowPack>;

// The rows [0, packed_rows) of the columns [col, col + kCols): blocks of 4, 2 and 1 packs.
template <int kCols>
void PackedRows(const Operands& o, Eigen::Index packed_rows, Eigen::Index col) {
  Eigen::Index row = 0;
  for (; row + 4 * kRowLanes <= packed_rows; row += 4 * kRowLanes) Block<RowPack, 4, kCols>(o, row, col);
  if (row + 2 * kRowLanes <= packed_rows) {
    Block<RowPack, 2, kCols>(o, row, col);
    row += 2 * kRowLanes;
  }
  if (row < packed_rows) Block<RowPack, 1, kCols>(o, row, col);
}

// A row left over by the packs (an odd row count with two-lane packs, e.g. a network's one output):
// four columns at a time, so that four independent sums keep the adder busy.
void LastRow(const Operands& o, Eigen::Index row) {
  Eigen::Index col = 0;
  for (; col + 4 <= o.cols; col += 4) Block<double, 1, 4>(o, row, col);
  if (col + 2 <= o.cols) {
    Block<double, 1, 2>(o, row, col);
    col += 2;
  }
  if (col < o.cols) Block<double, 1, 1>(o, row, col);
}

}  // namespace

void CombineColumns(const double* A, Eigen::Index rows, Eigen::Index depth, const double* x, Eigen::Index x_k_stride,
                    Eigen::Index x_c_stride, Eigen::Index cols, const double* bias, double* out) {
  const Operands operands{A, rows, depth, x, x_k_stride, x_c_stride, cols, bias, out};
  const Eigen::Index packed_rows = rows - rows % kRowLanes;
  if (packed_rows > 0) {
    Eigen::Index col = 0;
    for (; col + 2 <= cols; col += 2) PackedRows<2>(operands, packed_rows, col);
    if (col < cols) PackedRows<1>(operands, packed_rows, col);
  }
  if (packed_rows < rows) LastRow(operands, packed_rows);
}

}  // namespace bp
