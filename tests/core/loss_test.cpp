// Tests for the loss functions (loss.h): hand-worked values, dL/dz against central finite
// differences of the loss itself, the batch mean and its 1/B, stability at huge logits, parsing.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>

#include "core/activation.h"
#include "core/loss.h"
#include "core/test_support.h"

namespace {

using bp::Activation;
using bp::Loss;

constexpr double kPublishedTolerance = 1e-9;
// Central differences with h = 1e-6 on O(1) losses: truncation ~h^2, rounding ~1e-16 / h = 1e-10.
constexpr double kFiniteDifferenceTolerance = 1e-7;

// The output activation each loss is tested with: sigmoid for BCE, softmax for softmax CE and
// tanh for half squared error (any elementwise activation would do; tanh is not the identity,
// so the h'(z) factor is exercised).
Activation OutputActivationFor(Loss loss) {
  switch (loss) {
    case Loss::kBinaryCrossEntropy: return Activation::kSigmoid;
    case Loss::kSoftmaxCrossEntropy: return Activation::kSoftmax;
    case Loss::kHalfSquaredError: return Activation::kTanh;
  }
  return Activation::kIdentity;
}

// The mean batch loss as a function of the logits alone: A = h(Z) is recomputed from Z.
double BatchLossFromLogits(Loss loss, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& T) {
  Eigen::MatrixXd A;
  bp::ActivateMatrix(OutputActivationFor(loss), Z, bp::ActivationParams{}, &A);
  return bp::BatchLoss(loss, Z, A, T);
}

// OutputDelta with the matching output activation; h'(Z) only for half squared error.
Eigen::MatrixXd DeltaFromLogits(Loss loss, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& T) {
  const Activation output = OutputActivationFor(loss);
  Eigen::MatrixXd A, derivative, delta;
  bp::ActivateMatrix(output, Z, bp::ActivationParams{}, &A);
  if (bp::IsElementwiseDifferentiable(output)) {
    bp::ActivationDerivativeMatrix(output, Z, A, bp::ActivationParams{}, &derivative);
  }
  bp::OutputDelta(loss, A, T, derivative, &delta);
  return delta;
}

}  // namespace

TEST_CASE("loss: half squared error matches Mazur's worked example") {
  // M. Mazur, "A Step by Step Backpropagation Example": net_o = (1.105905967, 1.224921404),
  // out_o = (0.75136507, 0.772928465), targets (0.01, 0.99).
  // E_o1 = 1/2 (0.01 - 0.75136507)^2 = 0.274811083, E_o2 = 1/2 (0.99 - 0.772928465)^2 = 0.023560026,
  // E_total = 0.298371109.
  Eigen::VectorXd z(2), a(2), t(2);
  z << 1.105905967, 1.224921404;
  a << 0.75136507, 0.772928465;
  t << 0.01, 0.99;
  CHECK(bp::SampleLoss(Loss::kHalfSquaredError, z, a, t) == doctest::Approx(0.298371109).epsilon(kPublishedTolerance));
  // A batch of one sample: the mean is that sample's loss.
  CHECK(bp::BatchLoss(Loss::kHalfSquaredError, z, a, t) == doctest::Approx(0.298371109).epsilon(kPublishedTolerance));

  // Mazur's output delta: dE/dout_o1 = 0.75136507 - 0.01 = 0.74136507, dout/dnet = out (1 - out) =
  // 0.186815602, so dE/dnet_o1 = 0.74136507 * 0.186815602 = 0.138498562.
  Eigen::MatrixXd derivative, delta;
  bp::ActivationDerivativeMatrix(Activation::kSigmoid, z, a, bp::ActivationParams{}, &derivative);
  bp::OutputDelta(Loss::kHalfSquaredError, a, t, derivative, &delta);
  REQUIRE(delta.rows() == 2);
  REQUIRE(delta.cols() == 1);
  CHECK(delta(0, 0) == doctest::Approx(0.138498562).epsilon(kPublishedTolerance));
  // dE/da = a - t: the first factor of the chain rule.
  CHECK(bp::LossGradientWrtOutput(Loss::kHalfSquaredError, a, t)[0] == doctest::Approx(0.74136507).epsilon(1e-12));
}

