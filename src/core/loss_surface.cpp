// The loss surface of a two-weight neuron (see loss_surface.h). Every number comes from the core's
// own code: Forward / Backward / BatchLoss for L and ∇L, WeightPenalty for the penalty, TrainSteps
// (and through it Update) for the paths, MakeMlp for the initial weights.
#include "core/loss_surface.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <string>

#include "core/activation.h"
#include "core/echo.h"
#include "core/train.h"

namespace bp {

namespace {

constexpr int kPointCount = 8;
// The inputs (x₁, x₂) of both problems; see the header for how they were built.
constexpr double kInputs[kPointCount][2] = {{1.36, 1.52}, {-1.84, -0.88}, {1.40, 0.80},  {-1.16, -1.12},
                                            {0.84, 0.88}, {-1.08, -0.56}, {-0.24, 0.32}, {0.24, -0.32}};
// kBowl's targets: 2 x₁ − x₂ plus residuals ±0.1 that are orthogonal to both input rows.
constexpr double kBowlTargets[kPointCount] = {1.3, -2.7, 2.1, -1.1, 0.7, -1.7, -0.9, 0.7};
// The teacher weights: the least-squares solution of kBowl and the exact fit of kPlateau.
constexpr double kTeacher[2] = {2.0, -1.0};

std::string Number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", x);
  return text;
}

Activation OutputActivation(SurfaceProblem problem) {
  return problem == SurfaceProblem::kBowl ? Activation::kIdentity : Activation::kSigmoid;
}

// The neuron without checking w (the callers have, or want NaN to flow through to the loss).
Mlp MakeNeuron(SurfaceProblem problem, const Eigen::Vector2d& w) {
  Layer layer;
  layer.W.resize(1, 2);
  layer.W << w.x(), w.y();
  layer.b = Eigen::VectorXd::Zero(1);
  layer.activation = OutputActivation(problem);
  Mlp mlp;
  mlp.layers.push_back(layer);
  mlp.loss = Loss::kHalfSquaredError;
  return mlp;
}

void SetWeights(const Eigen::Vector2d& w, Mlp* mlp) {
  mlp->layers[0].W(0, 0) = w.x();
  mlp->layers[0].W(0, 1) = w.y();
}

Eigen::Vector2d WeightsOf(const Mlp& mlp) { return Eigen::Vector2d(mlp.layers[0].W(0, 0), mlp.layers[0].W(0, 1)); }

// L for the network's current weights, over all points. X: (2, N), T: (1, N).
double DataLoss(const Mlp& mlp, const SurfacePoints& data, ForwardPass* pass) {
  Forward(mlp, data.X, pass);
  const LayerForward& out = pass->layers.back();
  return BatchLoss(mlp.loss, out.z, out.a, data.T);
}

Status CheckRange(const char* name, double lo, double hi) {
  if (std::isfinite(lo) && std::isfinite(hi) && lo < hi) return Status::Ok();
  return Status::Error(std::string("the range of ") + name + " must be finite numbers with min < max but got [" +
                       Number(lo) + ", " + Number(hi) + "]");
}

}  // namespace

const char* SurfaceProblemName(SurfaceProblem problem) {
  switch (problem) {
    case SurfaceProblem::kBowl: return "bowl";
    case SurfaceProblem::kPlateau: return "plateau";
  }
  return "unknown";
}

Result<SurfaceProblem> ParseSurfaceProblem(const std::string& name) {
  for (SurfaceProblem problem : {SurfaceProblem::kBowl, SurfaceProblem::kPlateau}) {
    if (name == SurfaceProblemName(problem)) return Result<SurfaceProblem>::Ok(problem);
  }
  return Result<SurfaceProblem>::Error("unknown loss surface " + Echo(name) + "; expected one of: bowl, plateau");
}

SurfacePoints SurfaceData(SurfaceProblem problem) {
  SurfacePoints data;
  data.X.resize(2, kPointCount);
  data.T.resize(1, kPointCount);
  for (int n = 0; n < kPointCount; ++n) {
    data.X(0, n) = kInputs[n][0];
    data.X(1, n) = kInputs[n][1];
    // kPlateau: t = σ(w* · x) through the activation the neuron itself uses, so L(w*) is 0.
    const double teacher_z = kTeacher[0] * kInputs[n][0] + kTeacher[1] * kInputs[n][1];
    data.T(0, n) = problem == SurfaceProblem::kBowl ? kBowlTargets[n] : Activate(Activation::kSigmoid, teacher_z);
  }
  return data;
}

