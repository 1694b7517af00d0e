// Tests for the multi-layer perceptron (mlp.h): a hand-worked forward and backward pass, finite
// differences on random nets, initialisation, validation messages, and buffer reuse.
// The classic worked example (M. Mazur) is checked number by number in trace_test.cpp.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "core/mlp.h"
#include "core/rng.h"
#include "core/test_support.h"

namespace {

bool Mentions(const std::string& message, const std::string& word) { return message.find(word) != std::string::npos; }

// A 2-2-1 ReLU / identity net small enough to work by hand.
bp::Mlp HandNet() {
  bp::MlpSpec spec;
  spec.sizes = {2, 2, 1};
  spec.activations = {bp::Activation::kRelu, bp::Activation::kIdentity};
  bp::Mlp mlp = bp::MakeMlp(spec, 1).value();
  Eigen::MatrixXd W1(2, 2), W2(1, 2);
  W1 << 1.0, -1.0, 0.5, 2.0;
  W2 << 2.0, -3.0;
  REQUIRE(bp::SetLayerWeights(&mlp, 0, W1, Eigen::Vector2d(0.0, -1.0)).ok());
  REQUIRE(bp::SetLayerWeights(&mlp, 1, W2, Eigen::VectorXd::Constant(1, 0.5)).ok());
  return mlp;
}

// Mean batch loss of the network on (X, T), through the public forward pass.
double LossOf(const bp::Mlp& mlp, const Eigen::MatrixXd& X, const Eigen::MatrixXd& T) {
  const bp::ForwardPass pass = bp::Forward(mlp, X);
  return bp::BatchLoss(mlp.loss, pass.layers.back().z, pass.layers.back().a, T);
}

// Central difference of the loss with respect to one number inside `mlp` (or X).
template <typename Get>
double NumericGradient(bp::Mlp mlp, Eigen::MatrixXd X, const Eigen::MatrixXd& T, Get get) {
  return bp::test::CentralDifference(
      [&](double value) {
        bp::Mlp copy = mlp;
        Eigen::MatrixXd X_copy = X;
        *get(&copy, &X_copy) = value;
        return LossOf(copy, X_copy, T);
      },
      *get(&mlp, &X));
}

}  // namespace

TEST_CASE("Forward and backward on a 2-2-1 ReLU net match hand arithmetic") {
  const bp::Mlp mlp = HandNet();
  const Eigen::MatrixXd X = Eigen::Vector2d(1.0, 2.0);
  const Eigen::MatrixXd T = Eigen::MatrixXd::Constant(1, 1, -9.0);
  const bp::ForwardPass pass = bp::Forward(mlp, X);
  // z1 = W1 x + b1 = (1 - 2 + 0, 0.5 + 4 - 1) = (-1, 3.5); a1 = relu = (0, 3.5)
  CHECK(pass.layers[0].z(0, 0) == doctest::Approx(-1.0));
  CHECK(pass.layers[0].z(1, 0) == doctest::Approx(3.5));
  CHECK(pass.layers[0].a(0, 0) == 0.0);
  // z2 = 2 * 0 - 3 * 3.5 + 0.5 = -10; identity output
  CHECK(pass.output()(0, 0) == doctest::Approx(-10.0));

  const bp::Gradients grads = bp::Backward(mlp, pass, T);
  // L = 1/2 (-10 - (-9))^2 = 0.5; delta2 = (a - t) * 1 = -1
  CHECK(grads.loss == doctest::Approx(0.5));
  CHECK(grads.layers[1].delta(0, 0) == doctest::Approx(-1.0));
  // dW2 = delta2 a1^T = (0, -3.5); db2 = -1; dX2 = W2^T delta2 = (-2, 3)
  CHECK(grads.layers[1].dW(0, 0) == doctest::Approx(0.0));
  CHECK(grads.layers[1].dW(0, 1) == doctest::Approx(-3.5));
  CHECK(grads.layers[1].db(0) == doctest::Approx(-1.0));
  CHECK(grads.layers[1].d_input(1, 0) == doctest::Approx(3.0));
  // h'(z1) = (0, 1); delta1 = (0, 3); dW1 = delta1 x^T = [[0, 0], [3, 6]]; db1 = (0, 3)
  CHECK(grads.layers[0].derivative(0, 0) == 0.0);
  CHECK(grads.layers[0].dW(1, 0) == doctest::Approx(3.0));
  CHECK(grads.layers[0].dW(1, 1) == doctest::Approx(6.0));
  CHECK(grads.layers[0].dW(0, 1) == doctest::Approx(0.0));
  CHECK(grads.layers[0].db(1) == doctest::Approx(3.0));
  // dX1 = W1^T delta1 = (0.5 * 3, 2 * 3) = (1.5, 6)
  CHECK(grads.layers[0].d_input(0, 0) == doctest::Approx(1.5));
  CHECK(grads.layers[0].d_input(1, 0) == doctest::Approx(6.0));
}

