// Tests for CollapseLinear (collapse.h): a stack of identity layers equals the single collapsed
// layer on random inputs, the product worked by hand, and refusal of non-linear networks.
#include <doctest/doctest.h>

#include "core/collapse.h"
#include "core/mlp.h"
#include "core/rng.h"

namespace {

bp::Mlp LinearNet(std::vector<int> sizes, uint64_t seed) {
  bp::MlpSpec spec;
  spec.sizes = sizes;
  spec.activations.assign(sizes.size() - 1, bp::Activation::kIdentity);
  spec.init = bp::InitScheme::kUniform;
  spec.uniform_range = 1.0;
  spec.initial_bias = 0.25;
  bp::Result<bp::Mlp> mlp = bp::MakeMlp(spec, seed);
  REQUIRE(mlp.ok());
  return mlp.value();
}

}  // namespace

TEST_CASE("CollapseLinear: two identity layers by hand") {
  bp::Mlp mlp = LinearNet({2, 2, 1}, 1);
  Eigen::MatrixXd W1(2, 2), W2(1, 2);
  W1 << 1, 2, 3, 4;
  Eigen::VectorXd b1(2), b2(1);
  b1 << 1, -1;
  W2 << 1, -1;
  b2 << 0.5;
  REQUIRE(bp::SetLayerWeights(&mlp, 0, W1, b1).ok());
  REQUIRE(bp::SetLayerWeights(&mlp, 1, W2, b2).ok());
  bp::Result<bp::LinearMap> map = bp::CollapseLinear(mlp);
  REQUIRE(map.ok());
  // W2 W1 = [1 - 3, 2 - 4] = [-2, -2];  W2 b1 + b2 = (1 - (-1)) + 0.5 = 2.5.
  CHECK(map->W(0, 0) == -2.0);
  CHECK(map->W(0, 1) == -2.0);
  CHECK(map->b(0) == 2.5);
}

TEST_CASE("CollapseLinear agrees with Predict on random inputs") {
  for (uint64_t seed = 1; seed <= 5; ++seed) {
    bp::Mlp mlp = LinearNet({3, 4, 5, 2}, seed);
    bp::Result<bp::LinearMap> map = bp::CollapseLinear(mlp);
    REQUIRE(map.ok());
    CHECK(map->W.rows() == 2);
    CHECK(map->W.cols() == 3);
    bp::Rng rng(seed + 100);
    Eigen::MatrixXd X(3, 20);
    for (int i = 0; i < X.size(); ++i) X.data()[i] = rng.Uniform(-2.0, 2.0);
    Eigen::MatrixXd expected = bp::Predict(mlp, X);
    Eigen::MatrixXd collapsed = (map->W * X).colwise() + map->b;
    CHECK((expected - collapsed).cwiseAbs().maxCoeff() < 1e-12);
  }
}

TEST_CASE("CollapseLinear refuses a non-linear network") {
  bp::MlpSpec spec;
  spec.sizes = {2, 3, 1};
  spec.activations = {bp::Activation::kTanh, bp::Activation::kIdentity};
  bp::Result<bp::Mlp> mlp = bp::MakeMlp(spec, 3);
  REQUIRE(mlp.ok());
  CHECK_FALSE(bp::CollapseLinear(mlp.value()).ok());
  // The maps can still be multiplied out (what the net would do without its tanh).
  CHECK(bp::CollapseLinearMaps(mlp.value()).W.cols() == 2);
}
