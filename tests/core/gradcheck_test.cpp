// Tests for gradient checking (gradcheck.h): the finite differences against Mazur's published
// gradients, then Backward against the finite differences for every hidden activation and every
// loss on random networks, plus the report's bookkeeping.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "core/activation.h"
#include "core/gradcheck.h"
#include "core/loss.h"
#include "core/mlp.h"
#include "core/rng.h"

namespace {

using bp::Activation;
using bp::Loss;

// Backprop and the finite difference must agree to this (the brief's bar for a correct Backward).
constexpr double kMaxRelativeError = 1e-6;
// Samples are redrawn until every hidden pre-activation is at least this far from 0, so a +-h
// nudge of a parameter never crosses a ReLU / ELU kink (it moves z by ~h |x| ~ 1e-5).
constexpr double kKinkMargin = 1e-3;
constexpr int kBatchSize = 5;

// M. Mazur's "A Step by Step Backpropagation Example": 2-2-2, sigmoid everywhere, half squared error.
bp::Mlp MazurNetwork() {
  bp::MlpSpec spec;
  spec.sizes = {2, 2, 2};
  spec.activations = {Activation::kSigmoid, Activation::kSigmoid};
  spec.loss = Loss::kHalfSquaredError;
  bp::Result<bp::Mlp> made = bp::MakeMlp(spec, 1);
  REQUIRE(made.ok());
  bp::Mlp mlp = *made;
  Eigen::MatrixXd W1(2, 2), W2(2, 2);
  W1 << 0.15, 0.20, 0.25, 0.30;  // w1 w2 / w3 w4
  W2 << 0.40, 0.45, 0.50, 0.55;  // w5 w6 / w7 w8
  REQUIRE(bp::SetLayerWeights(&mlp, 0, W1, Eigen::VectorXd::Constant(2, 0.35)).ok());
  REQUIRE(bp::SetLayerWeights(&mlp, 1, W2, Eigen::VectorXd::Constant(2, 0.60)).ok());
  return mlp;
}

struct Combination {
  Activation hidden;
  Loss loss;
  Activation output;
  int outputs;
};

std::vector<Combination> AllCombinations() {
  const Activation hidden[] = {Activation::kIdentity,  Activation::kSigmoid, Activation::kTanh, Activation::kRelu,
                               Activation::kLeakyRelu, Activation::kPrelu,   Activation::kElu,  Activation::kGelu};
  const Combination heads[] = {
      {Activation::kIdentity, Loss::kBinaryCrossEntropy, Activation::kSigmoid, 2},
      {Activation::kIdentity, Loss::kSoftmaxCrossEntropy, Activation::kSoftmax, 3},
      {Activation::kIdentity, Loss::kHalfSquaredError, Activation::kIdentity, 2},
      {Activation::kIdentity, Loss::kHalfSquaredError, Activation::kTanh, 2},
      {Activation::kIdentity, Loss::kHalfSquaredError, Activation::kSigmoid, 2},
  };
  std::vector<Combination> result;
  for (Activation h : hidden) {
    for (Combination head : heads) {
      head.hidden = h;
      result.push_back(head);
    }
  }
  return result;
}

// 3-4-3-K with the hidden activation in both hidden layers, Xavier weights from `seed`, and biases
// drawn too (MakeMlp starts them at 0, which would leave part of db untested).
bp::Mlp RandomNetwork(const Combination& combination, uint64_t seed) {
  bp::MlpSpec spec;
  spec.sizes = {3, 4, 3, combination.outputs};
  spec.activations = {combination.hidden, combination.hidden, combination.output};
  spec.loss = combination.loss;
  // Non-default slopes and alpha so a forgotten parameter shows up.
  spec.params.slope = 0.2;
  spec.params.alpha = 1.3;
  bp::Result<bp::Mlp> made = bp::MakeMlp(spec, seed);
  REQUIRE_MESSAGE(made.ok(), made.error());
  bp::Mlp mlp = *made;
  bp::Rng rng(seed, 7u);
  for (bp::Layer& layer : mlp.layers) {
    for (int r = 0; r < layer.b.size(); ++r) layer.b(r) = rng.Uniform(-0.5, 0.5);
  }
  return mlp;
}

// True when no hidden pre-activation of the batch lies within kKinkMargin of 0.
bool AwayFromKinks(const bp::Mlp& mlp, const Eigen::MatrixXd& X) {
  const bp::ForwardPass pass = bp::Forward(mlp, X);
  for (size_t k = 0; k + 1 < pass.layers.size(); ++k) {
    if (pass.layers[k].z.cwiseAbs().minCoeff() < kKinkMargin) return false;
  }
  return true;
}

// X: (3, B) uniform in [-1, 1), redrawn until away from kinks.
Eigen::MatrixXd RandomInputs(const bp::Mlp& mlp, bp::Rng* rng) {
  const int kMaxAttempts = 100;
  Eigen::MatrixXd X(mlp.inputs(), kBatchSize);
  for (int attempt = 0; attempt < kMaxAttempts; ++attempt) {
    for (int i = 0; i < X.size(); ++i) X(i) = rng->Uniform(-1.0, 1.0);
    if (AwayFromKinks(mlp, X)) return X;
  }
  FAIL("could not draw inputs away from the ReLU kinks");
  return X;
}

// T: (K, B) in the loss's own kind: 0/1 labels, one-hot classes, or real targets.
Eigen::MatrixXd RandomTargets(Loss loss, int outputs, bp::Rng* rng) {
  Eigen::MatrixXd T = Eigen::MatrixXd::Zero(outputs, kBatchSize);
  for (int j = 0; j < kBatchSize; ++j) {
    switch (loss) {
      case Loss::kBinaryCrossEntropy:
        for (int k = 0; k < outputs; ++k) T(k, j) = static_cast<double>(rng->Below(2));
        break;
      case Loss::kSoftmaxCrossEntropy: T(rng->Below(static_cast<uint32_t>(outputs)), j) = 1.0; break;
      case Loss::kHalfSquaredError:
        for (int k = 0; k < outputs; ++k) T(k, j) = rng->Uniform(0.1, 0.9);
        break;
    }
  }
  return T;
}

}  // namespace