TEST_CASE("loss: binary cross-entropy matches hand values") {
  // a = 0.8 comes from the logit z = ln(0.8 / 0.2) = ln 4 = 1.386294361.
  // t = 1: -ln 0.8 = 0.22314355; t = 0: -ln 0.2 = 1.609437912.
  const double z = std::log(4.0);
  CHECK(bp::BinaryCrossEntropyFromLogit(z, 1.0) == doctest::Approx(0.22314355).epsilon(1e-8));
  CHECK(bp::BinaryCrossEntropyFromLogit(z, 0.0) == doctest::Approx(1.609437912).epsilon(kPublishedTolerance));
  CHECK(bp::NaiveBinaryCrossEntropy(z, 1.0) == doctest::Approx(0.22314355).epsilon(1e-8));
  // z = 0: a = 1/2, either target costs ln 2 = 0.693147181.
  CHECK(bp::BinaryCrossEntropyFromLogit(0.0, 1.0) == doctest::Approx(0.693147181).epsilon(kPublishedTolerance));

  // Two outputs in one sample add: 0.22314355 + 1.609437912 = 1.832581462.
  Eigen::VectorXd logits(2), a(2), t(2);
  logits << z, z;
  a << 0.8, 0.8;
  t << 1.0, 0.0;
  CHECK(bp::SampleLoss(Loss::kBinaryCrossEntropy, logits, a, t) ==
        doctest::Approx(1.832581462).epsilon(kPublishedTolerance));
  // dL/da = (a - t) / (a (1 - a)): (0.8 - 1) / 0.16 = -1.25 = -1 / 0.8.
  CHECK(bp::LossGradientWrtOutput(Loss::kBinaryCrossEntropy, a, t)[0] == doctest::Approx(-1.25).epsilon(1e-12));
}

TEST_CASE("loss: softmax cross-entropy matches hand values") {
  // logits (1, 2, 3), class 3: logsumexp = ln(e + e^2 + e^3) = ln 30.192874850 = 3.407605964,
  // L = 3.407605964 - 3 = 0.407605964 = -ln 0.66524096.
  Eigen::VectorXd z(3), t(3);
  z << 1.0, 2.0, 3.0;
  t << 0.0, 0.0, 1.0;
  const Eigen::VectorXd a = bp::Softmax(z);
  CHECK(bp::SampleLoss(Loss::kSoftmaxCrossEntropy, z, a, t) ==
        doctest::Approx(0.407605964).epsilon(kPublishedTolerance));
  // A soft target (0.2, 0.5, 0.3) with logits (0.3, -1.2, 2): logsumexp = 2.201671245,
  // L = 2.201671245 - (0.06 - 0.6 + 0.6) = 2.141671245.
  Eigen::VectorXd z2(3), t2(3);
  z2 << 0.3, -1.2, 2.0;
  t2 << 0.2, 0.5, 0.3;
  CHECK(bp::SampleLoss(Loss::kSoftmaxCrossEntropy, z2, bp::Softmax(z2), t2) ==
        doctest::Approx(2.141671245).epsilon(kPublishedTolerance));
}

