// The plane map a = h(W x + b), its Jacobian, the image of a small square and the backward pass
// through the map (jacobian.h states the notation).
#include "core/jacobian.h"

#include <cassert>

namespace bp {

Eigen::Vector2d MapPreActivation(const PlaneMap& map, const Eigen::Vector2d& x) {
  const Eigen::Vector2d z = map.W * x + map.b;
  return z;
}

Eigen::Vector2d MapPoint(const PlaneMap& map, const Eigen::Vector2d& x) {
  assert(IsElementwiseDifferentiable(map.h) && "the plane map needs an elementwise, differentiable h");
  const Eigen::Vector2d z = MapPreActivation(map, x);
  return Eigen::Vector2d(Activate(map.h, z(0), map.params), Activate(map.h, z(1), map.params));
}

// Row i of W scaled by h′(z_i): the derivative of a_i = h(z_i) with respect to x, by the chain rule.
Eigen::Matrix2d MapJacobian(const PlaneMap& map, const Eigen::Vector2d& x) {
  const Eigen::Vector2d z = MapPreActivation(map, x);
  Eigen::Matrix2d J;
  for (int i = 0; i < 2; ++i) {
    const double a = Activate(map.h, z(i), map.params);
    const double slope = ActivationDerivative(map.h, z(i), a, map.params);
    J.row(i) = slope * map.W.row(i);
  }
  return J;
}

double SignedArea(const std::vector<Eigen::Vector2d>& polygon) {
  double twice = 0.0;
  const size_t n = polygon.size();
  for (size_t k = 0; k < n; ++k) {
    const Eigen::Vector2d& p = polygon[k];
    const Eigen::Vector2d& q = polygon[(k + 1) % n];
    twice += p.x() * q.y() - q.x() * p.y();
  }
  return 0.5 * twice;
}

SquareImage MapSquare(const PlaneMap& map, const Eigen::Vector2d& x, double side, int per_side) {
  assert(side > 0.0 && per_side >= 1);
  SquareImage out;
  const double h = 0.5 * side;
  out.square = {x + Eigen::Vector2d(-h, -h), x + Eigen::Vector2d(h, -h), x + Eigen::Vector2d(h, h),
                x + Eigen::Vector2d(-h, h)};
  const Eigen::Vector2d a = MapPoint(map, x);
  const Eigen::Matrix2d J = MapJacobian(map, x);
  for (int k = 0; k < 4; ++k) {
    const Eigen::Vector2d& from = out.square[k];
    const Eigen::Vector2d& to = out.square[(k + 1) % 4];
    for (int j = 0; j < per_side; ++j) {
      const double t = static_cast<double>(j) / per_side;
      const Eigen::Vector2d p = from + t * (to - from);
      out.image.push_back(MapPoint(map, p));
    }
    const Eigen::Vector2d corner = a + J * (from - x);
    out.parallelogram.push_back(corner);
  }
  out.square_area = side * side;
  out.area_ratio = SignedArea(out.image) / out.square_area;
  return out;
}

MapBackward BackwardThroughMap(const PlaneMap& map, const Eigen::Vector2d& x, const Eigen::Vector2d& t) {
  MapBackward out;
  out.a = MapPoint(map, x);
  out.loss = 0.5 * (out.a - t).squaredNorm();
  out.dL_da = (out.a - t).transpose();
  out.J = MapJacobian(map, x);
  out.dL_dx = out.dL_da * out.J;
  return out;
}

}  // namespace bp