TEST_CASE("The batch loss is a mean: a sample repeated twice gives the same gradients") {
  const bp::Mlp mlp = HandNet();
  Eigen::MatrixXd X2(2, 2);
  X2 << 1.0, 1.0, 2.0, 2.0;
  const Eigen::MatrixXd T2 = Eigen::MatrixXd::Constant(1, 2, -9.0);
  const bp::Gradients grads = bp::Backward(mlp, bp::Forward(mlp, X2), T2);
  // Each column's delta carries 1/B = 1/2 of the single-sample -1; the sums come back to the hand values.
  CHECK(grads.layers[1].delta(0, 0) == doctest::Approx(-0.5));
  CHECK(grads.loss == doctest::Approx(0.5));
  CHECK(grads.layers[0].dW(1, 1) == doctest::Approx(6.0));
  CHECK(grads.layers[1].db(0) == doctest::Approx(-1.0));
}

TEST_CASE("Backward matches finite differences on random nets") {
  struct Case {
    std::vector<int> sizes;
    std::vector<bp::Activation> activations;
    bp::Loss loss;
  };
  using A = bp::Activation;
  const std::vector<Case> cases = {
      {{3, 4, 3, 2}, {A::kTanh, A::kSigmoid, A::kIdentity}, bp::Loss::kHalfSquaredError},
      {{3, 5, 4, 1}, {A::kElu, A::kGelu, A::kSigmoid}, bp::Loss::kBinaryCrossEntropy},
      {{3, 4, 4, 3}, {A::kLeakyRelu, A::kPrelu, A::kSoftmax}, bp::Loss::kSoftmaxCrossEntropy},
      {{2, 3, 2}, {A::kPrelu, A::kTanh}, bp::Loss::kHalfSquaredError},
      {{2, 3, 2}, {A::kTanh, A::kPrelu}, bp::Loss::kHalfSquaredError},  // a PReLU output layer
  };
  const int kBatch = 5;
  for (size_t c = 0; c < cases.size(); ++c) {
    CAPTURE(c);
    bp::MlpSpec spec;
    spec.sizes = cases[c].sizes;
    spec.activations = cases[c].activations;
    spec.loss = cases[c].loss;
    spec.init = bp::InitScheme::kUniform;
    spec.uniform_range = 1.0;
    spec.initial_bias = 0.1;
    spec.params.slope = 0.2;  // a PReLU slope big enough for its gradient to matter
    bp::Mlp mlp = bp::MakeMlp(spec, 100 + c).value();
    bp::Rng rng(200 + c);
    Eigen::MatrixXd X(spec.sizes.front(), kBatch), T(spec.sizes.back(), kBatch);
    for (int i = 0; i < X.size(); ++i) X(i) = rng.Uniform(-2.0, 2.0);
    for (int s = 0; s < kBatch; ++s) {
      for (int k = 0; k < T.rows(); ++k) {
        // One-hot for softmax, 0/1 for BCE, any value for squared error.
        if (spec.loss == bp::Loss::kSoftmaxCrossEntropy)
          T(k, s) = k == s % T.rows() ? 1.0 : 0.0;
        else if (spec.loss == bp::Loss::kBinaryCrossEntropy)
          T(k, s) = rng.Uniform() < 0.5 ? 0.0 : 1.0;
        else
          T(k, s) = rng.Uniform(-1.0, 1.0);
      }
    }
    const bp::Gradients grads = bp::Backward(mlp, bp::Forward(mlp, X), T);
    CHECK(grads.loss == doctest::Approx(LossOf(mlp, X, T)));
    for (size_t l = 0; l < mlp.layers.size(); ++l) {
      const bp::LayerGradients& g = grads.layers[l];
      for (int i = 0; i < mlp.layers[l].W.size(); ++i) {
        double numeric = NumericGradient(mlp, X, T, [&](bp::Mlp* m, Eigen::MatrixXd*) { return &m->layers[l].W(i); });
        CHECK(bp::test::RelativeError(g.dW(i), numeric, 1e-7) < 1e-6);
      }
      for (int i = 0; i < mlp.layers[l].b.size(); ++i) {
        double numeric = NumericGradient(mlp, X, T, [&](bp::Mlp* m, Eigen::MatrixXd*) { return &m->layers[l].b(i); });
        CHECK(bp::test::RelativeError(g.db(i), numeric, 1e-7) < 1e-6);
      }
      if (mlp.layers[l].activation == A::kPrelu) {
        double numeric =
            NumericGradient(mlp, X, T, [&](bp::Mlp* m, Eigen::MatrixXd*) { return &m->layers[l].params.slope; });
        CHECK(std::fabs(g.d_slope) > 1e-4);  // the check below would be vacuous at zero
        CHECK(bp::test::RelativeError(g.d_slope, numeric, 1e-7) < 1e-6);
      } else {
        CHECK(g.d_slope == 0.0);
      }
    }
    // dL/dX of the first layer: the input gradient.
    for (int i = 0; i < X.size(); ++i) {
      double numeric = NumericGradient(mlp, X, T, [&](bp::Mlp*, Eigen::MatrixXd* x) { return &(*x)(i); });
      CHECK(bp::test::RelativeError(grads.layers[0].d_input(i), numeric, 1e-7) < 1e-6);
    }
  }
}

