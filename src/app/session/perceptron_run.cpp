// The bookkeeping around the core's perceptron rule (see perceptron_run.h).
#include "app/session/perceptron_run.h"

#include <algorithm>
#include <numeric>

#include "core/history.h"

namespace bp {

namespace {
void FinishEpoch(PerceptronRun* run, int mistakes) {
  run->epochs += 1;
  if ((run->epochs - 1) % run->mistakes_every == 0) {
    run->mistakes_per_epoch.push_back(mistakes);
    run->mistakes_epochs.push_back(run->epochs);
    ThinHistory(kMaxMistakeRecords, &run->mistakes_every, &run->mistakes_per_epoch, &run->mistakes_epochs);
  }
  run->last_mistakes = mistakes;
  run->fewest_mistakes = run->fewest_mistakes < 0 ? mistakes : std::min(run->fewest_mistakes, mistakes);
  run->converged = mistakes == 0;
  run->cursor = 0;
  run->mistakes_in_epoch = 0;
}
}  // namespace

void ResetPerceptronRun(PerceptronRun* run) {
  run->inputs = run->use_features ? ApplyFeatures(run->features, run->data.X) : run->data.X;
  run->perceptron = MakePerceptron(static_cast<int>(run->inputs.rows()));
  run->cursor = 0;
  run->mistakes_in_epoch = 0;
  run->epochs = 0;
  run->mistakes_per_epoch.clear();
  run->mistakes_epochs.clear();
  run->mistakes_every = 1;
  run->last_mistakes = -1;
  run->fewest_mistakes = -1;
  run->converged = false;
  run->has_last_step = false;
  run->running = false;
}

Status AddPerceptronPoint(PerceptronRun* run, double x1, double x2, int label) {
  Eigen::VectorXd x(2);
  x << x1, x2;
  Status added = AddPoint(&run->data, x, label);
  if (!added) return added;
  ResetPerceptronRun(run);
  return Status::Ok();
}

Status SetPerceptronPoints(PerceptronRun* run, const OwnPoints& points) {
  if (points.regression || points.X.rows() != 2) {
    return Status::Error("the perceptron separates two classes in the plane: give x1,x2,label rows with labels "
                         "0 and 1, not " + points.header + " values");
  }
  if (points.num_classes != 2) {
    return Status::Error("the perceptron separates two classes (labels 0 and 1), but the data has " +
                         std::to_string(points.num_classes) + " classes");
  }
  Result<Dataset> data = MakeOwnDataset(points, TargetEncoding::kZeroOne);
  if (!data) return Status::Error(data.error());
  run->data = std::move(data.value());
  ResetPerceptronRun(run);
  return Status::Ok();
}

Status StepPerceptronSample(PerceptronRun* run) {
  const int n = static_cast<int>(run->inputs.cols());
  if (n == 0) return Status::Error("there are no points to learn from");
  const int index = run->cursor;
  Result<PerceptronStepRecord> step =
      PerceptronStep(&run->perceptron, run->inputs.col(index), run->data.labels[index], run->eta, index);
  if (!step.ok()) return Status::Error(step.error());
  run->last_step = step.value();
  run->has_last_step = true;
  if (run->last_step.mistake) run->mistakes_in_epoch += 1;
  run->cursor += 1;
  if (run->cursor == n) FinishEpoch(run, run->mistakes_in_epoch);
  return Status::Ok();
}

Status RunPerceptronEpochs(PerceptronRun* run, int epochs, bool stop_when_converged) {
  epochs = std::clamp(epochs, 1, kMaxPerceptronEpochsPerCall);
  const int n = static_cast<int>(run->inputs.cols());
  if (n == 0) return Status::Error("there are no points to learn from");
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  for (int e = 0; e < epochs; ++e) {
    if (run->cursor > 0) {
      // Finish the epoch the learner started by hand, so every epoch counts all N samples.
      const int before = run->epochs;
      while (run->epochs == before) {
        Status stepped = StepPerceptronSample(run);
        if (!stepped) return stepped;
      }
    } else {
      Result<PerceptronEpoch> epoch =
          RunPerceptronEpoch(&run->perceptron, run->inputs, run->data.labels, order, run->eta);
      if (!epoch.ok()) return Status::Error(epoch.error());
      if (!epoch->steps.empty()) {
        run->last_step = epoch->steps.back();
        run->has_last_step = true;
      }
      FinishEpoch(run, epoch->mistakes);
    }
    if (stop_when_converged && run->converged) break;
  }
  return Status::Ok();
}

void AdvancePerceptronRun(PerceptronRun* run) {
  if (!run->running) return;
  const int left = run->run_limit - (run->epochs - run->run_started_at);
  if (left <= 0 || run->converged) {
    run->running = false;
    return;
  }
  Status ran = RunPerceptronEpochs(run, std::min(left, kPerceptronEpochsPerFrame), true);
  if (!ran || run->converged || run->epochs - run->run_started_at >= run->run_limit) run->running = false;
}

}  // namespace bp
