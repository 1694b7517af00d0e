// Tests for Rosenblatt's perceptron (perceptron.h): the rule worked by hand on the AND gate,
// convergence on separable data, endless mistakes on XOR, and input validation.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/perceptron.h"

namespace {

// The four corners in the order (0,0), (0,1), (1,0), (1,1), one per column.
Eigen::MatrixXd Corners() {
  Eigen::MatrixXd X(2, 4);
  X << 0, 0, 1, 1, 0, 1, 0, 1;
  return X;
}

struct Bww {
  double b, w1, w2;
};

void CheckState(const bp::PerceptronStepRecord& step, Bww expected) {
  CHECK(step.new_b == expected.b);
  CHECK(step.new_w(0) == expected.w1);
  CHECK(step.new_w(1) == expected.w2);
}

}  // namespace

TEST_CASE("One perceptron step: z, prediction and the update, by hand") {
  // w = (1, -2), b = 0.5, x = (3, 1), y = 1, eta = 0.5:
  // z = 1*3 - 2*1 + 0.5 = 1.5 > 0, so y_hat = 1 = y: no change.
  bp::Perceptron p = bp::MakePerceptron(2);
  p.w << 1.0, -2.0;
  p.b = 0.5;
  bp::Result<bp::PerceptronStepRecord> right = bp::PerceptronStep(&p, Eigen::Vector2d(3, 1), 1, 0.5, 7);
  REQUIRE(right.ok());
  CHECK(right->index == 7);
  CHECK(right->z == 1.5);
  CHECK(right->prediction == 1);
  CHECK_FALSE(right->mistake);
  CHECK(right->delta_w.isZero());
  CHECK(right->delta_b == 0.0);
  CHECK(p.w == Eigen::Vector2d(1.0, -2.0));

  // Same perceptron, x = (3, 1), y = 0: y_hat = 1, error y - y_hat = -1,
  // delta_w = 0.5 * -1 * (3, 1) = (-1.5, -0.5), delta_b = -0.5; new w = (-0.5, -2.5), b = 0.
  bp::Result<bp::PerceptronStepRecord> wrong = bp::PerceptronStep(&p, Eigen::Vector2d(3, 1), 0, 0.5);
  REQUIRE(wrong.ok());
  CHECK(wrong->mistake);
  CHECK(wrong->old_w == Eigen::Vector2d(1.0, -2.0));
  CHECK(wrong->old_b == 0.5);
  CHECK(wrong->delta_w == Eigen::Vector2d(-1.5, -0.5));
  CHECK(wrong->delta_b == -0.5);
  CHECK(wrong->new_w == Eigen::Vector2d(-0.5, -2.5));
  CHECK(wrong->new_b == 0.0);
  CHECK(p.w == wrong->new_w);
  CHECK(p.b == 0.0);
  // z = 0 is "not above the threshold": the prediction is 0.
  CHECK(bp::PerceptronPredict(p, Eigen::Vector2d(0, 0)) == 0);
}

