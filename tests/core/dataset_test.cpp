// Tests for the toy datasets, target encodings, user edits and input features (dataset.h).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "core/dataset.h"

namespace {

constexpr double kPi = 3.14159265358979323846;

bp::Dataset Make(bp::DatasetKind kind, int count, double noise, uint64_t seed, int K = 3,
                 bp::TargetEncoding encoding = bp::TargetEncoding::kZeroOne) {
  bp::DatasetOptions options;
  options.kind = kind;
  options.count = count;
  options.noise = noise;
  options.seed = seed;
  options.num_classes = K;
  options.encoding = encoding;
  bp::Result<bp::Dataset> data = bp::MakeDataset(options);
  REQUIRE_MESSAGE(data.ok(), data.error());
  return data.value();
}

// K-class kinds need one-hot targets; the binary ones keep 0/1.
bp::TargetEncoding EncodingFor(bp::DatasetKind kind) {
  bool multi = kind == bp::DatasetKind::kSpiralK || kind == bp::DatasetKind::kBlobs;
  return multi ? bp::TargetEncoding::kOneHot : bp::TargetEncoding::kZeroOne;
}

std::vector<int> ClassCounts(const bp::Dataset& data) {
  std::vector<int> counts(data.num_classes, 0);
  for (int label : data.labels) ++counts[label];
  return counts;
}

}  // namespace

TEST_CASE("Every dataset has the requested count, finite values, consistent shapes and balanced classes") {
  const int kCount = 201;  // odd, so "balanced" means floor or ceil of N/K
  for (bp::DatasetKind kind : bp::AllDatasetKinds()) {
    CAPTURE(bp::DatasetKindName(kind));
    bp::Dataset data = Make(kind, kCount, 0.3, 5, 3, EncodingFor(kind));
    CHECK(data.size() == kCount);
    CHECK(data.X.rows() == bp::InputDimension(kind));
    CHECK(data.T.cols() == kCount);
    CHECK(data.labels.size() == static_cast<size_t>(kCount));
    CHECK(data.X.allFinite());
    CHECK(data.T.allFinite());
    CHECK(bp::CheckDataset(data).ok());
    if (bp::IsRegression(kind)) {
      CHECK(data.num_classes == 0);
      CHECK(data.T.rows() == 1);
      for (int label : data.labels) CHECK(label == -1);
      continue;
    }
    int K = data.num_classes;
    CHECK(K == (EncodingFor(kind) == bp::TargetEncoding::kOneHot ? 3 : 2));
    for (int count : ClassCounts(data)) {
      CHECK(count >= kCount / K);
      CHECK(count <= (kCount + K - 1) / K);
    }
  }
}

