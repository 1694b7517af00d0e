// Tests for the optimizers (optim.h): SGD, momentum and Adam steps worked by hand, the L1 / L2
// penalties (weights only), the bias flag, the PReLU slope, and validation messages.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/mlp.h"
#include "core/optim.h"

namespace {

bool Mentions(const std::string& message, const std::string& word) { return message.find(word) != std::string::npos; }

// A 2-1 net with W = (1, -2), b = 0.5 and hand-set gradients dW = (gw0, gw1), db = gb.
struct Fixture {
  bp::Mlp mlp;
  bp::Gradients grads;
  bp::OptimizerState state;

  Fixture(double gw0, double gw1, double gb, bp::Activation activation = bp::Activation::kIdentity) {
    bp::MlpSpec spec;
    spec.sizes = {2, 1};
    spec.activations = {activation};
    mlp = bp::MakeMlp(spec, 1).value();
    Eigen::MatrixXd W(1, 2);
    W << 1.0, -2.0;
    REQUIRE(bp::SetLayerWeights(&mlp, 0, W, Eigen::VectorXd::Constant(1, 0.5)).ok());
    grads.layers.resize(1);
    grads.layers[0].dW.resize(1, 2);
    grads.layers[0].dW << gw0, gw1;
    grads.layers[0].db = Eigen::VectorXd::Constant(1, gb);
  }
  double w0() const { return mlp.layers[0].W(0, 0); }
  double w1() const { return mlp.layers[0].W(0, 1); }
  double b() const { return mlp.layers[0].b(0); }
};

}  // namespace

TEST_CASE("SGD: one step by hand") {
  Fixture f(0.2, -0.4, 1.0);
  bp::OptimizerConfig config;
  config.learning_rate = 0.1;
  bp::Update(&f.mlp, f.grads, config, &f.state);
  // w <- w - eta g: 1 - 0.1 * 0.2 = 0.98; -2 - 0.1 * (-0.4) = -1.96; b: 0.5 - 0.1 * 1 = 0.4
  CHECK(f.w0() == doctest::Approx(0.98));
  CHECK(f.w1() == doctest::Approx(-1.96));
  CHECK(f.b() == doctest::Approx(0.4));
  CHECK(f.state.t == 1);
}

TEST_CASE("SGD with update_biases = false leaves the bias alone") {
  Fixture f(0.2, -0.4, 1.0);
  bp::OptimizerConfig config;
  config.learning_rate = 0.1;
  config.update_biases = false;
  bp::Update(&f.mlp, f.grads, config, &f.state);
  CHECK(f.b() == 0.5);
  CHECK(f.w0() == doctest::Approx(0.98));
}

TEST_CASE("Momentum: two steps by hand") {
  Fixture f(1.0, 0.0, 0.0);
  bp::OptimizerConfig config;
  config.kind = bp::OptimizerKind::kMomentum;
  config.learning_rate = 0.1;
  config.momentum = 0.9;
  // Step 1: v = 0.9 * 0 - 0.1 * 1 = -0.1; w = 1 - 0.1 = 0.9
  bp::Update(&f.mlp, f.grads, config, &f.state);
  CHECK(f.w0() == doctest::Approx(0.9));
  CHECK(f.state.velocity[0].W(0, 0) == doctest::Approx(-0.1));
  // Step 2 with g = 0.5: v = 0.9 * (-0.1) - 0.1 * 0.5 = -0.14; w = 0.9 - 0.14 = 0.76
  f.grads.layers[0].dW(0, 0) = 0.5;
  bp::Update(&f.mlp, f.grads, config, &f.state);
  CHECK(f.w0() == doctest::Approx(0.76));
  CHECK(f.state.velocity[0].W(0, 0) == doctest::Approx(-0.14));
  CHECK(f.w1() == -2.0);  // zero gradient, zero velocity: no motion
}

TEST_CASE("Adam: the first step is about lr * sign(g), whatever |g|") {
  // m = (1 - beta1) g, m_hat = g; s = (1 - beta2) g^2, s_hat = g^2; step = -lr g / (|g| + eps).
  Fixture f(0.2, -30.0, 1e-3);
  bp::OptimizerConfig config;
  config.kind = bp::OptimizerKind::kAdam;
  config.learning_rate = 0.01;
  bp::Update(&f.mlp, f.grads, config, &f.state);
  CHECK(f.w0() == doctest::Approx(1.0 - 0.01 * 0.2 / (0.2 + 1e-8)).epsilon(1e-12));
  CHECK(f.w1() == doctest::Approx(-2.0 + 0.01).epsilon(1e-9));
  CHECK(f.b() == doctest::Approx(0.5 - 0.01).epsilon(1e-6));
  // The raw moments: m = 0.1 * 0.2 = 0.02; s = 0.001 * 0.04 = 4e-5.
  CHECK(f.state.m[0].W(0, 0) == doctest::Approx(0.02));
  CHECK(f.state.s[0].W(0, 0) == doctest::Approx(4e-5));
  // Step 2, same g: m = 0.9 * 0.02 + 0.1 * 0.2 = 0.038, m_hat = 0.038 / 0.19 = 0.2;
  // s = 0.999 * 4e-5 + 0.001 * 0.04 = 7.996e-5, s_hat = 7.996e-5 / (1 - 0.999^2) = 0.04: another step of lr.
  bp::Update(&f.mlp, f.grads, config, &f.state);
  CHECK(f.w0() == doctest::Approx(1.0 - 0.02).epsilon(1e-7));
  CHECK(f.state.t == 2);
}

