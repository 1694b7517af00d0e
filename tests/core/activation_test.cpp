// Tests for the activation functions (activation.h): forward values against hand-worked numbers,
// derivatives against central finite differences, the conventions at z = 0, NaN and infinities,
// the matrix forms against the scalar forms bit for bit, softmax, parsing, and determinism.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <iterator>
#include <limits>
#include <string>
#include <vector>

#include "core/activation.h"
#include "core/test_support.h"

namespace {

using bp::Activation;
using bp::ActivationParams;

// Published values below carry 9 to 11 significant digits.
constexpr double kPublishedTolerance = 1e-9;
// Central differences with h = 1e-6 on O(1) functions: truncation ~h^2, rounding ~1e-16 / h = 1e-10.
constexpr double kFiniteDifferenceTolerance = 1e-7;

// Non-default parameters, so a test notices if slope or alpha were ignored.
ActivationParams TestParams() {
  ActivationParams params;
  params.slope = 0.1;
  params.alpha = 1.5;
  return params;
}

std::vector<Activation> ElementwiseDifferentiable() {
  std::vector<Activation> result;
  for (Activation activation : bp::AllActivations()) {
    if (bp::IsElementwiseDifferentiable(activation)) result.push_back(activation);
  }
  return result;
}

// Every activation except softmax (the only one that is not elementwise).
std::vector<Activation> ElementwiseActivations() {
  std::vector<Activation> result;
  for (Activation activation : bp::AllActivations()) {
    if (activation != Activation::kSoftmax) result.push_back(activation);
  }
  return result;
}

// Equal bits, or both NaN (of any sign or payload).
bool SameBits(double x, double y) {
  if (std::isnan(x) && std::isnan(y)) return true;
  return std::memcmp(&x, &y, sizeof x) == 0;
}

// Zeros of both signs, ±1, the largest magnitudes, the smallest denormal and a few others, the
// smallest normal numbers, infinities, NaN of both signs, where exp overflows and underflows, and
// a spread of ordinary values.
std::vector<double> EdgeAndOrdinaryValues() {
  using Limits = std::numeric_limits<double>;
  const double denormal = Limits::denorm_min();                        // 4.9e-324
  const double largest_denormal = std::nextafter(Limits::min(), 0.0);  // 2.2250738585072009e-308
  std::vector<double> values = {0.0,
                                -0.0,
                                1.0,
                                -1.0,
                                1e308,
                                -1e308,
                                Limits::max(),
                                -Limits::max(),
                                denormal,
                                -denormal,
                                3.0 * denormal,
                                1e-310,
                                -1e-310,
                                largest_denormal,
                                -largest_denormal,
                                Limits::min(),
                                -Limits::min(),
                                Limits::infinity(),
                                -Limits::infinity(),
                                Limits::quiet_NaN(),
                                -Limits::quiet_NaN(),
                                700.0,
                                -700.0,
                                710.0,
                                -710.0,
                                750.0,
                                -750.0,
                                40.0,
                                -40.0,
                                1e-8,
                                -1e-8};
  for (int i = -40; i <= 40; ++i) values.push_back(0.37 * i);
  return values;
}

}  // namespace

