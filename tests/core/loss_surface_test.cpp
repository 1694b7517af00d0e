// Tests for the loss surface (loss_surface.h): the first steps of GD, SGD, momentum and Adam and the
// L1 / L2 penalties against updates worked here by hand from optim.h's formulas, with gradients from
// the chain rule (not Backward); the gradient against finite differences; the bowl's closed-form
// minimum and its divergence rate 2 / λ_max; determinism; refused configs; the grid and the init.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "core/loss_surface.h"
#include "core/rng.h"
#include "core/test_support.h"

namespace {

using bp::SurfaceProblem;
using Eigen::Vector2d;

bool Mentions(const std::string& message, const std::string& word) { return message.find(word) != std::string::npos; }

// The points, typed again from the header's table (independent of loss_surface.cpp's copy).
constexpr int kN = 8;
constexpr double kX1[kN] = {1.36, -1.84, 1.40, -1.16, 0.84, -1.08, -0.24, 0.24};
constexpr double kX2[kN] = {1.52, -0.88, 0.80, -1.12, 0.88, -0.56, 0.32, -0.32};
constexpr double kBowlT[kN] = {1.3, -2.7, 2.1, -1.1, 0.7, -1.7, -0.9, 0.7};

double Sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }
double Target(SurfaceProblem problem, int n) {
  return problem == SurfaceProblem::kBowl ? kBowlT[n] : Sigmoid(2.0 * kX1[n] - kX2[n]);
}

// The chain rule over the samples in `batch`: z = w·x, a = h(z), dL/dw = (1/B) Σ (a − t) h'(z) x with
// h' = 1 (identity) or a (1 − a) (sigmoid).
Vector2d HandGradient(SurfaceProblem problem, const Vector2d& w, const std::vector<int>& batch) {
  Vector2d g(0.0, 0.0);
  for (int n : batch) {
    const double z = w.x() * kX1[n] + w.y() * kX2[n];
    const bool sigmoid = problem == SurfaceProblem::kPlateau;
    const double a = sigmoid ? Sigmoid(z) : z;
    const double dh = sigmoid ? a * (1.0 - a) : 1.0;
    g += (a - Target(problem, n)) * dh * Vector2d(kX1[n], kX2[n]);
  }
  return g / static_cast<double>(batch.size());
}
// L(w) = (1/N) Σ ½ (a − t)².
double HandLoss(SurfaceProblem problem, const Vector2d& w) {
  double sum = 0.0;
  for (int n = 0; n < kN; ++n) {
    const double z = w.x() * kX1[n] + w.y() * kX2[n];
    const double a = problem == SurfaceProblem::kPlateau ? Sigmoid(z) : z;
    sum += 0.5 * (a - Target(problem, n)) * (a - Target(problem, n));
  }
  return sum / kN;
}
const std::vector<int> kAllPoints = {0, 1, 2, 3, 4, 5, 6, 7};

bp::SurfacePath Run(const bp::SurfaceRunConfig& config) {
  bp::Result<bp::SurfacePath> path = bp::RunSurfacePath(config);
  REQUIRE_MESSAGE(path.ok(), path.error());
  return path.value();
}

void CheckPoint(const bp::SurfacePath& path, int step, const Vector2d& expected) {
  REQUIRE(static_cast<int>(path.points.size()) > step);
  CAPTURE(step);
  CHECK(path.points[step].w.x() == doctest::Approx(expected.x()).epsilon(1e-12));
  CHECK(path.points[step].w.y() == doctest::Approx(expected.y()).epsilon(1e-12));
}

// The bowl's Hessian H = (1/N) Σ x xᵀ = [[a, b], [b, c]].
Eigen::Matrix2d BowlHessian() {
  Eigen::Matrix2d H = Eigen::Matrix2d::Zero();
  for (int n = 0; n < kN; ++n) H += Vector2d(kX1[n], kX2[n]) * Vector2d(kX1[n], kX2[n]).transpose() / kN;
  return H;
}

// ∂J/∂w_i by a central difference.
double NumericPartial(SurfaceProblem problem, const Vector2d& w, int i, const bp::OptimizerConfig& config) {
  auto along = [&](double x) {
    return bp::SurfaceObjective(problem, i == 0 ? Vector2d(x, w.y()) : Vector2d(w.x(), x), config);
  };
  return bp::test::CentralDifference(along, w[i]);
}

}  // namespace

