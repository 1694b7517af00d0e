// Activation functions h(z) and their derivatives h'(z): the scalar forms the lessons plot, and
// the matrix forms the training loop calls on every layer. Each forward sits next to its derivative.
// Never Eigen's own vectorised exp: its polynomial differs in the last bits by platform (SSE natively,
// scalar in wasm), so the same weights would train differently in the two builds. tanh, the hottest
// function of training, is our own (Tanh below): plain + - * / give the same bits everywhere, while
// glibc's and musl's tanh differ in the last bit, and ours is about 3x faster in wasm. The other
// transcendental functions go through std::exp / std::expm1 / std::erf.
#include "core/activation.h"

#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace bp {

namespace {

// 1 / sqrt(2) and 1 / sqrt(2 pi), for GELU's Phi and phi.
constexpr double kInvSqrt2 = 0.70710678118654752440;
constexpr double kInvSqrt2Pi = 0.39894228040143267794;

struct ActivationInfo {
  Activation activation;
  const char* name;
  const char* title;
};

// One table for names and titles, in the gallery's order.
constexpr ActivationInfo kActivationTable[] = {
    {Activation::kIdentity, "identity", "Identity"},
    {Activation::kStep, "step", "Step"},
    {Activation::kSigmoid, "sigmoid", "Sigmoid"},
    {Activation::kTanh, "tanh", "Tanh"},
    {Activation::kRelu, "relu", "ReLU"},
    {Activation::kLeakyRelu, "leaky_relu", "Leaky ReLU"},
    {Activation::kPrelu, "prelu", "PReLU"},
    {Activation::kElu, "elu", "ELU"},
    {Activation::kGelu, "gelu", "GELU"},
    {Activation::kSoftmax, "softmax", "Softmax"},
};

const ActivationInfo& Info(Activation activation) {
  for (const ActivationInfo& info : kActivationTable) {
    if (info.activation == activation) return info;
  }
  assert(false && "Info: activation missing from kActivationTable");
  return kActivationTable[0];
}

// The scalar building blocks, shared by Activate() and the matrix forms so both give the same bits.
double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Horner's rule: c[0] x^(N-1) + c[1] x^(N-2) + ... + c[N-1].
template <size_t N>
double Polynomial(const double (&c)[N], double x) {
  double sum = c[0];
  for (size_t i = 1; i < N; ++i) sum = sum * x + c[i];
  return sum;
}

// Cephes (S. Moshier) coefficients: e^r = (Q(r^2) + r P(r^2)) / (Q(r^2) - r P(r^2)) for |r| <= ln(2)/2.
constexpr double kExpP[] = {1.26177193074810590878e-4, 3.02994407707441961300e-2, 9.99999999999999999910e-1};
constexpr double kExpQ[] = {3.00198505138664455042e-6, 2.52448340349684104192e-3, 2.27265548208155028766e-1,
                            2.00000000000000000009e0};

// tanh(z) without a branch (so the compiler can vectorise the training loop's tanh, and no data-
// dependent branch is mispredicted), within 3.5 ulp of the exact value (measured: 3.42; glibc's std::tanh: 2.1).
// With y = 2|z| = n ln 2 + r, |r| <= ln(2)/2, and e^r = u / d = (Q + rP) / (Q - rP):
//   tanh|z| = (e^y - 1) / (e^y + 1) = (2^n u - d) / (2^n u + d)
//           = ((2^n - 1) Q + (2^n + 1) rP) / ((2^n + 1) Q + (2^n - 1) rP),
// a numerator without cancellation for n = 0 (then it is 2 rP: exact to the last digit near 0) and
// n = 1; from n = 2 on (tanh > 0.47), 1 - 2d / (2^n u + d) instead, whose small quotient carries
// the rounding. n comes from adding 1.5 * 2^52 (rounds y / ln 2 to an integer, ties to even, and
// leaves it in the low bits) and 2^n is built from its bits. y is capped at 44, where tanh rounds
// to 1; NaN passes through every step.
double Tanh(double z) {
  constexpr double kLog2E = 1.4426950408889634074;
  constexpr double kLn2High = 6.93145751953125e-1;  // ln 2 in two parts: n * kLn2High is exact
  constexpr double kLn2Low = 1.42860682030941723212e-6;
  constexpr double kRoundingShift = 6755399441055744.0;  // 1.5 * 2^52
  constexpr double kMaxY = 44.0;
  double y = 2.0 * std::fabs(z);
  y = y > kMaxY ? kMaxY : y;
  const double shifted = y * kLog2E + kRoundingShift;
  const double n = shifted - kRoundingShift;
  const double r = (y - n * kLn2High) - n * kLn2Low;
  const double s = r * r;
  const double rp = r * Polynomial(kExpP, s);
  const double q = Polynomial(kExpQ, s);
  uint64_t shifted_bits, shift_bits;
  std::memcpy(&shifted_bits, &shifted, sizeof shifted_bits);
  std::memcpy(&shift_bits, &kRoundingShift, sizeof shift_bits);
  const uint64_t two_to_n_bits = (shifted_bits - shift_bits + 1023) << 52;
  double two_to_n;
  std::memcpy(&two_to_n, &two_to_n_bits, sizeof two_to_n);
  const double denominator = (two_to_n + 1.0) * q + (two_to_n - 1.0) * rp;
  const bool near_zero = n < 1.5;
  const double numerator = near_zero ? (two_to_n - 1.0) * q + (two_to_n + 1.0) * rp : 2.0 * (q - rp);
  const double quotient = numerator / denominator;
  return std::copysign(near_zero ? quotient : 1.0 - quotient, z);
}

// Phi(z), the standard normal CDF, and phi(z), its density.
double NormalCdf(double z) { return 0.5 * (1.0 + std::erf(z * kInvSqrt2)); }
double NormalPdf(double z) { return kInvSqrt2Pi * std::exp(-0.5 * z * z); }
double Gelu(double z) { return z * NormalCdf(z); }
double GeluDerivative(double z) { return NormalCdf(z) + z * NormalPdf(z); }

}  // namespace