TEST_CASE("gradcheck: relative error against hand arithmetic") {
  // |1 - 1.1| / max(1, 1.1) = 0.1 / 1.1 = 0.0909090909.
  CHECK(bp::GradientRelativeError(1.0, 1.1) == doctest::Approx(0.0909090909).epsilon(1e-9));
  // Both zero (a dead ReLU's weight): 0 / floor = 0.
  CHECK(bp::GradientRelativeError(0.0, 0.0) == 0.0);
  // Tiny values are compared absolutely: 1e-12 / max(1e-12, 1e-7) = 1e-5.
  CHECK(bp::GradientRelativeError(0.0, 1e-12, 1e-7) == doctest::Approx(1e-5).epsilon(1e-12));
  // Opposite signs are a 200% error: |-1 - 1| / 1 = 2.
  CHECK(bp::GradientRelativeError(-1.0, 1.0) == 2.0);
}

TEST_CASE("gradcheck: finite differences reproduce Mazur's published gradients") {
  const bp::Mlp mlp = MazurNetwork();
  Eigen::MatrixXd X(2, 1), T(2, 1);
  X << 0.05, 0.10;
  T << 0.01, 0.99;
  const bp::GradientCheckReport report = bp::CheckGradients(mlp, X, T);
  // 2x2 + 2 per layer, two layers, no PReLU: 12 parameters, W row by row then b.
  REQUIRE(report.entries.size() == 12);
  // Mazur's E_total before training.
  CHECK(report.loss == doctest::Approx(0.298371109).epsilon(1e-9));
  // Layer 2 weights, entries 6..9: dE/dw5 = 0.082167041 (published); dE/dw6, dE/dw7, dE/dw8 from his
  // updates with eta = 0.5: (0.45 - 0.408666186) / 0.5 = 0.082667628, (0.50 - 0.511301270) / 0.5 =
  // -0.022602540, (0.55 - 0.561370121) / 0.5 = -0.022740242.
  const bp::GradientCheckEntry& w5 = report.entries[6];
  CHECK(w5.layer == 1);
  CHECK(w5.kind == bp::ParameterKind::kWeight);
  CHECK(w5.row == 0);
  CHECK(w5.col == 0);
  CHECK(w5.numeric == doctest::Approx(0.082167041).epsilon(1e-8));
  CHECK(report.entries[7].numeric == doctest::Approx(0.082667628).epsilon(1e-8));
  CHECK(report.entries[8].numeric == doctest::Approx(-0.022602540).epsilon(1e-8));
  CHECK(report.entries[9].numeric == doctest::Approx(-0.022740242).epsilon(1e-8));
  // Layer 1: dE/dw1 = 0.000438568 (published), dE/dw2 = (0.20 - 0.19956143) / 0.5 = 0.00087714.
  CHECK(report.entries[0].numeric == doctest::Approx(0.000438568).epsilon(1e-9));
  CHECK(report.entries[1].numeric == doctest::Approx(0.00087714).epsilon(2e-8));
  // And Backward agrees with all of them.
  CHECK(report.max_relative_error < kMaxRelativeError);
}

