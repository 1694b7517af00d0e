// Export and import of the stepper's network (io/network_io.h) with a made-up lesson table: a
// network written to the file format reads back bit for bit (−0.0 and denormals included), a
// refused file changes nothing, an import of another shape restarts the stepper on it, and the
// trace export carries the worked example's published numbers.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>

#include "app/io/network_io.h"
#include "app/session/app_state.h"
#include "app/session/step_edit.h"
#include "app/session/worked_example_network.h"

namespace bp {
namespace {

using test::Bits;
using test::SameBits;

void NoDraw(AppState&) {}
void StepsEnter(AppState& state) {
  WorkedExampleData example = WorkedExample();
  OptimizerConfig config;
  config.learning_rate = 0.5;
  config.update_biases = false;
  StartStepLesson(state, example.mlp, example.x, example.t, config, Notation::kLayered);
}
void PlainEnter(AppState&) {}

const LessonTable& TestTable() {
  static const LessonTable kTable = {
      {"steps", "A stepper", StepsEnter, nullptr, NoDraw, NoDraw, nullptr, nullptr},
      {"plain", "No stepper", PlainEnter, nullptr, NoDraw, NoDraw, nullptr, nullptr},
  };
  return kTable;
}

AppState& Open(AppState& state, const char* id) {
  state.lessons = &TestTable();
  state.pending_lesson = FindLesson(state, id);
  ApplyPendingChanges(state);
  return state;
}

// The CSV row's value for a given "phase,layer,neuron,input,quantity," prefix.
double CsvValue(const std::string& csv, const std::string& prefix) {
  size_t at = csv.find("\n" + prefix);
  REQUIRE(at != std::string::npos);
  return std::strtod(csv.c_str() + at + 1 + prefix.size(), nullptr);
}

TEST_CASE("a network written to the file reads back bit for bit, -0.0 and denormals included") {
  AppState source;
  Open(source, "steps");
  Mlp mlp = WorkedExample().mlp;
  Eigen::MatrixXd W0(2, 2), W1(2, 2);
  W0 << -0.0, 4.9406564584124654e-324, 0.1, 1.0 / 3.0;
  W1 << 2.2250738585072009e-308, -1e-300, 123456789.125, -2.0 / 3.0;
  SetLayerWeights(&mlp, 0, W0, Eigen::Vector2d(1e-310, -0.0));
  SetLayerWeights(&mlp, 1, W1, Eigen::Vector2d(0.7, 1e300));
  mlp.layers[0].params.alpha = 1.0 / 7.0;
  mlp.layers[1].params.slope = 1e-5;
  StartStepLesson(source, mlp, Eigen::Vector2d(-0.0, 5e-320), Eigen::Vector2d(0.1, 0.9), OptimizerConfig(),
                  Notation::kLayered);
  REQUIRE(source.banner.empty());
  Result<std::string> text = ExportNetwork(source);
  REQUIRE(text.ok());

  AppState target;
  Open(target, "steps");
  REQUIRE(ImportNetwork(target, text.value()).ok());
  CHECK(target.files.message == "Imported a 2-2-2 network.");
  CHECK_FALSE(target.files.message_is_error);
  for (size_t l = 0; l < 2; ++l) {
    CAPTURE(l);
    CHECK(SameBits(target.step.mlp.layers[l].W, mlp.layers[l].W));
    CHECK(SameBits(target.step.mlp.layers[l].b, mlp.layers[l].b));
    CHECK(Bits(target.step.mlp.layers[l].params.slope) == Bits(mlp.layers[l].params.slope));
    CHECK(Bits(target.step.mlp.layers[l].params.alpha) == Bits(mlp.layers[l].params.alpha));
    CHECK(target.step.mlp.layers[l].activation == mlp.layers[l].activation);
  }
  CHECK(SameBits(target.step.x, source.step.x));
  CHECK(SameBits(target.step.t, source.step.t));
  // Written again, the file is the same text.
  CHECK(ExportNetwork(target).value() == text.value());
}

TEST_CASE("a refused file changes nothing and the message says why") {
  AppState state;
  Open(state, "steps");
  SetPosition(&state.step, 6, 0.0);
  const Mlp before = state.step.mlp;
  std::string good = ExportNetwork(state).value();
  const std::string bad_files[] = {
      "",
      "{",
      "[1, 2]",
      good.substr(0, good.size() / 2),
      std::string(good).replace(good.find("\"version\": 1"), 12, "\"version\": 7"),
      std::string(good).replace(good.find("0.4"), 3, "NaN"),
      std::string(good).replace(good.find("\"sigmoid\""), 9, "\"softmax\""),
      std::string(good).replace(good.find("[2,2,2]"), 7, "[2,2,3]"),
  };
  for (const std::string& bad : bad_files) {
    CAPTURE(bad);
    CHECK_FALSE(ImportNetwork(state, bad).ok());
    CHECK(state.files.message_is_error);
    CHECK(state.files.message.rfind("Not imported: ", 0) == 0);
    CHECK(SameBits(state.step.mlp.layers[0].W, before.layers[0].W));
    CHECK(SameBits(state.step.mlp.layers[1].W, before.layers[1].W));
    CHECK(state.step.position == 6);
    CHECK(state.step.stations.size() == 16);
  }
}

TEST_CASE("an import of another shape restarts the stepper on it") {
  AppState state;
  Open(state, "steps");
  AddSample(state, Eigen::Vector2d(1, 1), Eigen::Vector2d(0, 1));
  const std::string file = R"({"format": "backprop-lab-network", "version": 1, "loss": "half_mse", "layers": [
      {"activation": "tanh", "W": [[1, 2], [3, 4], [5, 6]], "b": [0, 0, 0]},
      {"activation": "sigmoid", "W": [[0.5, -0.5, 0.25]], "b": [0.1]}]})";
  REQUIRE(ImportNetwork(state, file).ok());
  CHECK(state.files.message == "Imported a 2-3-1 network.");
  // start, 3 + 1 forward, 1 loss, 1 + 3 backward, 3 + 1 update, done
  CHECK(state.step.stations.size() == 15);
  CHECK(state.step.position == 0);
  CHECK(state.step.mlp.layers[0].W(2, 1) == 6);
  // No sample in the file, and the current one has 2 targets for 1 output: the stepper starts on zeros.
  CHECK(state.step.x == Eigen::Vector2d(0, 0));
  CHECK(state.step.t == Eigen::VectorXd::Zero(1));
  // The picker's samples still have 2 inputs, so they stay.
  CHECK(state.sample_inputs.size() == 1);
}

