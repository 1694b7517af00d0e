// Tests for ThinHistory (history.h): the bounded size, the first and the newest record kept, the
// records one every `stride` epochs, parallel histories kept aligned, determinism, and the same
// records as the thinning rules the playground and two lessons had before they shared this function.
#include <doctest/doctest.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "core/history.h"

namespace {

// A run's history as the callers keep it: a record is appended at the epochs that are multiples
// of the stride, then ThinHistory runs.
struct Run {
  std::vector<int> epochs;
  std::vector<double> losses;
  int stride = 1;
};

// A made-up loss curve, so a test can check that each loss stayed beside its own epoch.
double LossAt(int epoch) { return 1.0 / (1.0 + epoch); }

// Appends epoch `epoch` if it is due; returns whether it was.
bool Record(Run* run, int epoch, int max_records) {
  if (epoch % run->stride != 0) return false;
  run->epochs.push_back(epoch);
  run->losses.push_back(LossAt(epoch));
  bp::ThinHistory(max_records, &run->stride, &run->epochs, &run->losses);
  return true;
}

// The rule the universal approximation and width vs depth lessons had: append, and when there
// are more than max_records samples keep every other one (the first stays) and sample half as often.
void LessonRuleRecord(std::vector<int>* epochs, int* every, int epoch, int max_records) {
  if (epoch % *every != 0) return;
  epochs->push_back(epoch);
  if (static_cast<int>(epochs->size()) <= max_records) return;
  size_t kept = 0;
  for (size_t i = 0; i < epochs->size(); i += 2) (*epochs)[kept++] = (*epochs)[i];
  epochs->resize(kept);
  *every *= 2;
}

// The rule the playground had: a full history (max_records) drops every second record and
// doubles the stride before the new record, which is then appended only if still due.
void PlaygroundRuleRecord(std::vector<int>* epochs, int* stride, int epoch, int max_records) {
  if (epoch % *stride != 0) return;
  if (static_cast<int>(epochs->size()) >= max_records) {
    size_t kept = 0;
    for (size_t i = 0; i < epochs->size(); i += 2) (*epochs)[kept++] = (*epochs)[i];
    epochs->resize(kept);
    *stride *= 2;
    if (epoch % *stride != 0) return;
  }
  epochs->push_back(epoch);
}

}  // namespace

TEST_CASE("history: bounded, first and newest kept, one record every stride epochs") {
  for (int max_records : {2, 4, 16, 1000, 2048}) {
    CAPTURE(max_records);
    Run run;
    int problems = 0;
    for (int epoch = 0; epoch <= 20000; ++epoch) {
      const int stride_before = run.stride;
      const bool recorded = Record(&run, epoch, max_records);
      const size_t n = run.epochs.size();
      if (n > static_cast<size_t>(max_records) || run.epochs.front() != 0) ++problems;
      // The record just appended is never the one thinning drops.
      if (recorded && run.epochs.back() != epoch) ++problems;
      if (run.epochs.back() != epoch / run.stride * run.stride) ++problems;
      // Records at 0, s, 2s, ..., up to the newest multiple of s (checked in full after each thinning).
      if (run.stride == stride_before && epoch < 20000) continue;
      for (size_t i = 0; i < n; ++i) {
        if (run.epochs[i] != static_cast<int>(i) * run.stride) ++problems;
      }
    }
    CHECK(problems == 0);
    // A thinned history holds more than half the limit: the curve never gets coarser than it must.
    CHECK(run.stride > 1);
    CHECK(run.epochs.size() > static_cast<size_t>(max_records / 2));
  }
}

TEST_CASE("history: 20000 epochs with at most 1000 records, worked by hand") {
  // Stride 1 fills epochs 0..1000 (1001 records): thinning keeps 0, 2, ..., 1000 (501), stride 2.
  // Stride s fills up again at epoch 1000 s, so the stride doubles at 1000, 2000, 4000, 8000 and
  // 16000 and ends at 32; the records are 0, 32, ..., 20000 = 625 * 32: 626 of them.
  Run run;
  for (int epoch = 0; epoch <= 20000; ++epoch) Record(&run, epoch, 1000);
  CHECK(run.stride == 32);
  REQUIRE(run.epochs.size() == 626);
  CHECK(run.epochs.back() == 20000);
  CHECK(run.losses.back() == LossAt(20000));
}