TEST_CASE("The points are the header's, and the model is one neuron with two weights and no bias") {
  for (SurfaceProblem problem : {SurfaceProblem::kBowl, SurfaceProblem::kPlateau}) {
    const bp::SurfacePoints data = bp::SurfaceData(problem);
    REQUIRE(data.X.rows() == 2);
    REQUIRE(data.X.cols() == kN);
    for (int n = 0; n < kN; ++n) {
      CHECK(data.X(0, n) == kX1[n]);
      CHECK(data.X(1, n) == kX2[n]);
      CHECK(data.T(0, n) == doctest::Approx(Target(problem, n)).epsilon(1e-15));
    }
  }
  const bp::Mlp mlp = bp::SurfaceModel(SurfaceProblem::kPlateau, Vector2d(0.5, -3.0)).value();
  REQUIRE(mlp.layers.size() == 1);
  CHECK((mlp.layers[0].W(0, 0) == 0.5 && mlp.layers[0].W(0, 1) == -3.0 && mlp.layers[0].b(0) == 0.0));
  CHECK((mlp.layers[0].activation == bp::Activation::kSigmoid && mlp.loss == bp::Loss::kHalfSquaredError));
  CHECK(bp::SurfaceModel(SurfaceProblem::kBowl, Vector2d(0, 0)).value().layers[0].activation ==
        bp::Activation::kIdentity);
  CHECK(Mentions(bp::SurfaceModel(SurfaceProblem::kBowl, Vector2d(NAN, 1)).error(), "must be finite numbers"));
  CHECK(bp::ParseSurfaceProblem("plateau").value() == SurfaceProblem::kPlateau);
  CHECK(Mentions(bp::ParseSurfaceProblem("saddle").error(), "expected one of: bowl, plateau"));
}

TEST_CASE("Gradient descent: three full-batch steps by hand on the bowl") {
  bp::SurfaceRunConfig config;
  config.optimizer.learning_rate = 0.3;
  config.start = Vector2d(-1.0, 1.0);
  config.steps = 3;
  const bp::SurfacePath path = Run(config);
  REQUIRE(path.points.size() == 4);
  // Step 1 in numbers: ∇L = H w − (1/N) Σ t x = (−1.316 + 0.912, −0.912 + 0.784) − (1.72, 1.04)
  // = (−2.124, −1.168), so w = (−1, 1) − 0.3 ∇L = (−0.3628, 1.3504).
  CheckPoint(path, 1, Vector2d(-0.3628, 1.3504));
  Vector2d w = config.start;
  for (int step = 1; step <= 3; ++step) {
    w -= 0.3 * HandGradient(SurfaceProblem::kBowl, w, kAllPoints);  // w <- w − η g
    CheckPoint(path, step, w);
    // The recorded loss is the full-batch L at that point, from the same code as SurfaceLoss.
    CHECK(path.points[step].loss == bp::SurfaceLoss(SurfaceProblem::kBowl, path.points[step].w));
    CHECK(path.points[step].loss == doctest::Approx(HandLoss(SurfaceProblem::kBowl, w)).epsilon(1e-12));
  }
  CHECK_FALSE(path.diverged);
}

TEST_CASE("SGD with batch size 2: three steps by hand, in the order the shuffle draws") {
  bp::SurfaceRunConfig config;
  config.problem = SurfaceProblem::kPlateau;
  config.optimizer.learning_rate = 5.0;
  config.batch_size = 2;
  config.seed = 7;
  config.start = Vector2d(0.5, -0.5);
  config.steps = 3;
  const bp::SurfacePath path = Run(config);
  // Fisher-Yates with the core's Rng on the documented stream: swap i with Below(i + 1), i = N−1..1.
  std::vector<int> order = kAllPoints;
  bp::Rng rng(7, bp::kSurfaceShuffleStream);
  for (int i = kN - 1; i > 0; --i) std::swap(order[i], order[rng.Below(static_cast<uint32_t>(i + 1))]);
  Vector2d w = config.start;
  for (int step = 1; step <= 3; ++step) {
    const std::vector<int> batch = {order[2 * (step - 1)], order[2 * (step - 1) + 1]};
    w -= 5.0 * HandGradient(SurfaceProblem::kPlateau, w, batch);  // the sigmoid's chain rule, two points
    CheckPoint(path, step, w);
  }
  // Not the full-batch step: the minibatch's gradient is another one.
  const Vector2d full = config.start - 5.0 * HandGradient(SurfaceProblem::kPlateau, config.start, kAllPoints);
  CHECK((path.points[1].w - full).norm() > 1e-3);
}