TEST_CASE("Labels agree with the geometry at noise 0") {
  SUBCASE("two clusters: the line x1 + x2 = 0 separates them, each point within 0.3 of its centre") {
    bp::Dataset data = Make(bp::DatasetKind::kTwoClusters, 300, 0.0, 2);
    for (int n = 0; n < data.size(); ++n) {
      double c = data.labels[n] == 1 ? 0.5 : -0.5;
      CHECK((data.X(0, n) + data.X(1, n) > 0.0) == (data.labels[n] == 1));
      CHECK(std::hypot(data.X(0, n) - c, data.X(1, n) - c) <= 0.3 + 1e-12);
    }
  }
  SUBCASE("XOR corners: exactly (0,0),(0,1),(1,0),(1,1) with targets 0,1,1,0") {
    bp::Dataset data = Make(bp::DatasetKind::kXorCorners, 4, 0.0, 9);
    const double expected_x[4][2] = {{0, 0}, {0, 1}, {1, 0}, {1, 1}};
    const double expected_t[4] = {0, 1, 1, 0};
    for (int n = 0; n < 4; ++n) {
      CHECK(data.X(0, n) == expected_x[n][0]);
      CHECK(data.X(1, n) == expected_x[n][1]);
      CHECK(data.T(0, n) == expected_t[n]);
      CHECK(data.labels[n] == static_cast<int>(expected_t[n]));
    }
  }
  SUBCASE("XOR quadrants: label 1 exactly where x1 x2 > 0, points kept off the axes") {
    bp::Dataset data = Make(bp::DatasetKind::kXorQuadrants, 400, 0.0, 3);
    for (int n = 0; n < data.size(); ++n) {
      CHECK((data.X(0, n) * data.X(1, n) > 0.0) == (data.labels[n] == 1));
      CHECK(std::fabs(data.X(0, n)) >= 0.05);
      CHECK(std::fabs(data.X(1, n)) <= 1.0);
    }
  }
  SUBCASE("circle: inner class within radius 0.5, ring between 0.7 and 1") {
    bp::Dataset data = Make(bp::DatasetKind::kCircle, 400, 0.0, 4);
    for (int n = 0; n < data.size(); ++n) {
      double r = data.X.col(n).norm();
      if (data.labels[n] == 1) {
        CHECK(r <= 0.5 + 1e-12);
      } else {
        CHECK(r >= 0.7 - 1e-12);
        CHECK(r <= 1.0 + 1e-12);
      }
    }
  }
  SUBCASE("two moons: each class on its arc of radius 0.6, upper arc above its centre, lower below") {
    // Original arcs centred at (0,0) and (1,0.5); shifted by -(0.5,0.25) and scaled by 0.6 the
    // centres are (-0.3,-0.15) and (0.3,0.15).
    bp::Dataset data = Make(bp::DatasetKind::kTwoMoons, 300, 0.0, 5);
    for (int n = 0; n < data.size(); ++n) {
      bool upper = data.labels[n] == 0;
      Eigen::Vector2d centre = upper ? Eigen::Vector2d(-0.3, -0.15) : Eigen::Vector2d(0.3, 0.15);
      Eigen::Vector2d offset = data.X.col(n) - centre;
      CHECK(offset.norm() == doctest::Approx(0.6).epsilon(1e-12));
      CHECK((upper ? offset.y() >= -1e-12 : offset.y() <= 1e-12));
    }
  }
  SUBCASE("K-arm spiral: every point lies on its own arm, angle = 1.75 turns * r + k/K turn") {
    for (int K : {2, 5}) {
      bp::DatasetKind kind = K == 2 ? bp::DatasetKind::kSpiral : bp::DatasetKind::kSpiralK;
      bp::TargetEncoding encoding = K == 2 ? bp::TargetEncoding::kZeroOne : bp::TargetEncoding::kOneHot;
      bp::Dataset data = Make(kind, 250, 0.0, 6, K, encoding);
      CHECK(data.num_classes == K);
      for (int n = 0; n < data.size(); ++n) {
        double r = data.X.col(n).norm();
        double t = 1.75 * 2.0 * kPi * r + 2.0 * kPi * data.labels[n] / K;
        CHECK(data.X(0, n) == doctest::Approx(r * std::sin(t)).epsilon(1e-9));
        CHECK(data.X(1, n) == doctest::Approx(r * std::cos(t)).epsilon(1e-9));
      }
    }
  }
  SUBCASE("blobs: each class's mean sits near its centre 0.6 (cos 2 pi k/K, sin 2 pi k/K)") {
    // 100 points per class with spread 0.12: the mean's standard error is 0.012, so 0.05 is ~4 sigma.
    const int K = 4;
    bp::Dataset data = Make(bp::DatasetKind::kBlobs, 400, 0.0, 7, K, bp::TargetEncoding::kOneHot);
    for (int k = 0; k < K; ++k) {
      Eigen::Vector2d sum = Eigen::Vector2d::Zero();
      int count = 0;
      for (int n = 0; n < data.size(); ++n) {
        if (data.labels[n] != k) continue;
        sum += data.X.col(n);
        ++count;
      }
      Eigen::Vector2d mean = sum / count;
      Eigen::Vector2d centre(0.6 * std::cos(2.0 * kPi * k / K), 0.6 * std::sin(2.0 * kPi * k / K));
      CHECK((mean - centre).norm() < 0.05);
    }
  }
}

TEST_CASE("Regression targets follow their curves at noise 0") {
  using Kind = bp::DatasetKind;
  struct Curve {
    Kind kind;
    double (*f)(double x1, double x2);
  };
  // The sawtooth below uses the default 3 teeth: three ramps of width 2/3 over [-1, 1].
  const Curve curves[] = {
      {Kind::kRegressionSin, [](double x, double) { return std::sin(kPi * x); }},
      {Kind::kRegressionStep, [](double x, double) { return x > 0.0 ? 1.0 : 0.0; }},
      {Kind::kRegressionAbs, [](double x, double) { return x < 0.0 ? -x : x; }},
      {Kind::kRegressionSawtooth, [](double x, double) { return std::fmod(x + 1.0, 2.0 / 3.0) * 1.5; }},
      {Kind::kRegressionSurface, [](double x1, double x2) { return std::sin(kPi * x1) * std::cos(kPi * x2 / 2.0); }},
  };
  for (const Curve& curve : curves) {
    CAPTURE(bp::DatasetKindName(curve.kind));
    bp::Dataset data = Make(curve.kind, 100, 0.0, 8);
    for (int n = 0; n < data.size(); ++n) {
      double x1 = data.X(0, n), x2 = data.X.rows() > 1 ? data.X(1, n) : 0.0;
      CHECK(std::fabs(x1) <= 1.0);
      CHECK(data.T(0, n) == doctest::Approx(curve.f(x1, x2)).epsilon(1e-9));
    }
  }
}