TEST_CASE("AND gate from zero with eta = 1: every update worked by hand") {
  // Labels 0,0,0,1; samples visited in the order (0,0),(0,1),(1,0),(1,1). State written (b, w1, w2),
  // prediction 1 iff z = b + w1 x1 + w2 x2 > 0.
  // Epoch 1: (0,0) z=0 ok; (0,1) z=0 ok; (1,0) z=0 ok; (1,1) z=0 -> 0, want 1: +1 -> (1, 1, 1).
  // Epoch 2: (0,0) z=1 -> 1, want 0: b-1 -> (0, 1, 1); (0,1) z=1 -> 1, want 0: -> (-1, 1, 0);
  //          (1,0) z=-1+1=0 ok; (1,1) z=-1+1+0=0 -> 0, want 1: -> (0, 2, 1).
  // Epoch 3: (0,0) z=0 ok; (0,1) z=1 -> 1: -> (-1, 2, 0); (1,0) z=-1+2=1 -> 1: -> (-2, 1, 0);
  //          (1,1) z=-2+1=-1 -> 0, want 1: -> (-1, 2, 1).
  // Epoch 4: (0,0) z=-1 ok; (0,1) z=0 ok; (1,0) z=1 -> 1: -> (-2, 1, 1); (1,1) z=0 -> 0: -> (-1, 2, 2).
  // Epoch 5: (0,0) z=-1 ok; (0,1) z=1 -> 1: -> (-2, 2, 1); (1,0) z=0 ok; (1,1) z=1 ok.
  // Epoch 6: z = -2, -1, 0, 1: all right. Mistakes per epoch 1, 3, 3, 2, 1, 0.
  const Bww expected[5][4] = {
      {{0, 0, 0}, {0, 0, 0}, {0, 0, 0}, {1, 1, 1}},     {{0, 1, 1}, {-1, 1, 0}, {-1, 1, 0}, {0, 2, 1}},
      {{0, 2, 1}, {-1, 2, 0}, {-2, 1, 0}, {-1, 2, 1}},  {{-1, 2, 1}, {-1, 2, 1}, {-2, 1, 1}, {-1, 2, 2}},
      {{-1, 2, 2}, {-2, 2, 1}, {-2, 2, 1}, {-2, 2, 1}},
  };
  const int expected_mistakes[5] = {1, 3, 3, 2, 1};
  const Eigen::MatrixXd X = Corners();
  const std::vector<int> labels = {0, 0, 0, 1};
  const std::vector<int> order = {0, 1, 2, 3};
  bp::Perceptron p = bp::MakePerceptron(2);
  for (int epoch = 0; epoch < 5; ++epoch) {
    CAPTURE(epoch + 1);
    bp::Result<bp::PerceptronEpoch> result = bp::RunPerceptronEpoch(&p, X, labels, order, 1.0);
    REQUIRE(result.ok());
    CHECK(result->mistakes == expected_mistakes[epoch]);
    REQUIRE(result->steps.size() == 4);
    for (int i = 0; i < 4; ++i) {
      CAPTURE(i);
      CHECK(result->steps[i].index == i);
      CheckState(result->steps[i], expected[epoch][i]);
    }
  }

  bp::Perceptron fresh = bp::MakePerceptron(2);
  bp::PerceptronTrainOptions options;
  options.eta = 1.0;
  bp::Result<bp::PerceptronTrainResult> trained = bp::TrainPerceptron(&fresh, X, labels, options);
  REQUIRE(trained.ok());
  CHECK(trained->converged);
  CHECK(trained->epochs_run == 6);
  CHECK(trained->mistakes_per_epoch == std::vector<int>{1, 3, 3, 2, 1, 0});
  CHECK(fresh.b == -2.0);
  CHECK(fresh.w == Eigen::Vector2d(2.0, 1.0));
}