TEST_CASE("L2 adds l2 * w to weight gradients only; L1 adds l1 * sign(w)") {
  bp::OptimizerConfig config;
  config.learning_rate = 1.0;
  config.l2 = 0.1;
  Fixture l2(0.0, 0.0, 0.0);
  bp::Update(&l2.mlp, l2.grads, config, &l2.state);
  // w <- w - 1 * (0 + 0.1 w): 1 -> 0.9, -2 -> -1.8; the bias (g = 0) stays 0.5
  CHECK(l2.w0() == doctest::Approx(0.9));
  CHECK(l2.w1() == doctest::Approx(-1.8));
  CHECK(l2.b() == 0.5);

  config.l2 = 0.0;
  config.l1 = 0.1;
  Fixture l1(0.0, 0.0, 0.0);
  bp::Update(&l1.mlp, l1.grads, config, &l1.state);
  // w <- w - 1 * 0.1 sign(w): 1 -> 0.9, -2 -> -1.9
  CHECK(l1.w0() == doctest::Approx(0.9));
  CHECK(l1.w1() == doctest::Approx(-1.9));
  CHECK(l1.b() == 0.5);

  // Penalty: 0.1 * (|1| + |-2|) = 0.3 for L1; 0.5 * 0.2 * (1 + 4) = 0.5 for L2 = 0.2.
  Fixture fresh(0.0, 0.0, 0.0);
  CHECK(bp::WeightPenalty(fresh.mlp, config) == doctest::Approx(0.3));
  config.l1 = 0.0;
  config.l2 = 0.2;
  CHECK(bp::WeightPenalty(fresh.mlp, config) == doctest::Approx(0.5));
  CHECK(bp::WeightPenaltyGradient(0.0, bp::OptimizerConfig{}) == 0.0);
}

TEST_CASE("The PReLU slope is a parameter too, and is not penalised") {
  Fixture f(0.0, 0.0, 0.0, bp::Activation::kPrelu);
  f.mlp.layers[0].params.slope = 0.25;
  f.grads.layers[0].d_slope = 0.3;
  bp::OptimizerConfig config;
  config.learning_rate = 0.1;
  config.l2 = 10.0;
  bp::Update(&f.mlp, f.grads, config, &f.state);
  // slope <- 0.25 - 0.1 * 0.3 = 0.22 (no l2 * slope term)
  CHECK(f.mlp.layers[0].params.slope == doctest::Approx(0.22));
  CHECK(f.mlp.ParameterCount() == 4);
}

TEST_CASE("A state built for another shape is reset before use") {
  Fixture f(1.0, 0.0, 0.0);
  bp::OptimizerConfig config;
  config.kind = bp::OptimizerKind::kMomentum;
  config.learning_rate = 0.1;
  bp::OptimizerState stale;
  stale.velocity.resize(3);  // some other network's layers
  stale.t = 41;
  CHECK_FALSE(bp::StateMatches(stale, f.mlp));
  bp::Update(&f.mlp, f.grads, config, &stale);
  CHECK(bp::StateMatches(stale, f.mlp));
  // A fresh velocity: exactly the first momentum step, w = 1 - 0.1 * 1
  CHECK(f.w0() == doctest::Approx(0.9));
  CHECK(stale.t == 1);
}

TEST_CASE("ValidateOptimizer names the bad field") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  bp::OptimizerConfig config;
  CHECK(bp::ValidateOptimizer(config).ok());
  for (double lr : {0.0, -0.1, nan, inf}) {
    config.learning_rate = lr;
    CAPTURE(lr);
    CHECK(Mentions(bp::ValidateOptimizer(config).error, "learning rate must be a finite number > 0"));
  }
  config.learning_rate = 0.0;
  CHECK(bp::ValidateOptimizer(config).error == "learning rate must be a finite number > 0 but got 0");
  config.learning_rate = 0.1;

  config.kind = bp::OptimizerKind::kMomentum;
  config.momentum = 1.0;
  CHECK(Mentions(bp::ValidateOptimizer(config).error, "momentum must be in [0, 1)"));
  config.momentum = 0.9;

  config.kind = bp::OptimizerKind::kAdam;
  config.beta2 = 1.0;
  CHECK(Mentions(bp::ValidateOptimizer(config).error, "beta2"));
  config.beta2 = 0.999;
  config.epsilon = 0.0;
  CHECK(Mentions(bp::ValidateOptimizer(config).error, "epsilon"));
  config.epsilon = 1e-8;

  config.l2 = -1.0;
  CHECK(Mentions(bp::ValidateOptimizer(config).error, "L2 strength"));
  config.l2 = 0.0;
  config.l1 = nan;
  CHECK(Mentions(bp::ValidateOptimizer(config).error, "L1 strength"));

  CHECK(bp::ParseOptimizer("adam").value() == bp::OptimizerKind::kAdam);
  CHECK(Mentions(bp::ParseOptimizer("rmsprop").error(), "rmsprop"));
}
