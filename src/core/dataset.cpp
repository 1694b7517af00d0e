// The toy datasets: one small generator per shape, the target encodings, the user's edits and
// the playground's input features. Every random number comes from bp::Rng, so a seed gives the
// same points in the native and the wasm build.
#include "core/dataset.h"

#include <cassert>
#include <cmath>
#include <sstream>

#include "core/echo.h"
#include "core/own_data.h"
#include "core/rng.h"

namespace bp {
namespace {

constexpr double kPi = 3.14159265358979323846;

struct KindInfo {
  DatasetKind kind;
  const char* name;
  const char* title;
};
constexpr KindInfo kKinds[] = {
    {DatasetKind::kTwoClusters, "two_clusters", "Two clusters"},
    {DatasetKind::kXorCorners, "xor_corners", "XOR (4 corners)"},
    {DatasetKind::kXorQuadrants, "xor", "XOR quadrants"},
    {DatasetKind::kCircle, "circle", "Circle"},
    {DatasetKind::kTwoMoons, "moons", "Two moons"},
    {DatasetKind::kSpiral, "spiral", "Spiral"},
    {DatasetKind::kSpiralK, "spiral_k", "K-arm spiral"},
    {DatasetKind::kBlobs, "blobs", "Gaussian blobs"},
    {DatasetKind::kRegressionSin, "sin", "Regression: sin(πx)"},
    {DatasetKind::kRegressionStep, "step", "Regression: step"},
    {DatasetKind::kRegressionAbs, "abs", "Regression: |x|"},
    {DatasetKind::kRegressionSawtooth, "sawtooth", "Regression: sawtooth"},
    {DatasetKind::kRegressionSurface, "surface", "Regression: surface sin(πx₁)·cos(πx₂/2)"},
    {DatasetKind::kOwn, "own", "Your data"},
};

const KindInfo& Info(DatasetKind kind) {
  for (const KindInfo& info : kKinds) {
    if (info.kind == kind) return info;
  }
  assert(false && "DatasetKind missing from kKinds");
  return kKinds[0];
}

// Shapes of the plane's datasets (see the enum's comments in dataset.h).
constexpr double kClusterCentre = 0.5;
constexpr double kClusterRadius = 0.3;
constexpr double kXorMargin = 0.05;
constexpr double kCircleInnerRadius = 0.5;
constexpr double kCircleRingInner = 0.7;
constexpr double kCircleRingOuter = 1.0;
constexpr double kMoonScale = 0.6;
constexpr double kSpiralTurns = 1.75;
constexpr double kBlobCentreRadius = 0.6;
constexpr double kBlobSpread = 0.12;

int FixedClassCount(DatasetKind kind, int requested) {
  if (IsRegression(kind)) return 0;
  if (kind == DatasetKind::kSpiralK || kind == DatasetKind::kBlobs) return requested;
  return 2;
}

Eigen::Vector2d UniformInDisc(Rng* rng, double radius) {
  // sqrt makes the density uniform in area rather than crowded at the centre.
  double r = radius * std::sqrt(rng->Uniform());
  double angle = 2.0 * kPi * rng->Uniform();
  return Eigen::Vector2d(r * std::cos(angle), r * std::sin(angle));
}

// One clean point of class `label` (before noise). `n` is the point's index, `K` the class count.
Eigen::Vector2d ClassPoint(DatasetKind kind, int n, int label, int K, Rng* rng) {
  switch (kind) {
    case DatasetKind::kTwoClusters: {
      double c = label == 1 ? kClusterCentre : -kClusterCentre;
      return Eigen::Vector2d(c, c) + UniformInDisc(rng, kClusterRadius);
    }
    case DatasetKind::kXorCorners: {
      int corner = n % 4;  // (0,0), (0,1), (1,0), (1,1)
      return Eigen::Vector2d(corner / 2, corner % 2);
    }
    case DatasetKind::kXorQuadrants: {
      // Class 1 in the quadrants where x1 and x2 share a sign, class 0 where they differ.
      double s1 = rng->Below(2) == 0 ? -1.0 : 1.0;
      double s2 = label == 1 ? s1 : -s1;
      double m1 = kXorMargin + (1.0 - kXorMargin) * rng->Uniform();
      double m2 = kXorMargin + (1.0 - kXorMargin) * rng->Uniform();
      return Eigen::Vector2d(s1 * m1, s2 * m2);
    }
    case DatasetKind::kCircle: {
      if (label == 1) return UniformInDisc(rng, kCircleInnerRadius);
      double lo = kCircleRingInner * kCircleRingInner, hi = kCircleRingOuter * kCircleRingOuter;
      double r = std::sqrt(rng->Uniform(lo, hi));
      double angle = 2.0 * kPi * rng->Uniform();
      return Eigen::Vector2d(r * std::cos(angle), r * std::sin(angle));
    }
    case DatasetKind::kTwoMoons: {
      // The usual moons (upper arc centred at (0,0), lower arc at (1,0.5), radius 1), then
      // centred on (0.5, 0.25) and scaled by 0.6 to sit inside [-1,1]^2.
      double t = kPi * rng->Uniform();
      Eigen::Vector2d p = label == 0 ? Eigen::Vector2d(std::cos(t), std::sin(t))
                                     : Eigen::Vector2d(1.0 - std::cos(t), 0.5 - std::sin(t));
      return kMoonScale * (p - Eigen::Vector2d(0.5, 0.25));
    }
    case DatasetKind::kSpiral:
    case DatasetKind::kSpiralK: {
      // Arm k: radius r in [0,1), angle 1.75 turns * r + k/K of a turn (the playground's spiral for K = 2).
      double r = rng->Uniform();
      double t = kSpiralTurns * 2.0 * kPi * r + 2.0 * kPi * label / K;
      return Eigen::Vector2d(r * std::sin(t), r * std::cos(t));
    }
    case DatasetKind::kBlobs: {
      double angle = 2.0 * kPi * label / K;
      Eigen::Vector2d centre(kBlobCentreRadius * std::cos(angle), kBlobCentreRadius * std::sin(angle));
      double dx = rng->Normal(), dy = rng->Normal();
      return centre + kBlobSpread * Eigen::Vector2d(dx, dy);
    }
    default: assert(false && "not a classification kind"); return Eigen::Vector2d::Zero();
  }
}

int ClassOf(DatasetKind kind, int n, int K) {
  if (kind == DatasetKind::kXorCorners) return (n % 4 == 1 || n % 4 == 2) ? 1 : 0;
  return n % K;
}

// The regression targets without noise; x: (1) or (2).
double RegressionTarget(DatasetKind kind, const Eigen::VectorXd& x, int teeth) {
  switch (kind) {
    case DatasetKind::kRegressionSin: return std::sin(kPi * x(0));
    case DatasetKind::kRegressionStep: return x(0) > 0.0 ? 1.0 : 0.0;
    case DatasetKind::kRegressionAbs: return std::fabs(x(0));
    case DatasetKind::kRegressionSawtooth: {
      double ramp = teeth * (x(0) + 1.0) / 2.0;
      return ramp - std::floor(ramp);
    }
    case DatasetKind::kRegressionSurface: return std::sin(kPi * x(0)) * std::cos(kPi * x(1) / 2.0);
    default: assert(false && "not a regression kind"); return 0.0;
  }
}

Status CheckOptions(const DatasetOptions& o) {
  std::ostringstream message;
  if (o.count < kMinPoints || o.count > kMaxPoints) {
    message << "The number of points must be between " << kMinPoints << " and " << kMaxPoints << " (got " << o.count
            << ").";
  } else if (!std::isfinite(o.noise) || o.noise < 0.0 || o.noise > kMaxNoise) {
    message << "The noise level must be a number between 0 and " << kMaxNoise << " (got " << o.noise << ").";
  } else if ((o.kind == DatasetKind::kSpiralK || o.kind == DatasetKind::kBlobs) &&
             (o.num_classes < kMinClasses || o.num_classes > kMaxClasses)) {
    message << "The number of classes must be between " << kMinClasses << " and " << kMaxClasses << " (got "
            << o.num_classes << ").";
  } else if (o.kind == DatasetKind::kRegressionSawtooth && (o.teeth < 1 || o.teeth > kMaxTeeth)) {
    message << "The sawtooth needs between 1 and " << kMaxTeeth << " teeth (got " << o.teeth << ").";
  } else {
    return Status::Ok();
  }
  return Status::Error(message.str());
}

void RemoveColumn(Eigen::MatrixXd* m, int column) {
  int last = static_cast<int>(m->cols()) - 1;
  for (int c = column; c < last; ++c) m->col(c) = m->col(c + 1);
  m->conservativeResize(Eigen::NoChange, last);
}

Status CheckPointCoordinates(const Dataset& data, const Eigen::VectorXd& x) {
  if (x.size() != data.X.rows()) {
    std::ostringstream message;
    message << "A point of this dataset has " << data.X.rows() << " coordinate(s), not " << x.size() << ".";
    return Status::Error(message.str());
  }
  if (!x.allFinite()) return Status::Error("A point's coordinates must be finite numbers.");
  return Status::Ok();
}

Status FullError() { return Status::Error("The dataset is full (" + std::to_string(kMaxPoints) + " points)."); }

}  // namespace

// --- Names -------------------------------------------------------------------------------------
const std::vector<DatasetKind>& AllDatasetKinds() {
  static const std::vector<DatasetKind> kinds = [] {
    std::vector<DatasetKind> list;
    for (const KindInfo& info : kKinds) {
      if (info.kind != DatasetKind::kOwn) list.push_back(info.kind);
    }
    return list;
  }();
  return kinds;
}
const char* DatasetKindName(DatasetKind kind) { return Info(kind).name; }
const char* DatasetKindTitle(DatasetKind kind) { return Info(kind).title; }

Result<DatasetKind> ParseDatasetKind(const std::string& name) {
  for (const KindInfo& info : kKinds) {
    if (name == info.name) return Result<DatasetKind>::Ok(info.kind);
  }
  std::string known;
  for (const KindInfo& info : kKinds) known += std::string(known.empty() ? "" : ", ") + info.name;
  return Result<DatasetKind>::Error("Unknown dataset " + Echo(name) + "; the datasets are: " + known + ".");
}

bool IsRegression(DatasetKind kind) {
  return kind == DatasetKind::kRegressionSin || kind == DatasetKind::kRegressionStep ||
         kind == DatasetKind::kRegressionAbs || kind == DatasetKind::kRegressionSawtooth ||
         kind == DatasetKind::kRegressionSurface;
}

int InputDimension(DatasetKind kind) { return IsRegression(kind) && kind != DatasetKind::kRegressionSurface ? 1 : 2; }

bool IsRegression(const DatasetOptions& options) {
  if (options.kind == DatasetKind::kOwn) return options.own != nullptr && options.own->regression;
  return IsRegression(options.kind);
}

int InputDimension(const DatasetOptions& options) {
  if (options.kind == DatasetKind::kOwn) return options.own != nullptr ? static_cast<int>(options.own->X.rows()) : 2;
  return InputDimension(options.kind);
}

const char* TargetEncodingName(TargetEncoding encoding) {
  switch (encoding) {
    case TargetEncoding::kZeroOne: return "zero_one";
    case TargetEncoding::kPlusMinusOne: return "plus_minus_one";
    case TargetEncoding::kOneHot: return "one_hot";
  }
  return "?";
}

Result<TargetEncoding> ParseTargetEncoding(const std::string& name) {
  for (TargetEncoding e : {TargetEncoding::kZeroOne, TargetEncoding::kPlusMinusOne, TargetEncoding::kOneHot}) {
    if (name == TargetEncodingName(e)) return Result<TargetEncoding>::Ok(e);
  }
  return Result<TargetEncoding>::Error("Unknown target encoding " + Echo(name) +
                                       "; use zero_one, plus_minus_one or one_hot.");
}

// --- Generation --------------------------------------------------------------------------------
Result<Eigen::MatrixXd> EncodeTargets(const std::vector<int>& labels, int num_classes, TargetEncoding encoding) {
  using R = Result<Eigen::MatrixXd>;
  if (num_classes < kMinClasses || num_classes > kMaxClasses) {
    return R::Error("A classification dataset needs between 2 and 6 classes.");
  }
  if (encoding != TargetEncoding::kOneHot && num_classes != 2) {
    return R::Error("Data with more than two classes needs one-hot targets (one output per class).");
  }
  int rows = encoding == TargetEncoding::kOneHot ? num_classes : 1;
  Eigen::MatrixXd T = Eigen::MatrixXd::Zero(rows, static_cast<int>(labels.size()));
  for (int n = 0; n < static_cast<int>(labels.size()); ++n) {
    int label = labels[n];
    if (label < 0 || label >= num_classes) {
      return R::Error("Point " + std::to_string(n) + " has class " + std::to_string(label) + ", outside 0.." +
                      std::to_string(num_classes - 1) + ".");
    }
    if (encoding == TargetEncoding::kOneHot)
      T(label, n) = 1.0;
    else if (encoding == TargetEncoding::kZeroOne)
      T(0, n) = label;
    else
      T(0, n) = label == 1 ? 1.0 : -1.0;
  }
  return R::Ok(std::move(T));
}

Result<Dataset> MakeDataset(const DatasetOptions& options) {
  if (options.kind == DatasetKind::kOwn) return MakeOwnDataset(options);
  Status valid = CheckOptions(options);
  if (!valid) return Result<Dataset>::Error(valid.error);
  const DatasetKind kind = options.kind;
  const int N = options.count;
  const double sigma = options.noise * kNoiseScale;
  Rng rng(options.seed);

  Dataset data;
  data.kind = kind;
  data.encoding = options.encoding;
  data.num_classes = FixedClassCount(kind, options.num_classes);
  data.X.resize(InputDimension(kind), N);
  data.labels.assign(N, -1);
  if (IsRegression(kind)) {
    data.T.resize(1, N);
    for (int n = 0; n < N; ++n) {
      for (int i = 0; i < data.X.rows(); ++i) data.X(i, n) = rng.Uniform(-1.0, 1.0);
      Eigen::VectorXd x = data.X.col(n);
      data.T(0, n) = RegressionTarget(kind, x, options.teeth) + sigma * rng.Normal();
    }
    return Result<Dataset>::Ok(std::move(data));
  }
  for (int n = 0; n < N; ++n) {
    int label = ClassOf(kind, n, data.num_classes);
    Eigen::Vector2d p = ClassPoint(kind, n, label, data.num_classes, &rng);
    // The jitter is drawn even at noise 0 so the noise slider never reshuffles the clean points.
    double jx = rng.Normal(), jy = rng.Normal();
    data.X.col(n) = p + sigma * Eigen::Vector2d(jx, jy);
    data.labels[n] = label;
  }
  Result<Eigen::MatrixXd> T = EncodeTargets(data.labels, data.num_classes, options.encoding);
  if (!T) return Result<Dataset>::Error(T.error());
  data.T = std::move(T.value());
  return Result<Dataset>::Ok(std::move(data));
}

Status SetTargetEncoding(Dataset* data, TargetEncoding encoding) {
  if (data->regression()) return Status::Error("A regression dataset has no classes to encode.");
  Result<Eigen::MatrixXd> T = EncodeTargets(data->labels, data->num_classes, encoding);
  if (!T) return Status::Error(T.error());
  data->T = std::move(T.value());
  data->encoding = encoding;
  return Status::Ok();
}

Status CheckDataset(const Dataset& data) {
  const int N = data.size();
  if (data.kind == DatasetKind::kOwn ? data.X.rows() < 1 || data.X.rows() > 2 : data.X.rows() != InputDimension(data.kind)) {
    return Status::Error(std::string("The ") + DatasetKindTitle(data.kind) + " dataset needs " +
                         std::to_string(InputDimension(data.kind)) + "-D points.");
  }
  if (N > kMaxPoints) return Status::Error("A dataset holds at most " + std::to_string(kMaxPoints) + " points.");
  if (data.T.cols() != N || static_cast<int>(data.labels.size()) != N) {
    return Status::Error("The dataset's inputs, targets and labels disagree on the number of points.");
  }
  if (!data.X.allFinite() || !data.T.allFinite()) return Status::Error("The dataset contains a non-finite value.");
  if (data.regression()) {
    if (data.T.rows() != 1) return Status::Error("Regression data has exactly one target per point.");
    for (int label : data.labels) {
      if (label != -1) return Status::Error("Regression points carry no class (label -1).");
    }
    return Status::Ok();
  }
  Result<Eigen::MatrixXd> T = EncodeTargets(data.labels, data.num_classes, data.encoding);
  if (!T) return Status::Error(T.error());
  if (T->rows() != data.T.rows() || !(T.value() == data.T)) {
    return Status::Error("The dataset's targets do not match its class labels.");
  }
  return Status::Ok();
}

// --- Edits -------------------------------------------------------------------------------------
Status AddPoint(Dataset* data, const Eigen::VectorXd& x, int label) {
  if (data->regression()) {
    return Status::Error("This is regression data: a new point needs a target value, not a class.");
  }
  if (data->size() >= kMaxPoints) return FullError();
  Status coordinates = CheckPointCoordinates(*data, x);
  if (!coordinates) return coordinates;
  if (label < 0 || label >= data->num_classes) {
    return Status::Error("The class must be between 0 and " + std::to_string(data->num_classes - 1) + " (got " +
                         std::to_string(label) + ").");
  }
  Result<Eigen::MatrixXd> t = EncodeTargets({label}, data->num_classes, data->encoding);
  if (!t) return Status::Error(t.error());
  int n = data->size();
  data->X.conservativeResize(Eigen::NoChange, n + 1);
  data->X.col(n) = x;
  data->T.conservativeResize(t->rows(), n + 1);
  data->T.col(n) = t->col(0);
  data->labels.push_back(label);
  return Status::Ok();
}

Status AddRegressionPoint(Dataset* data, const Eigen::VectorXd& x, double y) {
  if (!data->regression()) return Status::Error("This is classification data: a new point needs a class.");
  if (data->size() >= kMaxPoints) return FullError();
  Status coordinates = CheckPointCoordinates(*data, x);
  if (!coordinates) return coordinates;
  if (!std::isfinite(y)) return Status::Error("A point's target value must be a finite number.");
  int n = data->size();
  data->X.conservativeResize(Eigen::NoChange, n + 1);
  data->X.col(n) = x;
  data->T.conservativeResize(1, n + 1);
  data->T(0, n) = y;
  data->labels.push_back(-1);
  return Status::Ok();
}

Status RemovePoint(Dataset* data, int index) {
  if (index < 0 || index >= data->size()) {
    return Status::Error("There is no point " + std::to_string(index) + " (the dataset has " +
                         std::to_string(data->size()) + ").");
  }
  RemoveColumn(&data->X, index);
  RemoveColumn(&data->T, index);
  data->labels.erase(data->labels.begin() + index);
  return Status::Ok();
}

Result<int> RemovePointNear(Dataset* data, const Eigen::VectorXd& x, double radius) {
  Status coordinates = CheckPointCoordinates(*data, x);
  if (!coordinates) return Result<int>::Error(coordinates.error);
  if (!std::isfinite(radius) || radius <= 0.0) {
    return Result<int>::Error("The search radius must be a positive number.");
  }
  int nearest = -1;
  double best = 0.0;
  for (int n = 0; n < data->size(); ++n) {
    double d2 = (data->X.col(n) - x).squaredNorm();
    if (d2 <= radius * radius && (nearest < 0 || d2 < best)) {
      best = d2;
      nearest = n;
    }
  }
  if (nearest >= 0) RemovePoint(data, nearest);
  return Result<int>::Ok(nearest);
}

// --- Features ----------------------------------------------------------------------------------
const std::vector<Feature>& AllFeatures() {
  static const std::vector<Feature> features = {Feature::kX1,        Feature::kX2,   Feature::kX1Squared,
                                                Feature::kX2Squared, Feature::kX1X2, Feature::kSinX1,
                                                Feature::kSinX2};
  return features;
}

const char* FeatureName(Feature feature) {
  static const char* const kNames[kFeatureCount] = {"x1", "x2", "x1sq", "x2sq", "x1x2", "sin_x1", "sin_x2"};
  return kNames[static_cast<int>(feature)];
}

const char* FeatureTitle(Feature feature) {
  static const char* const kTitles[kFeatureCount] = {"x₁", "x₂", "x₁²", "x₂²", "x₁x₂", "sin x₁", "sin x₂"};
  return kTitles[static_cast<int>(feature)];
}

Result<Feature> ParseFeature(const std::string& name) {
  for (Feature f : AllFeatures()) {
    if (name == FeatureName(f)) return Result<Feature>::Ok(f);
  }
  return Result<Feature>::Error("Unknown input feature " + Echo(name) +
                                "; the features are x1, x2, x1sq, x2sq, x1x2, sin_x1, sin_x2.");
}

int FeatureSet::Count() const {
  int count = 0;
  for (bool b : on) count += b ? 1 : 0;
  return count;
}

std::vector<Feature> FeatureSet::Enabled() const {
  std::vector<Feature> enabled;
  for (Feature f : AllFeatures()) {
    if (Has(f)) enabled.push_back(f);
  }
  return enabled;
}

Status CheckFeatureSet(const FeatureSet& features) {
  if (features.Count() == 0) return Status::Error("Choose at least one input feature.");
  return Status::Ok();
}

Result<FeatureSet> ParseFeatureSet(const std::string& comma_separated) {
  FeatureSet set;
  set.on.fill(false);
  std::stringstream stream(comma_separated);
  std::string item;
  while (std::getline(stream, item, ',')) {
    size_t first = item.find_first_not_of(' ');
    size_t last = item.find_last_not_of(' ');
    std::string name = first == std::string::npos ? "" : item.substr(first, last - first + 1);
    if (name.empty()) continue;
    Result<Feature> feature = ParseFeature(name);
    if (!feature) return Result<FeatureSet>::Error(feature.error());
    set.Set(*feature, true);
  }
  Status valid = CheckFeatureSet(set);
  if (!valid) return Result<FeatureSet>::Error(valid.error);
  return Result<FeatureSet>::Ok(set);
}

Eigen::MatrixXd ApplyFeatures(const FeatureSet& features, const Eigen::MatrixXd& X2) {
  assert(features.Count() > 0 && "ApplyFeatures needs a checked, non-empty FeatureSet");
  assert(X2.rows() == 2 && "ApplyFeatures maps 2-D points");
  Eigen::MatrixXd F(features.Count(), X2.cols());
  int row = 0;
  for (Feature f : features.Enabled()) {
    for (int n = 0; n < X2.cols(); ++n) {
      double x1 = X2(0, n), x2 = X2(1, n);
      double value = 0.0;
      switch (f) {
        case Feature::kX1: value = x1; break;
        case Feature::kX2: value = x2; break;
        case Feature::kX1Squared: value = x1 * x1; break;
        case Feature::kX2Squared: value = x2 * x2; break;
        case Feature::kX1X2: value = x1 * x2; break;
        case Feature::kSinX1: value = std::sin(x1); break;
        case Feature::kSinX2: value = std::sin(x2); break;
      }
      F(row, n) = value;
    }
    ++row;
  }
  return F;
}

}  // namespace bp
