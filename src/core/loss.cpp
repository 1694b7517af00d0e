// Loss functions: the per-sample loss, its batch mean, and the output layer's delta = dL/dz.
// The cross-entropies are computed from the logits z (never from log a), so a saturated output
// (a = 0 or 1 exactly in double precision) still gives a finite loss and a finite gradient.
#include "core/loss.h"

#include <cassert>
#include <cmath>

#include "core/echo.h"

namespace bp {

namespace {

struct LossInfo {
  Loss loss;
  const char* name;
  const char* title;
};

constexpr LossInfo kLossTable[] = {
    {Loss::kBinaryCrossEntropy, "bce", "Binary cross-entropy"},
    {Loss::kSoftmaxCrossEntropy, "softmax_ce", "Softmax cross-entropy"},
    {Loss::kHalfSquaredError, "half_mse", "½ squared error"},
};

const LossInfo& Info(Loss loss) {
  for (const LossInfo& info : kLossTable) {
    if (info.loss == loss) return info;
  }
  assert(false && "Info: loss missing from kLossTable");
  return kLossTable[0];
}

// Gives M the shape rows x cols, calling resize only when the shape changes: Eigen's resize checks
// rows * cols for overflow with an integer division, a cost per call in these small per-batch loops.
void SetShape(Eigen::MatrixXd* M, Eigen::Index rows, Eigen::Index cols) {
  if (M->rows() != rows || M->cols() != cols) M->resize(rows, cols);
}

// A column of a MatrixXd or a VectorXd, without a copy.
using ConstColumn = Eigen::Ref<const Eigen::VectorXd>;

// logsumexp(z) = max(z) + log sum_k e^(z_k - max(z)): the largest exponent is e^0, so no overflow.
double LogSumExp(const ConstColumn& z) {
  const double max_logit = z.maxCoeff();
  double sum = 0.0;
  for (Eigen::Index k = 0; k < z.size(); ++k) sum += std::exp(z[k] - max_logit);
  return max_logit + std::log(sum);
}

// The one implementation of the per-sample loss, used by SampleLoss and BatchLoss alike.
// z, a, t: (K).
double ColumnLoss(Loss loss, const ConstColumn& z, const ConstColumn& a, const ConstColumn& t) {
  switch (loss) {
    case Loss::kBinaryCrossEntropy: {
      // K independent yes/no outputs: the sample's loss is the sum of their cross-entropies.
      double sum = 0.0;
      for (Eigen::Index k = 0; k < z.size(); ++k) sum += BinaryCrossEntropyFromLogit(z[k], t[k]);
      return sum;
    }
    case Loss::kSoftmaxCrossEntropy: {
      // -sum_k t_k log softmax(z)_k with log softmax(z)_k = z_k - logsumexp(z). For a target that
      // sums to 1 this is logsumexp(z) - sum_k t_k z_k, the form in loss.h.
      const double log_sum_exp = LogSumExp(z);
      return (t.array() * (log_sum_exp - z.array())).sum();
    }
    case Loss::kHalfSquaredError: return 0.5 * (t - a).squaredNorm();
  }
  assert(false && "ColumnLoss: unknown loss");
  return 0.0;
}

}  // namespace

const char* LossName(Loss loss) { return Info(loss).name; }

const char* LossTitle(Loss loss) { return Info(loss).title; }

Result<Loss> ParseLoss(const std::string& name) {
  std::string known;
  for (const LossInfo& info : kLossTable) {
    if (name == info.name) return Result<Loss>::Ok(info.loss);
    known += known.empty() ? "" : ", ";
    known += info.name;
  }
  return Result<Loss>::Error("unknown loss " + Echo(name) + " (expected one of: " + known + ")");
}

bool LossAcceptsOutputActivation(Loss loss, Activation output_activation) {
  switch (loss) {
    case Loss::kBinaryCrossEntropy: return output_activation == Activation::kSigmoid;
    case Loss::kSoftmaxCrossEntropy: return output_activation == Activation::kSoftmax;
    case Loss::kHalfSquaredError: return IsElementwiseDifferentiable(output_activation);
  }
  assert(false && "LossAcceptsOutputActivation: unknown loss");
  return false;
}

// --- Forward: the loss ------------------------------------------------------------------------

double SampleLoss(Loss loss, const Eigen::VectorXd& z, const Eigen::VectorXd& a, const Eigen::VectorXd& t) {
  assert(z.size() == t.size() && a.size() == t.size() && "SampleLoss: z, a and t differ in length");
  return ColumnLoss(loss, z, a, t);
}

double BatchLoss(Loss loss, const Eigen::MatrixXd& Z, const Eigen::MatrixXd& A, const Eigen::MatrixXd& T) {
  assert(Z.rows() == T.rows() && Z.cols() == T.cols() && "BatchLoss: Z and T differ in shape");
  assert(A.rows() == T.rows() && A.cols() == T.cols() && "BatchLoss: A and T differ in shape");
  assert(T.cols() > 0 && "BatchLoss: empty batch");
  const Eigen::Index outputs = T.rows(), batch = T.cols();
  double sum = 0.0;
  // Plain loops over the batch for the usual cases, without a column view per sample. Each gives
  // ColumnLoss's bits: the same operations, the same order (the sample's own sum from 0.0 over its
  // outputs, then the samples in order).
  if (loss == Loss::kHalfSquaredError && outputs == 1) {
    // One output: Eigen's squaredNorm of one element is d * d, with no sum.
    const double* a = A.data();
    const double* t = T.data();
    for (Eigen::Index j = 0; j < batch; ++j) {
      const double d = t[j] - a[j];
      sum += 0.5 * (d * d);
    }
    return sum / static_cast<double>(batch);
  }
  if (loss == Loss::kBinaryCrossEntropy) {
    const double* z = Z.data();
    const double* t = T.data();
    for (Eigen::Index j = 0; j < batch; ++j, z += outputs, t += outputs) {
      double sample = 0.0;
      for (Eigen::Index k = 0; k < outputs; ++k) sample += BinaryCrossEntropyFromLogit(z[k], t[k]);
      sum += sample;
    }
    return sum / static_cast<double>(batch);
  }
  for (Eigen::Index j = 0; j < batch; ++j) sum += ColumnLoss(loss, Z.col(j), A.col(j), T.col(j));
  return sum / static_cast<double>(batch);
}

// --- Backward: the output layer's delta -------------------------------------------------------

void OutputDelta(Loss loss, const Eigen::MatrixXd& A, const Eigen::MatrixXd& T,
                 const Eigen::MatrixXd& output_derivative, Eigen::MatrixXd* delta) {
  assert(delta != nullptr && "OutputDelta: output matrix is null");
  assert(A.rows() == T.rows() && A.cols() == T.cols() && "OutputDelta: A and T differ in shape");
  assert(T.cols() > 0 && "OutputDelta: empty batch");
  // The batch loss is a mean, so every sample's gradient carries a factor 1/B.
  const double inverse_batch = 1.0 / static_cast<double>(T.cols());
  // Plain loops, element by element (the operations of the Eigen expressions they replace, in
  // the same order, so the same bits).
  SetShape(delta, A.rows(), A.cols());
  const Eigen::Index size = A.size();
  const double* a = A.data();
  const double* t = T.data();
  double* d = delta->data();
  switch (loss) {
    // Sigmoid + BCE and softmax + CE: the output activation's Jacobian cancels, dL/dz = a - t.
    case Loss::kBinaryCrossEntropy:
    case Loss::kSoftmaxCrossEntropy:
      for (Eigen::Index i = 0; i < size; ++i) d[i] = (a[i] - t[i]) * inverse_batch;
      return;
    case Loss::kHalfSquaredError: {
      assert(output_derivative.rows() == A.rows() && output_derivative.cols() == A.cols() &&
             "OutputDelta: half squared error needs h'(z) of the output layer, shaped like A");
      const double* h = output_derivative.data();
      for (Eigen::Index i = 0; i < size; ++i) d[i] = ((a[i] - t[i]) * h[i]) * inverse_batch;
      return;
    }
  }
  assert(false && "OutputDelta: unknown loss");
}

Eigen::VectorXd LossGradientWrtOutput(Loss loss, const Eigen::VectorXd& a, const Eigen::VectorXd& t) {
  assert(a.size() == t.size() && "LossGradientWrtOutput: a and t differ in length");
  switch (loss) {
    // d/da of -[t log a + (1 - t) log(1 - a)] = -t/a + (1 - t)/(1 - a) = (a - t) / (a (1 - a)).
    case Loss::kBinaryCrossEntropy: return ((a - t).array() / (a.array() * (1.0 - a.array()))).matrix();
    // d/da_k of -sum_k t_k log a_k = -t_k / a_k.
    case Loss::kSoftmaxCrossEntropy: return (-t.array() / a.array()).matrix();
    // d/da_k of 1/2 (t_k - a_k)^2 = a_k - t_k.
    case Loss::kHalfSquaredError: return a - t;
  }
  assert(false && "LossGradientWrtOutput: unknown loss");
  return Eigen::VectorXd();
}

// --- Binary cross-entropy from a logit --------------------------------------------------------

double BinaryCrossEntropyFromLogit(double z, double t) {
  // -[t log s(z) + (1 - t) log(1 - s(z))] with log s(z) = -log(1 + e^-z), log(1 - s(z)) = -z - log(1 + e^-z),
  // rearranged so the exponent is never positive: max(z, 0) - z t + log(1 + e^-|z|).
  return std::fmax(z, 0.0) - z * t + std::log1p(std::exp(-std::fabs(z)));
}

double NaiveBinaryCrossEntropy(double z, double t) {
  // The textbook formula on a = sigmoid(z): a rounds to exactly 1 for z > ~37, and log(1 - a) = -inf.
  const double a = Activate(Activation::kSigmoid, z);
  return -(t * std::log(a) + (1.0 - t) * std::log(1.0 - a));
}

}  // namespace bp
