// The learner's point edits in the playground (see playground.h): adding a point, removing the
// nearest one, and finding the nearest training point. The network is kept; the inputs and metrics
// follow the data.
#include <cassert>
#include <cmath>
#include <limits>
#include <string>
#include <utility>

#include "core/playground.h"
#include "core/playground_internal.h"

namespace bp {

using playground_detail::FormatG;
using playground_detail::FormatNumber;

namespace {

// The nearest point of `data` within `radius` of x: its index and squared distance (index -1: none).
std::pair<int, double> NearestWithin(const Dataset& data, const Eigen::VectorXd& x, double radius) {
  int nearest = -1;
  double best = 0.0;
  for (int n = 0; n < data.size(); ++n) {
    const double d2 = (data.X.col(n) - x).squaredNorm();
    if (d2 <= radius * radius && (nearest < 0 || d2 < best)) {
      nearest = n;
      best = d2;
    }
  }
  return {nearest, best};
}

// The column of `data` holding the same point as column `column` of `part` (coordinates and target).
int FindSamePoint(const Dataset& data, const Dataset& part, int column) {
  for (int n = 0; n < data.size(); ++n) {
    if (data.X.col(n) == part.X.col(column) && data.T.col(n) == part.T.col(column)) return n;
  }
  return -1;
}

Status CheckPoint(const Playground& p, const Eigen::VectorXd& x) {
  const int d = static_cast<int>(p.data.X.rows());
  if (x.size() != d) {
    return Status::Error("A point of the " + std::string(DatasetKindName(p.data.kind)) + " data has " +
                         std::to_string(d) + " coordinate(s), but got " + std::to_string(x.size()) + ".");
  }
  for (int i = 0; i < d; ++i) {
    if (!(std::isfinite(x(i)) && std::fabs(x(i)) <= kMaxPointCoordinate)) {
      return Status::Error("A point's coordinates must be numbers from " + FormatG(-kMaxPointCoordinate) + " to " +
                           FormatG(kMaxPointCoordinate) + ", but coordinate " + std::to_string(i + 1) + " is " +
                           FormatNumber(x(i)) + ".");
    }
  }
  return Status::Ok();
}

// After an edit of the points: inputs again, the next epoch starts afresh and includes the change,
// metrics re-measured. The network is kept.
void AfterPointEdit(Playground* p) {
  p->train_inputs = PlaygroundInputs(*p, p->train.X);
  p->test_inputs = PlaygroundInputs(*p, p->test.X);
  p->workspace.cursor = 0;
  playground_detail::MeasureMetrics(p);
}

}  // namespace

Status AddPlaygroundPoint(Playground* playground, const Eigen::VectorXd& x, double label_or_value) {
  Playground& p = *playground;
  Status point = CheckPoint(p, x);
  if (!point) return point;
  if (p.data.size() >= kMaxPoints) {
    return Status::Error("The data is full: it holds at most " + std::to_string(kMaxPoints) + " points.");
  }
  if (p.data.regression()) {
    if (!std::isfinite(label_or_value)) {
      return Status::Error("A point's target value must be a finite number, but got " + FormatNumber(label_or_value) +
                           ".");
    }
    Status added = AddRegressionPoint(&p.data, x, label_or_value);
    if (added) added = AddRegressionPoint(&p.train, x, label_or_value);
    if (!added) return added;
  } else {
    const int K = p.data.num_classes;
    if (!(label_or_value >= 0.0 && label_or_value <= K - 1 && label_or_value == std::floor(label_or_value))) {
      return Status::Error("A point's class must be a whole number from 0 to " + std::to_string(K - 1) + ", but got " +
                           FormatNumber(label_or_value) + ".");
    }
    const int label = static_cast<int>(label_or_value);
    Status added = AddPoint(&p.data, x, label);
    if (added) added = AddPoint(&p.train, x, label);
    if (!added) return added;
  }
  AfterPointEdit(&p);
  return Status::Ok();
}

Result<bool> RemovePlaygroundPointNear(Playground* playground, const Eigen::VectorXd& x, double radius) {
  Playground& p = *playground;
  Status point = CheckPoint(p, x);
  if (!point) return Result<bool>::Error(point.error);
  if (!(std::isfinite(radius) && radius > 0.0)) {
    return Result<bool>::Error("The search radius must be a number above 0, but got " + FormatNumber(radius) + ".");
  }
  const std::pair<int, double> in_train = NearestWithin(p.train, x, radius);
  const std::pair<int, double> in_test = NearestWithin(p.test, x, radius);
  if (in_train.first < 0 && in_test.first < 0) return Result<bool>::Ok(false);
  const bool from_test = in_test.first >= 0 && (in_train.first < 0 || in_test.second < in_train.second);
  Dataset& part = from_test ? p.test : p.train;
  const int column = from_test ? in_test.first : in_train.first;
  if (!from_test && p.train.size() == 1) {
    return Result<bool>::Error("That is the last training point; the network needs at least one to learn from.");
  }
  const int in_data = FindSamePoint(p.data, part, column);
  assert(in_data >= 0 && "every train and test point is also in data");
  if (in_data >= 0) RemovePoint(&p.data, in_data);
  RemovePoint(&part, column);
  AfterPointEdit(&p);
  return Result<bool>::Ok(true);
}

int NearestTrainingPoint(const Playground& playground, const Eigen::VectorXd& x) {
  if (!CheckPoint(playground, x)) return -1;
  return NearestWithin(playground.train, x, std::numeric_limits<double>::infinity()).first;
}

}  // namespace bp