TEST_CASE("Predict gives Forward's output, and ParameterCount counts by hand") {
  bp::MlpSpec spec;
  spec.sizes = {2, 3, 1};
  spec.activations = {bp::Activation::kPrelu, bp::Activation::kSigmoid};
  const bp::Mlp mlp = bp::MakeMlp(spec, 3).value();
  Eigen::MatrixXd X(2, 3);
  X << 0.1, -0.7, 2.0, 0.4, 0.0, -1.5;
  const Eigen::MatrixXd predicted = bp::Predict(mlp, X);
  const Eigen::MatrixXd forward = bp::Forward(mlp, X).output();
  CHECK(predicted.rows() == 1);
  CHECK(predicted.cols() == 3);
  CHECK((predicted - forward).cwiseAbs().maxCoeff() == 0.0);
  // W1 2*3 + b1 3 + PReLU slope 1 + W2 3*1 + b2 1 = 14
  CHECK(mlp.ParameterCount() == 14);
}

TEST_CASE("Initialisation: deterministic per seed, within each scheme's range") {
  bp::MlpSpec spec;
  spec.sizes = {30, 50, 20};
  spec.activations = {bp::Activation::kTanh, bp::Activation::kIdentity};
  spec.initial_bias = 0.25;

  spec.init = bp::InitScheme::kXavier;
  const bp::Mlp a = bp::MakeMlp(spec, 9).value();
  const bp::Mlp b = bp::MakeMlp(spec, 9).value();
  const bp::Mlp c = bp::MakeMlp(spec, 10).value();
  CHECK((a.layers[0].W - b.layers[0].W).cwiseAbs().maxCoeff() == 0.0);
  CHECK((a.layers[0].W - c.layers[0].W).cwiseAbs().maxCoeff() > 0.0);
  // Xavier limit for 30 -> 50: sqrt(6 / 80) = 0.2739; 1500 draws come close to it.
  const double limit = std::sqrt(6.0 / 80.0);
  CHECK(a.layers[0].W.cwiseAbs().maxCoeff() <= limit);
  CHECK(a.layers[0].W.cwiseAbs().maxCoeff() > 0.95 * limit);
  CHECK(a.layers[0].b(7) == 0.25);

  spec.init = bp::InitScheme::kUniform;
  spec.uniform_range = 0.1;
  const bp::Mlp u = bp::MakeMlp(spec, 9).value();
  CHECK(u.layers[1].W.cwiseAbs().maxCoeff() <= 0.1);

  spec.init = bp::InitScheme::kHe;
  const bp::Mlp h = bp::MakeMlp(spec, 9).value();
  // He: N(0, 2 / n_in) = N(0, 2 / 30); sample variance of 1500 draws within ~10% (std error ~3.7%).
  const Eigen::MatrixXd& W = h.layers[0].W;
  const double variance = W.squaredNorm() / W.size() - std::pow(W.mean(), 2);
  CHECK(variance == doctest::Approx(2.0 / 30.0).epsilon(0.1));

  CHECK(bp::ParseInitScheme("he").value() == bp::InitScheme::kHe);
  CHECK(std::string(bp::InitSchemeName(bp::InitScheme::kXavier)) == "xavier");
  CHECK(Mentions(bp::ParseInitScheme("glorot_normal").error(), "glorot_normal"));
}