TEST_CASE("loss: dL/dz matches finite differences of the batch loss") {
  // Three samples, three outputs; OutputDelta is the gradient of the MEAN loss, so it is compared
  // with the finite difference of BatchLoss (which makes the 1/B factor part of the check).
  Eigen::MatrixXd Z(3, 3);
  Z << 0.3, -1.2, 2.0,  //
      -0.4, 0.9, 0.1,   //
      1.7, -2.2, -0.6;
  Eigen::MatrixXd binary_targets(3, 3), class_targets(3, 3), regression_targets(3, 3);
  binary_targets << 1, 0, 1, 0, 0, 1, 1, 1, 0;
  class_targets << 0, 0.2, 1, 1, 0.5, 0, 0, 0.3, 0;
  regression_targets << 0.5, -0.3, 0.9, 0.1, 0.7, -0.8, -0.2, 0.4, 0.0;
  const struct {
    Loss loss;
    const Eigen::MatrixXd& T;
  } cases[] = {{Loss::kBinaryCrossEntropy, binary_targets},
               {Loss::kSoftmaxCrossEntropy, class_targets},
               {Loss::kHalfSquaredError, regression_targets}};
  for (const auto& c : cases) {
    CAPTURE(std::string(bp::LossName(c.loss)));
    const Eigen::MatrixXd delta = DeltaFromLogits(c.loss, Z, c.T);
    REQUIRE(delta.rows() == 3);
    REQUIRE(delta.cols() == 3);
    double worst = 0.0;
    for (Eigen::Index i = 0; i < Z.rows(); ++i) {
      for (Eigen::Index j = 0; j < Z.cols(); ++j) {
        const double numeric = bp::test::CentralDifference(
            [&](double value) {
              Eigen::MatrixXd perturbed = Z;
              perturbed(i, j) = value;
              return BatchLossFromLogits(c.loss, perturbed, c.T);
            },
            Z(i, j));
        worst = std::fmax(worst, bp::test::RelativeError(delta(i, j), numeric));
      }
    }
    CHECK(worst < kFiniteDifferenceTolerance);
  }
}

TEST_CASE("loss: LossGradientWrtOutput matches finite differences in a") {
  Eigen::VectorXd a(3), binary_t(3), class_t(3);
  a << 0.3, 0.6, 0.1;
  binary_t << 1.0, 0.0, 1.0;
  class_t << 0.2, 0.5, 0.3;
  // The a-based textbook formulas, differentiated numerically.
  const auto bce = [&](const Eigen::VectorXd& out) {
    return -(binary_t.array() * out.array().log() + (1.0 - binary_t.array()) * (1.0 - out.array()).log()).sum();
  };
  const auto cross_entropy = [&](const Eigen::VectorXd& out) { return -(class_t.array() * out.array().log()).sum(); };
  const Eigen::VectorXd bce_gradient = bp::LossGradientWrtOutput(Loss::kBinaryCrossEntropy, a, binary_t);
  const Eigen::VectorXd ce_gradient = bp::LossGradientWrtOutput(Loss::kSoftmaxCrossEntropy, a, class_t);
  for (Eigen::Index k = 0; k < a.size(); ++k) {
    CAPTURE(k);
    const auto along_k = [&](const auto& f) {
      return bp::test::CentralDifference(
          [&](double value) {
            Eigen::VectorXd out = a;
            out[k] = value;
            return f(out);
          },
          a[k]);
    };
    CHECK(bp::test::RelativeError(bce_gradient[k], along_k(bce)) < kFiniteDifferenceTolerance);
    CHECK(bp::test::RelativeError(ce_gradient[k], along_k(cross_entropy)) < kFiniteDifferenceTolerance);
  }
}

