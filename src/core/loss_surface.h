// The loss surface of one neuron with two weights and no bias, for the lesson "Gradient descent on a
// loss surface": the loss over the (w₁, w₂) plane, its gradient, a grid for contour shading, and the
// paths optimizers take on it. The paths are trained by the playground's own code (train.h TrainSteps,
// optim.h Update) on an Mlp with sizes {2, 1}, bias 0 and update_biases = false.
// Notation, N = 8 points stored one per column as in train.h:  X: (2, N)   T: (1, N)
//   z_n = w₁ x₁ₙ + w₂ x₂ₙ   a_n = h(z_n)   L(w) = (1/N) Σ ½ (a_n − t_n)²        (loss.h, half squared error)
//   ∇L(w) = (1/N) Σ (a_n − t_n) h'(z_n) x_n                                        (the chain rule)
//   J(w) = L(w) + l1 (|w₁| + |w₂|) + (l2 / 2)(w₁² + w₂²)   the objective the optimizer descends (optim.h)
//
// Both problems use the same eight inputs, built as x = p (0.8, 0.6) + q (−0.6, 0.8) with a large
// spread p along (0.8, 0.6) and a small one q across it, so x₁ and x₂ are strongly correlated:
//     x₁:  1.36  −1.84  1.40  −1.16  0.84  −1.08  −0.24   0.24
//     x₂:  1.52  −0.88  0.80  −1.12  0.88  −0.56   0.32  −0.32
//
// kBowl: h = identity, targets t = 2 x₁ − x₂ ± 0.1 (the ±0.1 residuals are orthogonal to both input rows):
//     t:   1.3   −2.7   2.1   −1.1   0.7   −1.7   −0.9    0.7
//   L is quadratic, L(w) = ½ (w − w*)ᵀ H (w − w*) + L_min with the Hessian H = (1/N) Σ x xᵀ
//   = [[1.316, 0.912], [0.912, 0.784]] (trace 2.1, determinant 0.2): eigenvalues λ_max = 2 along
//   (0.8, 0.6) and λ_min = 0.1 along (−0.6, 0.8), condition number 20 — a long diagonal valley.
//   Normal equations H w = (1/N) Σ t x = (1.72, 1.04) give w* = (2, −1) exactly, L_min = 0.005.
//   Plain gradient descent multiplies the error along an eigenvector by (1 − η λ) each step: it
//   converges for η < 2 / λ_max = 1 and oscillates with growing amplitude above. RunSurfacePath
//   reports divergence when the loss passes train.h's kDivergedBound 1e100, within kMaxSurfaceSteps
//   for η ≳ 1.012 (η = 1.05: step 1207; η = 1.1: step 631; η = 2: step 105). Momentum μ converges
//   for η < 2 (1 + μ) / λ_max = 1 + μ (μ = 0.9: 1.9).
//
// kPlateau: h = sigmoid σ, targets t = σ(2 x₁ − x₂), the bowl's teacher without the noise:
//     t:   0.769  0.057  0.881  0.231  0.690  0.168  0.310  0.690
//   Minimum w* = (2, −1) with L = 0 (no other w fits: the inputs span the plane and σ is one-to-one).
//   Half squared error, not binary cross-entropy, on purpose: with BCE the gradient is (a − t) x,
//   which stays large where the neuron is saturated and wrong (logistic regression is convex, no
//   plateau); half squared error multiplies it by σ'(z) ≈ 0 there. So the surface has a flat high
//   plateau (lower left: L ≈ 0.26 and |∇L| ≈ 6e-3 at (−6, −4), against 0.1 at the origin, and a
//   nearly level trough near (−4.3, −5.8), |∇L| ≈ 1e-4, where plain GD and momentum look converged
//   but are not), a low saturated shelf (upper right, L → 0.0156, where an optimizer that overshoots
//   the valley ends up), and between them a curved valley down to w*. At w* the Hessian
//   (1/N) Σ σ'(z)² x xᵀ ≈ [[0.0241, 0.0203], [0.0203, 0.0216]] has eigenvalues ≈ 0.0432 and 0.00256
//   (condition number ≈ 17): plain GD settles there only for η < 2 / 0.0432 ≈ 46.3; above, it ends in
//   a bounded 2-cycle around w* (L ≤ ½ everywhere, so it never diverges in train.h's sense).
//   Adam's steps are about η whatever |∇L|, so it leaves the plateau where GD crawls.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/mlp.h"
#include "core/optim.h"
#include "core/result.h"

