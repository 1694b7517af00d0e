// Determinism: the same seed gives the same data, initial weights and trained weights, run after
// run and natively vs in wasm. The native test run writes its results to --checksum-file; the wasm
// run (tests/run_all.sh runs it second) reads them and asserts it computed the same.
// Measured (2026-11, g++ 12 native vs Emscripten 3.1.6 under Node 20): after 100 SGD minibatches the
// largest difference between the native and the wasm weights was 2.2e-16 (libm last-bit
// differences in sin/cos/exp between glibc and musl); the test allows 1e-12, the bound the core promises.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/dataset.h"
#include "core/mlp.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/train.h"
#include "test_support.h"

namespace {

constexpr double kCrossBuildTolerance = 1e-12;
constexpr int kSteps = 100;

struct Run {
  std::vector<double> data;     // X and T of the dataset
  std::vector<double> initial;  // every parameter before training
  std::vector<double> trained;  // every parameter after kSteps minibatches
};

void Append(std::vector<double>* out, const Eigen::MatrixXd& m) {
  for (Eigen::Index c = 0; c < m.cols(); ++c) {
    for (Eigen::Index r = 0; r < m.rows(); ++r) out->push_back(m(r, c));
  }
}

std::vector<double> Parameters(const bp::Mlp& mlp) {
  std::vector<double> values;
  for (const bp::Layer& layer : mlp.layers) {
    Append(&values, layer.W);
    Append(&values, layer.b);
  }
  return values;
}

// Spiral data, a 2-8-8-1 tanh network, 100 SGD minibatches of 10 with a seeded shuffle.
Run TrainFromSeed() {
  bp::DatasetOptions options;
  options.kind = bp::DatasetKind::kSpiral;
  options.count = 200;
  options.noise = 0.1;
  options.seed = 42;
  options.encoding = bp::TargetEncoding::kPlusMinusOne;
  bp::Dataset data = bp::MakeDataset(options).value();

  bp::MlpSpec spec;
  spec.sizes = {2, 8, 8, 1};
  spec.activations = {bp::Activation::kTanh, bp::Activation::kTanh, bp::Activation::kTanh};
  spec.loss = bp::Loss::kHalfSquaredError;
  spec.init = bp::InitScheme::kHe;  // He draws normals: exercises Box-Muller's log/sin/cos too
  bp::Mlp mlp = bp::MakeMlp(spec, 7).value();

  Run run;
  Append(&run.data, data.X);
  Append(&run.data, data.T);
  run.initial = Parameters(mlp);

  bp::OptimizerConfig config;
  config.learning_rate = 0.03;
  bp::OptimizerState state = bp::MakeOptimizerState(mlp);
  bp::Rng shuffle(5);
  bp::TrainWorkspace workspace;
  bp::Result<bp::TrainStats> stats =
      bp::TrainSteps(&mlp, data.X, data.T, 10, kSteps, config, &state, &shuffle, &workspace);
  REQUIRE(stats.ok());
  REQUIRE_FALSE(stats->diverged);
  run.trained = Parameters(mlp);
  return run;
}

// FNV-1a over every value rounded to 1e-9: equal runs print equal checksums, and a last-bit
// difference between two libms cannot flip it unless a value sits exactly on a rounding edge.
uint64_t Checksum(const Run& run) {
  uint64_t hash = 1469598103934665603ULL;
  for (const std::vector<double>* part : {&run.data, &run.initial, &run.trained}) {
    for (double value : *part) {
      long long rounded = std::llround(value * 1e9);
      for (int byte = 0; byte < 8; ++byte) {
        hash ^= static_cast<uint64_t>((rounded >> (8 * byte)) & 0xff);
        hash *= 1099511628211ULL;
      }
    }
  }
  return hash;
}

}  // namespace

TEST_CASE("Determinism: the same seed gives bitwise the same data and weights, run after run") {
  Run first = TrainFromSeed();
  Run second = TrainFromSeed();
  CHECK(first.data == second.data);
  CHECK(first.initial == second.initial);
  CHECK(first.trained == second.trained);
  // Training moved the weights: the comparison above is not between two untouched networks.
  double moved = 0.0;
  for (size_t i = 0; i < first.initial.size(); ++i)
    moved = std::fmax(moved, std::fabs(first.trained[i] - first.initial[i]));
  CHECK(moved > 1e-3);
}

TEST_CASE("Determinism: native and wasm builds compute the same checksum and weights") {
  Run run = TrainFromSeed();
  uint64_t checksum = Checksum(run);
  std::printf("determinism checksum: %016llx\n", static_cast<unsigned long long>(checksum));
  const std::string& path = bp::test::g_checksum_file;
  if (path.empty()) {
    MESSAGE("no --checksum-file given: only the checksum was printed");
    return;
  }
  std::ifstream existing(path);
  if (!existing) {
    // First run (native): record the results for the second run (wasm).
    std::ofstream out(path);
    REQUIRE(out);
    char line[64];
    std::snprintf(line, sizeof line, "%016llx\n", static_cast<unsigned long long>(checksum));
    out << line;
    for (double value : run.trained) {
      std::snprintf(line, sizeof line, "%.17g\n", value);
      out << line;
    }
    return;
  }
  std::string recorded_checksum;
  existing >> recorded_checksum;
  char mine[32];
  std::snprintf(mine, sizeof mine, "%016llx", static_cast<unsigned long long>(checksum));
  CHECK(recorded_checksum == std::string(mine));
  std::vector<double> recorded;
  double value = 0.0;
  while (existing >> value) recorded.push_back(value);
  REQUIRE(recorded.size() == run.trained.size());
  double largest = 0.0;
  for (size_t i = 0; i < recorded.size(); ++i) largest = std::fmax(largest, std::fabs(recorded[i] - run.trained[i]));
  std::printf("largest weight difference from the recorded run: %.3g\n", largest);
  CHECK(largest <= kCrossBuildTolerance);
}