TEST_CASE("Momentum: three steps by hand") {
  bp::SurfaceRunConfig config;
  config.optimizer.kind = bp::OptimizerKind::kMomentum;
  config.optimizer.learning_rate = 0.1;
  config.optimizer.momentum = 0.9;
  config.start = Vector2d(-1.0, 1.0);
  config.steps = 3;
  const bp::SurfacePath path = Run(config);
  // v <- μ v − η g; w <- w + v, v starting at 0. Step 1: v = −0.1 (−2.124, −1.168), w = (−0.7876, 1.1168).
  CheckPoint(path, 1, Vector2d(-0.7876, 1.1168));
  Vector2d w = config.start, v(0.0, 0.0);
  for (int step = 1; step <= 3; ++step) {
    v = 0.9 * v - 0.1 * HandGradient(SurfaceProblem::kBowl, w, kAllPoints);
    w += v;
    CheckPoint(path, step, w);
  }
}

TEST_CASE("Adam: three steps by hand, with the bias correction") {
  bp::SurfaceRunConfig config;
  config.problem = SurfaceProblem::kPlateau;
  config.optimizer.kind = bp::OptimizerKind::kAdam;
  config.optimizer.learning_rate = 0.1;
  config.start = Vector2d(-6.0, -4.0);
  config.steps = 3;
  const bp::SurfacePath path = Run(config);
  const double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  Vector2d w = config.start, m(0.0, 0.0), s(0.0, 0.0);
  for (int t = 1; t <= 3; ++t) {
    const Vector2d g = HandGradient(SurfaceProblem::kPlateau, w, kAllPoints);
    for (int i = 0; i < 2; ++i) {
      m[i] = beta1 * m[i] + (1.0 - beta1) * g[i];
      s[i] = beta2 * s[i] + (1.0 - beta2) * g[i] * g[i];
      const double m_hat = m[i] / (1.0 - std::pow(beta1, t));
      const double s_hat = s[i] / (1.0 - std::pow(beta2, t));
      w[i] -= 0.1 * m_hat / (std::sqrt(s_hat) + epsilon);
    }
    CheckPoint(path, t, w);
  }
  // The first step is η sign(g) per weight however small g is on the plateau: (−6, −4) + 0.1 (1, −1).
  CHECK(path.points[1].w.x() == doctest::Approx(-5.9).epsilon(1e-6));
  CHECK(path.points[1].w.y() == doctest::Approx(-4.1).epsilon(1e-6));
}

TEST_CASE("L1 and L2 penalties: steps and objective by hand") {
  bp::SurfaceRunConfig config;
  config.optimizer.learning_rate = 0.3;
  config.optimizer.l1 = 0.2;
  config.optimizer.l2 = 0.5;
  config.start = Vector2d(-1.0, 1.0);
  config.steps = 3;
  const bp::SurfacePath path = Run(config);
  Vector2d w = config.start;
  for (int step = 1; step <= 3; ++step) {
    // g + r with r = l1 sign(w) + l2 w for each weight.
    const Vector2d g = HandGradient(SurfaceProblem::kBowl, w, kAllPoints);
    const Vector2d sign(w.x() > 0 ? 1.0 : -1.0, w.y() > 0 ? 1.0 : -1.0);
    w -= 0.3 * (g + 0.2 * sign + 0.5 * w);
    CheckPoint(path, step, w);
    // J = L + l1 (|w₁| + |w₂|) + (l2 / 2)(w₁² + w₂²)
    const double penalty = 0.2 * (std::fabs(w.x()) + std::fabs(w.y())) + 0.25 * w.squaredNorm();
    CHECK(path.points[step].objective == doctest::Approx(HandLoss(SurfaceProblem::kBowl, w) + penalty).epsilon(1e-12));
    CHECK(path.points[step].objective ==
          bp::SurfaceObjective(SurfaceProblem::kBowl, path.points[step].w, config.optimizer));
  }
  // Step 1 in numbers: g + r = (−2.124 − 0.2 − 0.5, −1.168 + 0.2 + 0.5) = (−2.824, −0.468).
  CheckPoint(path, 1, Vector2d(-1.0 + 0.3 * 2.824, 1.0 + 0.3 * 0.468));
}