TEST_CASE("Noise moves points off the clean geometry (and targets off the curve)") {
  // Circle with noise 0.5: jitter sigma 0.1, so some inner points land beyond radius 0.5.
  bp::Dataset circle = Make(bp::DatasetKind::kCircle, 400, 0.5, 4);
  int outside = 0;
  for (int n = 0; n < circle.size(); ++n) outside += (circle.labels[n] == 1 && circle.X.col(n).norm() > 0.5) ? 1 : 0;
  CHECK(outside > 0);
  // The jitter's draws are taken at every noise level, so the clean points are the same ones.
  bp::Dataset clean = Make(bp::DatasetKind::kCircle, 400, 0.0, 4);
  CHECK(circle.labels == clean.labels);
  CHECK((circle.X - clean.X).cwiseAbs().maxCoeff() < 0.1 * 6.0);
  bp::Dataset sine = Make(bp::DatasetKind::kRegressionSin, 200, 1.0, 8);
  double max_residual = 0.0;
  for (int n = 0; n < sine.size(); ++n) {
    max_residual = std::fmax(max_residual, std::fabs(sine.T(0, n) - std::sin(kPi * sine.X(0, n))));
  }
  CHECK(max_residual > 0.1);
}

TEST_CASE("Same seed gives identical data, another seed different data") {
  for (bp::DatasetKind kind : bp::AllDatasetKinds()) {
    CAPTURE(bp::DatasetKindName(kind));
    bp::Dataset a = Make(kind, 50, 0.3, 11, 4, EncodingFor(kind));
    bp::Dataset b = Make(kind, 50, 0.3, 11, 4, EncodingFor(kind));
    bp::Dataset c = Make(kind, 50, 0.3, 12, 4, EncodingFor(kind));
    CHECK(a.X == b.X);
    CHECK(a.T == b.T);
    CHECK(a.labels == b.labels);
    CHECK(a.X != c.X);
  }
}

TEST_CASE("Target encodings") {
  bp::Dataset data = Make(bp::DatasetKind::kCircle, 20, 0.0, 1);
  for (int n = 0; n < data.size(); ++n) CHECK(data.T(0, n) == data.labels[n]);

  REQUIRE(bp::SetTargetEncoding(&data, bp::TargetEncoding::kPlusMinusOne).ok());
  CHECK(data.T.rows() == 1);
  for (int n = 0; n < data.size(); ++n) CHECK(data.T(0, n) == (data.labels[n] == 1 ? 1.0 : -1.0));

  REQUIRE(bp::SetTargetEncoding(&data, bp::TargetEncoding::kOneHot).ok());
  CHECK(data.T.rows() == 2);
  for (int n = 0; n < data.size(); ++n) {
    CHECK(data.T(data.labels[n], n) == 1.0);
    CHECK(data.T.col(n).sum() == 1.0);
  }
  CHECK(bp::CheckDataset(data).ok());

  bp::DatasetOptions three_classes;
  three_classes.kind = bp::DatasetKind::kBlobs;
  three_classes.num_classes = 3;
  three_classes.encoding = bp::TargetEncoding::kPlusMinusOne;
  bp::Result<bp::Dataset> rejected = bp::MakeDataset(three_classes);
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.error().find("one-hot") != std::string::npos);

  bp::Dataset regression = Make(bp::DatasetKind::kRegressionAbs, 10, 0.0, 1);
  CHECK_FALSE(bp::SetTargetEncoding(&regression, bp::TargetEncoding::kOneHot).ok());

  CHECK(bp::ParseTargetEncoding("plus_minus_one").value() == bp::TargetEncoding::kPlusMinusOne);
  CHECK_FALSE(bp::ParseTargetEncoding("minus_one").ok());
}

