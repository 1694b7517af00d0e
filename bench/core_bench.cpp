// Training throughput of the core (the core issue's benchmark, see docs/performance.md): samples
// per second of minibatch SGD on two fixed playground configurations, and the time to evaluate each
// trained network on the 256 x 256 decision-boundary grid. The same file runs natively, under Node
// and in the browser. It prints a table, then one "result" line per configuration for
// tests/run_bench.sh.
//   core_bench [--runs N] [--min-seconds S] [--case circle|spiral] [--profile-epochs N]
// --profile-epochs trains each case for exactly N epochs and prints no timings: a fixed amount of
// work for perf, callgrind or node --cpu-prof.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/activation.h"
#include "core/dataset.h"
#include "core/expression.h"
#include "core/loss.h"
#include "core/loss_surface.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/train.h"

namespace {

// The fixed setup of the issue: 500 points, half of them for training, minibatches of 10, plain SGD.
constexpr int kPoints = 500;
constexpr double kTrainFraction = 0.5;
constexpr int kBatchSize = 10;
constexpr double kLearningRate = 0.03;
constexpr uint64_t kDataSeed = 1;
constexpr uint64_t kSplitSeed = 2;
constexpr uint64_t kWeightSeed = 3;
constexpr uint64_t kShuffleSeed = 4;
// The classic playground's initialisation: weights U(-0.5, 0.5), biases 0.1.
constexpr double kInitRange = 0.5;
constexpr double kInitBias = 0.1;
// The decision-boundary grid: 256 x 256 points over the data's square [-1, 1]^2.
constexpr int kGridSide = 256;
constexpr double kGridExtent = 1.0;
// A fixed training run whose loss and accuracy the builds should print alike (see PrintChecks), and
// which shows that the benchmarked configuration does learn.
constexpr int kCheckEpochs = 200;
// --profile-epochs trains in calls of this many epochs (see RunProfileWork).
constexpr int kProfileChunkEpochs = 20;

constexpr int kDefaultRuns = 7;
constexpr double kDefaultMinSeconds = 0.5;
// Calibration stops doubling the work once a call lasts this fraction of the minimum run time, then
// sizes the runs with this much margin above the minimum.
constexpr double kCalibrationFraction = 0.125;
constexpr double kRunMargin = 1.05;
constexpr double kWarmUpSeconds = 0.3;

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "core_bench: %s\n", message.c_str());
  std::exit(1);
}

struct Options {
  int runs = kDefaultRuns;
  double min_seconds = kDefaultMinSeconds;
  std::string only_case;   // empty: every case
  int profile_epochs = 0;  // > 0: fixed work for a profiler, no timings
};

Options ParseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const bool has_value = i + 1 < argc;
    if (std::strcmp(argv[i], "--runs") == 0 && has_value) {
      options.runs = std::atoi(argv[++i]);
    } else if (std::strcmp(argv[i], "--min-seconds") == 0 && has_value) {
      options.min_seconds = std::atof(argv[++i]);
    } else if (std::strcmp(argv[i], "--case") == 0 && has_value) {
      options.only_case = argv[++i];
    } else if (std::strcmp(argv[i], "--profile-epochs") == 0 && has_value) {
      options.profile_epochs = std::atoi(argv[++i]);
    } else {
      Fail(std::string("unknown argument '") + argv[i] +
           "'; usage: core_bench [--runs N] [--min-seconds S] [--case circle|spiral] [--profile-epochs N]");
    }
  }
  if (options.runs < 1 || options.runs > 101) Fail("--runs must be between 1 and 101");
  if (!(options.min_seconds > 0.0 && options.min_seconds <= 60.0)) Fail("--min-seconds must be in (0, 60]");
  if (!options.only_case.empty() && options.only_case != "circle" && options.only_case != "spiral") {
    Fail("--case must be circle or spiral");
  }
  if (options.profile_epochs < 0) Fail("--profile-epochs must be >= 0");
  return options;
}

// One benchmarked configuration: its data split, its network before training, and the SGD settings.
struct BenchCase {
  const char* id;                    // for the result lines: "circle", "spiral"
  const char* title;                 // for the table
  const char* network;               // for the table
  Eigen::MatrixXd X_train, T_train;  // (2, 250), (1, 250)
  Eigen::MatrixXd X_test, T_test;    // (2, 250), (1, 250)
  bp::Mlp initial;
  bp::OptimizerConfig sgd;
};

