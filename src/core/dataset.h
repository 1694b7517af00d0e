// Seeded, deterministic toy datasets (the classic playground's and a few more), their target
// encodings, the user's point edits, and the playground's input features.
// Notation: N points, one per column.
//   X: (d, N)  inputs, d = 2 for the plane's datasets, d = 1 for the 1-D regression curves
//   T: (n_outputs, N)  targets in the chosen encoding (TargetEncoding below)
//   labels[n]: class index of point n in 0..K-1, or -1 for regression data
// Geometry: the 2-D datasets live in about [-1, 1]^2 (XOR corners in [0, 1]^2); the 1-D regression
// curves take x in [-1, 1]. Labels come from the clean geometry; the noise is then a Gaussian
// jitter of standard deviation noise * kNoiseScale added to every coordinate of a classification
// point (for regression: to the target only), so at noise 0 every label agrees with the picture.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/result.h"

namespace bp {

constexpr int kMinPoints = 1;
constexpr int kMaxPoints = 10000;
constexpr double kMaxNoise = 1.0;
constexpr double kNoiseScale = 0.2;  // noise 1 = jitter with standard deviation 0.2
constexpr int kMinClasses = 2;
constexpr int kMaxClasses = 6;
constexpr int kMaxTeeth = 20;

enum class DatasetKind {
  kTwoClusters,         // two linearly separable discs, centres (-0.5,-0.5) and (0.5,0.5), radius 0.3
  kXorCorners,          // (0,0),(0,1),(1,0),(1,1) with labels 0,1,1,0, repeated to fill the count
  kXorQuadrants,        // points in [-1,1]^2, label 1 where x1 x2 > 0 (kept 0.05 away from the axes)
  kCircle,              // label 1: disc r <= 0.5; label 0: ring 0.7 <= r <= 1
  kTwoMoons,            // two interleaved half circles, radius 0.6
  kSpiral,              // two arms, label = arm
  kSpiralK,             // K arms
  kBlobs,               // K Gaussian blobs (spread 0.12) on the circle of radius 0.6
  kRegressionSin,       // y = sin(pi x)
  kRegressionStep,      // y = 1 if x > 0 else 0
  kRegressionAbs,       // y = |x|
  kRegressionSawtooth,  // y = frac(teeth (x + 1) / 2): `teeth` ramps from 0 up to 1
  kRegressionSurface,   // y = sin(pi x1) cos(pi x2 / 2) over [-1,1]^2
  kOwn,                 // the learner's or instructor's own points (own_data.h): a CSV, a scenario's list
};

// The generated kinds (every kind but kOwn, whose points come from outside).
const std::vector<DatasetKind>& AllDatasetKinds();
// "two_clusters", "xor_corners", "xor", "circle", "moons", "spiral", "spiral_k", "blobs",
// "sin", "step", "abs", "sawtooth", "surface", and "own".
const char* DatasetKindName(DatasetKind kind);
const char* DatasetKindTitle(DatasetKind kind);  // "Two clusters", "XOR quadrants", ...
Result<DatasetKind> ParseDatasetKind(const std::string& name);
// For a generated kind (kOwn is neither: ask its points, through the DatasetOptions overloads).
bool IsRegression(DatasetKind kind);
int InputDimension(DatasetKind kind);  // 1 for the 1-D curves, 2 otherwise
struct DatasetOptions;
bool IsRegression(const DatasetOptions& options);
int InputDimension(const DatasetOptions& options);

// How class labels become the rows of T.
enum class TargetEncoding {
  kZeroOne,       // binary, one output row, t in {0, 1}: sigmoid + binary cross-entropy
  kPlusMinusOne,  // binary, one output row, t in {-1, +1}: tanh output (the classic playground)
  kOneHot,        // K output rows, t_k = 1 for the true class: softmax + softmax cross-entropy
};
const char* TargetEncodingName(TargetEncoding encoding);  // "zero_one", "plus_minus_one", "one_hot"
Result<TargetEncoding> ParseTargetEncoding(const std::string& name);

struct Dataset {
  Eigen::MatrixXd X;        // (d, N), one point per column
  Eigen::MatrixXd T;        // (n_outputs, N)
  std::vector<int> labels;  // (N), class 0..K-1, or -1 for regression
  int num_classes = 0;      // K, 0 for regression
  DatasetKind kind = DatasetKind::kTwoClusters;
  TargetEncoding encoding = TargetEncoding::kZeroOne;  // unused for regression