Eigen::Vector2d SurfaceMinimum(SurfaceProblem /*problem*/) { return Eigen::Vector2d(kTeacher[0], kTeacher[1]); }

Result<Mlp> SurfaceModel(SurfaceProblem problem, const Eigen::Vector2d& w) {
  if (!w.allFinite()) {
    return Result<Mlp>::Error("the weights (w₁, w₂) must be finite numbers but got (" + Number(w.x()) + ", " +
                              Number(w.y()) + ")");
  }
  return Result<Mlp>::Ok(MakeNeuron(problem, w));
}

double SurfaceLoss(SurfaceProblem problem, const Eigen::Vector2d& w) {
  ForwardPass pass;
  return DataLoss(MakeNeuron(problem, w), SurfaceData(problem), &pass);
}

double SurfaceObjective(SurfaceProblem problem, const Eigen::Vector2d& w, const OptimizerConfig& config) {
  return SurfaceLoss(problem, w) + WeightPenalty(MakeNeuron(problem, w), config);
}

Eigen::Vector2d SurfaceGradient(SurfaceProblem problem, const Eigen::Vector2d& w, const OptimizerConfig& config) {
  const Mlp mlp = MakeNeuron(problem, w);
  const SurfacePoints data = SurfaceData(problem);
  const ForwardPass pass = Forward(mlp, data.X);
  const Gradients grads = Backward(mlp, pass, data.T);
  const Eigen::MatrixXd& dW = grads.layers[0].dW;  // (1, 2)
  return Eigen::Vector2d(dW(0, 0) + WeightPenaltyGradient(w.x(), config),
                         dW(0, 1) + WeightPenaltyGradient(w.y(), config));
}

// --- The contour grid ------------------------------------------------------------------------------

SurfaceRange SurfaceDefaultRange(SurfaceProblem problem) {
  if (problem == SurfaceProblem::kBowl) return {Eigen::Vector2d(-2.0, -4.0), Eigen::Vector2d(4.0, 2.0)};
  return {Eigen::Vector2d(-8.0, -8.0), Eigen::Vector2d(8.0, 8.0)};
}

Eigen::Vector2d SurfaceDefaultStart(SurfaceProblem problem) {
  return problem == SurfaceProblem::kBowl ? Eigen::Vector2d(-1.0, 1.0) : Eigen::Vector2d(-6.0, -4.0);
}

Eigen::Vector2d SurfaceGrid::Point(int i, int j) const {
  const double last = static_cast<double>(n - 1);
  return Eigen::Vector2d(range.min.x() + (range.max.x() - range.min.x()) * i / last,
                         range.min.y() + (range.max.y() - range.min.y()) * j / last);
}

Result<SurfaceGrid> MakeSurfaceGrid(SurfaceProblem problem, const SurfaceRange& range, int n,
                                    const OptimizerConfig& config) {
  Status status = n >= 2
                      ? Status::Ok()
                      : Status::Error("the grid size must be at least 2 points per side but got " + std::to_string(n));
  if (status.ok()) status = CheckRange("w₁", range.min.x(), range.max.x());
  if (status.ok()) status = CheckRange("w₂", range.min.y(), range.max.y());
  if (status.ok()) status = ValidateOptimizer(config);
  if (!status.ok()) return Result<SurfaceGrid>::Error(status.error);

  SurfaceGrid grid;
  grid.range = range;
  grid.n = std::min(n, kMaxSurfaceGridSize);
  grid.values.resize(grid.n, grid.n);
  // One network and one pass for every grid point: only the two weights change.
  const SurfacePoints data = SurfaceData(problem);
  Mlp mlp = MakeNeuron(problem, Eigen::Vector2d::Zero());
  ForwardPass pass;
  for (int j = 0; j < grid.n; ++j) {
    for (int i = 0; i < grid.n; ++i) {
      SetWeights(grid.Point(i, j), &mlp);
      grid.values(i, j) = DataLoss(mlp, data, &pass) + WeightPenalty(mlp, config);
    }
  }
  return Result<SurfaceGrid>::Ok(std::move(grid));
}