TEST_CASE("Invalid options are rejected with a sentence") {
  auto error_of = [](bp::DatasetOptions options) {
    bp::Result<bp::Dataset> data = bp::MakeDataset(options);
    return data.ok() ? std::string() : data.error();
  };
  bp::DatasetOptions o;
  o.count = 0;
  CHECK(error_of(o).find("number of points") != std::string::npos);
  o.count = 10001;
  CHECK(error_of(o).find("10000") != std::string::npos);
  o = bp::DatasetOptions();
  for (double bad : {-0.1, 1.5, std::nan(""), HUGE_VAL}) {
    o.noise = bad;
    CHECK(error_of(o).find("noise") != std::string::npos);
  }
  o = bp::DatasetOptions();
  o.kind = bp::DatasetKind::kSpiralK;
  o.encoding = bp::TargetEncoding::kOneHot;
  for (int bad_k : {1, 7}) {
    o.num_classes = bad_k;
    CHECK(error_of(o).find("classes") != std::string::npos);
  }
  o = bp::DatasetOptions();
  o.kind = bp::DatasetKind::kRegressionSawtooth;
  o.teeth = 0;
  CHECK(error_of(o).find("teeth") != std::string::npos);
  o.teeth = 1;
  CHECK(error_of(o).empty());
}

TEST_CASE("Dataset names round-trip; unknown names are an error") {
  for (bp::DatasetKind kind : bp::AllDatasetKinds()) {
    bp::Result<bp::DatasetKind> parsed = bp::ParseDatasetKind(bp::DatasetKindName(kind));
    REQUIRE(parsed.ok());
    CHECK(parsed.value() == kind);
    CHECK(std::string(bp::DatasetKindTitle(kind)).size() > 0);
  }
  bp::Result<bp::DatasetKind> unknown = bp::ParseDatasetKind("banana");
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.error().find("banana") != std::string::npos);
  CHECK(unknown.error().find("spiral") != std::string::npos);
}

TEST_CASE("Adding and removing points") {
  bp::Dataset data = Make(bp::DatasetKind::kXorCorners, 4, 0.0, 1);
  REQUIRE(bp::AddPoint(&data, Eigen::Vector2d(0.5, 0.5), 1).ok());
  CHECK(data.size() == 5);
  CHECK(data.X(0, 4) == 0.5);
  CHECK(data.T(0, 4) == 1.0);
  CHECK(data.labels[4] == 1);
  CHECK(bp::CheckDataset(data).ok());

  CHECK(bp::AddPoint(&data, Eigen::Vector2d(0.1, 0.1), 2).error.find("class") != std::string::npos);
  CHECK(bp::AddPoint(&data, Eigen::Vector2d(NAN, 0.1), 0).error.find("finite") != std::string::npos);
  CHECK(bp::AddPoint(&data, Eigen::Vector2d(INFINITY, 0.1), 0).error.find("finite") != std::string::npos);
  CHECK_FALSE(bp::AddPoint(&data, Eigen::VectorXd::Zero(3), 0).ok());
  CHECK(data.size() == 5);

  // Nearest to (0.9, 0.95) within 0.2 is the corner (1,1) at distance sqrt(0.01 + 0.0025) ~ 0.112.
  bp::Result<int> removed = bp::RemovePointNear(&data, Eigen::Vector2d(0.9, 0.95), 0.2);
  REQUIRE(removed.ok());
  CHECK(removed.value() == 3);
  CHECK(data.size() == 4);
  CHECK(data.X(0, 3) == 0.5);  // the added point moved up into the gap
  CHECK(data.labels[3] == 1);
  // Nothing within 0.05 of (0.25, 0.25): the nearest points are ~0.35 away.
  bp::Result<int> none = bp::RemovePointNear(&data, Eigen::Vector2d(0.25, 0.25), 0.05);
  REQUIRE(none.ok());
  CHECK(none.value() == -1);
  CHECK(data.size() == 4);
  CHECK_FALSE(bp::RemovePointNear(&data, Eigen::Vector2d(0.0, 0.0), -1.0).ok());

  CHECK(bp::RemovePoint(&data, 0).ok());
  CHECK(data.size() == 3);
  CHECK(data.X.col(0) == Eigen::Vector2d(0, 1));
  CHECK(bp::RemovePoint(&data, 3).error.find("no point") != std::string::npos);
  CHECK(bp::CheckDataset(data).ok());

  bp::Dataset curve = Make(bp::DatasetKind::kRegressionSin, 3, 0.0, 1);
  CHECK_FALSE(bp::AddPoint(&curve, Eigen::VectorXd::Constant(1, 0.2), 0).ok());
  REQUIRE(bp::AddRegressionPoint(&curve, Eigen::VectorXd::Constant(1, 0.2), 0.7).ok());
  CHECK(curve.T(0, 3) == 0.7);
  CHECK(curve.labels[3] == -1);
  CHECK_FALSE(bp::AddRegressionPoint(&curve, Eigen::VectorXd::Constant(1, 0.2), NAN).ok());
  CHECK_FALSE(bp::AddRegressionPoint(&data, Eigen::Vector2d(0.1, 0.1), 1.0).ok());
}