  int size() const { return static_cast<int>(X.cols()); }  // N
  int outputs() const { return static_cast<int>(T.rows()); }
  bool regression() const { return num_classes == 0; }
};

struct OwnPoints;  // own_data.h

struct DatasetOptions {
  DatasetKind kind = DatasetKind::kTwoClusters;
  // kOwn: the points (shared, never changed once made, so copies of a config are cheap). count is
  // then their number; noise, num_classes and teeth are not used; seed still draws the split.
  std::shared_ptr<const OwnPoints> own;
  int count = 200;     // 1..10000
  double noise = 0.0;  // 0..1, jitter standard deviation noise * kNoiseScale
  uint64_t seed = 1;
  int num_classes = 3;  // K for kSpiralK and kBlobs (2..6); the other kinds fix their own K
  int teeth = 3;        // kRegressionSawtooth only (1..20)
  TargetEncoding encoding = TargetEncoding::kZeroOne;  // K > 2 needs kOneHot
};

// Generates the dataset. Classes are balanced: each of the K classes has floor(N/K) or ceil(N/K)
// points (point n gets class n mod K; XOR corners take corner n mod 4). Same options and seed give
// the same data, natively and in wasm.
Result<Dataset> MakeDataset(const DatasetOptions& options);

// T (n_outputs, N) for `labels` in the encoding; labels must lie in 0..K-1 and binary encodings need K = 2.
Result<Eigen::MatrixXd> EncodeTargets(const std::vector<int>& labels, int num_classes, TargetEncoding encoding);
// Re-encodes a classification dataset's T (e.g. when the lesson switches from sigmoid to tanh output).
Status SetTargetEncoding(Dataset* data, TargetEncoding encoding);
// Checks shapes, finiteness and labels of a dataset that came from outside (a URL, a file).
Status CheckDataset(const Dataset& data);

// --- The user's edits ------------------------------------------------------------------------
// x: (d). Adds a classification point of class `label` (0..K-1).
Status AddPoint(Dataset* data, const Eigen::VectorXd& x, int label);
// x: (d). Adds a regression point with target value y (single-output regression data only).
Status AddRegressionPoint(Dataset* data, const Eigen::VectorXd& x, double y);
// x: (d). Removes the point nearest to x if it lies within `radius`; returns its former index,
// or -1 when no point is that close (not an error). Invalid x or radius is an error.
Result<int> RemovePointNear(Dataset* data, const Eigen::VectorXd& x, double radius);
Status RemovePoint(Dataset* data, int index);

// --- Input features (the classic playground's) -----------------------------------------------
enum class Feature { kX1, kX2, kX1Squared, kX2Squared, kX1X2, kSinX1, kSinX2 };
constexpr int kFeatureCount = 7;

const std::vector<Feature>& AllFeatures();
const char* FeatureName(Feature feature);  // ASCII for URLs: "x1", "x2", "x1sq", "x2sq", "x1x2", "sin_x1", "sin_x2"
const char* FeatureTitle(Feature feature);  // UTF-8 for the UI: "x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂"
Result<Feature> ParseFeature(const std::string& name);

// Which features feed the network; at least one must be on. The default is {x1, x2}.
struct FeatureSet {
  std::array<bool, kFeatureCount> on = {true, true, false, false, false, false, false};

  bool Has(Feature feature) const { return on[static_cast<int>(feature)]; }
  void Set(Feature feature, bool value) { on[static_cast<int>(feature)] = value; }
  int Count() const;
  std::vector<Feature> Enabled() const;  // in the order of AllFeatures()
};
Status CheckFeatureSet(const FeatureSet& features);
// "x1,x2,sin_x1" -> that set; an unknown name or an empty set is an error.
Result<FeatureSet> ParseFeatureSet(const std::string& comma_separated);

// X2: (2, N) points; returns (features.Count(), N), one row per enabled feature in AllFeatures()
// order. The set must have passed CheckFeatureSet (assert).
Eigen::MatrixXd ApplyFeatures(const FeatureSet& features, const Eigen::MatrixXd& X2);

}  // namespace bp