// Data at noise 0 with the playground's targets for a tanh output (-1 / +1), split in half; the
// network with `hidden` in every hidden layer and tanh at the output, drawn as the playground does.
BenchCase MakeCase(const char* id, const char* title, const char* network, bp::DatasetKind kind,
                   const std::vector<int>& sizes, bp::Activation hidden) {
  BenchCase c{id, title, network, {}, {}, {}, {}, {}, {}};
  bp::DatasetOptions options;
  options.kind = kind;
  options.count = kPoints;
  options.noise = 0.0;
  options.seed = kDataSeed;
  options.encoding = bp::TargetEncoding::kPlusMinusOne;
  bp::Result<bp::Dataset> data = bp::MakeDataset(options);
  if (!data.ok()) Fail("MakeDataset failed: " + data.error());
  bp::Result<bp::DatasetSplit> split = bp::SplitDataset(data.value(), kTrainFraction, kSplitSeed);
  if (!split.ok()) Fail("SplitDataset failed: " + split.error());
  c.X_train = split->train.X;
  c.T_train = split->train.T;
  c.X_test = split->test.X;
  c.T_test = split->test.T;

  bp::MlpSpec spec;
  spec.sizes = sizes;
  spec.activations.assign(sizes.size() - 1, hidden);
  spec.activations.back() = bp::Activation::kTanh;
  spec.loss = bp::Loss::kHalfSquaredError;
  spec.init = bp::InitScheme::kUniform;
  spec.uniform_range = kInitRange;
  spec.initial_bias = kInitBias;
  bp::Result<bp::Mlp> mlp = bp::MakeMlp(spec, kWeightSeed);
  if (!mlp.ok()) Fail("MakeMlp failed: " + mlp.error());
  c.initial = mlp.value();

  c.sgd.kind = bp::OptimizerKind::kSgd;
  c.sgd.learning_rate = kLearningRate;
  const bp::Status data_ok = bp::CheckTrainingData(c.initial, c.X_train, c.T_train);
  if (!data_ok.ok()) Fail("CheckTrainingData failed: " + data_ok.error);
  return c;
}

// Trains a fresh copy of the initial network for `epochs` epochs, as the app does (TrainEpoch with a
// reused workspace), and returns the seconds taken. Every call trains the same deterministic run.
double TrainSeconds(const BenchCase& c, int epochs, bp::Mlp* trained = nullptr) {
  bp::Mlp mlp = c.initial;
  bp::OptimizerState state = bp::MakeOptimizerState(mlp);
  bp::Rng shuffle(kShuffleSeed);
  bp::TrainWorkspace workspace;
  const Clock::time_point start = Clock::now();
  for (int epoch = 0; epoch < epochs; ++epoch) {
    const bp::Result<bp::TrainStats> stats =
        bp::TrainEpoch(&mlp, c.X_train, c.T_train, kBatchSize, c.sgd, &state, &shuffle, &workspace);
    if (!stats.ok()) Fail(std::string("TrainEpoch failed: ") + stats.error());
    if (stats->diverged) Fail(std::string(c.id) + ": training diverged");
  }
  const double seconds = SecondsSince(start);
  if (trained != nullptr) *trained = mlp;
  return seconds;
}

// The grid of the decision-boundary picture, one point per column, row by row: (2, 256 * 256).
Eigen::MatrixXd MakeGrid() {
  Eigen::MatrixXd grid(2, kGridSide * kGridSide);
  const double step = 2.0 * kGridExtent / (kGridSide - 1);
  for (int row = 0; row < kGridSide; ++row) {
    for (int column = 0; column < kGridSide; ++column) {
      grid(0, row * kGridSide + column) = -kGridExtent + step * column;
      grid(1, row * kGridSide + column) = kGridExtent - step * row;
    }
  }
  return grid;
}

struct Timing {
  double median = 0.0;  // seconds per repetition
  double fastest = 0.0;
  double slowest = 0.0;
  int repetitions = 0;  // per run
};

