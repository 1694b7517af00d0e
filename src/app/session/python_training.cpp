// The playground's training as a Python script (see python_training.h).
#include "app/session/python_training.h"

#include <sstream>
#include <vector>

#include "app/session/format.h"
#include "app/session/python_script.h"

namespace bp {

namespace {
using namespace python_script;

const char* const kNumpyTraining = R"PY(

def forward(W, b, A):
    """The forward pass of a batch A (one sample per column): Z = W A + b, then A = h(Z), layer by layer."""
    inputs, zs, activations = [], [], []
    a = A
    for l in range(len(W)):
        inputs.append(a)
        z = W[l] @ a + b[l][:, None]
        a = h(hs[l], z, params[l])
        zs.append(z)
        activations.append(a)
    return inputs, zs, activations


def mean_loss(z, a, t):
    """The loss of a batch: each sample's loss (summed over the outputs), averaged over the samples."""
    if loss == "half_mse":
        terms = 0.5 * (t - a) ** 2
    elif loss == "bce":
        terms = np.maximum(z, 0.0) - z * t + np.log1p(np.exp(-np.abs(z)))
    else:
        m = z.max(axis=0)
        terms = t * (m + np.log(np.exp(z - m).sum(axis=0)) - z)
    return terms.sum(axis=0).mean()


def backward(W, inputs, zs, activations, t):
    """δ = ∂L/∂z of the batch's mean loss (so each sample's carries 1/B), from the output back; then
    ∂L/∂W = δ Aᵀ and ∂L/∂b = δ summed over the samples."""
    n, count = len(W), t.shape[1]
    deltas, d_slope = [None] * n, [0.0] * n
    for l in reversed(range(n)):
        z, a = zs[l], activations[l]
        if l == n - 1 and loss in ("bce", "softmax_ce"):
            deltas[l] = (a - t) * (1.0 / count)  # the cross-entropy's δ: the output minus the target
            continue
        dL_da = (a - t) * (1.0 / count) if l == n - 1 else W[l + 1].T @ deltas[l + 1]
        if l == n - 1:
            deltas[l] = ((a - t) * h_prime(hs[l], z, a, params[l])) * (1.0 / count)
        else:
            deltas[l] = dL_da * h_prime(hs[l], z, a, params[l])
        if hs[l] == "prelu":  # ∂L/∂(slope) = Σ ∂L/∂a · z where z ≤ 0
            d_slope[l] = float(np.sum(dL_da * np.where(z > 0, 0.0, z)))
    return [deltas[l] @ inputs[l].T for l in range(n)], [deltas[l].sum(axis=1) for l in range(n)], d_slope


def update(W, b, dW, db, d_slope):
    """θ ← θ + step(∂L/∂θ) for every weight (plus the L1/L2 penalty's l1·sign(w) + l2·w), bias and
    PReLU slope."""
    new_W, new_b = [], []
    for l in range(len(W)):
        g = dW[l] + (l1 * np.sign(W[l]) + l2 * W[l]) if (l1 != 0.0 or l2 != 0.0) else dW[l]
        new_W.append(W[l] + step(g, state_W[l]))
        new_b.append(b[l] + step(db[l], state_b[l]) if update_biases else b[l].copy())
        if hs[l] == "prelu":
            params[l]["slope"] = params[l]["slope"] + step(d_slope[l], state_slope[l])
    return new_W, new_b


for epoch, order in enumerate(orders, start=first_epoch):
    for start in range(0, len(order), batch_size):
        batch = order[start:start + batch_size]
        inputs, zs, activations = forward(W, b, X[:, batch])
        dW, db, d_slope = backward(W, inputs, zs, activations, T[:, batch])
        updates += 1
        W, b = update(W, b, dW, db, d_slope)
    _, zs, activations = forward(W, b, X)
    print("train_loss", epoch, repr(float(mean_loss(zs[-1], activations[-1], T))))

)PY";

const char* const kTorchTraining = R"PY(

def forward(W, b, A):
    """The forward pass of a batch A (one sample per column): Z = W A + b, then A = h(Z), layer by layer."""
    a = A
    zs, activations = [], []
    for l in range(len(W)):
        z = W[l] @ a + b[l][:, None]
        a = h(hs[l], z, params[l])
        zs.append(z)
        activations.append(a)
    return zs, activations


def mean_loss(z, a, t):
    """The loss of a batch: each sample's loss (summed over the outputs), averaged over the samples."""
    if loss == "half_mse":
        terms = 0.5 * (t - a) ** 2
    elif loss == "bce":
        terms = torch.clamp(z, min=0.0) - z * t + torch.log1p(torch.exp(-torch.abs(z)))
    else:
        terms = t * (torch.logsumexp(z, 0) - z)
    return terms.sum(0).mean()


def update(W, b):
    """θ ← θ + step(∂L/∂θ) for every weight (plus the L1/L2 penalty's l1·sign(w) + l2·w) and bias,
    outside autograd; the new tensors start fresh gradients."""
    new_W, new_b = [], []
    with torch.no_grad():
        for l in range(len(W)):
            g = W[l].grad + (l1 * torch.sign(W[l]) + l2 * W[l]) if (l1 != 0.0 or l2 != 0.0) else W[l].grad
            new_W.append((W[l] + step(g, state_W[l])).requires_grad_())
            new_b.append((b[l] + step(b[l].grad, state_b[l]) if update_biases else b[l].clone()).requires_grad_())
            if hs[l] == "prelu":
                slope = params[l]["slope"]
                params[l]["slope"] = (slope + step(slope.grad, state_slope[l])).requires_grad_()
    return new_W, new_b


for epoch, order in enumerate(orders, start=first_epoch):
    for start in range(0, len(order), batch_size):
        batch = order[start:start + batch_size]
        zs, activations = forward(W, b, X[:, batch])
        L = mean_loss(zs[-1], activations[-1], T[:, batch])
        L.backward()  # autograd: ∂L/∂θ of the batch's mean loss
        updates += 1
        W, b = update(W, b)
    with torch.no_grad():
        zs, activations = forward(W, b, X)
        print("train_loss", epoch, repr(float(mean_loss(zs[-1], activations[-1], T))))

)PY";