TEST_CASE("activation: forward values match hand-worked numbers") {
  const ActivationParams defaults;
  // Mazur's worked example, hidden neuron h1: net = 0.3775, out = 1 / (1 + e^-0.3775) = 0.593269992.
  CHECK(bp::Activate(Activation::kSigmoid, 0.3775) == doctest::Approx(0.593269992).epsilon(kPublishedTolerance));
  // sigmoid(0) = 1 / (1 + 1) = 0.5 exactly.
  CHECK(bp::Activate(Activation::kSigmoid, 0.0) == 0.5);
  // tanh(0.5) = (e - 1) / (e + 1) = 0.46211715726.
  CHECK(bp::Activate(Activation::kTanh, 0.5) == doctest::Approx(0.46211715726).epsilon(kPublishedTolerance));
  CHECK(bp::Activate(Activation::kIdentity, -1.25) == -1.25);
  // Step: 1 if z > 0 else 0, so step(0) = 0.
  CHECK(bp::Activate(Activation::kStep, 0.1) == 1.0);
  CHECK(bp::Activate(Activation::kStep, 0.0) == 0.0);
  CHECK(bp::Activate(Activation::kStep, -3.0) == 0.0);
  CHECK(bp::Activate(Activation::kRelu, 2.5) == 2.5);
  CHECK(bp::Activate(Activation::kRelu, -3.0) == 0.0);
  // Leaky ReLU with the default slope 0.01: -2 * 0.01 = -0.02.
  CHECK(bp::Activate(Activation::kLeakyRelu, -2.0, defaults) == doctest::Approx(-0.02).epsilon(1e-15));
  CHECK(bp::Activate(Activation::kLeakyRelu, 3.0, defaults) == 3.0);
  // PReLU with slope 0.25: -2 * 0.25 = -0.5.
  ActivationParams prelu;
  prelu.slope = 0.25;
  CHECK(bp::Activate(Activation::kPrelu, -2.0, prelu) == -0.5);
  CHECK(bp::Activate(Activation::kPrelu, 2.0, prelu) == 2.0);
  // ELU, alpha 1: e^-1 - 1 = 0.367879441 - 1 = -0.632120559; alpha 1.5: 1.5 * -0.632120559 = -0.948180838.
  CHECK(bp::Activate(Activation::kElu, -1.0, defaults) == doctest::Approx(-0.632120559).epsilon(kPublishedTolerance));
  CHECK(bp::Activate(Activation::kElu, -1.0, TestParams()) ==
        doctest::Approx(-0.948180838).epsilon(kPublishedTolerance));
  CHECK(bp::Activate(Activation::kElu, 0.7, defaults) == 0.7);
  // GELU(1) = 1 * Phi(1) = 0.841344746; GELU(-1) = -1 * Phi(-1) = -(1 - 0.841344746) = -0.158655254.
  CHECK(bp::Activate(Activation::kGelu, 1.0) == doctest::Approx(0.841344746).epsilon(kPublishedTolerance));
  CHECK(bp::Activate(Activation::kGelu, -1.0) == doctest::Approx(-0.158655254).epsilon(kPublishedTolerance));
  CHECK(bp::Activate(Activation::kGelu, 0.0) == 0.0);
}

TEST_CASE("activation: derivatives match hand-worked numbers") {
  // sigmoid'(0) = a (1 - a) = 0.5 * 0.5 = 0.25.
  CHECK(bp::ActivationDerivative(Activation::kSigmoid, 0.0, 0.5) == 0.25);
  // Mazur: out_h1 (1 - out_h1) = 0.593269992 * 0.406730008 = 0.241300709.
  const double out_h1 = bp::Activate(Activation::kSigmoid, 0.3775);
  CHECK(bp::ActivationDerivative(Activation::kSigmoid, 0.3775, out_h1) ==
        doctest::Approx(0.241300709).epsilon(kPublishedTolerance));
  // tanh'(0.5) = 1 - 0.46211715726^2 = 1 - 0.213552267 = 0.786447733.
  const double tanh_half = bp::Activate(Activation::kTanh, 0.5);
  CHECK(bp::ActivationDerivative(Activation::kTanh, 0.5, tanh_half) ==
        doctest::Approx(0.786447733).epsilon(kPublishedTolerance));
  // GELU'(1) = Phi(1) + 1 * phi(1) = 0.841344746 + 0.241970725 = 1.083315471.
  CHECK(bp::ActivationDerivative(Activation::kGelu, 1.0, bp::Activate(Activation::kGelu, 1.0)) ==
        doctest::Approx(1.083315471).epsilon(kPublishedTolerance));
  // ELU'(-1), alpha 1.5: 1.5 e^-1 = 1.5 * 0.367879441 = 0.551819162.
  CHECK(bp::ActivationDerivative(Activation::kElu, -1.0, 0.0, TestParams()) ==
        doctest::Approx(0.551819162).epsilon(kPublishedTolerance));
}