TEST_CASE("MakeMlp rejects bad specs with a sentence naming the problem") {
  bp::MlpSpec spec;
  spec.sizes = {2, 3, 0, 1};
  spec.activations = {bp::Activation::kTanh, bp::Activation::kTanh, bp::Activation::kSigmoid};
  bp::Result<bp::Mlp> result = bp::MakeMlp(spec, 1);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error() == "layer 2 has width 0; every layer needs at least 1 neuron");

  spec.sizes = {2, 3, 1};
  result = bp::MakeMlp(spec, 1);
  CHECK(Mentions(result.error(), "2 layers but 3 activations"));

  spec.activations = {bp::Activation::kStep, bp::Activation::kSigmoid};
  CHECK(Mentions(bp::MakeMlp(spec, 1).error(), "step"));

  spec.activations = {bp::Activation::kSoftmax, bp::Activation::kSigmoid};
  CHECK(Mentions(bp::MakeMlp(spec, 1).error(), "hidden layer with softmax"));

  spec.activations = {bp::Activation::kTanh, bp::Activation::kTanh};
  spec.loss = bp::Loss::kBinaryCrossEntropy;
  CHECK(Mentions(bp::MakeMlp(spec, 1).error(), "needs a sigmoid output"));

  spec.loss = bp::Loss::kHalfSquaredError;
  spec.init = bp::InitScheme::kUniform;
  spec.uniform_range = 0.0;
  CHECK(Mentions(bp::MakeMlp(spec, 1).error(), "uniform init range"));

  spec.uniform_range = 0.5;
  CHECK(bp::MakeMlp(spec, 1).ok());

  const bp::Result<bp::Activation> parsed = bp::ParseActivation("swish");
  REQUIRE_FALSE(parsed.ok());
  CHECK(Mentions(parsed.error(), "swish"));
}

TEST_CASE("CheckInput and SetLayerWeights reject data that does not fit") {
  const bp::Mlp mlp = HandNet();
  CHECK(bp::CheckInput(mlp, Eigen::MatrixXd::Zero(2, 4)).ok());
  CHECK(bp::CheckInput(mlp, Eigen::MatrixXd::Zero(3, 4)).error ==
        "the input has 3 rows but the network expects 2 (one row per feature, one column per sample)");
  CHECK(Mentions(bp::CheckInput(mlp, Eigen::MatrixXd::Zero(2, 0)).error, "no samples"));
  Eigen::MatrixXd X = Eigen::MatrixXd::Zero(2, 4);
  X(1, 2) = std::numeric_limits<double>::quiet_NaN();
  CHECK(bp::CheckInput(mlp, X).error == "input value at row 1, column 2 is NaN; every input must be a finite number");

  bp::Mlp copy = mlp;
  CHECK(Mentions(bp::SetLayerWeights(&copy, 1, Eigen::MatrixXd::Zero(2, 2), Eigen::VectorXd::Zero(1)).error,
                 "must be 1x2 but got 2x2"));
  CHECK(Mentions(bp::SetLayerWeights(&copy, 2, Eigen::MatrixXd::Zero(1, 2), Eigen::VectorXd::Zero(1)).error,
                 "out of range"));
}