TEST_CASE("The perceptron converges on linearly separable data") {
  bp::DatasetOptions options;
  options.kind = bp::DatasetKind::kTwoClusters;
  options.count = 200;
  options.seed = 3;
  bp::Result<bp::Dataset> data = bp::MakeDataset(options);
  REQUIRE(data.ok());
  bp::Perceptron p = bp::MakePerceptron(2);
  bp::PerceptronTrainOptions train;
  train.eta = 0.1;
  train.max_epochs = 100;
  bp::Result<bp::PerceptronTrainResult> result = bp::TrainPerceptron(&p, data->X, data->labels, train);
  REQUIRE(result.ok());
  CHECK(result->converged);
  // Measured: epoch 1 makes 2 mistakes. Point 1 (class 1) meets w = 0, z = 0, predicts 0:
  // w = 0.1 x_1, b = 0.1. Point 2 (class 0) still gets z > 0: w = 0.1 (x_1 - x_2), b = 0. That w
  // points from cluster 0 towards cluster 1, so every later point is right and epoch 2 is clean.
  CHECK(result->epochs_run == 2);
  CHECK(result->mistakes_per_epoch == std::vector<int>{2, 0});
  CHECK(p.b == 0.0);
  // Independent check: every point is now on its own side of w.x + b = 0.
  for (int n = 0; n < data->size(); ++n) {
    Eigen::VectorXd x = data->X.col(n);
    CHECK(bp::PerceptronPredict(p, x) == data->labels[n]);
  }

  // Shuffled visiting orders are reproducible from the seed.
  bp::PerceptronTrainOptions shuffled = train;
  shuffled.shuffle = true;
  shuffled.seed = 5;
  bp::Perceptron a = bp::MakePerceptron(2), b = bp::MakePerceptron(2);
  bp::Result<bp::PerceptronTrainResult> ra = bp::TrainPerceptron(&a, data->X, data->labels, shuffled);
  bp::Result<bp::PerceptronTrainResult> rb = bp::TrainPerceptron(&b, data->X, data->labels, shuffled);
  REQUIRE(ra.ok());
  REQUIRE(rb.ok());
  CHECK(ra->converged);
  CHECK(ra->mistakes_per_epoch == rb->mistakes_per_epoch);
  CHECK(a.w == b.w);
  CHECK(a.b == b.b);
}

TEST_CASE("The perceptron never converges on the four XOR points") {
  const Eigen::MatrixXd X = Corners();
  const std::vector<int> labels = {0, 1, 1, 0};
  bp::Perceptron p = bp::MakePerceptron(2);
  bp::PerceptronTrainOptions options;
  options.max_epochs = 1000;
  bp::Result<bp::PerceptronTrainResult> result = bp::TrainPerceptron(&p, X, labels, options);
  REQUIRE(result.ok());
  CHECK_FALSE(result->converged);
  CHECK(result->epochs_run == 1000);
  REQUIRE(result->mistakes_per_epoch.size() == 1000);
  int fewest = 4;
  for (int mistakes : result->mistakes_per_epoch) fewest = std::min(fewest, mistakes);
  // No line separates XOR, so some corner is always wrong: at least one mistake every epoch.
  CHECK(fewest >= 1);
}

TEST_CASE("Perceptron input validation") {
  bp::Perceptron p = bp::MakePerceptron(2);
  for (double bad_eta : {0.0, -1.0, std::nan(""), HUGE_VAL}) {
    CHECK(bp::PerceptronStep(&p, Eigen::Vector2d(1, 1), 1, bad_eta).error().find("learning rate") != std::string::npos);
  }
  CHECK(bp::PerceptronStep(&p, Eigen::Vector3d(1, 1, 1), 1, 1.0).error().find("input") != std::string::npos);
  CHECK(bp::PerceptronStep(&p, Eigen::Vector2d(NAN, 1), 1, 1.0).error().find("finite") != std::string::npos);
  CHECK(bp::PerceptronStep(&p, Eigen::Vector2d(1, 1), 2, 1.0).error().find("0 or 1") != std::string::npos);
  CHECK(p.w.isZero());  // rejected steps change nothing

  const Eigen::MatrixXd X = Corners();
  CHECK_FALSE(bp::RunPerceptronEpoch(&p, X, {0, 1, 1}, {0, 1, 2}, 1.0).ok());
  CHECK(bp::RunPerceptronEpoch(&p, X, {0, 1, 1, 0}, {0, 4}, 1.0).error().find("sample 4") != std::string::npos);
  Eigen::MatrixXd with_inf = X;
  with_inf(1, 2) = HUGE_VAL;
  CHECK(bp::RunPerceptronEpoch(&p, with_inf, {0, 1, 1, 0}, {0}, 1.0).error().find("non-finite") != std::string::npos);
  bp::PerceptronTrainOptions options;
  options.max_epochs = 0;
  CHECK_FALSE(bp::TrainPerceptron(&p, X, {0, 1, 1, 0}, options).ok());
}
