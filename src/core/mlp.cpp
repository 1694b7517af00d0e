// The multi-layer perceptron (see mlp.h for the notation): building and validating a network,
// then the forward pass and the backward pass, side by side. Forward and Backward write into the
// caller's ForwardPass / Gradients and only allocate when a shape changes, so the training loop
// runs without allocating.
#include "core/mlp.h"

#include <cassert>
#include <cmath>
#include <string>

#include "core/echo.h"
#include "core/products.h"

namespace bp {

namespace {

// Gives M the shape rows x cols, calling resize only when the shape changes: Eigen's resize checks
// rows * cols for overflow with an integer division, a cost per call in these small per-batch loops.
void SetShape(Eigen::MatrixXd* M, Eigen::Index rows, Eigen::Index cols) {
  if (M->rows() != rows || M->cols() != cols) M->resize(rows, cols);
}

void SetSize(Eigen::VectorXd* v, Eigen::Index size) {
  if (v->size() != size) v->resize(size);
}

// A sanity cap on any network the core builds (the lessons' own go beyond the 16 the canvas draws,
// core/playground.h kMaxLayerWidth); this keeps a typo from asking for gigabytes.
constexpr int kMaxMlpWidth = 4096;

// Human layer numbers: sizes[0] is the input (layer 0), mlp.layers[k] is layer k + 1.
std::string LayerName(int number) { return "layer " + std::to_string(number); }

Status CheckWidths(const std::vector<int>& sizes) {
  if (sizes.size() < 2) {
    return Status::Error("the network needs at least two sizes (inputs and outputs) but got " +
                         std::to_string(sizes.size()));
  }
  for (size_t i = 0; i < sizes.size(); ++i) {
    const std::string what = i == 0 ? std::string("the input layer") : LayerName(static_cast<int>(i));
    if (sizes[i] < 1) {
      return Status::Error(what + " has width " + std::to_string(sizes[i]) + "; every layer needs at least 1 neuron");
    }
    if (sizes[i] > kMaxMlpWidth) {
      return Status::Error(what + " has width " + std::to_string(sizes[i]) + "; the lab allows at most " +
                           std::to_string(kMaxMlpWidth) + " neurons per layer");
    }
  }
  return Status::Ok();
}

Status CheckActivations(const MlpSpec& spec) {
  const size_t layer_count = spec.sizes.size() - 1;
  if (spec.activations.size() != layer_count) {
    return Status::Error("the network has " + std::to_string(layer_count) + " layers but " +
                         std::to_string(spec.activations.size()) + " activations; give one activation per layer");
  }
  for (size_t k = 0; k < layer_count; ++k) {
    const Activation activation = spec.activations[k];
    const bool is_output = k + 1 == layer_count;
    const std::string name = LayerName(static_cast<int>(k + 1));
    if (activation == Activation::kStep) {
      return Status::Error(name +
                           " uses the step activation, which has no gradient; backpropagation "
                           "needs a differentiable activation (step belongs to the perceptron)");
    }
    if (activation == Activation::kSoftmax && !is_output) {
      return Status::Error(name +
                           " is a hidden layer with softmax; softmax is only allowed in the output "
                           "layer, paired with softmax cross-entropy");
    }
  }
  const Activation output = spec.activations.back();
  if (!LossAcceptsOutputActivation(spec.loss, output)) {
    std::string needs = "an elementwise output activation (not softmax)";
    if (spec.loss == Loss::kBinaryCrossEntropy) needs = "a sigmoid output";
    if (spec.loss == Loss::kSoftmaxCrossEntropy) needs = "a softmax output";
    return Status::Error(std::string("the output layer uses ") + ActivationName(output) + " but the loss " +
                         LossName(spec.loss) + " needs " + needs);
  }
  return Status::Ok();
}

Status CheckSpecNumbers(const MlpSpec& spec) {
  if (!std::isfinite(spec.params.slope)) return Status::Error("the activation slope must be a finite number");
  if (!std::isfinite(spec.params.alpha)) return Status::Error("the ELU alpha must be a finite number");
  if (!std::isfinite(spec.initial_bias)) return Status::Error("the initial bias must be a finite number");
  if (spec.init == InitScheme::kUniform && !(std::isfinite(spec.uniform_range) && spec.uniform_range > 0.0)) {
    return Status::Error("the uniform init range must be a finite number > 0 but got " +
                         std::to_string(spec.uniform_range));
  }
  return Status::Ok();
}

// Draws one layer's weights in row-major order (row = neuron), so a seed means the same net everywhere.
void InitWeights(InitScheme scheme, double uniform_range, Rng* rng, Eigen::MatrixXd* W) {
  const double n_in = static_cast<double>(W->cols());
  const double n_out = static_cast<double>(W->rows());
  const double xavier_limit = std::sqrt(6.0 / (n_in + n_out));
  const double he_stddev = std::sqrt(2.0 / n_in);
  for (int r = 0; r < W->rows(); ++r) {
    for (int c = 0; c < W->cols(); ++c) {
      double w = 0.0;
      switch (scheme) {
        case InitScheme::kUniform: w = rng->Uniform(-uniform_range, uniform_range); break;
        case InitScheme::kXavier: w = rng->Uniform(-xavier_limit, xavier_limit); break;
        case InitScheme::kHe: w = rng->Normal(0.0, he_stddev); break;
      }
      (*W)(r, c) = w;
    }
  }
}

// dL/dslope = sum over the batch and the layer of dL/dA .* dh/dslope. It is dL/dA here, not delta:
// delta = dL/dA .* h'(Z) already carries h' = slope on the negative side. dL_dA, Z: (n_out, B).
double SlopeGradient(const Eigen::MatrixXd& dL_dA, const Eigen::MatrixXd& Z) {
  double sum = 0.0;
  for (Eigen::Index i = 0; i < Z.size(); ++i) sum += dL_dA(i) * ActivationSlopeDerivative(Activation::kPrelu, Z(i));
  return sum;
}

// The three products of a layer, each a call of the one kernel (products.h): every sum runs over its
// index in order, from 0, so each entry gets the bits of the textbook sum in every build.

// Z = W X + b.   W: (n_out, n_in), b: (n_out), X: (n_in, B) -> Z: (n_out, B).
void AffineForward(const Eigen::MatrixXd& W, const Eigen::VectorXd& b, const Eigen::MatrixXd& X, Eigen::MatrixXd* Z) {
  const Eigen::Index n_out = W.rows(), n_in = W.cols(), batch = X.cols();
  SetShape(Z, n_out, batch);
  // Z(i, j) = sum over k of W(i, k) X(k, j); X(k, j) is at k + j * n_in.
  CombineColumns(W.data(), n_out, n_in, X.data(), 1, n_in, batch, b.data(), Z->data());
}

// dW = delta X^T.   delta: (n_out, B), X: (n_in, B) -> dW: (n_out, n_in). Sums over the batch.
void WeightGradient(const Eigen::MatrixXd& delta, const Eigen::MatrixXd& X, Eigen::MatrixXd* dW) {
  const Eigen::Index n_out = delta.rows(), n_in = X.rows(), batch = X.cols();
  SetShape(dW, n_out, n_in);
  // dW(i, k) = sum over j of delta(i, j) X(k, j); X(k, j) is at j * n_in + k.
  CombineColumns(delta.data(), n_out, batch, X.data(), n_in, 1, n_in, nullptr, dW->data());
}

// db = delta summed over the batch, column after column.   delta: (n_out, B) -> db: (n_out).
void BiasGradient(const Eigen::MatrixXd& delta, Eigen::VectorXd* db) {
  const Eigen::Index n_out = delta.rows();
  SetSize(db, n_out);
  const double* d = delta.data();
  double* sum = db->data();
  for (Eigen::Index i = 0; i < n_out; ++i) sum[i] = d[i];
  for (Eigen::Index j = 1; j < delta.cols(); ++j) {
    for (Eigen::Index i = 0; i < n_out; ++i) sum[i] += d[j * n_out + i];
  }
}

// A hidden layer's delta = dL/dA .* h'(Z).   dL_dA (the next layer's dX), derivative: (n_out, B).
void HiddenDelta(const Eigen::MatrixXd& dL_dA, const Eigen::MatrixXd& derivative, Eigen::MatrixXd* delta) {
  SetShape(delta, derivative.rows(), derivative.cols());
  const double* g = dL_dA.data();
  const double* h = derivative.data();
  double* d = delta->data();
  for (Eigen::Index i = 0; i < derivative.size(); ++i) d[i] = g[i] * h[i];
}

// dX = W^T delta.   W: (n_out, n_in), delta: (n_out, B) -> dX: (n_in, B). Sums over the neurons.
// W_transposed: working space for W^T (n_in, n_out), whose columns (W's rows) the kernel reads.
void InputGradient(const Eigen::MatrixXd& W, const Eigen::MatrixXd& delta, std::vector<double>* W_transposed,
                   Eigen::MatrixXd* dX) {
  const Eigen::Index n_out = W.rows(), n_in = W.cols(), batch = delta.cols();
  // Grows only: the layers take turns with this buffer, and a shrink-and-grow would refill it.
  if (W_transposed->size() < static_cast<size_t>(W.size())) W_transposed->resize(W.size());
  double* w_t = W_transposed->data();
  for (Eigen::Index i = 0; i < n_out; ++i) {
    for (Eigen::Index k = 0; k < n_in; ++k) w_t[i * n_in + k] = W(i, k);
  }
  SetShape(dX, n_in, batch);
  // dX(k, j) = sum over i of W^T(k, i) delta(i, j); delta(i, j) is at i + j * n_out.
  CombineColumns(w_t, n_in, n_out, delta.data(), 1, n_out, batch, nullptr, dX->data());
}

}  // namespace

int Mlp::ParameterCount() const {
  int count = 0;
  for (const Layer& layer : layers) {
    count += static_cast<int>(layer.W.size() + layer.b.size());
    if (layer.activation == Activation::kPrelu) count += 1;
  }
  return count;
}

const char* InitSchemeName(InitScheme scheme) {
  switch (scheme) {
    case InitScheme::kUniform: return "uniform";
    case InitScheme::kXavier: return "xavier";
    case InitScheme::kHe: return "he";
  }
  return "unknown";
}

Result<InitScheme> ParseInitScheme(const std::string& name) {
  for (InitScheme scheme : {InitScheme::kUniform, InitScheme::kXavier, InitScheme::kHe}) {
    if (name == InitSchemeName(scheme)) return Result<InitScheme>::Ok(scheme);
  }
  return Result<InitScheme>::Error("unknown init scheme " + Echo(name) + "; expected one of: uniform, xavier, he");
}

Result<Mlp> MakeMlp(const MlpSpec& spec, uint64_t seed) {
  Status status = CheckWidths(spec.sizes);
  if (status.ok()) status = CheckActivations(spec);
  if (status.ok()) status = CheckSpecNumbers(spec);
  if (!status.ok()) return Result<Mlp>::Error(status.error);

  Rng rng(seed);
  Mlp mlp;
  mlp.loss = spec.loss;
  mlp.layers.resize(spec.sizes.size() - 1);
  for (size_t k = 0; k < mlp.layers.size(); ++k) {
    Layer& layer = mlp.layers[k];
    layer.W.resize(spec.sizes[k + 1], spec.sizes[k]);
    InitWeights(spec.init, spec.uniform_range, &rng, &layer.W);
    layer.b = Eigen::VectorXd::Constant(spec.sizes[k + 1], spec.initial_bias);
    layer.activation = spec.activations[k];
    layer.params = spec.params;
  }
  return Result<Mlp>::Ok(std::move(mlp));
}

Status SetLayerWeights(Mlp* mlp, int layer, const Eigen::MatrixXd& W, const Eigen::VectorXd& b) {
  const int count = static_cast<int>(mlp->layers.size());
  if (layer < 0 || layer >= count) {
    return Status::Error("layer index " + std::to_string(layer) + " is out of range; the network has " +
                         std::to_string(count) + " weight layers (indices 0 to " + std::to_string(count - 1) + ")");
  }
  Layer& target = mlp->layers[layer];
  if (W.rows() != target.W.rows() || W.cols() != target.W.cols()) {
    return Status::Error("W for layer index " + std::to_string(layer) + " must be " + std::to_string(target.W.rows()) +
                         "x" + std::to_string(target.W.cols()) + " but got " + std::to_string(W.rows()) + "x" +
                         std::to_string(W.cols()));
  }
  if (b.size() != target.b.size()) {
    return Status::Error("b for layer index " + std::to_string(layer) + " must have " +
                         std::to_string(target.b.size()) + " entries but got " + std::to_string(b.size()));
  }
  if (!W.allFinite() || !b.allFinite()) {
    return Status::Error("weights for layer index " + std::to_string(layer) + " must be finite numbers");
  }
  target.W = W;
  target.b = b;
  return Status::Ok();
}

// --- Forward: Z = W X + b, A = h(Z), layer after layer ------------------------------------------

// X: (n_inputs, B). Assignments to same-shaped matrices reuse their buffers.
void Forward(const Mlp& mlp, const Eigen::MatrixXd& X, ForwardPass* pass) {
  assert(!mlp.layers.empty() && "Forward needs a network with at least one layer");
  assert(X.rows() == mlp.inputs() && "Forward: X must have one row per network input");
  pass->layers.resize(mlp.layers.size());
  const Eigen::MatrixXd* input = &X;
  for (size_t k = 0; k < mlp.layers.size(); ++k) {
    const Layer& layer = mlp.layers[k];
    LayerForward& f = pass->layers[k];
    f.input = *input;
    AffineForward(layer.W, layer.b, f.input, &f.z);
    ActivateMatrix(layer.activation, f.z, layer.params, &f.a);
    input = &f.a;
  }
}

ForwardPass Forward(const Mlp& mlp, const Eigen::MatrixXd& X) {
  ForwardPass pass;
  Forward(mlp, X, &pass);
  return pass;
}

// X: (n_inputs, B) -> (n_outputs, B). Two ping-pong buffers instead of a kept pass.
Eigen::MatrixXd Predict(const Mlp& mlp, const Eigen::MatrixXd& X) {
  assert(X.rows() == mlp.inputs() && "Predict: X must have one row per network input");
  Eigen::MatrixXd a = X;
  Eigen::MatrixXd z;
  for (const Layer& layer : mlp.layers) {
    AffineForward(layer.W, layer.b, a, &z);
    ActivateMatrix(layer.activation, z, layer.params, &a);
  }
  return a;
}

// X: (n_inputs, B).
Status CheckInput(const Mlp& mlp, const Eigen::MatrixXd& X) {
  if (X.rows() != mlp.inputs()) {
    return Status::Error("the input has " + std::to_string(X.rows()) + " rows but the network expects " +
                         std::to_string(mlp.inputs()) + " (one row per feature, one column per sample)");
  }
  if (X.cols() == 0) return Status::Error("the input has no samples (0 columns); give at least one sample");
  for (int c = 0; c < X.cols(); ++c) {
    for (int r = 0; r < X.rows(); ++r) {
      if (!std::isfinite(X(r, c))) {
        return Status::Error("input value at row " + std::to_string(r) + ", column " + std::to_string(c) + " is " +
                             (std::isnan(X(r, c)) ? "NaN" : "infinite") + "; every input must be a finite number");
      }
    }
  }
  return Status::Ok();
}

// --- Backward: delta, then dW = delta X^T, db = row sums, dX = W^T delta, layer before layer ----

// T: (n_outputs, B). The output delta comes from the loss (it folds in softmax / BCE); a hidden
// layer's delta is the next layer's dX times h'(Z), elementwise.
void Backward(const Mlp& mlp, const ForwardPass& pass, const Eigen::MatrixXd& T, Gradients* grads, bool data_gradient) {
  const int count = static_cast<int>(mlp.layers.size());
  assert(static_cast<int>(pass.layers.size()) == count && "Backward: the pass must come from Forward on this mlp");
  assert(T.rows() == mlp.outputs() && T.cols() == pass.output().cols() && "Backward: T must be (n_outputs, B)");
  grads->layers.resize(count);

  const LayerForward& out = pass.layers[count - 1];
  grads->loss = BatchLoss(mlp.loss, out.z, out.a, T);

  for (int k = count - 1; k >= 0; --k) {
    const Layer& layer = mlp.layers[k];
    const LayerForward& f = pass.layers[k];
    LayerGradients& g = grads->layers[k];
    if (layer.activation == Activation::kSoftmax) {
      g.derivative.resize(0, 0);
    } else {
      ActivationDerivativeMatrix(layer.activation, f.z, f.a, layer.params, &g.derivative);
    }
    if (k == count - 1) {
      OutputDelta(mlp.loss, f.a, T, g.derivative, &g.delta);
    } else {
      HiddenDelta(grads->layers[k + 1].d_input, g.derivative, &g.delta);
    }
    WeightGradient(g.delta, f.input, &g.dW);
    BiasGradient(g.delta, &g.db);
    if (k > 0 || data_gradient) {
      InputGradient(layer.W, g.delta, &grads->W_transposed, &g.d_input);
    } else {
      g.d_input.resize(0, 0);
    }

    g.d_slope = 0.0;
    if (layer.activation == Activation::kPrelu) {
      if (k == count - 1) {
        // An output PReLU (half squared error only): dL/dA is the loss's delta with h' = 1.
        Eigen::MatrixXd dL_dA;
        OutputDelta(mlp.loss, f.a, T, Eigen::MatrixXd::Ones(f.a.rows(), f.a.cols()), &dL_dA);
        g.d_slope = SlopeGradient(dL_dA, f.z);
      } else {
        g.d_slope = SlopeGradient(grads->layers[k + 1].d_input, f.z);
      }
    }
  }
}

Gradients Backward(const Mlp& mlp, const ForwardPass& pass, const Eigen::MatrixXd& T) {
  Gradients grads;
  Backward(mlp, pass, T, &grads);
  return grads;
}

bool AllFinite(const Mlp& mlp) {
  for (const Layer& layer : mlp.layers) {
    if (!layer.W.allFinite() || !layer.b.allFinite() || !std::isfinite(layer.params.slope)) return false;
  }
  return true;
}

}  // namespace bp
