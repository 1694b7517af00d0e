// Activation functions h(z) and their derivatives h'(z): the scalar forms the lessons plot, and
// the matrix forms the training loop calls on every layer. Each activation is written once, as a
// struct with h and h' side by side; both forms call it, so they give the same bits.
// Never Eigen's own vectorised exp: its polynomial differs in the last bits by platform (SSE natively,
// scalar in wasm), so the same weights would train differently in the two builds. tanh, the hottest
// function of training, is our own (CephesTanh below): plain + - * / give the same bits everywhere, while
// glibc's and musl's tanh differ in the last bit, and ours is about 3x faster in wasm. The other
// transcendental functions go through std::exp / std::expm1 / std::erf.
#include "core/activation.h"

#include <cassert>
#include <cmath>
#include <cstdint>
#include <cstring>

#include "core/echo.h"

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
double CephesTanh(double z) {
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

// A function that is `at_most_zero` for z <= 0 and `above_zero` for z > 0, and passes a NaN through
// (both comparisons are false for it): NaN in gives NaN out (activation.h) also where the formula
// is a constant. Two selects that the compiler vectorises.
double Piecewise(double z, double at_most_zero, double above_zero) {
  return z > 0.0 ? above_zero : (z <= 0.0 ? at_most_zero : z);
}

// --- One definition per activation: h(z) and h'(z) side by side. -------------------------------
// Activate / ActivationDerivative call these for one value, ActivateMatrix /
// ActivationDerivativeMatrix once per element of a plain loop (MapElements below, which the
// compiler inlines and vectorises). h' gets z and a = h(z): sigmoid, tanh and ReLU use a, the others z.

struct Identity {
  static double H(double z, const ActivationParams&) { return z; }
  static double Derivative(double z, double, const ActivationParams&) { return Piecewise(z, 1.0, 1.0); }
};

// The perceptron's threshold unit: 1 if z > 0 else 0. Zero slope everywhere it is defined:
// nothing for gradient descent to follow (IsElementwiseDifferentiable is false for it).
struct Step {
  static double H(double z, const ActivationParams&) { return Piecewise(z, 0.0, 1.0); }
  static double Derivative(double z, double, const ActivationParams&) { return Piecewise(z, 0.0, 0.0); }
};

struct Sigmoid {
  static double H(double z, const ActivationParams&) { return 1.0 / (1.0 + std::exp(-z)); }
  static double Derivative(double, double a, const ActivationParams&) { return a * (1.0 - a); }
};

struct Tanh {
  static double H(double z, const ActivationParams&) { return CephesTanh(z); }
  static double Derivative(double, double a, const ActivationParams&) { return 1.0 - a * a; }
};

// max(z, 0) written as std::max computes it: a NaN, for which z < 0 is false, passes through.
// (Clang turns it into wasm's max, which gives +0 for z = -0 where the native build keeps -0.)
// ReLU'(0) = 0: the left-hand side owns z = 0. h' is 1 where a = z > 0, and a itself elsewhere:
// 0 there, or the NaN; one comparison, as cheap as a plain 1-or-0 in the training loop.
struct Relu {
  static double H(double z, const ActivationParams&) { return z < 0.0 ? 0.0 : z; }
  static double Derivative(double, double a, const ActivationParams&) { return a > 0.0 ? 1.0 : a; }
};

// Leaky ReLU, and PReLU with the slope learned. h'(0) = slope.
struct LeakyRelu {
  static double H(double z, const ActivationParams& p) { return z > 0.0 ? z : p.slope * z; }
  static double Derivative(double z, double, const ActivationParams& p) { return Piecewise(z, p.slope, 1.0); }
  // dh/dslope: h = slope * z on the negative side, so z there and 0 on the positive side.
  static double SlopeDerivative(double z) { return z > 0.0 ? 0.0 : z; }
};

struct Elu {
  static double H(double z, const ActivationParams& p) { return z > 0.0 ? z : p.alpha * std::expm1(z); }
  static double Derivative(double z, double, const ActivationParams& p) {
    return z > 0.0 ? 1.0 : p.alpha * std::exp(z);
  }
};

// GELU(z) = z Phi(z), GELU'(z) = Phi(z) + z phi(z). Where Phi(z) or phi(z) is 0 (far out, and at
// ±inf) the product with z is 0: the limits GELU(-inf) = 0, GELU'(±inf) = 1 and 0 instead of
// inf * 0 = NaN. For finite z the select gives the bits z * 0 would (-0 for Phi, for phi a zero
// that vanishes in the sum).
struct Gelu {
  static double H(double z, const ActivationParams&) {
    const double cdf = NormalCdf(z);
    return cdf == 0.0 ? -0.0 : z * cdf;
  }
  static double Derivative(double z, double, const ActivationParams&) {
    const double pdf = NormalPdf(z);
    return NormalCdf(z) + (pdf == 0.0 ? 0.0 : z * pdf);
  }
};

// The one switch over the elementwise activations: use(Relu{}) for kRelu, and so on. Softmax is
// not elementwise; every caller handles it before.
template <typename Use>
auto WithElementwise(Activation activation, Use use) -> decltype(use(Identity{})) {
  switch (activation) {
    case Activation::kIdentity: return use(Identity{});
    case Activation::kStep: return use(Step{});
    case Activation::kSigmoid: return use(Sigmoid{});
    case Activation::kTanh: return use(Tanh{});
    case Activation::kRelu: return use(Relu{});
    case Activation::kLeakyRelu:
    case Activation::kPrelu: return use(LeakyRelu{});
    case Activation::kElu: return use(Elu{});
    case Activation::kGelu: return use(Gelu{});
    case Activation::kSoftmax: break;
  }
  assert(false && "WithElementwise: softmax is not elementwise");
  return use(Identity{});
}

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
  return Result<Activation>::Error("unknown activation " + Echo(name) + " (expected one of: " + known + ", linear)");
}