TEST_CASE("activation: documented derivative values at the kink z = 0") {
  const ActivationParams params = TestParams();
  CHECK(bp::ActivationDerivative(Activation::kRelu, 0.0, 0.0, params) == 0.0);
  CHECK(bp::ActivationDerivative(Activation::kLeakyRelu, 0.0, 0.0, params) == params.slope);
  CHECK(bp::ActivationDerivative(Activation::kPrelu, 0.0, 0.0, params) == params.slope);
  CHECK(bp::ActivationDerivative(Activation::kStep, 0.0, 0.0, params) == 0.0);
  CHECK(bp::ActivationDerivative(Activation::kStep, 1.0, 1.0, params) == 0.0);
  // Just either side of the kink the one-sided slopes are 1 and 0 / slope.
  CHECK(bp::ActivationDerivative(Activation::kRelu, 1e-12, 1e-12, params) == 1.0);
  CHECK(bp::ActivationDerivative(Activation::kLeakyRelu, -1e-12, -1e-13, params) == params.slope);
}

TEST_CASE("activation: every derivative matches central finite differences") {
  const ActivationParams params = TestParams();
  // Points on both sides of 0 but away from the ReLU-family kink.
  const double points[] = {-2.3, -0.7, -0.05, 0.04, 0.4, 1.9};
  for (Activation activation : ElementwiseDifferentiable()) {
    for (double z : points) {
      CAPTURE(std::string(bp::ActivationName(activation)));
      CAPTURE(z);
      const double a = bp::Activate(activation, z, params);
      const double analytic = bp::ActivationDerivative(activation, z, a, params);
      const double numeric =
          bp::test::CentralDifference([&](double v) { return bp::Activate(activation, v, params); }, z);
      CHECK(bp::test::RelativeError(analytic, numeric) < kFiniteDifferenceTolerance);
    }
  }
}

TEST_CASE("activation: PReLU slope gradient matches finite differences") {
  // dh/dslope = z on the negative side (h = slope * z), 0 on the positive side.
  for (double z : {-1.3, -0.2, 0.8}) {
    CAPTURE(z);
    const double analytic = bp::ActivationSlopeDerivative(Activation::kPrelu, z);
    const double numeric = bp::test::CentralDifference(
        [&](double slope) {
          ActivationParams params;
          params.slope = slope;
          return bp::Activate(Activation::kPrelu, z, params);
        },
        0.25);
    CHECK(std::fabs(analytic - numeric) < kFiniteDifferenceTolerance);
    CHECK(analytic == (z > 0.0 ? 0.0 : z));
  }
  // Leaky ReLU's slope is a fixed hyper-parameter, not learned.
  CHECK(bp::ActivationSlopeDerivative(Activation::kLeakyRelu, -1.3) == 0.0);
  CHECK(bp::ActivationSlopeDerivative(Activation::kTanh, -1.3) == 0.0);
}

TEST_CASE("activation: matrix forms equal the scalar forms bit for bit, edge cases included") {
  // Every elementwise activation and its derivative, for the default and the test parameters, on
  // zeros of both signs, ±1, the largest magnitudes, denormals, infinities, NaN and ordinary values.
  const std::vector<double> values = EdgeAndOrdinaryValues();
  const Eigen::MatrixXd z =
      Eigen::Map<const Eigen::MatrixXd>(values.data(), 1, static_cast<Eigen::Index>(values.size()));
  for (const ActivationParams& params : {ActivationParams{}, TestParams()}) {
    for (Activation activation : ElementwiseActivations()) {
      CAPTURE(std::string(bp::ActivationName(activation)));
      CAPTURE(params.slope);
      Eigen::MatrixXd a, derivative;
      bp::ActivateMatrix(activation, z, params, &a);
      bp::ActivationDerivativeMatrix(activation, z, a, params, &derivative);
      REQUIRE(a.rows() == z.rows());
      REQUIRE(a.cols() == z.cols());
      REQUIRE(derivative.rows() == z.rows());
      REQUIRE(derivative.cols() == z.cols());
      for (Eigen::Index i = 0; i < z.size(); ++i) {
        const double scalar_a = bp::Activate(activation, z(i), params);
        const double scalar_derivative = bp::ActivationDerivative(activation, z(i), scalar_a, params);
        CHECK_MESSAGE(SameBits(a(i), scalar_a), "h(" << z(i) << "): matrix " << a(i) << ", scalar " << scalar_a);
        CHECK_MESSAGE(SameBits(derivative(i), scalar_derivative),
                      "h'(" << z(i) << "): matrix " << derivative(i) << ", scalar " << scalar_derivative);
      }
    }
  }
}

