// The multi-layer perceptron: layers, forward pass, backward pass, initialisation.
// Notation (one layer l, shapes with n_in inputs, n_out neurons, B samples in a batch):
//   W: (n_out, n_in)   b: (n_out)      weights and biases
//   X: (n_in, B)       one sample per column (the layer's input, the previous layer's A)
//   Z = W X + b        (n_out, B)      pre-activations ("net" in the classic worked example)
//   A = h(Z)           (n_out, B)      activations ("out")
//   delta = dL/dZ      (n_out, B)
//   dW = delta X^T     (n_out, n_in)   db = sum over the batch of delta   (n_out)
//   dX = W^T delta     (n_in, B)       dL/d(input), the previous layer's dL/dA
// L is the MEAN loss over the batch (loss.h), so delta already carries the 1/B factor.
// Every intermediate is kept in ForwardPass / Gradients: the lessons show them.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/activation.h"
#include "core/loss.h"
#include "core/result.h"
#include "core/rng.h"

namespace bp {

struct Layer {
  Eigen::MatrixXd W;  // (n_out, n_in)
  Eigen::VectorXd b;  // (n_out)
  Activation activation = Activation::kTanh;
  ActivationParams params;  // params.slope is PReLU's learned slope (one per layer)

  int inputs() const { return static_cast<int>(W.cols()); }
  int outputs() const { return static_cast<int>(W.rows()); }
};

struct Mlp {
  std::vector<Layer> layers;
  Loss loss = Loss::kHalfSquaredError;

  int inputs() const { return layers.empty() ? 0 : layers.front().inputs(); }
  int outputs() const { return layers.empty() ? 0 : layers.back().outputs(); }
  int ParameterCount() const;
};

enum class InitScheme { kUniform, kXavier, kHe };
const char* InitSchemeName(InitScheme scheme);  // "uniform", "xavier", "he"
Result<InitScheme> ParseInitScheme(const std::string& name);

// What the network looks like, before any weights exist.
struct MlpSpec {
  std::vector<int> sizes;               // {n_inputs, hidden..., n_outputs}, at least two entries
  std::vector<Activation> activations;  // one per layer (sizes.size() - 1 entries)
  ActivationParams params;              // shared initial parameters (leaky slope, ELU alpha, PReLU slope)
  Loss loss = Loss::kHalfSquaredError;
  InitScheme init = InitScheme::kXavier;
  double uniform_range = 0.5;  // kUniform draws from [-range, range]
  double initial_bias = 0.0;
};

// Validates the spec (every width >= 1, activation count, loss/output pairing, no step or softmax
// in hidden layers, softmax only with softmax CE) and draws the weights from `seed`:
//   uniform: U(-r, r); Xavier/Glorot: U(-s, s), s = sqrt(6 / (n_in + n_out)); He: N(0, 2 / n_in).
Result<Mlp> MakeMlp(const MlpSpec& spec, uint64_t seed);

// Sets one layer's weights explicitly (worked examples). Shapes must match the layer.
Status SetLayerWeights(Mlp* mlp, int layer, const Eigen::MatrixXd& W, const Eigen::VectorXd& b);

// --- Forward -----------------------------------------------------------------------------------
struct LayerForward {
  Eigen::MatrixXd input;  // X (n_in, B)
  Eigen::MatrixXd z;      // Z (n_out, B)
  Eigen::MatrixXd a;      // A (n_out, B)
};
struct ForwardPass {
  std::vector<LayerForward> layers;
  const Eigen::MatrixXd& output() const { return layers.back().a; }
};

// X: (n_inputs, B). The caller guarantees shapes (use CheckInput for user data).
void Forward(const Mlp& mlp, const Eigen::MatrixXd& X, ForwardPass* pass);
ForwardPass Forward(const Mlp& mlp, const Eigen::MatrixXd& X);
// Network output only, (n_outputs, B), without keeping intermediates (decision-boundary grids).
Eigen::MatrixXd Predict(const Mlp& mlp, const Eigen::MatrixXd& X);
// Rejects a wrong row count, an empty batch, or a non-finite value, with a sentence.
Status CheckInput(const Mlp& mlp, const Eigen::MatrixXd& X);

// --- Backward ----------------------------------------------------------------------------------
struct LayerGradients {
  Eigen::MatrixXd derivative;  // h'(Z) (n_out, B); empty for a softmax output
  Eigen::MatrixXd delta;       // dL/dZ (n_out, B)
  Eigen::MatrixXd dW;          // (n_out, n_in)
  Eigen::VectorXd db;          // (n_out)
  Eigen::MatrixXd d_input;     // dL/dX (n_in, B)
  double d_slope = 0.0;        // dL/d(PReLU slope), 0 for other activations
};
struct Gradients {
  std::vector<LayerGradients> layers;
  double loss = 0.0;                 // mean loss of the batch (without regularisation)
  std::vector<double> W_transposed;  // Backward's working space: one layer's W^T, column-major
};

// T: (n_outputs, B) targets. Uses the pass computed by Forward on the same mlp. data_gradient false
// skips dL/dX of the first layer (the gradient for the data, which training does not need) and
// leaves layers[0].d_input empty.
void Backward(const Mlp& mlp, const ForwardPass& pass, const Eigen::MatrixXd& T, Gradients* grads,
              bool data_gradient = true);
Gradients Backward(const Mlp& mlp, const ForwardPass& pass, const Eigen::MatrixXd& T);

// True when every weight, bias and slope is finite.
bool AllFinite(const Mlp& mlp);

}  // namespace bp