TEST_CASE("SurfaceGradient agrees with central differences of SurfaceObjective") {
  bp::OptimizerConfig none, l2, both;
  l2.l2 = 0.3;
  both.l1 = 0.1;
  both.l2 = 0.05;
  // Points off the axes (L1's kink) and on every part of the surfaces: valley, plateau, shelf.
  const std::vector<Vector2d> points = {{-1.0, 1.0}, {2.3, -0.8}, {0.5, -2.0}, {-6.0, -4.0}, {3.0, 3.0}, {-4.3, -5.8}};
  for (SurfaceProblem problem : {SurfaceProblem::kBowl, SurfaceProblem::kPlateau}) {
    for (const bp::OptimizerConfig& config : {none, l2, both}) {
      for (const Vector2d& w : points) {
        const Vector2d gradient = bp::SurfaceGradient(problem, w, config);
        CAPTURE(w.transpose());
        for (int i = 0; i < 2; ++i) {
          CHECK(bp::test::RelativeError(gradient[i], NumericPartial(problem, w, i, config)) < 1e-6);
        }
        if (config.l1 == 0.0 && config.l2 == 0.0) {
          CHECK((gradient - HandGradient(problem, w, kAllPoints)).norm() < 1e-14);
        }
      }
    }
  }
}

TEST_CASE("The bowl's minimum is the least-squares solution, and small-rate GD converges to it") {
  // Normal equations H w = (1/N) Σ t x, solved by Cramer's rule.
  const Eigen::Matrix2d H = BowlHessian();
  const double a = H(0, 0), b = H(0, 1), c = H(1, 1);
  double r1 = 0.0, r2 = 0.0;
  for (int n = 0; n < kN; ++n) {
    r1 += kBowlT[n] * kX1[n] / kN;
    r2 += kBowlT[n] * kX2[n] / kN;
  }
  const double det = a * c - b * b;  // 1.316 · 0.784 − 0.912² = 0.2
  CHECK(det == doctest::Approx(0.2));
  const Vector2d least_squares((c * r1 - b * r2) / det, (a * r2 - b * r1) / det);
  const Vector2d minimum = bp::SurfaceMinimum(SurfaceProblem::kBowl);
  CHECK((minimum - least_squares).norm() < 1e-12);
  CHECK((minimum - Vector2d(2.0, -1.0)).norm() == 0.0);
  CHECK(bp::SurfaceGradient(SurfaceProblem::kBowl, minimum, {}).norm() < 1e-14);
  CHECK(bp::SurfaceLoss(SurfaceProblem::kBowl, minimum) == doctest::Approx(0.005).epsilon(1e-12));

  bp::SurfaceRunConfig config;
  config.optimizer.learning_rate = 0.5;
  config.start = Vector2d(-1.0, 1.0);
  config.steps = 1000;  // the slow direction shrinks by 1 − 0.5 · 0.1 = 0.95 a step
  const bp::SurfacePath path = Run(config);
  CHECK_FALSE(path.diverged);
  CHECK((path.points.back().w - least_squares).norm() < 1e-9);
}

TEST_CASE("GD diverges above 2 / λ_max with growing oscillation, and converges just below") {
  const Eigen::Matrix2d H = BowlHessian();  // [[a, b], [b, c]]: λ = (a + c) / 2 ± √(((a − c) / 2)² + b²)
  const double half_gap = 0.5 * (H(0, 0) - H(1, 1));
  const double lambda_max = 0.5 * (H(0, 0) + H(1, 1)) + std::sqrt(half_gap * half_gap + H(0, 1) * H(0, 1));
  CHECK(lambda_max == doctest::Approx(2.0).epsilon(1e-12));  // eigenvalues 2 and 0.1
  const double critical = 2.0 / lambda_max;
  const Vector2d minimum = bp::SurfaceMinimum(SurfaceProblem::kBowl);
  const Vector2d fast(0.8, 0.6);  // λ_max's eigenvector
  bp::SurfaceRunConfig config;
  config.start = Vector2d(-1.0, 1.0);
  config.steps = bp::kMaxSurfaceSteps;

  config.optimizer.learning_rate = 1.05 * critical;  // the error along `fast` times 1 − 2.1 = −1.1 a step
  const bp::SurfacePath above = Run(config);
  CHECK(above.diverged);
  CHECK(above.diverged_step > 1000);
  CHECK(above.diverged_step < 1500);
  CHECK(static_cast<int>(above.points.size()) == above.diverged_step);
  CHECK(Mentions(above.divergence, "beyond 1e100"));
  for (int step = 100; step < 110; ++step) {
    const double now = (above.points[step].w - minimum).dot(fast);
    const double next = (above.points[step + 1].w - minimum).dot(fast);
    CHECK(now * next < 0.0);                         // across the valley and back
    CHECK(std::fabs(next) > 1.09 * std::fabs(now));  // further each time
  }

  config.optimizer.learning_rate = 0.95 * critical;  // times 1 − 1.9 = −0.9: still oscillates, but shrinks
  config.steps = 500;
  const bp::SurfacePath below = Run(config);
  CHECK_FALSE(below.diverged);
  CHECK(below.diverged_step == 0);
  CHECK((below.points.back().w - minimum).norm() < 1e-9);
}