// `work(n)` does n repetitions and returns the seconds they took. After a warm-up, doubles n until one
// call lasts a fraction of min_seconds, sizes n so that a call lasts at least min_seconds, then times
// `runs` calls. An even number of runs reports the upper median.
template <typename Work>
Timing Measure(const Work& work, const Options& options) {
  // Warm-up in many short calls first: V8 has no on-stack replacement for wasm, so a call keeps the
  // code it started in, and the optimised code (compiled in the background, later on a busy machine)
  // only arrives with a later call. The app trains in short calls too (one per frame).
  const Clock::time_point warm_up = Clock::now();
  while (SecondsSince(warm_up) < kWarmUpSeconds) work(1);
  int repetitions = 1;
  double seconds = work(repetitions);
  while (seconds < options.min_seconds * kCalibrationFraction) {
    repetitions *= 2;
    seconds = work(repetitions);
  }
  repetitions = static_cast<int>(std::ceil(repetitions * options.min_seconds / seconds * kRunMargin));
  std::vector<double> per_repetition;
  for (int run = 0; run < options.runs; ++run) per_repetition.push_back(work(repetitions) / repetitions);
  std::sort(per_repetition.begin(), per_repetition.end());
  Timing timing;
  timing.median = per_repetition[per_repetition.size() / 2];
  timing.fastest = per_repetition.front();
  timing.slowest = per_repetition.back();
  timing.repetitions = repetitions;
  return timing;
}

struct CaseResult {
  double samples_per_second = 0.0;  // median
  double samples_per_second_low = 0.0;
  double samples_per_second_high = 0.0;
  int epochs_per_run = 0;
  double grid_ms = 0.0;  // median
  double check_loss = 0.0;
  double check_accuracy = 0.0;
  uint64_t check_bits = 0;
  double grid_checksum = 0.0;
};

// FNV-1a over the bits of every weight and bias: equal hashes mean bit-for-bit equal networks. The
// wasm builds with and without SIMD must print the same (so must any native build of the same libm).
uint64_t ParameterBits(const bp::Mlp& mlp) {
  constexpr uint64_t kFnvOffset = 14695981039346656037ull;
  constexpr uint64_t kFnvPrime = 1099511628211ull;
  uint64_t hash = kFnvOffset;
  const auto add = [&hash](const double* values, Eigen::Index count) {
    for (Eigen::Index i = 0; i < count; ++i) {
      uint64_t bits;
      std::memcpy(&bits, &values[i], sizeof bits);
      for (int byte = 0; byte < 8; ++byte) hash = (hash ^ ((bits >> (8 * byte)) & 0xff)) * kFnvPrime;
    }
  };
  for (const bp::Layer& layer : mlp.layers) {
    add(layer.W.data(), layer.W.size());
    add(layer.b.data(), layer.b.size());
  }
  return hash;
}

CaseResult RunCase(const BenchCase& c, const Eigen::MatrixXd& grid, const Options& options) {
  CaseResult result;
  const double samples_per_epoch = static_cast<double>(c.X_train.cols());
  const Timing training = Measure([&c](int epochs) { return TrainSeconds(c, epochs); }, options);
  result.samples_per_second = samples_per_epoch / training.median;
  result.samples_per_second_low = samples_per_epoch / training.slowest;
  result.samples_per_second_high = samples_per_epoch / training.fastest;
  result.epochs_per_run = training.repetitions;

  bp::Mlp trained;
  TrainSeconds(c, kCheckEpochs, &trained);
  result.check_loss = bp::Evaluate(trained, c.X_train, c.T_train).loss;
  result.check_accuracy = bp::Evaluate(trained, c.X_test, c.T_test).accuracy;
  result.check_bits = ParameterBits(trained);

  // The checksum keeps the compiler from dropping the predictions and is printed as a second check.
  double checksum = 0.0;
  const Timing grid_timing = Measure(
      [&trained, &grid, &checksum](int calls) {
        const Clock::time_point start = Clock::now();
        for (int call = 0; call < calls; ++call) checksum = bp::Predict(trained, grid).sum();
        return SecondsSince(start);
      },
      options);
  result.grid_ms = grid_timing.median * 1e3;
  result.grid_checksum = checksum;
  return result;
}

const char* BuildName() {
#if defined(__EMSCRIPTEN__)
  return "wasm32 (Emscripten)";
#else
  return "native";
#endif
}