TEST_CASE("Forward and Backward reuse the caller's buffers once shapes are stable") {
  bp::MlpSpec spec;
  spec.sizes = {2, 8, 8, 8, 8, 1};
  spec.activations = {bp::Activation::kTanh, bp::Activation::kTanh, bp::Activation::kTanh, bp::Activation::kTanh,
                      bp::Activation::kSigmoid};
  spec.loss = bp::Loss::kBinaryCrossEntropy;
  const bp::Mlp mlp = bp::MakeMlp(spec, 5).value();
  const Eigen::MatrixXd X = Eigen::MatrixXd::Constant(2, 10, 0.3);
  const Eigen::MatrixXd T = Eigen::MatrixXd::Ones(1, 10);
  bp::ForwardPass pass;
  bp::Gradients grads;
  bp::Forward(mlp, X, &pass);
  bp::Backward(mlp, pass, T, &grads);
  std::vector<const double*> before;
  for (size_t l = 0; l < mlp.layers.size(); ++l) {
    before.insert(before.end(),
                  {pass.layers[l].input.data(), pass.layers[l].z.data(), pass.layers[l].a.data(),
                   grads.layers[l].delta.data(), grads.layers[l].dW.data(), grads.layers[l].d_input.data()});
  }
  const double first_loss = grads.loss;
  bp::Forward(mlp, X, &pass);
  bp::Backward(mlp, pass, T, &grads);
  std::vector<const double*> after;
  for (size_t l = 0; l < mlp.layers.size(); ++l) {
    after.insert(after.end(),
                 {pass.layers[l].input.data(), pass.layers[l].z.data(), pass.layers[l].a.data(),
                  grads.layers[l].delta.data(), grads.layers[l].dW.data(), grads.layers[l].d_input.data()});
  }
  CHECK(before == after);
  CHECK(grads.loss == first_loss);
  CHECK(bp::AllFinite(mlp));
  bp::Mlp broken = mlp;
  broken.layers[2].b(3) = std::numeric_limits<double>::infinity();
  CHECK_FALSE(bp::AllFinite(broken));
}

TEST_CASE("Backward without the data gradient: the same parameter gradients, no dL/dX for the first layer") {
  bp::MlpSpec spec;
  spec.sizes = {3, 5, 4, 2};
  spec.activations = {bp::Activation::kRelu, bp::Activation::kTanh, bp::Activation::kIdentity};
  const bp::Mlp mlp = bp::MakeMlp(spec, 9).value();
  bp::Rng rng(4);
  Eigen::MatrixXd X(3, 7), T(2, 7);
  for (Eigen::Index i = 0; i < X.size(); ++i) X(i) = rng.Uniform(-1.0, 1.0);
  for (Eigen::Index i = 0; i < T.size(); ++i) T(i) = rng.Uniform(-1.0, 1.0);
  const bp::ForwardPass pass = bp::Forward(mlp, X);
  const bp::Gradients full = bp::Backward(mlp, pass, T);
  bp::Gradients training;
  bp::Backward(mlp, pass, T, &training, /*data_gradient=*/false);
  CHECK(training.loss == full.loss);
  for (size_t l = 0; l < mlp.layers.size(); ++l) {
    CHECK(training.layers[l].dW == full.layers[l].dW);
    CHECK(training.layers[l].db == full.layers[l].db);
    if (l > 0) CHECK(training.layers[l].d_input == full.layers[l].d_input);
  }
  CHECK(full.layers[0].d_input.rows() == 3);
  CHECK(training.layers[0].d_input.size() == 0);
}