TEST_CASE("activation: NaN in gives NaN out, for every activation and derivative, in both forms") {
  // A diverged network must show NaN, never a 0 that looks like a healthy value.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const ActivationParams params = TestParams();
  Eigen::MatrixXd z(2, 2);
  z << nan, 0.5,  //
      -nan, -0.5;
  for (Activation activation : ElementwiseActivations()) {
    CAPTURE(std::string(bp::ActivationName(activation)));
    CHECK(std::isnan(bp::Activate(activation, nan, params)));
    CHECK(std::isnan(bp::ActivationDerivative(activation, nan, bp::Activate(activation, nan, params), params)));
    Eigen::MatrixXd a, derivative;
    bp::ActivateMatrix(activation, z, params, &a);
    bp::ActivationDerivativeMatrix(activation, z, a, params, &derivative);
    CHECK(std::isnan(a(0, 0)));
    CHECK(std::isnan(a(1, 0)));
    CHECK(std::isnan(derivative(0, 0)));
    CHECK(std::isnan(derivative(1, 0)));
    // The numbers beside the NaN stay numbers.
    CHECK(std::isfinite(a(0, 1)));
    CHECK(std::isfinite(derivative(1, 1)));
  }
  // PReLU's slope gradient dh/dslope = z on the negative side: NaN too.
  CHECK(std::isnan(bp::ActivationSlopeDerivative(Activation::kPrelu, nan)));
  // Softmax: a NaN logit makes its whole column NaN; the other column is untouched.
  Eigen::MatrixXd a;
  bp::ActivateMatrix(Activation::kSoftmax, z, params, &a);
  CHECK(a.col(0).array().isNaN().all());
  CHECK(a.col(1).allFinite());
}

TEST_CASE("activation: infinite inputs give the limits of h and h'") {
  // With slope 0.1 and alpha 1.5: h(+inf), h(-inf), h'(+inf), h'(-inf).
  const ActivationParams params = TestParams();
  const double inf = std::numeric_limits<double>::infinity();
  struct Limits {
    Activation activation;
    double h_plus, h_minus, derivative_plus, derivative_minus;
  };
  const Limits limits[] = {
      {Activation::kIdentity, inf, -inf, 1.0, 1.0},
      {Activation::kStep, 1.0, 0.0, 0.0, 0.0},
      {Activation::kSigmoid, 1.0, 0.0, 0.0, 0.0},
      {Activation::kTanh, 1.0, -1.0, 0.0, 0.0},
      {Activation::kRelu, inf, 0.0, 1.0, 0.0},
      {Activation::kLeakyRelu, inf, -inf, 1.0, 0.1},
      {Activation::kPrelu, inf, -inf, 1.0, 0.1},
      {Activation::kElu, inf, -1.5, 1.0, 0.0},
      // GELU(z) = z Phi(z) -> 0 as z -> -inf (Phi falls faster than z grows); GELU'(z) -> 1 and 0.
      {Activation::kGelu, inf, 0.0, 1.0, 0.0},
  };
  REQUIRE(std::size(limits) == ElementwiseActivations().size());
  for (const Limits& limit : limits) {
    CAPTURE(std::string(bp::ActivationName(limit.activation)));
    const double a_plus = bp::Activate(limit.activation, inf, params);
    const double a_minus = bp::Activate(limit.activation, -inf, params);
    CHECK(a_plus == limit.h_plus);
    CHECK(a_minus == limit.h_minus);
    CHECK(bp::ActivationDerivative(limit.activation, inf, a_plus, params) == limit.derivative_plus);
    CHECK(bp::ActivationDerivative(limit.activation, -inf, a_minus, params) == limit.derivative_minus);
  }
}