const std::vector<Activation>& AllActivations() {
  static const std::vector<Activation> kAll = [] {
    std::vector<Activation> all;
    for (const ActivationInfo& info : kActivationTable) all.push_back(info.activation);
    return all;
  }();
  return kAll;
}

const char* ActivationName(Activation activation) { return Info(activation).name; }

const char* ActivationTitle(Activation activation) { return Info(activation).title; }

Result<Activation> ParseActivation(const std::string& name) {
  if (name == "linear") return Result<Activation>::Ok(Activation::kIdentity);
  std::string known;
  for (const ActivationInfo& info : kActivationTable) {
    if (name == info.name) return Result<Activation>::Ok(info.activation);
    known += known.empty() ? "" : ", ";
    known += info.name;
  }
  return Result<Activation>::Error("unknown activation '" + name + "' (expected one of: " + known +
                                   ", linear)");
}

bool IsElementwiseDifferentiable(Activation activation) {
  return activation != Activation::kStep && activation != Activation::kSoftmax;
}

// --- Scalar forms: h(z) and h'(z), each case of the second switch mirrors the first. -----------

double Activate(Activation activation, double z, const ActivationParams& params) {
  switch (activation) {
    case Activation::kIdentity: return z;
    case Activation::kStep: return z > 0.0 ? 1.0 : 0.0;
    case Activation::kSigmoid: return Sigmoid(z);
    case Activation::kTanh: return Tanh(z);
    case Activation::kRelu: return z > 0.0 ? z : 0.0;
    case Activation::kLeakyRelu:
    case Activation::kPrelu: return z > 0.0 ? z : params.slope * z;
    case Activation::kElu: return z > 0.0 ? z : params.alpha * std::expm1(z);
    case Activation::kGelu: return Gelu(z);
    case Activation::kSoftmax: break;
  }
  assert(false && "Activate: softmax is not elementwise, use Softmax() or ActivateMatrix()");
  return 0.0;
}

double ActivationDerivative(Activation activation, double z, double a, const ActivationParams& params) {
  switch (activation) {
    case Activation::kIdentity: return 1.0;
    // The step has zero slope everywhere it is defined: nothing for gradient descent to follow.
    case Activation::kStep: return 0.0;
    case Activation::kSigmoid: return a * (1.0 - a);
    case Activation::kTanh: return 1.0 - a * a;
    // ReLU'(0) = 0, LeakyReLU'(0) = PReLU'(0) = slope: the left-hand side owns z = 0.
    case Activation::kRelu: return z > 0.0 ? 1.0 : 0.0;
    case Activation::kLeakyRelu:
    case Activation::kPrelu: return z > 0.0 ? 1.0 : params.slope;
    case Activation::kElu: return z > 0.0 ? 1.0 : params.alpha * std::exp(z);
    case Activation::kGelu: return GeluDerivative(z);
    case Activation::kSoftmax: break;
  }
  assert(false && "ActivationDerivative: softmax's Jacobian is folded into the loss gradient (loss.h)");
  return 0.0;
}

double ActivationSlopeDerivative(Activation activation, double z) {
  if (activation != Activation::kPrelu) return 0.0;
  // h = slope * z on the negative side, so dh/dslope = z there and 0 on the positive side.
  return z > 0.0 ? 0.0 : z;
}

// --- Matrix forms: the same scalar formulas in one plain loop per matrix (one switch per call, not
// per element; the training loop calls these on every layer of every batch).

