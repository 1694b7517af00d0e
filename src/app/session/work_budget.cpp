// The work one command may do (see work_budget.h).
#include "app/session/work_budget.h"

#include <algorithm>
#include <cmath>

namespace bp {

double EpochWork(const Mlp& mlp, long long train_samples, long long metric_samples) {
  return BatchWork(mlp, train_samples) + MetricsWork(mlp, metric_samples);
}

double MetricsWork(const Mlp& mlp, long long samples) {
  return (mlp.ParameterCount() + kSampleOverheadUnits / 2) * static_cast<double>(samples);
}

double BatchWork(const Mlp& mlp, long long batch_size) {
  return (3.0 * mlp.ParameterCount() + kSampleOverheadUnits) * static_cast<double>(batch_size) + kEpochOverheadUnits;
}

double TracedStepWork(const Mlp& mlp) { return kTraceUnitsPerParameter * mlp.ParameterCount() + kTraceOverheadUnits; }

long long ItemsWithinBudget(double work_per_item, double fixed_work) {
  const double left = std::max(kCommandWorkBudget - fixed_work, 0.0);
  return std::max(1LL, static_cast<long long>(std::floor(left / std::max(work_per_item, 1.0))));
}

std::string WorkBudgetError(const std::string& what, long long count, const std::string& items, const std::string& on,
                            double work_per_item, double fixed_work, const std::string& instead) {
  const long long fits = ItemsWithinBudget(work_per_item, fixed_work);
  if (count <= fits) return "";
  std::string sentence = what + ": " + std::to_string(count) + " " + items + " " + on +
                         " are more than one command may do (about 2 seconds of work); at most " +
                         std::to_string(fits) + " fit.";
  return instead.empty() ? sentence + " Send several commands." : sentence + " " + instead;
}

}  // namespace bp
