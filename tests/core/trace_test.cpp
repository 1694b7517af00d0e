// Tests for the step trace (trace.h), led by the classic worked example: M. Mazur, "A Step by Step
// Backpropagation Example" (2015). Every number the post prints is checked to 1e-8, in the trace
// (chain-rule factors included) and through the training path, and the trace's step is Update's.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>

#include "core/mlp.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/trace.h"
#include "core/train.h"

namespace {

constexpr double kPostTolerance = 1e-8;

// The post's 2-2-2 sigmoid net: w1..w4 into h1, h2; w5..w8 into o1, o2; b1 = 0.35, b2 = 0.60.
bp::Mlp MazurNet() {
  bp::MlpSpec spec;
  spec.sizes = {2, 2, 2};
  spec.activations = {bp::Activation::kSigmoid, bp::Activation::kSigmoid};
  spec.loss = bp::Loss::kHalfSquaredError;
  bp::Mlp mlp = bp::MakeMlp(spec, 1).value();
  Eigen::MatrixXd W1(2, 2), W2(2, 2);
  W1 << 0.15, 0.20, 0.25, 0.30;  // row h1: w1, w2; row h2: w3, w4
  W2 << 0.40, 0.45, 0.50, 0.55;  // row o1: w5, w6; row o2: w7, w8
  REQUIRE(bp::SetLayerWeights(&mlp, 0, W1, Eigen::Vector2d(0.35, 0.35)).ok());
  REQUIRE(bp::SetLayerWeights(&mlp, 1, W2, Eigen::Vector2d(0.60, 0.60)).ok());
  return mlp;
}
const Eigen::MatrixXd kMazurX = Eigen::Vector2d(0.05, 0.10);
const Eigen::MatrixXd kMazurT = Eigen::Vector2d(0.01, 0.99);

// The post: eta = 0.5, biases not updated.
bp::OptimizerConfig MazurConfig() {
  bp::OptimizerConfig config;
  config.learning_rate = 0.5;
  config.update_biases = false;
  return config;
}

// The post's new weights: w1..w4 in layer 0, w5..w8 in layer 1 (row-major).
void CheckMazurNewWeights(const bp::Mlp& mlp) {
  CHECK(std::fabs(mlp.layers[1].W(0, 0) - 0.35891648) < kPostTolerance);   // w5
  CHECK(std::fabs(mlp.layers[1].W(0, 1) - 0.408666186) < kPostTolerance);  // w6
  CHECK(std::fabs(mlp.layers[1].W(1, 0) - 0.511301270) < kPostTolerance);  // w7
  CHECK(std::fabs(mlp.layers[1].W(1, 1) - 0.561370121) < kPostTolerance);  // w8
  CHECK(std::fabs(mlp.layers[0].W(0, 0) - 0.149780716) < kPostTolerance);  // w1
  CHECK(std::fabs(mlp.layers[0].W(0, 1) - 0.19956143) < kPostTolerance);   // w2
  CHECK(std::fabs(mlp.layers[0].W(1, 0) - 0.24975114) < kPostTolerance);   // w3
  CHECK(std::fabs(mlp.layers[0].W(1, 1) - 0.29950229) < kPostTolerance);   // w4
  CHECK(mlp.layers[0].b(0) == 0.35);
  CHECK(mlp.layers[1].b(1) == 0.60);
}

bool SameParameters(const bp::Mlp& a, const bp::Mlp& b) {
  for (size_t k = 0; k < a.layers.size(); ++k) {
    if (a.layers[k].W != b.layers[k].W || a.layers[k].b != b.layers[k].b) return false;
    if (a.layers[k].params.slope != b.layers[k].params.slope) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("Classic worked example (Mazur): every printed number, in the trace") {
  const bp::Mlp mlp = MazurNet();
  const bp::Result<bp::StepTrace> result = bp::TraceStep(mlp, kMazurX, kMazurT, MazurConfig(), bp::OptimizerState{});
  REQUIRE(result.ok());
  const bp::StepTrace& trace = result.value();
  const bp::LayerTrace& hidden = trace.layers[0];
  const bp::LayerTrace& output = trace.layers[1];

  // The forward pass.
  CHECK(std::fabs(hidden.neurons[0].z(0) - 0.3775) < kPostTolerance);       // net_h1
  CHECK(std::fabs(hidden.neurons[0].a(0) - 0.593269992) < kPostTolerance);  // out_h1
  CHECK(std::fabs(hidden.neurons[1].a(0) - 0.596884378) < kPostTolerance);  // out_h2
  CHECK(std::fabs(output.neurons[0].z(0) - 1.105905967) < kPostTolerance);  // net_o1
  CHECK(std::fabs(output.neurons[0].a(0) - 0.75136507) < kPostTolerance);   // out_o1
  CHECK(std::fabs(output.neurons[1].a(0) - 0.772928465) < kPostTolerance);  // out_o2
  CHECK(std::fabs(trace.loss_terms(0, 0) - 0.274811083) < kPostTolerance);  // E_o1
  CHECK(std::fabs(trace.loss_terms(1, 0) - 0.023560026) < kPostTolerance);  // E_o2
  CHECK(std::fabs(trace.loss - 0.298371109) < kPostTolerance);              // E_total

  // Output layer, w5 = W2(0, 0): dE/dw5 = dE/dout_o1 * dout_o1/dnet_o1 * dnet_o1/dw5.
  const bp::WeightTrace& w5 = output.weight(0, 0);
  CHECK(std::fabs(w5.dL_da(0) - 0.74136507) < kPostTolerance);
  CHECK(std::fabs(w5.da_dz(0) - 0.186815602) < kPostTolerance);
  CHECK(std::fabs(w5.dz_dw(0) - 0.593269992) < kPostTolerance);
  CHECK(std::fabs(w5.gradient - 0.082167041) < kPostTolerance);
  CHECK(std::fabs(output.neurons[0].delta(0) - 0.138498562) < kPostTolerance);  // dE/dnet_o1
  CHECK(std::fabs(w5.update.new_value - 0.35891648) < kPostTolerance);
  CHECK(std::fabs(output.weight(0, 1).update.new_value - 0.408666186) < kPostTolerance);  // w6
  CHECK(std::fabs(output.weight(1, 0).update.new_value - 0.511301270) < kPostTolerance);  // w7
  CHECK(std::fabs(output.weight(1, 1).update.new_value - 0.561370121) < kPostTolerance);  // w8

  // Hidden layer, w1 = W1(0, 0): dE/dout_h1 = dE_o1/dout_h1 + dE_o2/dout_h1 (the downstream terms).
  const bp::NeuronTrace& h1 = hidden.neurons[0];
  CHECK(std::fabs(h1.downstream(0, 0) - 0.055399425) < kPostTolerance);
  CHECK(std::fabs(h1.downstream(1, 0) - (-0.019049119)) < kPostTolerance);
  const bp::WeightTrace& w1 = hidden.weight(0, 0);
  CHECK(std::fabs(w1.dL_da(0) - 0.036350306) < kPostTolerance);
  CHECK(std::fabs(w1.da_dz(0) - 0.241300709) < kPostTolerance);
  CHECK(std::fabs(w1.dz_dw(0) - 0.05) < kPostTolerance);
  CHECK(std::fabs(w1.gradient - 0.000438568) < kPostTolerance);
  CHECK(std::fabs(w1.update.new_value - 0.149780716) < kPostTolerance);
  CHECK(std::fabs(hidden.weight(0, 1).update.new_value - 0.19956143) < kPostTolerance);  // w2
  CHECK(std::fabs(hidden.weight(1, 0).update.new_value - 0.24975114) < kPostTolerance);  // w3
  CHECK(std::fabs(hidden.weight(1, 1).update.new_value - 0.29950229) < kPostTolerance);  // w4

  // The step is new - old = -eta dE/dw: for w5, -0.5 * 0.082167041.
  CHECK(std::fabs(w5.update.old_value - 0.40) < 1e-15);
  CHECK(std::fabs(w5.update.step - (-0.5 * 0.082167041)) < kPostTolerance);
  // The post leaves biases alone.
  CHECK(output.neurons[0].bias.step == 0.0);
  CHECK(hidden.neurons[1].bias.new_value == 0.35);
  CheckMazurNewWeights(trace.after);
}

TEST_CASE("Classic worked example (Mazur): the training path gives the same numbers") {
  // Forward -> Backward -> Update, by hand.
  bp::Mlp mlp = MazurNet();
  const bp::ForwardPass pass = bp::Forward(mlp, kMazurX);
  CHECK(std::fabs(pass.layers[1].z(0, 0) - 1.105905967) < kPostTolerance);
  CHECK(std::fabs(pass.output()(1, 0) - 0.772928465) < kPostTolerance);
  const bp::Gradients grads = bp::Backward(mlp, pass, kMazurT);
  CHECK(std::fabs(grads.loss - 0.298371109) < kPostTolerance);
  CHECK(std::fabs(grads.layers[1].dW(0, 0) - 0.082167041) < kPostTolerance);
  CHECK(std::fabs(grads.layers[0].dW(0, 0) - 0.000438568) < kPostTolerance);
  bp::OptimizerState state;
  bp::Update(&mlp, grads, MazurConfig(), &state);
  CheckMazurNewWeights(mlp);

  // TrainEpoch on the one-sample dataset, in order: the same step, and E_total as the epoch loss.
  bp::Mlp trained = MazurNet();
  bp::OptimizerState train_state;
  bp::TrainWorkspace workspace;
  const bp::Result<bp::TrainStats> stats =
      bp::TrainEpoch(&trained, kMazurX, kMazurT, 1, MazurConfig(), &train_state, nullptr, &workspace);
  REQUIRE(stats.ok());
  CHECK(std::fabs(stats->mean_loss - 0.298371109) < kPostTolerance);
  CHECK_FALSE(stats->diverged);
  CheckMazurNewWeights(trained);
  CHECK(SameParameters(trained, mlp));
}

TEST_CASE("Applying a trace is exactly one training step (momentum, biases, a minibatch)") {
  bp::MlpSpec spec;
  spec.sizes = {2, 3, 1};
  spec.activations = {bp::Activation::kPrelu, bp::Activation::kSigmoid};
  spec.loss = bp::Loss::kBinaryCrossEntropy;
  spec.params.slope = 0.1;
  Eigen::MatrixXd X(2, 3), T(1, 3);
  X << 0.5, -1.0, 2.0, -0.3, 0.8, -1.2;
  T << 1.0, 0.0, 1.0;
  bp::OptimizerConfig config;
  config.kind = bp::OptimizerKind::kMomentum;
  config.learning_rate = 0.3;
  config.l2 = 0.01;

  bp::Mlp stepped = bp::MakeMlp(spec, 4).value();
  bp::Mlp trained = stepped;
  bp::OptimizerState stepped_state, trained_state;
  bp::TrainWorkspace workspace;
  for (int step = 0; step < 3; ++step) {
    const bp::Result<bp::StepTrace> trace = bp::TraceStep(stepped, X, T, config, stepped_state);
    REQUIRE(trace.ok());
    bp::ApplyStep(trace.value(), &stepped, &stepped_state);
    REQUIRE(bp::TrainEpoch(&trained, X, T, 3, config, &trained_state, nullptr, &workspace).ok());
    CHECK(SameParameters(stepped, trained));
  }
  CHECK(stepped_state.t == 3);
  CHECK(stepped_state.velocity[0].W == trained_state.velocity[0].W);
}

TEST_CASE("Minibatch trace: the factors multiply and sum to the gradient Backward computed") {
  bp::MlpSpec spec;
  spec.sizes = {3, 4, 2};
  spec.activations = {bp::Activation::kTanh, bp::Activation::kSigmoid};
  spec.loss = bp::Loss::kBinaryCrossEntropy;
  const bp::Mlp mlp = bp::MakeMlp(spec, 12).value();
  bp::Rng rng(13);
  Eigen::MatrixXd X(3, 4), T(2, 4);
  for (int i = 0; i < X.size(); ++i) X(i) = rng.Uniform(-1.0, 1.0);
  T << 1, 0, 0, 1, 0, 0, 1, 1;
  bp::OptimizerConfig config;
  config.learning_rate = 0.2;
  config.l1 = 0.05;
  const bp::StepTrace trace = bp::TraceStep(mlp, X, T, config, bp::OptimizerState{}).value();

  for (size_t k = 0; k < trace.layers.size(); ++k) {
    for (const bp::WeightTrace& w : trace.layers[k].weights) {
      // sum_s dL/da * da/dz * dz/dw: the same number by the chain rule, factor by factor.
      const double chain = (w.dL_da.array() * w.da_dz.array() * w.dz_dw.array()).sum();
      CHECK(chain == doctest::Approx(w.gradient).epsilon(1e-10));
      // SGD: step = -eta (dL/dw + l1 sign(w)), and the penalty term is l1 sign(w).
      CHECK(std::fabs(w.penalty_gradient) == doctest::Approx(0.05));
      CHECK(w.update.step == doctest::Approx(-0.2 * (w.gradient + w.penalty_gradient)).epsilon(1e-12));
    }
    for (const bp::NeuronTrace& n : trace.layers[k].neurons) {
      CHECK((n.dL_da.cwiseProduct(n.derivative) - n.delta).cwiseAbs().maxCoeff() < 1e-14);
      CHECK(n.dL_db == doctest::Approx(n.delta.sum()));
      if (k == 0) CHECK((n.downstream.colwise().sum().transpose() - n.dL_da).cwiseAbs().maxCoeff() < 1e-15);
    }
  }
  // The loss terms: each sample's column sums to its loss, and their mean is the batch loss.
  CHECK(trace.loss_terms.rows() == 2);
  CHECK(trace.loss_terms.colwise().sum().mean() == doctest::Approx(trace.loss));
  // BCE of sample 0, unit 0 (t = 1): -log a.
  CHECK(trace.loss_terms(0, 0) == doctest::Approx(-std::log(trace.layers[1].neurons[0].a(0))));
  // Penalty before the step: l1 * sum |w|.
  double abs_sum = 0.0;
  for (const bp::Layer& layer : mlp.layers) abs_sum += layer.W.cwiseAbs().sum();
  CHECK(trace.penalty == doctest::Approx(0.05 * abs_sum));
}

TEST_CASE("Softmax trace: delta is a - t over B, and da/dz is marked as not a single number") {
  bp::MlpSpec spec;
  spec.sizes = {2, 3};
  spec.activations = {bp::Activation::kSoftmax};
  spec.loss = bp::Loss::kSoftmaxCrossEntropy;
  bp::Mlp mlp = bp::MakeMlp(spec, 2).value();
  REQUIRE(bp::SetLayerWeights(&mlp, 0, Eigen::MatrixXd::Zero(3, 2), Eigen::VectorXd::Zero(3)).ok());
  const Eigen::MatrixXd X = Eigen::Vector2d(1.0, 2.0);
  const Eigen::MatrixXd T = Eigen::Vector3d(0.0, 1.0, 0.0);
  const bp::StepTrace trace = bp::TraceStep(mlp, X, T, bp::OptimizerConfig{}, bp::OptimizerState{}).value();
  // Zero weights: a = (1/3, 1/3, 1/3); delta = a - t = (1/3, -2/3, 1/3); loss = log 3, all on unit 1.
  CHECK(trace.layers[0].neurons[1].delta(0) == doctest::Approx(-2.0 / 3.0));
  CHECK(std::isnan(trace.layers[0].neurons[0].derivative(0)));
  CHECK(trace.loss == doctest::Approx(std::log(3.0)));
  CHECK(trace.loss_terms(1, 0) == doctest::Approx(std::log(3.0)));
  CHECK(trace.loss_terms(0, 0) == 0.0);
  // dL/dw(1, 1) = delta_1 * x_1 = -2/3 * 2
  CHECK(trace.layers[0].weight(1, 1).gradient == doctest::Approx(-4.0 / 3.0));
}

TEST_CASE("TraceStep rejects bad data and a bad config with a sentence") {
  const bp::Mlp mlp = MazurNet();
  Eigen::MatrixXd X = kMazurX;
  X(1, 0) = std::numeric_limits<double>::quiet_NaN();
  const bp::Result<bp::StepTrace> bad_x = bp::TraceStep(mlp, X, kMazurT, MazurConfig(), bp::OptimizerState{});
  REQUIRE_FALSE(bad_x.ok());
  CHECK(bad_x.error().find("row 1, column 0") != std::string::npos);

  const bp::Result<bp::StepTrace> bad_t =
      bp::TraceStep(mlp, kMazurX, Eigen::MatrixXd::Zero(3, 1), MazurConfig(), bp::OptimizerState{});
  CHECK(bad_t.error().find("T has 3 rows") != std::string::npos);

  bp::OptimizerConfig config = MazurConfig();
  config.learning_rate = -0.5;
  const bp::Result<bp::StepTrace> bad_lr = bp::TraceStep(mlp, kMazurX, kMazurT, config, bp::OptimizerState{});
  CHECK(bad_lr.error().find("learning rate") != std::string::npos);
}