TEST_CASE("activation: the same input gives bitwise the same output twice") {
  const ActivationParams params = TestParams();
  Eigen::MatrixXd z(4, 3);
  z << -2.3, -0.7, 0.4, 1.9, -40.0, 40.0, 0.05, -0.05, 3.0, -1.0, 0.7, 12.5;
  for (Activation activation : bp::AllActivations()) {
    CAPTURE(std::string(bp::ActivationName(activation)));
    Eigen::MatrixXd first, second;
    bp::ActivateMatrix(activation, z, params, &first);
    bp::ActivateMatrix(activation, z, params, &second);
    CHECK(std::memcmp(first.data(), second.data(), sizeof(double) * first.size()) == 0);
    if (!bp::IsElementwiseDifferentiable(activation)) continue;
    Eigen::MatrixXd first_derivative, second_derivative;
    bp::ActivationDerivativeMatrix(activation, z, first, params, &first_derivative);
    bp::ActivationDerivativeMatrix(activation, z, second, params, &second_derivative);
    CHECK(std::memcmp(first_derivative.data(), second_derivative.data(), sizeof(double) * first.size()) == 0);
  }
}

TEST_CASE("activation: softmax matches hand values and sums to 1") {
  // e^1, e^2, e^3 = 2.718281828, 7.389056099, 20.085536923; sum = 30.192874850;
  // ratios = 0.09003057, 0.24472847, 0.66524096.
  Eigen::VectorXd logits(3);
  logits << 1.0, 2.0, 3.0;
  const Eigen::VectorXd p = bp::Softmax(logits);
  REQUIRE(p.size() == 3);
  CHECK(p[0] == doctest::Approx(0.09003057).epsilon(1e-7));
  CHECK(p[1] == doctest::Approx(0.24472847).epsilon(1e-7));
  CHECK(p[2] == doctest::Approx(0.66524096).epsilon(1e-7));
  CHECK(p.sum() == doctest::Approx(1.0).epsilon(1e-15));
  // The naive formula agrees when nothing overflows.
  const Eigen::VectorXd naive = bp::NaiveSoftmax(logits);
  CHECK((naive - p).cwiseAbs().maxCoeff() < 1e-15);
}

TEST_CASE("activation: softmax per column in ActivateMatrix, shift invariant") {
  // Column 0: (1, 2, 3); column 1: the same plus 100 (softmax(z + c) = softmax(z)); column 2: (0, 0, 0)
  // gives 1/3 each.
  Eigen::MatrixXd z(3, 3);
  z << 1.0, 101.0, 0.0,  //
      2.0, 102.0, 0.0,   //
      3.0, 103.0, 0.0;
  Eigen::MatrixXd a;
  bp::ActivateMatrix(Activation::kSoftmax, z, ActivationParams{}, &a);
  REQUIRE(a.rows() == 3);
  REQUIRE(a.cols() == 3);
  CHECK(a(0, 0) == doctest::Approx(0.09003057).epsilon(1e-7));
  CHECK(a(2, 0) == doctest::Approx(0.66524096).epsilon(1e-7));
  CHECK((a.col(1) - a.col(0)).cwiseAbs().maxCoeff() < 1e-14);
  for (int k = 0; k < 3; ++k) CHECK(a(k, 2) == doctest::Approx(1.0 / 3.0).epsilon(1e-15));
  for (int j = 0; j < 3; ++j) CHECK(a.col(j).sum() == doctest::Approx(1.0).epsilon(1e-15));
}