TEST_CASE("The plateau: an exact minimum, a flat saturated region Adam leaves and GD does not") {
  const Vector2d minimum = bp::SurfaceMinimum(SurfaceProblem::kPlateau);
  CHECK(bp::SurfaceLoss(SurfaceProblem::kPlateau, minimum) < 1e-30);
  const Vector2d start = bp::SurfaceDefaultStart(SurfaceProblem::kPlateau);
  CHECK(bp::SurfaceLoss(SurfaceProblem::kPlateau, start) > 0.25);
  // Flat: the gradient on the plateau is a tenth of the origin's or less, in its trough 1e-4.
  const double slope_at_origin = bp::SurfaceGradient(SurfaceProblem::kPlateau, Vector2d(0, 0), {}).norm();
  CHECK(bp::SurfaceGradient(SurfaceProblem::kPlateau, start, {}).norm() < 0.1 * slope_at_origin);
  CHECK(bp::SurfaceGradient(SurfaceProblem::kPlateau, Vector2d(-4.3, -5.8), {}).norm() < 2e-4);

  bp::SurfaceRunConfig config;
  config.problem = SurfaceProblem::kPlateau;
  config.start = start;
  config.steps = 500;
  config.optimizer.learning_rate = 1.0;
  CHECK(Run(config).points.back().loss > 0.25);  // plain GD is still on the plateau
  config.optimizer.kind = bp::OptimizerKind::kAdam;
  config.optimizer.learning_rate = 0.1;
  CHECK((Run(config).points.back().w - minimum).norm() < 0.05);
}

TEST_CASE("Determinism: the same config gives the same path bit for bit") {
  bp::SurfaceRunConfig config;
  config.problem = SurfaceProblem::kPlateau;
  config.optimizer.kind = bp::OptimizerKind::kAdam;
  config.optimizer.learning_rate = 0.05;
  config.optimizer.l2 = 0.01;
  config.batch_size = 3;
  config.seed = 11;
  config.start = Vector2d(-6.0, 2.0);
  config.steps = 300;
  const bp::SurfacePath first = Run(config), second = Run(config);
  REQUIRE(first.points.size() == second.points.size());
  for (size_t k = 0; k < first.points.size(); ++k) {
    CHECK(first.points[k].w == second.points[k].w);
    CHECK(first.points[k].objective == second.points[k].objective);
  }
  config.seed = 12;
  CHECK(Run(config).points.back().w != first.points.back().w);  // another shuffle, another path
  // Full batch does not shuffle: the seed plays no part.
  config.batch_size = 0;
  const Vector2d full = Run(config).points.back().w;
  config.seed = 13;
  CHECK(Run(config).points.back().w == full);
}