const char* CompilerName() {
#if defined(__clang__)
  return "";  // __VERSION__ names clang itself
#else
  return "GCC ";
#endif
}

void PrintHeader(const Options& options) {
#ifndef NDEBUG
  std::printf("WARNING: assertions are on (not a Release build); the numbers are not representative.\n");
#endif
  std::printf("Backprop Lab core benchmark: %s, %s%s, double precision, one thread\n", BuildName(), CompilerName(),
              __VERSION__);
  std::printf("%d points at noise 0, %d for training, batch %d, SGD lr %g, half squared error, targets -1/+1.\n",
              kPoints, static_cast<int>(std::lround(kPoints * kTrainFraction)), kBatchSize, kLearningRate);
  std::printf("Median of %d runs of >= %g s each (range: slowest and fastest run).\n\n", options.runs,
              options.min_seconds);
  std::fflush(stdout);
}

std::vector<BenchCase> MakeCases(const Options& options) {
  std::vector<BenchCase> cases;
  if (options.only_case.empty() || options.only_case == "circle") {
    cases.push_back(MakeCase("circle", "(a) circle", "2-4-2-1 tanh, tanh out", bp::DatasetKind::kCircle, {2, 4, 2, 1},
                             bp::Activation::kTanh));
  }
  if (options.only_case.empty() || options.only_case == "spiral") {
    cases.push_back(MakeCase("spiral", "(b) spiral", "2-8-8-8-8-1 ReLU, tanh out", bp::DatasetKind::kSpiral,
                             {2, 8, 8, 8, 8, 1}, bp::Activation::kRelu));
  }
  return cases;
}

// --profile-epochs: a fixed amount of training and nothing else, for perf, callgrind or node --cpu-prof.
// The work is split into fresh runs of kProfileChunkEpochs, one call each: V8 has no on-stack
// replacement for wasm, so one long call would run start to end in the baseline compiler's code and
// profile that instead.
void RunProfileWork(const std::vector<BenchCase>& cases, int epochs) {
  for (const BenchCase& c : cases) {
    bp::Mlp trained;
    for (int done = 0; done < epochs; done += kProfileChunkEpochs) {
      TrainSeconds(c, std::min(kProfileChunkEpochs, epochs - done), &trained);
    }
    std::printf("%s: %d epochs in fresh runs of %d; train loss after a run %.12f\n", c.id, epochs, kProfileChunkEpochs,
                bp::Evaluate(trained, c.X_train, c.T_train).loss);
  }
}

void PrintChecks(const std::vector<BenchCase>& cases, const std::vector<CaseResult>& results) {
  // glibc's and musl's exp and tanh differ in the last bit for some inputs; training carries that
  // forward, so the builds agree to many digits here rather than to every bit.
  std::printf("\nCheck: after %d epochs from the fixed seeds (the builds should agree to about 9 digits)\n",
              kCheckEpochs);
  for (size_t i = 0; i < cases.size(); ++i) {
    std::printf("  %-11s train loss %.12f, test accuracy %.3f, grid output sum %.9f\n", cases[i].title,
                results[i].check_loss, results[i].check_accuracy, results[i].grid_checksum);
  }
  std::printf("\n");
  for (size_t i = 0; i < cases.size(); ++i) {
    const CaseResult& r = results[i];
    std::printf(
        "result %s samples_per_second=%.0f low=%.0f high=%.0f grid_ms=%.4f check_loss=%.12f "
        "check_accuracy=%.4f check_bits=%016llx\n",
        cases[i].id, r.samples_per_second, r.samples_per_second_low, r.samples_per_second_high, r.grid_ms, r.check_loss,
        r.check_accuracy, static_cast<unsigned long long>(r.check_bits));
  }
}

