// The stepper's logic (session/step_edit.h) on the classic worked example (M. Mazur, "A Step by Step
// Backpropagation Example"): the published numbers through the session's trace, typed fields that
// change the trace or are refused without changing anything, the committed-number check, the
// station in words, and playback's bound of four stations per call.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <cmath>
#include <string>

#include "app/session/app_state.h"
#include "app/session/step_edit.h"
#include "app/session/worked_example_network.h"

namespace bp {
namespace {

using test::MazurConfig;

void StartMazur(AppState& state) {
  WorkedExampleData example = WorkedExample();
  StartStepLesson(state, example.mlp, example.x, example.t, MazurConfig(), Notation::kLayered);
}

// The worked example's total error with w5 replaced, from the formulas alone (not the core):
// out_h = σ(W_h x + 0.35), out_o = σ(W_o out_h + 0.6), E = Σ ½(t − out_o)².
double MazurError(double w5) {
  auto sigma = [](double z) { return 1.0 / (1.0 + std::exp(-z)); };
  const double h1 = sigma(0.15 * 0.05 + 0.20 * 0.10 + 0.35), h2 = sigma(0.25 * 0.05 + 0.30 * 0.10 + 0.35);
  const double o1 = sigma(w5 * h1 + 0.45 * h2 + 0.6), o2 = sigma(0.50 * h1 + 0.55 * h2 + 0.6);
  return 0.5 * (0.01 - o1) * (0.01 - o1) + 0.5 * (0.99 - o2) * (0.99 - o2);
}

// Everything a refused edit must leave alone.
struct Snapshot {
  Eigen::MatrixXd W0, W1;
  Eigen::VectorXd b0, b1, x, t;
  double eta, loss;
  int position;
};
Snapshot Take(const AppState& state) {
  const StepSession& s = state.step;
  return {s.mlp.layers[0].W,      s.mlp.layers[1].W, s.mlp.layers[0].b, s.mlp.layers[1].b, s.x, s.t,
          s.config.learning_rate, s.trace.loss,      s.position};
}
void CheckSame(const Snapshot& a, const Snapshot& b) {
  CHECK(a.W0 == b.W0);
  CHECK(a.W1 == b.W1);
  CHECK(a.b0 == b.b0);
  CHECK(a.b1 == b.b1);
  CHECK(a.x == b.x);
  CHECK(a.t == b.t);
  CHECK(a.eta == b.eta);
  CHECK(a.loss == b.loss);
  CHECK(a.position == b.position);
}

TEST_CASE("the worked example's published numbers come out of the session's trace") {
  AppState state;
  StartMazur(state);
  const StepTrace& trace = state.step.trace;
  // E = ½(0.01 − 0.75136507)² + ½(0.99 − 0.772928465)² = 0.274811083 + 0.023560026
  CHECK(trace.loss == doctest::Approx(0.298371109).epsilon(1e-8));
  // w5⁺ = 0.40 − 0.5 · 0.082167041;  w1⁺ = 0.15 − 0.5 · 0.000438568
  CHECK(trace.after.layers[1].W(0, 0) == doctest::Approx(0.35891648).epsilon(1e-8));
  CHECK(trace.after.layers[0].W(0, 0) == doctest::Approx(0.149780716).epsilon(1e-8));
  CHECK(trace.layers[1].weight(0, 0).update.new_value == trace.after.layers[1].W(0, 0));
  // Biases stay (Mazur does not update them).
  CHECK(trace.after.layers[0].b(0) == 0.35);
  // 2-2-2: start, 4 forward, 2 loss, 4 backward, 4 update, done.
  CHECK(state.step.stations.size() == 16);
  CHECK(state.step.position == 0);
}

TEST_CASE("stepping past done takes the traced step for real") {
  AppState state;
  StartMazur(state);
  JumpToPhase(&state.step, Phase::kDone, 0.0);
  StepNext(&state.step, Granularity::kNeuron, 0.0);
  CHECK(state.step.steps_taken == 1);
  CHECK(state.step.position == 0);
  CHECK(state.step.mlp.layers[1].W(0, 0) == doctest::Approx(0.35891648).epsilon(1e-8));
  CHECK(state.step.mlp.layers[0].W(0, 0) == doctest::Approx(0.149780716).epsilon(1e-8));
  // One step downhill: the new trace's error is below the published 0.298371109.
  CHECK(state.step.trace.loss < 0.298371109);
}

TEST_CASE("a start that does not fit the network says so in the banner") {
  AppState state;
  WorkedExampleData example = WorkedExample();
  StartStepLesson(state, example.mlp, Eigen::VectorXd::Zero(3), example.t, MazurConfig(), Notation::kLayered);
  CHECK(state.banner.rfind("This lesson could not start: ", 0) == 0);
  CHECK(state.step.stations.empty());
}

TEST_CASE("starting a lesson clears what the previous one left behind") {
  AppState state;
  state.playing = true;
  state.field_error = "old";
  state.edit_text["eta"] = "0.";
  AddSample(state, Eigen::VectorXd::Zero(2), Eigen::VectorXd::Zero(2));
  StartMazur(state);
  CHECK_FALSE(state.playing);
  CHECK(state.field_error.empty());
  CHECK(state.edit_text.empty());
  CHECK(state.sample_inputs.empty());
  AddSample(state, Eigen::Vector2d(1, 0), Eigen::Vector2d(0, 1));
  CHECK(state.sample_inputs.size() == 1);
  CHECK(state.sample_targets[0](1) == 1.0);
}

TEST_CASE("a typed weight retraces the step and keeps the learner's station") {
  AppState state;
  StartMazur(state);
  SetPosition(&state.step, 5, 0.0);
  CHECK(SetStepField(state, "W:1:0:0", "0.5"));
  CHECK(state.field_error.empty());
  CHECK(state.step.mlp.layers[1].W(0, 0) == 0.5);
  CHECK(state.step.trace.before.layers[1].W(0, 0) == 0.5);
  CHECK(state.step.trace.loss == doctest::Approx(MazurError(0.5)).epsilon(1e-12));
  CHECK(state.step.position == 5);
}

TEST_CASE("biases, inputs, targets and η are fields too") {
  AppState state;
  StartMazur(state);
  CHECK(SetStepField(state, "b:0:1", "-1"));
  CHECK(state.step.mlp.layers[0].b(1) == -1.0);
  CHECK(SetStepField(state, "x:1", "2"));
  CHECK(state.step.trace.pass.layers[0].input(1, 0) == 2.0);
  CHECK(SetStepField(state, "t:0", "0.5"));
  CHECK(state.step.t(0) == 0.5);
  // Back to Mazur's numbers, but η = 0.1: w5⁺ = 0.40 − 0.1 · 0.082167041 = 0.391783296.
  StartMazur(state);
  CHECK(SetStepField(state, "eta", "0.1"));
  CHECK(state.step.trace.config.learning_rate == 0.1);
  CHECK(state.step.trace.after.layers[1].W(0, 0) == doctest::Approx(0.391783296).epsilon(1e-8));
}

TEST_CASE("the range limits themselves are accepted") {
  AppState state;
  StartMazur(state);
  CHECK(SetStepField(state, "W:0:1:1", "1000"));
  CHECK(SetStepField(state, "b:1:0", "-1000"));
  CHECK(SetStepField(state, "eta", "100"));
  CHECK(SetStepField(state, "eta", "1e-6"));
  CHECK(state.step.config.learning_rate == 1e-6);
}

TEST_CASE("an unknown field is refused with a sentence and nothing changes") {
  AppState state;
  StartMazur(state);
  const Snapshot before = Take(state);
  for (const char* field :
       {"W:2:0:0", "W:1:2:0", "W:1:0:2", "W:-1:0:0", "b:0:2", "x:2", "t:-1", "W:1:0:0x", "w5", "ETA", ""}) {
    CAPTURE(field);
    CHECK_FALSE(SetStepField(state, field, "0.3"));
    CHECK(state.field_error == "there is no field '" + std::string(field) + "' in this lesson");
    CheckSame(before, Take(state));
  }
}

// Indices are exact decimal whole numbers: a number that would wrap around modulo 2³² (4294967296
// is 0 as a 32-bit int), a sign, a space, a leading zero or a NUL and more never names another value.
TEST_CASE("a field id that would name another value by wrapping or loose parsing is refused") {
  AppState state;
  StartMazur(state);
  const Snapshot before = Take(state);
  for (const std::string& field :
       {std::string("W:4294967296:0:0"), std::string("W:-4294967296:0:0"), std::string("b:4294967296:0"),
        std::string("x:4294967296"), std::string("W: 0:0:0"), std::string("W:+0:0:0"), std::string("W:00:0:0"),
        std::string("W:0:0:0\0", 8), std::string("x:0 "), std::string("W:0:0"), std::string("W:0:0:0:0"),
        std::string("W:1234567890:0:0")}) {
    CAPTURE(field);
    CHECK_FALSE(SetStepField(state, field, "0.875"));
    CheckSame(before, Take(state));
  }
  // The plain ids still work: W:0:0:0 is w1 (0.15 in the published example).
  CHECK(SetStepField(state, "W:0:0:0", "0.875"));
  CHECK(state.step.mlp.layers[0].W(0, 0) == 0.875);
}

TEST_CASE("values out of range, non-numbers and a bad η are refused and nothing changes") {
  AppState state;
  StartMazur(state);
  const Snapshot before = Take(state);
  struct Case {
    const char* field;
    const char* text;
  };
  const Case cases[] = {{"W:1:0:0", "1000.5"}, {"b:0:0", "-1001"}, {"x:0", "1e400"}, {"t:1", "abc"},
                        {"W:0:0:0", ""},       {"W:0:0:0", "nan"}, {"x:1", "inf"},   {"eta", "0"},
                        {"eta", "1e-7"},       {"eta", "100.01"},  {"eta", "-0.5"},  {"W:0:0:0", "0.3.1"}};
  for (const Case& c : cases) {
    CAPTURE(c.field);
    CAPTURE(c.text);
    CHECK_FALSE(SetStepField(state, c.field, c.text));
    // The sentence names the field and says which value was kept.
    CHECK(state.field_error.rfind(std::string(c.field) + ": ", 0) == 0);
    CHECK(state.field_error.find("; kept ") != std::string::npos);
    CHECK(state.field_error.back() == '.');
    CheckSame(before, Take(state));
  }
  SetStepField(state, "W:1:0:0", "1000.5");
  CHECK(state.field_error == "W:1:0:0: 1000.5 is outside the allowed range −1000 to 1000; kept 0.4.");
}

TEST_CASE("CommitTypedNumber commits only a new value within range") {
  AppState state;
  double speed = 1.0;
  CHECK(CommitTypedNumber(state, "speed", " 2.5 ", &speed, 0.0, 10.0));
  CHECK(speed == 2.5);
  CHECK(state.field_error.empty());
  // The same value again is not a change, and not an error.
  CHECK_FALSE(CommitTypedNumber(state, "speed", "2.50", &speed, 0.0, 10.0));
  CHECK(state.field_error.empty());
  CHECK_FALSE(CommitTypedNumber(state, "speed", "11", &speed, 0.0, 10.0));
  CHECK(speed == 2.5);
  CHECK(state.field_error == "speed: 11 is outside the allowed range 0 to 10; kept 2.5.");
  // A later good value clears the error.
  CHECK(CommitTypedNumber(state, "speed", "0", &speed, 0.0, 10.0));
  CHECK(state.field_error.empty());
}

TEST_CASE("each station is described in words with the trace's numbers") {
  AppState state;
  StartMazur(state);
  state.precision = 6;
  CHECK(DescribeStation(state) == "Start: nothing computed yet");
  // net_h1 = 0.15·0.05 + 0.20·0.10 + 0.35 = 0.3775, out_h1 = σ(0.3775) = 0.593269992
  SetPosition(&state.step, 1, 0.0);
  CHECK(DescribeStation(state) == "Forward, layer 1, neuron 1: z = 0.3775, a = 0.59327");
  // E_o1 = ½(0.01 − 0.75136507)² = 0.274811083
  SetPosition(&state.step, 5, 0.0);
  CHECK(DescribeStation(state) == "Loss, output 1 of 2: loss term = 0.274811, total loss = 0.298371");
  // δ_o1 = (0.75136507 − 0.01) · 0.75136507 · (1 − 0.75136507) = 0.138498562
  SetPosition(&state.step, 7, 0.0);
  CHECK(DescribeStation(state) == "Backward, layer 2, neuron 1: δ = 0.138499");
  SetPosition(&state.step, 11, 0.0);
  CHECK(DescribeStation(state) == "Update, layer 1, neuron 1: bias 0.35 → 0.35");
  JumpToPhase(&state.step, Phase::kDone, 0.0);
  CHECK(DescribeStation(state) == "Done: the step is complete, loss before it 0.298371");
}

TEST_CASE("StationWhere counts layers, neurons and outputs from 1") {
  AppState state;
  StartMazur(state);
  CHECK(StationWhere(state, {Phase::kLoss, 1, 1}) == "Loss, output 2 of 2");
  CHECK(StationWhere(state, {Phase::kBackward, 0, 1}) == "Backward, layer 1, neuron 2");
  CHECK(StationWhere(state, {Phase::kUpdate, 1, 0}) == "Update, layer 2, neuron 1");
  CHECK(StationWhere(state, {Phase::kDone, -1, -1}) == "Done: the step is complete");
}

TEST_CASE("playback moves one station per second of owed time, at most four per call") {
  AppState state;
  StartMazur(state);
  // Not playing: nothing moves and no time is owed.
  state.play_clock = 0.7;
  AdvancePlayback(state, 10.0);
  CHECK(state.step.position == 0);
  CHECK(state.play_clock == 0.0);

  state.playing = true;
  state.play_rate = 2.0f;
  AdvancePlayback(state, 0.25);  // owes 0.5 station
  CHECK(state.step.position == 0);
  AdvancePlayback(state, 0.25);  // owes 1.0 station
  CHECK(state.step.position == 1);
  // A long pause (a hidden tab) owes 20 stations: 4 are taken and the rest forgiven.
  AdvancePlayback(state, 10.0);
  CHECK(state.step.position == 5);
  CHECK(state.play_clock == 0.0);
}

TEST_CASE("playback at step granularity takes whole steps") {
  AppState state;
  StartMazur(state);
  state.playing = true;
  state.play_rate = 1.0f;
  state.granularity = Granularity::kStep;
  AdvancePlayback(state, 1.0);  // start → done
  CHECK(state.step.position == 15);
  AdvancePlayback(state, 1.0);  // done → the next step's done
  CHECK(state.step.steps_taken == 1);
  CHECK(state.step.position == 15);
}

}  // namespace
}  // namespace bp