TEST_CASE("Invalid configs are refused with a sentence naming the field") {
  bp::SurfaceRunConfig config;
  CHECK(bp::ValidateSurfaceRun(config).ok());
  config.optimizer.learning_rate = 0.0;
  CHECK(bp::RunSurfacePath(config).error() == "learning rate must be a finite number > 0 but got 0");
  config.optimizer.learning_rate = 0.1;
  config.batch_size = -1;
  CHECK(bp::RunSurfacePath(config).error() == "batch size must be 0 (the full batch) or more but got -1");
  config.batch_size = 0;
  config.steps = bp::kMaxSurfaceSteps + 1;
  CHECK(bp::RunSurfacePath(config).error() == "steps must be between 0 and 5000 but got 5001");
  config.steps = 0;
  CHECK(bp::RunSurfacePath(config).value().points.size() == 1);  // just the start
  config.start = Vector2d(std::numeric_limits<double>::infinity(), 0.0);
  CHECK(bp::RunSurfacePath(config).error() == "the start (w₁, w₂) must be finite numbers but got (inf, 0)");

  const bp::SurfaceRange range = bp::SurfaceDefaultRange(SurfaceProblem::kBowl);
  CHECK(bp::MakeSurfaceGrid(SurfaceProblem::kBowl, range, 1, {}).error() ==
        "the grid size must be at least 2 points per side but got 1");
  const bp::SurfaceRange backwards{Vector2d(1.0, 0.0), Vector2d(-1.0, 1.0)};
  CHECK(bp::MakeSurfaceGrid(SurfaceProblem::kBowl, backwards, 8, {}).error() ==
        "the range of w₁ must be finite numbers with min < max but got [1, -1]");
  const bp::SurfaceRange open{Vector2d(0.0, 0.0), Vector2d(1.0, NAN)};
  CHECK(Mentions(bp::MakeSurfaceGrid(SurfaceProblem::kBowl, open, 8, {}).error(), "the range of w₂"));
  bp::OptimizerConfig negative;
  negative.l2 = -1.0;
  CHECK(Mentions(bp::MakeSurfaceGrid(SurfaceProblem::kBowl, range, 8, negative).error(), "L2 strength"));
}

TEST_CASE("Grid values equal SurfaceObjective at the grid points; the size is clamped") {
  bp::OptimizerConfig config;
  config.l2 = 0.3;
  for (SurfaceProblem problem : {SurfaceProblem::kBowl, SurfaceProblem::kPlateau}) {
    const bp::SurfaceRange range = bp::SurfaceDefaultRange(problem);
    const bp::SurfaceGrid grid = bp::MakeSurfaceGrid(problem, range, 7, config).value();
    REQUIRE((grid.values.rows() == 7 && grid.values.cols() == 7));
    CHECK((grid.Point(0, 0) == range.min && grid.Point(6, 6) == range.max));
    for (int j = 0; j < grid.n; ++j) {
      for (int i = 0; i < grid.n; ++i)
        CHECK(grid.values(i, j) == bp::SurfaceObjective(problem, grid.Point(i, j), config));
    }
  }
  const bp::SurfaceGrid big =
      bp::MakeSurfaceGrid(SurfaceProblem::kBowl, bp::SurfaceDefaultRange(SurfaceProblem::kBowl), 1000, {}).value();
  CHECK(big.n == bp::kMaxSurfaceGridSize);
  CHECK(big.values.rows() == bp::kMaxSurfaceGridSize);
}

TEST_CASE("Initial points are MakeMlp's draws, inside each scheme's region") {
  CHECK(bp::SurfaceInitRange(bp::InitScheme::kUniform).half_width == 0.5);
  CHECK(bp::SurfaceInitRange(bp::InitScheme::kXavier).half_width == doctest::Approx(std::sqrt(2.0)));
  CHECK((bp::SurfaceInitRange(bp::InitScheme::kHe).normal && bp::SurfaceInitRange(bp::InitScheme::kHe).stddev == 1.0));
  for (bp::InitScheme scheme : {bp::InitScheme::kUniform, bp::InitScheme::kXavier, bp::InitScheme::kHe}) {
    CAPTURE(bp::InitSchemeName(scheme));
    bp::MlpSpec spec;  // what the playground builds for a two-input neuron with this scheme and seed
    spec.sizes = {2, 1};
    spec.activations = {bp::Activation::kSigmoid};
    spec.init = scheme;
    const bp::Mlp mlp = bp::MakeMlp(spec, 42).value();
    CHECK(bp::SurfaceInitialPoint(scheme, 42) == Vector2d(mlp.layers[0].W(0, 0), mlp.layers[0].W(0, 1)));
    // Over 1000 seeds: inside the uniform schemes' square, with the region's spread (U(−h, h): h / √3).
    const bp::SurfaceInitRegion region = bp::SurfaceInitRange(scheme);
    Eigen::ArrayXd draws(2000);
    for (int seed = 1; seed <= 1000; ++seed) draws.segment<2>(2 * seed - 2) = bp::SurfaceInitialPoint(scheme, seed);
    if (!region.normal) CHECK(draws.abs().maxCoeff() < region.half_width);
    const double expected = region.normal ? region.stddev : region.half_width / std::sqrt(3.0);
    CHECK(std::fabs(draws.mean()) < 0.1 * expected);
    CHECK(std::sqrt((draws - draws.mean()).square().mean()) == doctest::Approx(expected).epsilon(0.06));
  }
}