namespace {

// out = f(in) elementwise; out takes in's shape (resize keeps the buffer when the size is unchanged).
// f is a lambda, not a function pointer, so the compiler inlines it into the loop.
template <typename Function>
void MapElements(const Eigen::MatrixXd& in, Eigen::MatrixXd* out, Function f) {
  out->resize(in.rows(), in.cols());
  const double* source = in.data();
  double* target = out->data();
  for (Eigen::Index i = 0; i < in.size(); ++i) target[i] = f(source[i]);
}

}  // namespace

void ActivateMatrix(Activation activation, const Eigen::MatrixXd& z, const ActivationParams& params,
                    Eigen::MatrixXd* a) {
  assert(a != nullptr && "ActivateMatrix: output matrix is null");
  const double slope = params.slope;
  const double alpha = params.alpha;
  switch (activation) {
    case Activation::kIdentity: *a = z; return;
    case Activation::kStep: MapElements(z, a, [](double v) { return v > 0.0 ? 1.0 : 0.0; }); return;
    case Activation::kSigmoid: MapElements(z, a, [](double v) { return Sigmoid(v); }); return;
    case Activation::kTanh: MapElements(z, a, [](double v) { return Tanh(v); }); return;
    // max(z, 0) as std::max computes it: a NaN passes through, so divergence stays visible.
    case Activation::kRelu: MapElements(z, a, [](double v) { return v < 0.0 ? 0.0 : v; }); return;
    case Activation::kLeakyRelu:
    case Activation::kPrelu: MapElements(z, a, [slope](double v) { return v > 0.0 ? v : slope * v; }); return;
    case Activation::kElu: MapElements(z, a, [alpha](double v) { return v > 0.0 ? v : alpha * std::expm1(v); }); return;
    case Activation::kGelu: MapElements(z, a, [](double v) { return Gelu(v); }); return;
    case Activation::kSoftmax: {
      // Each column is one sample's logits; subtract its max so the largest exponent is e^0 = 1.
      a->resize(z.rows(), z.cols());
      for (Eigen::Index j = 0; j < z.cols(); ++j) {
        const double max_logit = z.col(j).maxCoeff();
        a->col(j) = (z.col(j).array() - max_logit).unaryExpr([](double v) { return std::exp(v); }).matrix();
        a->col(j) /= a->col(j).sum();
      }
      return;
    }
  }
  assert(false && "ActivateMatrix: unknown activation");
}

void ActivationDerivativeMatrix(Activation activation, const Eigen::MatrixXd& z, const Eigen::MatrixXd& a,
                                const ActivationParams& params, Eigen::MatrixXd* derivative) {
  assert(derivative != nullptr && "ActivationDerivativeMatrix: output matrix is null");
  assert(z.rows() == a.rows() && z.cols() == a.cols() && "ActivationDerivativeMatrix: z and a differ in shape");
  const double slope = params.slope;
  const double alpha = params.alpha;
  switch (activation) {
    case Activation::kIdentity: derivative->setOnes(z.rows(), z.cols()); return;
    case Activation::kStep: derivative->setZero(z.rows(), z.cols()); return;
    // Sigmoid and tanh from a = h(z), the others from z.
    case Activation::kSigmoid: MapElements(a, derivative, [](double v) { return v * (1.0 - v); }); return;
    case Activation::kTanh: MapElements(a, derivative, [](double v) { return 1.0 - v * v; }); return;
    case Activation::kRelu: MapElements(z, derivative, [](double v) { return v > 0.0 ? 1.0 : 0.0; }); return;
    case Activation::kLeakyRelu:
    case Activation::kPrelu: MapElements(z, derivative, [slope](double v) { return v > 0.0 ? 1.0 : slope; }); return;
    case Activation::kElu:
      MapElements(z, derivative, [alpha](double v) { return v > 0.0 ? 1.0 : alpha * std::exp(v); });
      return;
    case Activation::kGelu: MapElements(z, derivative, [](double v) { return GeluDerivative(v); }); return;
    case Activation::kSoftmax: break;
  }
  assert(false && "ActivationDerivativeMatrix: softmax's Jacobian is folded into the loss gradient (loss.h)");
}

// --- Softmax of one vector ------------------------------------------------------------------

Eigen::VectorXd Softmax(const Eigen::VectorXd& logits) {
  assert(logits.size() > 0 && "Softmax: empty logits");
  Eigen::MatrixXd probabilities;
  ActivateMatrix(Activation::kSoftmax, logits, ActivationParams{}, &probabilities);
  return probabilities.col(0);
}

Eigen::VectorXd NaiveSoftmax(const Eigen::VectorXd& logits) {
  assert(logits.size() > 0 && "NaiveSoftmax: empty logits");
  Eigen::VectorXd exponentials = logits.unaryExpr([](double v) { return std::exp(v); });
  return exponentials / exponentials.sum();
}

}  // namespace bp
