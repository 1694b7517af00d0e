// Tests for the plane map and its Jacobian (jacobian.h): J against central differences of the map,
// det J against the area ratio of a small square's image, hand-worked cases, and ∂L/∂x = ∂L/∂a · J
// against central differences of the loss.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/jacobian.h"
#include "core/test_support.h"

namespace {

bp::PlaneMap Map(double w11, double w12, double w21, double w22, double b1, double b2, bp::Activation h) {
  bp::PlaneMap map;
  map.W << w11, w12, w21, w22;
  map.b << b1, b2;
  map.h = h;
  return map;
}

// Every differentiable activation the lesson offers, on a map that mixes the inputs.
std::vector<bp::PlaneMap> SomeMaps() {
  std::vector<bp::PlaneMap> maps;
  for (bp::Activation h : {bp::Activation::kIdentity, bp::Activation::kTanh, bp::Activation::kSigmoid,
                           bp::Activation::kRelu, bp::Activation::kLeakyRelu, bp::Activation::kElu}) {
    maps.push_back(Map(1.3, -0.7, 0.4, 0.9, 0.2, -0.3, h));
    maps.push_back(Map(-2.0, 1.5, 1.1, 0.6, -0.5, 0.4, h));
  }
  return maps;
}

// Points away from ReLU's kink (z = 0), where the derivative is not defined.
std::vector<Eigen::Vector2d> SomePoints() {
  return {Eigen::Vector2d(0.31, -0.77), Eigen::Vector2d(-1.2, 0.45), Eigen::Vector2d(1.7, 1.1),
          Eigen::Vector2d(-0.6, -1.4)};
}

}  // namespace

TEST_CASE("the Jacobian of the plane map equals central differences of the map") {
  const double h = 1e-6;
  for (const bp::PlaneMap& map : SomeMaps()) {
    for (const Eigen::Vector2d& x : SomePoints()) {
      const Eigen::Matrix2d J = bp::MapJacobian(map, x);
      for (int j = 0; j < 2; ++j) {
        Eigen::Vector2d step = Eigen::Vector2d::Zero();
        step(j) = h;
        const Eigen::Vector2d column = (bp::MapPoint(map, x + step) - bp::MapPoint(map, x - step)) / (2 * h);
        for (int i = 0; i < 2; ++i) {
          const std::string activation = bp::ActivationName(map.h);
          CAPTURE(activation);
          CAPTURE(i);
          CAPTURE(j);
          CHECK(bp::test::RelativeError(J(i, j), column(i), 1e-6) < 1e-6);
        }
      }
    }
  }
}

TEST_CASE("det J is the area ratio of a small square's image, with its sign") {
  for (const bp::PlaneMap& map : SomeMaps()) {
    for (const Eigen::Vector2d& x : SomePoints()) {
      const double det = bp::MapJacobian(map, x).determinant();
      const bp::SquareImage small = bp::MapSquare(map, x, 1e-4);
      const std::string activation = bp::ActivationName(map.h);
      CAPTURE(activation);
      CHECK(bp::test::RelativeError(small.area_ratio, det, 1e-6) < 1e-3);
      // The parallelogram J predicts has exactly det J times the square's area.
      CHECK(bp::SignedArea(small.parallelogram) / small.square_area == doctest::Approx(det).epsilon(1e-6));
    }
  }
}

TEST_CASE("hand-worked Jacobians") {
  // Identity, W = [1 2; 3 4]: J = W everywhere and det J = 1·4 − 2·3 = −2: areas double and the
  // orientation flips (the image of a counter-clockwise square runs clockwise).
  const bp::PlaneMap linear = Map(1, 2, 3, 4, 0.5, -1, bp::Activation::kIdentity);
  const Eigen::Matrix2d J = bp::MapJacobian(linear, Eigen::Vector2d(0.3, 0.9));
  CHECK(J(0, 0) == 1.0);
  CHECK(J(0, 1) == 2.0);
  CHECK(J(1, 0) == 3.0);
  CHECK(J(1, 1) == 4.0);
  const bp::SquareImage image = bp::MapSquare(linear, Eigen::Vector2d(0.3, 0.9), 0.5);
  CHECK(image.area_ratio == doctest::Approx(-2.0).epsilon(1e-12));

  // tanh, W = I, b = 0, x = (1, 0): z = (1, 0), tanh′(1) = 1 − tanh²(1) = 1 − 0.761594156² =
  // 0.419974342, tanh′(0) = 1, so J = diag(0.419974342, 1) and det J = 0.419974342: the map squeezes
  // the x₁ direction where the first unit starts to saturate.
  const bp::PlaneMap squeeze = Map(1, 0, 0, 1, 0, 0, bp::Activation::kTanh);
  const Eigen::Matrix2d K = bp::MapJacobian(squeeze, Eigen::Vector2d(1, 0));
  CHECK(K(0, 0) == doctest::Approx(0.419974342).epsilon(1e-8));
  CHECK(K(0, 1) == 0.0);
  CHECK(K(1, 0) == 0.0);
  CHECK(K(1, 1) == 1.0);
  // Far out, both units saturate: z = (6, 6), tanh′(6) = 1 − tanh²(6) ≈ 2.46e-5, det ≈ 6.1e-10.
  CHECK(std::fabs(bp::MapJacobian(squeeze, Eigen::Vector2d(6, 6)).determinant()) < 1e-9);

  // ReLU, W = I, b = 0 at x = (−1, 2): the first unit is off (ReLU′(−1) = 0), so J = diag(0, 1) and
  // det J = 0: the whole left half-plane is folded onto the line a₁ = 0.
  const bp::PlaneMap fold = Map(1, 0, 0, 1, 0, 0, bp::Activation::kRelu);
  CHECK(bp::MapJacobian(fold, Eigen::Vector2d(-1, 2)).determinant() == 0.0);
}

TEST_CASE("the backward pass through the map is the row vector dL/da times J") {
  // By hand: identity, W = [1 2; 3 4], b = 0, x = (1, −1), t = (0, 0): a = (−1, −1),
  // L = ½(1 + 1) = 1, ∂L/∂a = a − t = (−1, −1), ∂L/∂x = (−1, −1)·[1 2; 3 4] = (−1 − 3, −2 − 4) = (−4, −6).
  const bp::MapBackward hand = bp::BackwardThroughMap(Map(1, 2, 3, 4, 0, 0, bp::Activation::kIdentity),
                                                      Eigen::Vector2d(1, -1), Eigen::Vector2d(0, 0));
  CHECK(hand.loss == 1.0);
  CHECK(hand.dL_dx(0) == -4.0);
  CHECK(hand.dL_dx(1) == -6.0);

  const Eigen::Vector2d t(0.25, -0.5);
  for (const bp::PlaneMap& map : SomeMaps()) {
    for (const Eigen::Vector2d& x : SomePoints()) {
      const bp::MapBackward back = bp::BackwardThroughMap(map, x, t);
      for (int j = 0; j < 2; ++j) {
        auto loss_at = [&](double v) {
          Eigen::Vector2d moved = x;
          moved(j) = v;
          return bp::BackwardThroughMap(map, moved, t).loss;
        };
        const std::string activation = bp::ActivationName(map.h);
        CAPTURE(activation);
        CHECK(bp::test::RelativeError(back.dL_dx(j), bp::test::CentralDifference(loss_at, x(j)), 1e-6) < 1e-6);
      }
    }
  }
}