TEST_CASE("history: thins only past the limit, and returns whether it did") {
  std::vector<int> epochs = {0, 1, 2, 3};
  int stride = 1;
  CHECK_FALSE(bp::ThinHistory(4, &stride, &epochs));
  CHECK(epochs == std::vector<int>{0, 1, 2, 3});
  CHECK(stride == 1);
  epochs.push_back(4);
  CHECK(bp::ThinHistory(4, &stride, &epochs));
  CHECK(epochs == std::vector<int>{0, 2, 4});
  CHECK(stride == 2);
}

TEST_CASE("history: a history far past the limit is thinned until it fits") {
  // 0..9 with at most 2: 0 2 4 6 8, then 0 4 8, then 0 8; the stride doubles three times.
  std::vector<int> epochs = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
  int stride = 1;
  CHECK(bp::ThinHistory(2, &stride, &epochs));
  CHECK(epochs == std::vector<int>{0, 8});
  CHECK(stride == 8);
}

TEST_CASE("history: parallel histories stay aligned, records of any type") {
  // The width vs depth lesson's shape: one epoch axis and two loss curves, thinned together.
  std::vector<double> epochs, wide, deep;
  int stride = 1;
  for (int epoch = 0; epoch <= 5000; ++epoch) {
    if (epoch % stride != 0) continue;
    epochs.push_back(epoch);
    wide.push_back(LossAt(epoch));
    deep.push_back(2.0 * LossAt(epoch));
    bp::ThinHistory(100, &stride, &epochs, &wide, &deep);
  }
  REQUIRE(wide.size() == epochs.size());
  REQUIRE(deep.size() == epochs.size());
  int misaligned = 0;
  for (size_t i = 0; i < epochs.size(); ++i) {
    const int epoch = static_cast<int>(epochs[i]);
    if (wide[i] != LossAt(epoch) || deep[i] != 2.0 * LossAt(epoch)) ++misaligned;
  }
  CHECK(misaligned == 0);

  // The playground's shape: one vector of records.
  struct Point {
    int epoch;
    double loss;
  };
  std::vector<Point> points;
  int point_stride = 1;
  for (int epoch = 0; epoch <= 5000; ++epoch) {
    if (epoch % point_stride != 0) continue;
    points.push_back({epoch, LossAt(epoch)});
    bp::ThinHistory(100, &point_stride, &points);
  }
  CHECK(point_stride == stride);
  REQUIRE(points.size() == epochs.size());
  for (size_t i = 0; i < points.size(); ++i) CHECK(points[i].loss == wide[i]);
}

TEST_CASE("history: the same run gives the same records twice") {
  Run first, second;
  for (int epoch = 0; epoch <= 9000; ++epoch) {
    Record(&first, epoch, 64);
    Record(&second, epoch, 64);
  }
  CHECK(first.epochs == second.epochs);
  CHECK(first.losses == second.losses);
  CHECK(first.stride == second.stride);
}

TEST_CASE("history: the same records as the lessons' and the playground's earlier rules") {
  // The lessons thinned after appending past 1000 samples, the playground before appending to a
  // full 2048; for an even limit both keep exactly what ThinHistory keeps, at every epoch.
  for (int max_records : {2, 16, 1000, 2048}) {
    CAPTURE(max_records);
    Run run;
    std::vector<int> lesson_epochs, playground_epochs;
    int lesson_every = 1, playground_stride = 1;
    int differ = 0;
    for (int epoch = 0; epoch <= 20000; ++epoch) {
      const int stride_before = run.stride;
      Record(&run, epoch, max_records);
      LessonRuleRecord(&lesson_epochs, &lesson_every, epoch, max_records);
      PlaygroundRuleRecord(&playground_epochs, &playground_stride, epoch, max_records);
      if (run.stride != lesson_every || run.stride != playground_stride) ++differ;
      if (run.epochs.size() != lesson_epochs.size() || run.epochs.back() != lesson_epochs.back()) ++differ;
      if (run.epochs.size() != playground_epochs.size() || run.epochs.back() != playground_epochs.back()) ++differ;
      // Between thinnings all three only append, so comparing in full after each thinning suffices.
      if (run.stride == stride_before && epoch < 20000) continue;
      if (run.epochs != lesson_epochs || run.epochs != playground_epochs) ++differ;
    }
    CHECK(run.stride > 1);
    CHECK(differ == 0);
  }
}