// The new lessons' heaviest work, what one frame of theirs may do: the loss surface re-running its
// four optimizers' paths (1,000 steps each, after the start is dragged or η typed), shading the surface
// (96² losses, after the problem or a penalty changes), and a 190-node typed expression parsed,
// evaluated and differentiated.
void RunLessonWork(const Options& options) {
  auto surface_paths = [](int n) {
    const Clock::time_point start = Clock::now();
    for (int r = 0; r < n; ++r) {
      for (bp::OptimizerKind kind :
           {bp::OptimizerKind::kSgd, bp::OptimizerKind::kSgd, bp::OptimizerKind::kMomentum, bp::OptimizerKind::kAdam}) {
        bp::SurfaceRunConfig run;
        run.optimizer.kind = kind;
        run.optimizer.learning_rate = 0.5;
        run.start = bp::SurfaceDefaultStart(bp::SurfaceProblem::kBowl);
        run.steps = 1000;
        bp::Result<bp::SurfacePath> path = bp::RunSurfacePath(run);
        if (!path.ok()) Fail("RunSurfacePath failed: " + path.error());
      }
    }
    return SecondsSince(start);
  };
  auto surface_grid = [](int n) {
    const Clock::time_point start = Clock::now();
    for (int r = 0; r < n; ++r) {
      bp::Result<bp::SurfaceGrid> grid =
          bp::MakeSurfaceGrid(bp::SurfaceProblem::kPlateau, bp::SurfaceDefaultRange(bp::SurfaceProblem::kPlateau), 96,
                              bp::OptimizerConfig{});
      if (!grid.ok()) Fail("MakeSurfaceGrid failed: " + grid.error());
    }
    return SecondsSince(start);
  };
  std::string text = "x = 0.5\ny = x";
  for (int k = 0; k < 47; ++k) text += " + tanh(x*" + std::to_string(k % 7 + 1) + ")";
  auto expression = [&text](int n) {
    const Clock::time_point start = Clock::now();
    for (int r = 0; r < n; ++r) {
      bp::Result<bp::ExpressionGraph> parsed = bp::ParseExpression(text);
      if (!parsed.ok()) Fail("ParseExpression failed: " + parsed.error());
      bp::Forward(&parsed.value().graph);
      bp::Backward(&parsed.value().graph);
    }
    return SecondsSince(start);
  };
  const bp::Result<bp::ExpressionGraph> sized = bp::ParseExpression(text);
  if (!sized.ok()) Fail("ParseExpression failed: " + sized.error());
  const Timing paths = Measure(surface_paths, options);
  const Timing grid = Measure(surface_grid, options);
  const Timing typed = Measure(expression, options);
  std::printf("Lessons' work per change (median; range):\n");
  std::printf("  loss surface, four paths of 1000 steps   %8.3f ms (%.3f - %.3f)\n", paths.median * 1e3,
              paths.fastest * 1e3, paths.slowest * 1e3);
  std::printf("  loss surface, shading 96x96               %8.3f ms (%.3f - %.3f)\n", grid.median * 1e3,
              grid.fastest * 1e3, grid.slowest * 1e3);
  std::printf("  expression of %zu nodes, parse+fwd+bwd    %8.3f ms (%.3f - %.3f)\n\n",
              sized.value().graph.nodes.size(), typed.median * 1e3, typed.fastest * 1e3, typed.slowest * 1e3);
  std::printf("result lessons surface_paths_ms=%.4f surface_grid_ms=%.4f expression_ms=%.4f\n", paths.median * 1e3,
              grid.median * 1e3, typed.median * 1e3);
}
}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseOptions(argc, argv);
  PrintHeader(options);
  const std::vector<BenchCase> cases = MakeCases(options);
  if (options.profile_epochs > 0) {
    RunProfileWork(cases, options.profile_epochs);
    return 0;
  }

  const Eigen::MatrixXd grid = MakeGrid();
  std::printf("%-11s %-27s %13s %21s %10s %13s\n", "config", "network", "samples/s", "range", "epochs/run",
              "grid 256x256");
  std::vector<CaseResult> results;
  for (const BenchCase& c : cases) {
    const CaseResult r = RunCase(c, grid, options);
    std::printf("%-11s %-27s %11.3f M %8.3f M - %6.3f M %10d %10.2f ms\n", c.title, c.network,
                r.samples_per_second * 1e-6, r.samples_per_second_low * 1e-6, r.samples_per_second_high * 1e-6,
                r.epochs_per_run, r.grid_ms);
    std::fflush(stdout);
    results.push_back(r);
  }
  PrintChecks(cases, results);
  std::fflush(stdout);
  if (options.only_case.empty()) RunLessonWork(options);
  std::fflush(stdout);
  return 0;
}
