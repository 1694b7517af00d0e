// One layer with two inputs and two outputs as a map of the plane, and its Jacobian: the lesson
// "The Jacobian". Notation (the lecture's): x = (x₁, x₂) a point of the input plane,
//   z = W x + b,   a = h(z)  (h elementwise),   W: (2, 2), b: (2)
//   J(x) = ∂a/∂x = diag(h′(z)) W      J(i, j) = ∂a_i/∂x_j = h′(z_i) W(i, j)
// Near x the map is its linearisation: a(x + d) ≈ a(x) + J d, so a small square of area s² around x
// goes to (almost) the parallelogram J·square, of area |det J| s², and det J < 0 means the map
// flips orientation there (a letter F comes out mirrored). The backward pass uses the same matrix
// from the other side: for a loss L of a, the row vector ∂L/∂x = ∂L/∂a · J (a vector–Jacobian product).
#pragma once

#include <vector>

#include <Eigen/Dense>

#include "core/activation.h"

namespace bp {

struct PlaneMap {
  Eigen::Matrix2d W = Eigen::Matrix2d::Identity();
  Eigen::Vector2d b = Eigen::Vector2d::Zero();
  Activation h = Activation::kIdentity;  // elementwise and differentiable (not step or softmax)
  ActivationParams params;
};

// a = h(W x + b).
Eigen::Vector2d MapPoint(const PlaneMap& map, const Eigen::Vector2d& x);
// z = W x + b.
Eigen::Vector2d MapPreActivation(const PlaneMap& map, const Eigen::Vector2d& x);
// J(x) = diag(h′(z)) W.
Eigen::Matrix2d MapJacobian(const PlaneMap& map, const Eigen::Vector2d& x);

// The images of a small square: its corners x + (±s/2, ±s/2) counter-clockwise from the lower left,
// the true image of its boundary (each side cut into `per_side` pieces, so the curved edges show),
// and the parallelogram J predicts, a(x) + J (corner − x).
struct SquareImage {
  std::vector<Eigen::Vector2d> square;         // (4) the corners in the input plane
  std::vector<Eigen::Vector2d> image;          // (4 per_side) the mapped boundary, in order
  std::vector<Eigen::Vector2d> parallelogram;  // (4) the linearisation's corners
  double square_area = 0.0;                    // s²
  // The signed area of `image` (shoelace formula; > 0 when it keeps the counter-clockwise order)
  // divided by s²: tends to det J as s → 0.
  double area_ratio = 0.0;
};
SquareImage MapSquare(const PlaneMap& map, const Eigen::Vector2d& x, double side, int per_side = 16);

// The signed area of a closed polygon (shoelace): positive for counter-clockwise corners.
double SignedArea(const std::vector<Eigen::Vector2d>& polygon);

// The backward pass through the map for L = ½‖a − t‖²: ∂L/∂a = (a − t)ᵀ and ∂L/∂x = ∂L/∂a · J.
struct MapBackward {
  Eigen::Vector2d a;         // h(W x + b)
  double loss = 0.0;         // ½‖a − t‖²
  Eigen::RowVector2d dL_da;  // (a − t)ᵀ
  Eigen::Matrix2d J;         // diag(h′(z)) W
  Eigen::RowVector2d dL_dx;  // dL_da · J
};
MapBackward BackwardThroughMap(const PlaneMap& map, const Eigen::Vector2d& x, const Eigen::Vector2d& t);

}  // namespace bp