TEST_CASE("a lesson without a network has nothing to export or import") {
  AppState state;
  Open(state, "plain");
  Result<std::string> exported = ExportNetwork(state);
  CHECK_FALSE(exported.ok());
  CHECK(exported.error().rfind("this lesson has no network to export or import", 0) == 0);
  CHECK_FALSE(ImportNetwork(state, "{}").ok());
  CHECK_FALSE(HasTrace(state));
  CHECK(QueueDownload(state, "traceCsv").error().rfind("there is no step to export", 0) == 0);
  CHECK(QueueDownload(state, "pdf").error() ==
        "there is no export called 'pdf' (network, traceJson, traceCsv, curve, data, canvas, pythonNumpy, pythonTorch)");
  CHECK(state.files.downloads.empty());
}

TEST_CASE("the trace export carries the worked example's published numbers") {
  AppState state;
  Open(state, "steps");
  Result<std::string> csv = ExportTraceCsv(state);
  REQUIRE(csv.ok());
  CHECK(csv->rfind("phase,layer,neuron,input,quantity,value\n", 0) == 0);
  CHECK(CsvValue(csv.value(), "loss,,,,loss,") == doctest::Approx(0.298371109).epsilon(1e-8));
  CHECK(CsvValue(csv.value(), "update,1,0,0,newW,") == doctest::Approx(0.35891648).epsilon(1e-8));
  CHECK(CsvValue(csv.value(), "update,0,0,0,newW,") == doctest::Approx(0.149780716).epsilon(1e-8));
  Result<std::string> name = QueueDownload(state, "network");
  CHECK(name.value() == "backprop-lab-steps-network.json");
  REQUIRE(state.files.downloads.size() == 1);
  CHECK(state.files.downloads[0].contents == ExportNetwork(state).value());
}

}  // namespace
}  // namespace bp