// --- Optimizer paths -------------------------------------------------------------------------------

Status ValidateSurfaceRun(const SurfaceRunConfig& config) {
  Status status = ValidateOptimizer(config.optimizer);
  if (status.ok() && config.batch_size < 0) {
    status =
        Status::Error("batch size must be 0 (the full batch) or more but got " + std::to_string(config.batch_size));
  }
  if (status.ok() && (config.steps < 0 || config.steps > kMaxSurfaceSteps)) {
    status = Status::Error("steps must be between 0 and " + std::to_string(kMaxSurfaceSteps) + " but got " +
                           std::to_string(config.steps));
  }
  if (status.ok() && !config.start.allFinite()) {
    status = Status::Error("the start (w₁, w₂) must be finite numbers but got (" + Number(config.start.x()) + ", " +
                           Number(config.start.y()) + ")");
  }
  return status;
}

Result<SurfacePath> RunSurfacePath(const SurfaceRunConfig& config) {
  const Status status = ValidateSurfaceRun(config);
  if (!status.ok()) return Result<SurfacePath>::Error(status.error);

  const SurfacePoints data = SurfaceData(config.problem);
  const int n = static_cast<int>(data.X.cols());
  OptimizerConfig optimizer = config.optimizer;
  optimizer.update_biases = false;
  // Full batch: every step sees all points in dataset order (no shuffle, the seed plays no part).
  const bool full_batch = config.batch_size == 0 || config.batch_size >= n;
  const int batch_size = full_batch ? n : config.batch_size;
  Rng shuffle(config.seed, kSurfaceShuffleStream);
  Rng* order = full_batch ? nullptr : &shuffle;

  Mlp mlp = MakeNeuron(config.problem, config.start);
  OptimizerState state = MakeOptimizerState(mlp);
  TrainWorkspace workspace;
  ForwardPass pass;
  SurfacePath path;
  path.points.reserve(config.steps + 1);
  const double start_loss = DataLoss(mlp, data, &pass);
  path.points.push_back({config.start, start_loss, start_loss + WeightPenalty(mlp, optimizer)});

  for (int step = 1; step <= config.steps; ++step) {
    const Result<TrainStats> stats =
        TrainSteps(&mlp, data.X, data.T, batch_size, 1, optimizer, &state, order, &workspace);
    assert(stats.ok() && "RunSurfacePath: the config was validated above");
    const double loss = DataLoss(mlp, data, &pass);
    if (stats->diverged || LossDiverged(loss)) {
      path.diverged = true;
      path.diverged_step = step;
      path.divergence = DivergedWhat(mlp, stats->mean_loss, loss);
      break;
    }
    path.points.push_back({WeightsOf(mlp), loss, loss + WeightPenalty(mlp, optimizer)});
  }
  return Result<SurfacePath>::Ok(std::move(path));
}

// --- Where a network's first weights come from -----------------------------------------------------

SurfaceInitRegion SurfaceInitRange(InitScheme scheme) {
  const double n_in = 2.0, n_out = 1.0;
  SurfaceInitRegion region;
  switch (scheme) {
    case InitScheme::kUniform: region.half_width = MlpSpec().uniform_range; break;
    case InitScheme::kXavier: region.half_width = std::sqrt(6.0 / (n_in + n_out)); break;
    case InitScheme::kHe:
      region.normal = true;
      region.stddev = std::sqrt(2.0 / n_in);
      break;
  }
  return region;
}

Eigen::Vector2d SurfaceInitialPoint(InitScheme scheme, uint64_t seed) {
  MlpSpec spec;
  spec.sizes = {2, 1};
  spec.activations = {Activation::kIdentity};
  spec.init = scheme;
  const Result<Mlp> mlp = MakeMlp(spec, seed);
  assert(mlp.ok() && "SurfaceInitialPoint: a 2-1 identity network is always valid");
  return WeightsOf(*mlp);
}

}  // namespace bp