TEST_CASE("gradcheck: Backward matches finite differences for every activation and loss") {
  uint64_t seed = 100;
  for (const Combination& combination : AllCombinations()) {
    ++seed;
    const std::string hidden = bp::ActivationName(combination.hidden);
    const std::string loss = bp::LossName(combination.loss);
    const std::string output = bp::ActivationName(combination.output);
    CAPTURE(hidden);
    CAPTURE(loss);
    CAPTURE(output);
    const bp::Mlp mlp = RandomNetwork(combination, seed);
    bp::Rng rng(seed, 11u);
    const Eigen::MatrixXd X = RandomInputs(mlp, &rng);
    const Eigen::MatrixXd T = RandomTargets(combination.loss, combination.outputs, &rng);
    const bp::GradientCheckReport report = bp::CheckGradients(mlp, X, T);

    // Every parameter is checked: 3*4 + 4 + 4*3 + 3 + 3*K + K, plus one slope per PReLU layer.
    CHECK(static_cast<int>(report.entries.size()) == mlp.ParameterCount());
    REQUIRE(report.worst >= 0);
    const bp::GradientCheckEntry& worst = report.entries[report.worst];
    const std::string worst_parameter = bp::DescribeParameter(worst);
    CAPTURE(worst_parameter);
    CAPTURE(worst.analytic);
    CAPTURE(worst.numeric);
    CHECK(report.max_relative_error < kMaxRelativeError);
    // Not a vacuous pass: the gradient is not zero everywhere.
    double largest_gradient = 0.0;
    for (const bp::GradientCheckEntry& entry : report.entries) {
      largest_gradient = std::fmax(largest_gradient, std::fabs(entry.analytic));
    }
    CHECK(largest_gradient > 1e-3);
  }
}

TEST_CASE("gradcheck: a PReLU network checks its slopes") {
  const Combination combination{Activation::kPrelu, Loss::kHalfSquaredError, Activation::kTanh, 2};
  const bp::Mlp mlp = RandomNetwork(combination, 5);
  bp::Rng rng(5, 11u);
  const Eigen::MatrixXd X = RandomInputs(mlp, &rng);
  const Eigen::MatrixXd T = RandomTargets(combination.loss, combination.outputs, &rng);
  const bp::GradientCheckReport report = bp::CheckGradients(mlp, X, T);
  int slopes = 0;
  for (const bp::GradientCheckEntry& entry : report.entries) {
    if (entry.kind != bp::ParameterKind::kSlope) continue;
    ++slopes;
    const std::string parameter = bp::DescribeParameter(entry);
    CAPTURE(parameter);
    CAPTURE(entry.analytic);
    CAPTURE(entry.numeric);
    CHECK(entry.relative_error < kMaxRelativeError);
    // The slope matters: some z < 0 in a batch of 5 makes dL/dslope non-zero.
    CHECK(std::fabs(entry.numeric) > 1e-6);
  }
  // Two hidden PReLU layers, one slope each.
  CHECK(slopes == 2);
}

TEST_CASE("gradcheck: worst first, descriptions, and determinism") {
  const Combination combination{Activation::kTanh, Loss::kSoftmaxCrossEntropy, Activation::kSoftmax, 3};
  const bp::Mlp mlp = RandomNetwork(combination, 9);
  bp::Rng rng(9, 11u);
  const Eigen::MatrixXd X = RandomInputs(mlp, &rng);
  const Eigen::MatrixXd T = RandomTargets(combination.loss, combination.outputs, &rng);
  const bp::GradientCheckReport report = bp::CheckGradients(mlp, X, T);

  const std::vector<bp::GradientCheckEntry> sorted = bp::WorstFirst(report);
  REQUIRE(sorted.size() == report.entries.size());
  for (size_t i = 1; i < sorted.size(); ++i) CHECK(sorted[i - 1].relative_error >= sorted[i].relative_error);
  CHECK(sorted.front().relative_error == report.max_relative_error);
  CHECK(sorted.front().relative_error == report.entries[report.worst].relative_error);

  // Network order: the first entry is layer 1's W[0,0], the last layer 3's b[2].
  CHECK(bp::DescribeParameter(report.entries.front()) == "layer 1 W[0,0]");
  CHECK(bp::DescribeParameter(report.entries.back()) == "layer 3 b[2]");
  bp::GradientCheckEntry slope;
  slope.layer = 0;
  slope.kind = bp::ParameterKind::kSlope;
  CHECK(bp::DescribeParameter(slope) == "layer 1 PReLU slope");

  const bp::GradientCheckReport again = bp::CheckGradients(mlp, X, T);
  REQUIRE(again.entries.size() == report.entries.size());
  int differing = 0;
  for (size_t i = 0; i < report.entries.size(); ++i) {
    if (std::memcmp(&again.entries[i].numeric, &report.entries[i].numeric, sizeof(double)) != 0 ||
        std::memcmp(&again.entries[i].analytic, &report.entries[i].analytic, sizeof(double)) != 0) {
      ++differing;
    }
  }
  CHECK(differing == 0);
}