// What both flavours print at the end: every weight, bias and PReLU slope after the epochs.
const char* const kPrintParameters = R"PY(
for l in range(len(W)):
    for j in range(W[l].shape[0]):
        for i in range(W[l].shape[1]):
            print("W", l, j, i, repr(float(W[l][j, i])))
        print("b", l, j, repr(float(b[l][j])))
    if hs[l] == "prelu":
        print("slope", l, repr(float(params[l]["slope"])))
)PY";

// The order of the training points in each of the next `epochs` epochs: the app's own shuffle, read
// from a copy of the playground trained epoch by epoch.
Result<std::vector<std::vector<int>>> EpochOrders(const Playground& playground, int epochs) {
  using R = Result<std::vector<std::vector<int>>>;
  Playground copy = playground;
  copy.config.stop_epochs = 0;  // the export runs its epochs whatever the stop condition says
  copy.config.stop_test_loss = 0.0;
  copy.stopped = false;
  std::vector<std::vector<int>> orders;
  for (int e = 0; e < epochs; ++e) {
    const PlaygroundProgress progress = TrainPlaygroundEpochs(&copy, 1);
    if (progress.diverged) {
      return R::Error("training diverges at epoch " + std::to_string(copy.epoch + 1) +
                      " with these settings, so there is nothing to compare; lower the learning rate first");
    }
    orders.push_back(copy.workspace.order);
  }
  return R::Ok(std::move(orders));
}

Result<std::string> TrainingScript(const Playground& p, int epochs, bool torch) {
  using R = Result<std::string>;
  if (epochs < 1 || epochs > kMaxExportEpochs) {
    return R::Error("epochs must be a whole number from 1 to " + std::to_string(kMaxExportEpochs));
  }
  const long long entries = static_cast<long long>(epochs) * p.train.size();
  if (entries > kMaxExportOrderEntries) {
    return R::Error("the script writes the order of every epoch: " + std::to_string(epochs) + " epochs of " +
                    std::to_string(p.train.size()) + " points is more than " + std::to_string(kMaxExportOrderEntries) +
                    "; export fewer epochs");
  }
  if (p.diverged) return R::Error("training has diverged: restore the last good weights first");
  if (p.workspace.cursor != 0) return R::Error("an epoch is under way: finish it first (Step one epoch)");
  Result<std::string> network = NetworkLines(p.mlp, torch, /*grad=*/true);
  if (!network) return network;
  Result<std::vector<std::vector<int>>> orders = EpochOrders(p, epochs);
  if (!orders) return R::Error(orders.error());
  const std::string open = torch ? "torch.tensor(" : "np.array(";
  const std::string as_float = torch ? ", dtype=torch.float64)" : ", dtype=np.float64)";
  auto constant = [&](const std::string& text) { return text.substr(0, text.size() - 1) + as_float; };
  std::ostringstream py;
  py << ScriptStart(torch, "# Backprop Lab's playground: " + std::to_string(epochs) + " epochs of training in " +
                               (torch ? "PyTorch" : "NumPy") +
                               " with float64 numbers, from the network's\n"
                               "# weights at epoch " +
                               std::to_string(p.epoch) +
                               ", minibatches in the app's order, the app's optimizer and its state.\n"
                               "# Run it: python3 this_file.py — it prints the training loss after each epoch,\n"
                               "# then every weight and bias.\n")
     << "# The network now.\n"
     << network.value() << "\n# The training points after the input features (one per column), and their targets.\n"
     << "X = " << constant(Matrix(p.train_inputs, open)) << "\nT = " << constant(Matrix(p.train.T, open)) << "\n"
     << "batch_size = " << p.config.batch_size << "\nfirst_epoch = " << p.epoch + 1
     << "\n# The order of the training points in each epoch (the app's shuffle).\norders = [\n";
  for (const std::vector<int>& order : orders.value()) {
    py << "    [";
    for (size_t i = 0; i < order.size(); ++i) py << (i ? ", " : "") << order[i];
    py << "],\n";
  }
  py << "]\n"
     << OptimizerLines(p.config.optimizer, p.optimizer, p.mlp, torch, StateMatches(p.optimizer, p.mlp))
     << ActivationFunctions(torch) << (torch ? kTorchTraining : kNumpyTraining) << kPrintParameters;
  return R::Ok(py.str());
}
}  // namespace

Result<std::string> TrainingScriptNumpy(const Playground& playground, int epochs) {
  return TrainingScript(playground, epochs, false);
}

Result<std::string> TrainingScriptTorch(const Playground& playground, int epochs) {
  return TrainingScript(playground, epochs, true);
}

}  // namespace bp