namespace bp {

enum class SurfaceProblem { kBowl, kPlateau };
const char* SurfaceProblemName(SurfaceProblem problem);  // "bowl", "plateau"
Result<SurfaceProblem> ParseSurfaceProblem(const std::string& name);

// A path runs at most this many optimizer steps; a grid has at most this many points per side.
constexpr int kMaxSurfaceSteps = 5000;
constexpr int kMaxSurfaceGridSize = 256;
// The minibatch shuffle's Rng stream: the playground's (playground.cpp), apart from the init's draws.
constexpr uint64_t kSurfaceShuffleStream = 1013;

// The problem's points, X: (2, N), T: (1, N), in the order listed above.
struct SurfacePoints {
  Eigen::MatrixXd X;
  Eigen::MatrixXd T;
};
SurfacePoints SurfaceData(SurfaceProblem problem);
// w* = (2, −1) for both (see above).
Eigen::Vector2d SurfaceMinimum(SurfaceProblem problem);

// The neuron with weights W = (w₁, w₂), b = 0: identity (kBowl) or sigmoid (kPlateau), half squared
// error. Non-finite weights are refused with a sentence.
Result<Mlp> SurfaceModel(SurfaceProblem problem, const Eigen::Vector2d& w);

// L(w), the mean data loss over all points, computed by Forward and loss.h (NaN for non-finite w).
double SurfaceLoss(SurfaceProblem problem, const Eigen::Vector2d& w);
// J(w) = L(w) + WeightPenalty (optim.h): only config.l1 and config.l2 are used; a default config
// has no penalty, so J = L.
double SurfaceObjective(SurfaceProblem problem, const Eigen::Vector2d& w, const OptimizerConfig& config);
// ∇J(w), full batch: Backward's dW plus WeightPenaltyGradient (sign(0) = 0 for L1, as Update uses).
Eigen::Vector2d SurfaceGradient(SurfaceProblem problem, const Eigen::Vector2d& w, const OptimizerConfig& config);

// --- The contour grid ------------------------------------------------------------------------------
struct SurfaceRange {
  Eigen::Vector2d min = Eigen::Vector2d::Zero();  // (w₁, w₂) of the lower left corner
  Eigen::Vector2d max = Eigen::Vector2d::Ones();  // (w₁, w₂) of the upper right corner
};
// The window the lesson opens with: kBowl [−2, 4] × [−4, 2], kPlateau [−8, 8] × [−8, 8].
SurfaceRange SurfaceDefaultRange(SurfaceProblem problem);
// A start that shows the problem: kBowl (−1, 1) across the valley, kPlateau (−6, −4) on the plateau.
Eigen::Vector2d SurfaceDefaultStart(SurfaceProblem problem);

struct SurfaceGrid {
  SurfaceRange range;
  int n = 0;               // points per side, 2..kMaxSurfaceGridSize
  Eigen::MatrixXd values;  // (n, n): values(i, j) = J at Point(i, j); column-major, so w₁ runs fastest
  // w₁ = min₁ + (max₁ − min₁) i / (n − 1), w₂ likewise with j.
  Eigen::Vector2d Point(int i, int j) const;
};
// J on an n × n grid over `range` (n above kMaxSurfaceGridSize is clamped to it). Refuses n < 2, a
// range that is not finite with min < max, and a config that fails ValidateOptimizer.
Result<SurfaceGrid> MakeSurfaceGrid(SurfaceProblem problem, const SurfaceRange& range, int n,
                                    const OptimizerConfig& config);

// --- Optimizer paths -------------------------------------------------------------------------------
struct SurfaceRunConfig {
  SurfaceProblem problem = SurfaceProblem::kBowl;
  OptimizerConfig optimizer;  // update_biases is ignored (forced false): the neuron has no bias
  int batch_size = 0;         // 0 or >= N: full batch, plain gradient descent in dataset order
  Eigen::Vector2d start = Eigen::Vector2d::Zero();
  uint64_t seed = 1;  // minibatches only: the shuffle is Rng(seed, kSurfaceShuffleStream)
  int steps = 100;    // 0..kMaxSurfaceSteps
};

struct SurfacePathPoint {
  Eigen::Vector2d w = Eigen::Vector2d::Zero();
  double loss = 0.0;       // L(w), full batch, equal to SurfaceLoss(problem, w)
  double objective = 0.0;  // J(w), equal to SurfaceObjective(problem, w, config.optimizer)
};
struct SurfacePath {
  std::vector<SurfacePathPoint> points;  // points[0] is the start, points[k] the point after step k
  bool diverged = false;
  int diverged_step = 0;   // the step (1-based) that diverged, whose point is not recorded; 0 if none
  std::string divergence;  // what diverged, in words (train.h DivergedWhat): "the loss became 1.1e+100, ..."
};

// Refuses, with a sentence naming the field: an optimizer that fails ValidateOptimizer, batch size
// < 0, steps outside 0..kMaxSurfaceSteps, a start that is not finite.
Status ValidateSurfaceRun(const SurfaceRunConfig& config);
// Runs config.steps optimizer steps from config.start, one TrainSteps call per step (minibatches of
// batch_size reshuffled every epoch), recording the point and its full-batch loss after each. Stops
// at the first step where TrainSteps reports divergence or the full-batch loss passes kDivergedBound.
Result<SurfacePath> RunSurfacePath(const SurfaceRunConfig& config);

// --- Where a network's first weights come from -----------------------------------------------------
// The distribution MakeMlp draws each of a 2→1 layer's two weights from (independently):
//   uniform: U(−0.5, 0.5), MlpSpec's default range (the playground's); Xavier: U(−√2, √2), since
//   √(6 / (n_in + n_out)) = √(6 / 3); He: N(0, 1), since √(2 / n_in) = 1.
struct SurfaceInitRegion {
  bool normal = false;      // He: normal draws; otherwise uniform
  double half_width = 0.0;  // uniform: each weight in [−half_width, half_width)
  double stddev = 0.0;      // normal: the standard deviation
};
SurfaceInitRegion SurfaceInitRange(InitScheme scheme);
// (w₁, w₂) = the W that MakeMlp(sizes {2, 1}, init = scheme) draws from `seed`: the start the
// playground would give a 2-input neuron with that weight seed.
Eigen::Vector2d SurfaceInitialPoint(InitScheme scheme, uint64_t seed);

}  // namespace bp