TEST_CASE("CheckDataset rejects non-finite values and mismatched targets") {
  bp::Dataset data = Make(bp::DatasetKind::kCircle, 10, 0.0, 1);
  bp::Dataset with_nan = data;
  with_nan.X(1, 3) = NAN;
  CHECK(bp::CheckDataset(with_nan).error.find("non-finite") != std::string::npos);
  bp::Dataset wrong_target = data;
  wrong_target.T(0, 2) = 1.0 - wrong_target.T(0, 2);
  CHECK_FALSE(bp::CheckDataset(wrong_target).ok());
  bp::Dataset bad_label = data;
  bad_label.labels[0] = 5;
  CHECK_FALSE(bp::CheckDataset(bad_label).ok());
}

TEST_CASE("Input features computed by hand for x = (0.5, -2)") {
  // x1 = 0.5, x2 = -2: x1^2 = 0.25, x2^2 = 4, x1 x2 = -1,
  // sin 0.5 = 0.4794255386, sin(-2) = -0.9092974268.
  Eigen::MatrixXd X(2, 2);
  X << 0.5, 0.0, -2.0, 1.0;
  bp::FeatureSet all;
  all.on.fill(true);
  Eigen::MatrixXd F = bp::ApplyFeatures(all, X);
  REQUIRE(F.rows() == 7);
  REQUIRE(F.cols() == 2);
  const double expected[7] = {0.5, -2.0, 0.25, 4.0, -1.0, 0.4794255386, -0.9092974268};
  for (int i = 0; i < 7; ++i) CHECK(F(i, 0) == doctest::Approx(expected[i]).epsilon(1e-10));

  // Only x1 x2 and sin x2: two rows in AllFeatures() order; second point (0, 1): 0 and sin 1 = 0.8414709848.
  bp::FeatureSet some;
  some.on.fill(false);
  some.Set(bp::Feature::kSinX2, true);
  some.Set(bp::Feature::kX1X2, true);
  Eigen::MatrixXd G = bp::ApplyFeatures(some, X);
  REQUIRE(G.rows() == 2);
  CHECK(G(0, 0) == doctest::Approx(-1.0));
  CHECK(G(1, 0) == doctest::Approx(-0.9092974268).epsilon(1e-10));
  CHECK(G(0, 1) == 0.0);
  CHECK(G(1, 1) == doctest::Approx(0.8414709848).epsilon(1e-10));
}

TEST_CASE("Feature sets: names, parsing, at least one feature") {
  bp::FeatureSet defaults;
  CHECK(defaults.Count() == 2);
  CHECK(defaults.Has(bp::Feature::kX1));
  CHECK(defaults.Has(bp::Feature::kX2));

  bp::FeatureSet none;
  none.on.fill(false);
  CHECK(bp::CheckFeatureSet(none).error.find("at least one") != std::string::npos);

  bp::Result<bp::FeatureSet> parsed = bp::ParseFeatureSet("x1, sin_x2,x1x2");
  REQUIRE(parsed.ok());
  CHECK(parsed->Count() == 3);
  CHECK(parsed->Has(bp::Feature::kSinX2));
  CHECK_FALSE(parsed->Has(bp::Feature::kX2));
  CHECK(bp::ParseFeatureSet("x1,cos_x1").error().find("cos_x1") != std::string::npos);
  CHECK_FALSE(bp::ParseFeatureSet("").ok());

  CHECK(std::string(bp::FeatureTitle(bp::Feature::kX1Squared)) == "x\u2081\u00b2");
  CHECK(std::string(bp::FeatureTitle(bp::Feature::kSinX2)) == "sin x\u2082");
  for (bp::Feature f : bp::AllFeatures()) CHECK(bp::ParseFeature(bp::FeatureName(f)).value() == f);
}