TEST_CASE("loss: the batch loss is the mean and the delta divides by the batch size") {
  // Half squared error, one output, two samples: 1/2 (1 - 0.5)^2 = 0.125 and 1/2 (0 - 2)^2 = 2;
  // mean = (0.125 + 2) / 2 = 1.0625.
  Eigen::MatrixXd A(1, 2), T(1, 2);
  A << 0.5, 2.0;
  T << 1.0, 0.0;
  CHECK(bp::BatchLoss(Loss::kHalfSquaredError, A, A, T) == 1.0625);
  // Identity output (h' = 1): delta = (A - T) / 2 = (-0.25, 1).
  Eigen::MatrixXd delta;
  bp::OutputDelta(Loss::kHalfSquaredError, A, T, Eigen::MatrixXd::Ones(1, 2), &delta);
  CHECK(delta(0, 0) == -0.25);
  CHECK(delta(0, 1) == 1.0);

  // BCE: a = (0.8, 0.3), t = (1, 0): delta = (A - T) / 2 = (-0.2 / 2, 0.3 / 2) = (-0.1, 0.15).
  Eigen::MatrixXd probabilities(1, 2), labels(1, 2);
  probabilities << 0.8, 0.3;
  labels << 1.0, 0.0;
  bp::OutputDelta(Loss::kBinaryCrossEntropy, probabilities, labels, Eigen::MatrixXd(), &delta);
  CHECK(delta(0, 0) == doctest::Approx(-0.1).epsilon(1e-15));
  CHECK(delta(0, 1) == doctest::Approx(0.15).epsilon(1e-15));

  // Softmax CE, four samples of one class each: every column is (a - t) / 4.
  Eigen::MatrixXd Z(2, 4), onehot(2, 4);
  Z << 0.0, 1.0, -1.0, 2.0,  //
      0.0, 0.0, 0.5, -2.0;
  onehot << 1, 0, 1, 0,  //
      0, 1, 0, 1;
  Eigen::MatrixXd softmax;
  bp::ActivateMatrix(Activation::kSoftmax, Z, bp::ActivationParams{}, &softmax);
  bp::OutputDelta(Loss::kSoftmaxCrossEntropy, softmax, onehot, Eigen::MatrixXd(), &delta);
  // Column 0: logits (0, 0) give a = (1/2, 1/2), t = (1, 0): delta = (-0.5, 0.5) / 4 = (-0.125, 0.125).
  CHECK(delta(0, 0) == doctest::Approx(-0.125).epsilon(1e-15));
  CHECK(delta(1, 0) == doctest::Approx(0.125).epsilon(1e-15));
  // The mean of the per-sample losses; column 0 costs ln 2 = 0.693147181.
  double sum = 0.0;
  for (int j = 0; j < 4; ++j) {
    sum += bp::SampleLoss(Loss::kSoftmaxCrossEntropy, Z.col(j), softmax.col(j), onehot.col(j));
  }
  CHECK(bp::SampleLoss(Loss::kSoftmaxCrossEntropy, Z.col(0), softmax.col(0), onehot.col(0)) ==
        doctest::Approx(0.693147181).epsilon(kPublishedTolerance));
  CHECK(bp::BatchLoss(Loss::kSoftmaxCrossEntropy, Z, softmax, onehot) == doctest::Approx(sum / 4.0).epsilon(1e-15));
}

TEST_CASE("loss: logits of +-1000 give a finite loss and a finite delta") {
  // BCE: z = 1000 with t = 0 costs max(1000, 0) - 0 + log(1 + e^-1000) = 1000;
  // z = -1000 with t = 1 costs 0 + 1000 + log(1 + e^-1000) = 1000. Mean over 2 samples: 1000.
  Eigen::MatrixXd Z(1, 2), T(1, 2);
  Z << 1000.0, -1000.0;
  T << 0.0, 1.0;
  CHECK(BatchLossFromLogits(Loss::kBinaryCrossEntropy, Z, T) == 1000.0);
  Eigen::MatrixXd delta = DeltaFromLogits(Loss::kBinaryCrossEntropy, Z, T);
  CHECK(delta.allFinite());
  // a = (1, 0): delta = ((1 - 0) / 2, (0 - 1) / 2) = (0.5, -0.5).
  CHECK(delta(0, 0) == 0.5);
  CHECK(delta(0, 1) == -0.5);

  // Softmax CE: logits (1000, 0, -1000), class 3: logsumexp = 1000, L = 1000 - (-1000) = 2000.
  Eigen::MatrixXd logits(3, 1), onehot(3, 1);
  logits << 1000.0, 0.0, -1000.0;
  onehot << 0.0, 0.0, 1.0;
  CHECK(BatchLossFromLogits(Loss::kSoftmaxCrossEntropy, logits, onehot) == 2000.0);
  delta = DeltaFromLogits(Loss::kSoftmaxCrossEntropy, logits, onehot);
  CHECK(delta.allFinite());
  // a = (1, 0, 0): delta = (1, 0, -1).
  CHECK(delta(0, 0) == 1.0);
  CHECK(delta(2, 0) == -1.0);
}