TEST_CASE("activation: stable softmax stays finite where the naive one overflows") {
  Eigen::VectorXd logits(3);
  logits << 1000.0, 0.0, -1000.0;
  // Stable: e^0 / (e^0 + e^-1000 + e^-2000) = 1 to double precision, the others underflow to 0.
  const Eigen::VectorXd p = bp::Softmax(logits);
  CHECK(p.allFinite());
  CHECK(p[0] == 1.0);
  CHECK(p[1] >= 0.0);
  CHECK(p[1] < 1e-300);
  CHECK(p.sum() == doctest::Approx(1.0).epsilon(1e-15));
  // Naive: e^1000 overflows to inf, and inf / inf is NaN.
  const Eigen::VectorXd naive = bp::NaiveSoftmax(logits);
  CHECK_FALSE(naive.allFinite());
  CHECK(std::isnan(naive[0]));
}

TEST_CASE("activation: saturated inputs give finite values") {
  for (Activation activation : bp::AllActivations()) {
    if (activation == Activation::kSoftmax) continue;
    CAPTURE(std::string(bp::ActivationName(activation)));
    for (double z : {-1000.0, 1000.0}) {
      const double a = bp::Activate(activation, z);
      CHECK(std::isfinite(a));
      CHECK(std::isfinite(bp::ActivationDerivative(activation, z, a)));
    }
  }
  // sigmoid(-1000): e^1000 = inf, 1 / inf = 0 rather than NaN.
  CHECK(bp::Activate(Activation::kSigmoid, -1000.0) == 0.0);
  CHECK(bp::Activate(Activation::kSigmoid, 1000.0) == 1.0);
}

TEST_CASE("activation: names round-trip and unknown names are rejected") {
  REQUIRE(bp::AllActivations().size() == 10);
  for (Activation activation : bp::AllActivations()) {
    CAPTURE(std::string(bp::ActivationName(activation)));
    const bp::Result<Activation> parsed = bp::ParseActivation(bp::ActivationName(activation));
    REQUIRE(parsed.ok());
    CHECK(*parsed == activation);
    CHECK(std::strlen(bp::ActivationTitle(activation)) > 0);
  }
  CHECK(std::string(bp::ActivationName(Activation::kLeakyRelu)) == "leaky_relu");
  CHECK(std::string(bp::ActivationTitle(Activation::kLeakyRelu)) == "Leaky ReLU");
  const bp::Result<Activation> linear = bp::ParseActivation("linear");
  REQUIRE(linear.ok());
  CHECK(*linear == Activation::kIdentity);

  const bp::Result<Activation> bad = bp::ParseActivation("relu2");
  CHECK_FALSE(bad.ok());
  CHECK(bad.error().find("relu2") != std::string::npos);
  CHECK_FALSE(bp::ParseActivation("").ok());
}

TEST_CASE("activation: step and softmax are not elementwise differentiable") {
  CHECK_FALSE(bp::IsElementwiseDifferentiable(Activation::kStep));
  CHECK_FALSE(bp::IsElementwiseDifferentiable(Activation::kSoftmax));
  CHECK(ElementwiseDifferentiable().size() == 8);
}

TEST_CASE("tanh (the core's own, for speed and identical bits in both builds) matches the C library") {
  // The core computes tanh with a Cephes-style formula instead of std::tanh. Ours is within 3.5 ulp
  // of the exact value (next test), glibc's within about 2, so they may differ by up to 6 ulp: allow
  // 9e-16 relative (measured: 4.79e-16 against glibc) over [-25, 25] (±1 from 22 on), plus exact
  // behaviour at 0, ±∞ and NaN.
  double worst = 0.0;
  for (int i = -100000; i <= 100000; ++i) {
    double z = 25.0 * i / 100000.0;
    double ours = bp::Activate(bp::Activation::kTanh, z);
    double library = std::tanh(z);
    double relative = std::fabs(ours - library) / std::fmax(std::fabs(library), 1e-300);
    if (library == 0.0) relative = std::fabs(ours);
    worst = std::fmax(worst, relative);
  }
  MESSAGE("largest relative difference from std::tanh: " << worst);
  CHECK(worst <= 9e-16);
  CHECK(bp::Activate(bp::Activation::kTanh, 0.0) == 0.0);
  CHECK(bp::Activate(bp::Activation::kTanh, INFINITY) == 1.0);
  CHECK(bp::Activate(bp::Activation::kTanh, -INFINITY) == -1.0);
  CHECK(std::isnan(bp::Activate(bp::Activation::kTanh, NAN)));
}