bool IsElementwiseDifferentiable(Activation activation) {
  return activation != Activation::kStep && activation != Activation::kSoftmax;
}

// --- Scalar forms: one value ------------------------------------------------------------------

double Activate(Activation activation, double z, const ActivationParams& params) {
  assert(activation != Activation::kSoftmax &&
         "Activate: softmax is not elementwise, use Softmax() or ActivateMatrix()");
  return WithElementwise(activation, [&](auto h) { return h.H(z, params); });
}

double ActivationDerivative(Activation activation, double z, double a, const ActivationParams& params) {
  assert(activation != Activation::kSoftmax &&
         "ActivationDerivative: softmax's Jacobian is folded into the loss gradient (loss.h)");
  return WithElementwise(activation, [&](auto h) { return h.Derivative(z, a, params); });
}

double ActivationSlopeDerivative(Activation activation, double z) {
  return activation == Activation::kPrelu ? LeakyRelu::SlopeDerivative(z) : 0.0;
}

// --- Matrix forms: the same definitions, one plain loop per matrix (one switch per call, not per
// element; the training loop calls these on every layer of every batch).

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

// out = f(z, a) elementwise over two matrices of one shape (a formula that ignores z or a loads
// nothing from it once inlined).
template <typename Function>
void MapElements(const Eigen::MatrixXd& z, const Eigen::MatrixXd& a, Eigen::MatrixXd* out, Function f) {
  out->resize(z.rows(), z.cols());
  const double* z_source = z.data();
  const double* a_source = a.data();
  double* target = out->data();
  for (Eigen::Index i = 0; i < z.size(); ++i) target[i] = f(z_source[i], a_source[i]);
}

// Each column is one sample's logits; subtract its max so the largest exponent is e^0 = 1. A NaN
// logit makes its column NaN (exp(NaN) is in the sum).
void SoftmaxColumns(const Eigen::MatrixXd& z, Eigen::MatrixXd* a) {
  a->resize(z.rows(), z.cols());
  for (Eigen::Index j = 0; j < z.cols(); ++j) {
    const double max_logit = z.col(j).maxCoeff();
    a->col(j) = (z.col(j).array() - max_logit).unaryExpr([](double v) { return std::exp(v); }).matrix();
    a->col(j) /= a->col(j).sum();
  }
}

}  // namespace

void ActivateMatrix(Activation activation, const Eigen::MatrixXd& z, const ActivationParams& params,
                    Eigen::MatrixXd* a) {
  assert(a != nullptr && "ActivateMatrix: output matrix is null");
  if (activation == Activation::kSoftmax) {
    SoftmaxColumns(z, a);
    return;
  }
  // A local copy the loop captures by value: no load through a reference inside the loop.
  const ActivationParams p = params;
  WithElementwise(activation, [&](auto h) { MapElements(z, a, [h, p](double v) { return h.H(v, p); }); });
}

void ActivationDerivativeMatrix(Activation activation, const Eigen::MatrixXd& z, const Eigen::MatrixXd& a,
                                const ActivationParams& params, Eigen::MatrixXd* derivative) {
  assert(derivative != nullptr && "ActivationDerivativeMatrix: output matrix is null");
  assert(z.rows() == a.rows() && z.cols() == a.cols() && "ActivationDerivativeMatrix: z and a differ in shape");
  assert(activation != Activation::kSoftmax &&
         "ActivationDerivativeMatrix: softmax's Jacobian is folded into the loss gradient (loss.h)");
  const ActivationParams p = params;
  WithElementwise(activation, [&](auto h) {
    MapElements(z, a, derivative, [h, p](double z_i, double a_i) { return h.Derivative(z_i, a_i, p); });
  });
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