TEST_CASE("loss: the naive BCE overflows where the stable one does not") {
  // sigmoid(1000) rounds to exactly 1, so the naive form takes log(1 - 1) = log 0 = -inf.
  CHECK(std::isinf(bp::NaiveBinaryCrossEntropy(1000.0, 0.0)));
  CHECK(bp::BinaryCrossEntropyFromLogit(1000.0, 0.0) == 1000.0);
  // Away from saturation the two forms agree: z = -0.7, t = 0.3.
  CHECK(bp::NaiveBinaryCrossEntropy(-0.7, 0.3) ==
        doctest::Approx(bp::BinaryCrossEntropyFromLogit(-0.7, 0.3)).epsilon(1e-14));
}

TEST_CASE("loss: the same input gives bitwise the same loss and delta twice") {
  Eigen::MatrixXd Z(3, 2), T(3, 2);
  Z << 0.3, -1.2, 2.0, -0.4, 0.9, 0.1;
  T << 0, 1, 1, 0, 0, 0;
  for (Loss loss : {Loss::kBinaryCrossEntropy, Loss::kSoftmaxCrossEntropy, Loss::kHalfSquaredError}) {
    CAPTURE(std::string(bp::LossName(loss)));
    const double first = BatchLossFromLogits(loss, Z, T);
    const double second = BatchLossFromLogits(loss, Z, T);
    CHECK(std::memcmp(&first, &second, sizeof(double)) == 0);
    const Eigen::MatrixXd first_delta = DeltaFromLogits(loss, Z, T);
    const Eigen::MatrixXd second_delta = DeltaFromLogits(loss, Z, T);
    CHECK(std::memcmp(first_delta.data(), second_delta.data(), sizeof(double) * first_delta.size()) == 0);
  }
}

TEST_CASE("loss: names round-trip, unknown names are rejected, output pairing") {
  for (Loss loss : {Loss::kBinaryCrossEntropy, Loss::kSoftmaxCrossEntropy, Loss::kHalfSquaredError}) {
    CAPTURE(std::string(bp::LossName(loss)));
    const bp::Result<Loss> parsed = bp::ParseLoss(bp::LossName(loss));
    REQUIRE(parsed.ok());
    CHECK(*parsed == loss);
    CHECK(std::strlen(bp::LossTitle(loss)) > 0);
  }
  CHECK(std::string(bp::LossName(Loss::kSoftmaxCrossEntropy)) == "softmax_ce");
  const bp::Result<Loss> bad = bp::ParseLoss("hinge");
  CHECK_FALSE(bad.ok());
  CHECK(bad.error().find("hinge") != std::string::npos);

  CHECK(bp::LossAcceptsOutputActivation(Loss::kBinaryCrossEntropy, Activation::kSigmoid));
  CHECK_FALSE(bp::LossAcceptsOutputActivation(Loss::kBinaryCrossEntropy, Activation::kTanh));
  CHECK(bp::LossAcceptsOutputActivation(Loss::kSoftmaxCrossEntropy, Activation::kSoftmax));
  CHECK_FALSE(bp::LossAcceptsOutputActivation(Loss::kSoftmaxCrossEntropy, Activation::kSigmoid));
  CHECK(bp::LossAcceptsOutputActivation(Loss::kHalfSquaredError, Activation::kIdentity));
  CHECK(bp::LossAcceptsOutputActivation(Loss::kHalfSquaredError, Activation::kTanh));
  CHECK_FALSE(bp::LossAcceptsOutputActivation(Loss::kHalfSquaredError, Activation::kStep));
  CHECK_FALSE(bp::LossAcceptsOutputActivation(Loss::kHalfSquaredError, Activation::kSoftmax));
}