#if !defined(__EMSCRIPTEN__)
TEST_CASE("tanh is within 3.5 ulp of the exact value (natively: long double has 64 digits there)") {
  // The reference is tanhl in x87 extended precision, 11 more digits than a double. Emscripten's
  // 128-bit long double tanhl falls back to the double tanh, so this test runs natively only; the
  // wasm build computes the same bits (the determinism tests). Measured: 3.42 ulp, near |z| = 0.178,
  // just past the switch from n = 0 to n = 1 in Tanh's reduction y = 2|z| = n ln 2 + r.
  static_assert(std::numeric_limits<long double>::digits >= 64, "needs x87 extended long double");
  double worst = 0.0;
  for (int i = -400000; i <= 400000; ++i) {
    const double z = 25.0 * i / 400000.0;
    const long double exact = std::tanh(static_cast<long double>(z));
    const double rounded = static_cast<double>(exact);
    if (rounded == 0.0) continue;
    const double ulp = std::nextafter(std::fabs(rounded), INFINITY) - std::fabs(rounded);
    const double ours = bp::Activate(Activation::kTanh, z);
    worst = std::fmax(worst, static_cast<double>(std::fabs(static_cast<long double>(ours) - exact) / ulp));
  }
  MESSAGE("largest error of tanh: " << worst << " ulp");
  CHECK(worst <= 3.5);
  CHECK(worst > 0.0);
  // Near 0 the result is 2 rP / 2Q: tanh z = z - z^3/3 to the last digit for tiny z.
  CHECK(bp::Activate(Activation::kTanh, 1e-300) == 1e-300);
  CHECK(bp::Activate(Activation::kTanh, 5e-324) == 5e-324);
  CHECK(bp::Activate(Activation::kTanh, 1e-5) == 1e-5 - 1e-15 / 3.0);
}
#endif

TEST_CASE("tanh of a matrix (the training loop's form) has the scalar tanh's bits") {
  // Every part of Tanh: near 0, both sides of the switch from the first to the second formula at
  // y = 2|z| = 1.5 ln 2, the cap at y = 44, zeros of both signs, infinities and NaN (in a pair with a
  // number, too).
  const double kSwitch = 0.75 * 0.6931471805599453;
  std::vector<double> values = {0.0,
                                -0.0,
                                kSwitch,
                                -kSwitch,
                                std::nextafter(kSwitch, 0.0),
                                22.0,
                                -22.0,
                                std::nextafter(22.0, 0.0),
                                1e300,
                                -1e300,
                                5e-324,
                                INFINITY,
                                -INFINITY,
                                NAN,
                                0.3,
                                NAN};
  for (int i = -400000; i <= 400000; ++i) values.push_back(i * 6.5e-5);
  Eigen::MatrixXd z = Eigen::Map<Eigen::MatrixXd>(values.data(), 1, static_cast<Eigen::Index>(values.size()));
  Eigen::MatrixXd a;
  bp::ActivateMatrix(Activation::kTanh, z, bp::ActivationParams{}, &a);
  int differ = 0;
  for (Eigen::Index i = 0; i < z.size(); ++i) {
    const double scalar = bp::Activate(Activation::kTanh, z(i));
    if (std::memcmp(&scalar, &a(i), sizeof scalar) != 0) differ += 1;
  }
  CHECK(differ == 0);
}
