// The stepper's step as a NumPy script (see python_export.h).
#include "app/session/python_export.h"
#include "app/session/python_script.h"

#include <sstream>

#include "app/session/format.h"
#include "core/activation.h"
#include "core/loss.h"
#include "core/optim.h"

namespace bp {

namespace python_script {

const char* ActivationFunctions(bool torch) {
  static const char* const kNumpy = R"PY(
def h(name, z, p):
    """The activation a = h(z), element by element (softmax: of the whole layer, each column)."""
    if name == "identity":
        return z.copy()
    if name == "step":
        return np.where(z > 0, 1.0, 0.0)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "tanh":
        return np.tanh(z)
    if name == "relu":
        return np.where(z < 0, 0.0, z)
    if name in ("leaky_relu", "prelu"):  # PReLU: the slope is learned
        return np.where(z > 0, z, p["slope"] * z)
    if name == "elu":
        return np.where(z > 0, z, p["alpha"] * np.expm1(np.minimum(z, 0.0)))
    if name == "gelu":
        return z * normal_cdf(z)
    if name == "softmax":
        e = np.exp(z - z.max(axis=0))
        return e / e.sum(axis=0)
    raise ValueError(name)


def h_prime(name, z, a, p):
    """The slope h'(z) (sigmoid, tanh and ReLU from a = h(z))."""
    if name == "identity":
        return np.ones_like(z)
    if name == "step":
        return np.zeros_like(z)
    if name == "sigmoid":
        return a * (1.0 - a)
    if name == "tanh":
        return 1.0 - a * a
    if name == "relu":
        return np.where(a > 0, 1.0, 0.0)
    if name in ("leaky_relu", "prelu"):
        return np.where(z > 0, 1.0, p["slope"])
    if name == "elu":
        return np.where(z > 0, 1.0, p["alpha"] * np.exp(np.minimum(z, 0.0)))
    if name == "gelu":
        return normal_cdf(z) + z * np.exp(-0.5 * z * z) / math.sqrt(2.0 * math.pi)
    raise ValueError(name)


def normal_cdf(z):
    return np.vectorize(lambda v: 0.5 * (1.0 + math.erf(v / math.sqrt(2.0))))(z)
)PY";
  static const char* const kTorch = R"PY(
def h(name, z, p):
    """The activation a = h(z) (softmax: of the whole layer); autograd knows each one's slope."""
    if name == "identity":
        return z * 1.0
    if name == "step":
        return (z > 0).double()
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return torch.relu(z)
    if name in ("leaky_relu", "prelu"):  # PReLU: the slope is learned (a tensor with a gradient)
        return torch.where(z > 0, z, p["slope"] * z)
    if name == "elu":
        return torch.where(z > 0, z, p["alpha"] * torch.expm1(torch.clamp(z, max=0.0)))
    if name == "gelu":
        return z * 0.5 * (1.0 + torch.erf(z / math.sqrt(2.0)))
    if name == "softmax":
        return torch.softmax(z, 0)
    raise ValueError(name)
)PY";
  return torch ? kTorch : kNumpy;
}

// "np.array([...])" or "torch.tensor([...])"; `open` is the constructor up to its bracket.
std::string Vector(const Eigen::VectorXd& v, const std::string& open) {
  std::string text = open + "[";
  for (Eigen::Index i = 0; i < v.size(); ++i) text += (i ? ", " : "") + ExactNum(v(i));
  return text + "])";
}

std::string Matrix(const Eigen::MatrixXd& m, const std::string& open) {
  std::string text = open + "[";
  for (Eigen::Index r = 0; r < m.rows(); ++r) {
    text += r ? ", [" : "[";
    for (Eigen::Index c = 0; c < m.cols(); ++c) text += (c ? ", " : "") + ExactNum(m(r, c));
    text += "]";
  }
  return text + "])";
}

const char* const kFunctions = R"PY(

def forward(W, b, x):
    """The forward pass: z = W a + b and a = h(z), layer by layer, starting from a = x."""
    inputs, zs, activations = [], [], []
    a = x
    for l in range(len(W)):
        inputs.append(a)
        z = W[l] @ a + b[l]
        a = h(hs[l], z, params[l])
        zs.append(z)
        activations.append(a)
    return inputs, zs, activations


def loss_terms(z, a, t):
    """Each output's share of the loss L (computed from z where that is the stable way)."""
    if loss == "half_mse":
        return 0.5 * (t - a) ** 2
    if loss == "bce":
        return np.maximum(z, 0.0) - z * t + np.log1p(np.exp(-np.abs(z)))
    if loss == "softmax_ce":
        m = z.max()
        return t * (m + np.log(np.exp(z - m).sum()) - z)
    raise ValueError(loss)


def backward(W, inputs, zs, activations, t):
    """The backward pass: δ = ∂L/∂z from the output layer back, then ∂L/∂W = δ aᵀ and ∂L/∂b = δ."""
    n = len(W)
    dL_da, slopes, deltas = [None] * n, [None] * n, [None] * n
    for l in reversed(range(n)):
        z, a = zs[l], activations[l]
        if l == n - 1:
            if loss == "half_mse":
                dL_da[l] = a - t
            elif loss == "bce":
                dL_da[l] = (a - t) / (a * (1.0 - a))
            else:
                dL_da[l] = -t / a
        else:
            dL_da[l] = W[l + 1].T @ deltas[l + 1]  # ∂L/∂aⱼ = Σₖ δₖ wₖⱼ, with the weights before the update
        if l == n - 1 and loss in ("bce", "softmax_ce"):
            slopes[l] = h_prime(hs[l], z, a, params[l]) if hs[l] != "softmax" else np.full_like(z, np.nan)
            deltas[l] = a - t  # the cross-entropy's δ: the output minus the target
        else:
            slopes[l] = h_prime(hs[l], z, a, params[l])
            deltas[l] = dL_da[l] * slopes[l]
    dW = [np.outer(deltas[l], inputs[l]) for l in range(n)]
    db = [deltas[l].copy() for l in range(n)]
    # PReLU: ∂L/∂(slope) = Σⱼ ∂L/∂aⱼ · ∂aⱼ/∂(slope), and ∂a/∂(slope) is z where z ≤ 0, else 0.
    d_slope = [float(np.sum(dL_da[l] * np.where(zs[l] > 0, 0.0, zs[l]))) if hs[l] == "prelu" else 0.0
               for l in range(n)]
    return dL_da, slopes, deltas, dW, db, d_slope


def update(W, b, dW, db, d_slope):
    """The update θ ← θ + step(∂L/∂θ) for every weight (its gradient plus the L1/L2 penalty's,
    l1·sign(w) + l2·w), bias (when biases update) and PReLU slope."""
    new_W, new_b, new_slope = [], [], []
    for l in range(len(W)):
        g = dW[l] + (l1 * np.sign(W[l]) + l2 * W[l]) if (l1 != 0.0 or l2 != 0.0) else dW[l]
        new_W.append(W[l] + step(g, state_W[l]))
        new_b.append(b[l] + step(db[l], state_b[l]) if update_biases else b[l].copy())
        slope = params[l]["slope"]
        new_slope.append(slope + step(d_slope[l], state_slope[l]) if hs[l] == "prelu" else slope)
    return new_W, new_b, new_slope


def show(name, values, layer):
    """One line per number: the quantity, the layer, the neuron (and input), the value."""
    values = np.atleast_1d(values)
    if values.ndim == 1:
        for j, v in enumerate(values):
            print(name, layer, j, repr(float(v)))
    else:
        for j in range(values.shape[0]):
            for i in range(values.shape[1]):
                print(name, layer, j, i, repr(float(values[j, i])))


inputs, zs, activations = forward(W, b, x)
terms = loss_terms(zs[-1], activations[-1], t)
L = terms.sum()
dL_da, slopes, deltas, dW, db, d_slope = backward(W, inputs, zs, activations, t)
new_W, new_b, new_slope = update(W, b, dW, db, d_slope)

for l in range(len(W)):
    show("z", zs[l], l)
    show("a", activations[l], l)
show("loss_term", terms, len(W) - 1)
print("loss", repr(float(L)))
for l in range(len(W)):
    show("dL_da", dL_da[l], l)
    show("derivative", slopes[l], l)
    show("delta", deltas[l], l)
    show("dW", dW[l], l)
    show("db", db[l], l)
    show("new_W", new_W[l], l)
    show("new_b", new_b[l], l)
    if hs[l] == "prelu":
        print("dL_dslope", l, repr(d_slope[l]))
        print("new_slope", l, repr(float(new_slope[l])))
)PY";
const char* const kTorchFunctions = R"PY(

def forward(W, b, x):
    """The forward pass: z = W a + b and a = h(z), layer by layer, starting from a = x. Each z and a
    keeps its gradient (retain_grad), so the backward pass can show δ = ∂L/∂z and ∂L/∂a."""
    inputs, zs, activations = [], [], []
    a = x
    for l in range(len(W)):
        inputs.append(a)
        z = W[l] @ a + b[l]
        z.retain_grad()
        a = h(hs[l], z, params[l])
        a.retain_grad()
        zs.append(z)
        activations.append(a)
    return inputs, zs, activations


def loss_terms(z, a, t):
    """Each output's share of the loss L (the cross-entropies from z, the stable way)."""
    if loss == "half_mse":
        return 0.5 * (t - a) ** 2
    if loss == "bce":
        return torch.clamp(z, min=0.0) - z * t + torch.log1p(torch.exp(-torch.abs(z)))
    if loss == "softmax_ce":
        return t * (torch.logsumexp(z, 0) - z)
    raise ValueError(loss)


def update(W, b):
    """The update θ ← θ + step(∂L/∂θ) for every weight (its gradient plus the L1/L2 penalty's,
    l1·sign(w) + l2·w) and bias (when biases update), outside autograd."""
    new_W, new_b = [], []
    with torch.no_grad():
        for l in range(len(W)):
            g = W[l].grad + (l1 * torch.sign(W[l]) + l2 * W[l]) if (l1 != 0.0 or l2 != 0.0) else W[l].grad
            new_W.append(W[l] + step(g, state_W[l]))
            new_b.append(b[l] + step(b[l].grad, state_b[l]) if update_biases else b[l].clone())
            if hs[l] == "prelu":
                params[l]["new_slope"] = params[l]["slope"] + step(params[l]["slope"].grad, state_slope[l])
    return new_W, new_b


def show(name, values, layer):
    """One line per number: the quantity, the layer, the neuron (and input), the value."""
    values = values.detach()
    if values.dim() == 1:
        for j in range(values.shape[0]):
            print(name, layer, j, repr(float(values[j])))
    else:
        for j in range(values.shape[0]):
            for i in range(values.shape[1]):
                print(name, layer, j, i, repr(float(values[j, i])))


inputs, zs, activations = forward(W, b, x)
terms = loss_terms(zs[-1], activations[-1], t)
L = terms.sum()
L.backward()  # autograd: every ∂L/∂θ, and δ = ∂L/∂z of every layer (zs[l].grad)
new_W, new_b = update(W, b)

for l in range(len(W)):
    show("z", zs[l], l)
    show("a", activations[l], l)
show("loss_term", terms, len(W) - 1)
print("loss", repr(float(L)))
for l in range(len(W)):
    if activations[l].grad is not None:  # the cross-entropies are computed from z: no ∂L/∂a there
        show("dL_da", activations[l].grad, l)
    show("delta", zs[l].grad, l)
    show("dW", W[l].grad, l)
    show("db", b[l].grad, l)
    show("new_W", new_W[l], l)
    show("new_b", new_b[l], l)
    if hs[l] == "prelu":
        print("dL_dslope", l, repr(float(params[l]["slope"].grad)))
        print("new_slope", l, repr(float(params[l]["new_slope"])))
)PY";

// The optimizer's step, the same in both flavours but for the square root.
std::string StepFunction(const std::string& sqrt) {
  return R"PY(

def step(g, moments):
    """One parameter array's step for gradient g: plain gradient descent −η g, momentum
    v ← μ v − η g, or Adam (moments m and s, corrected for their start at 0)."""
    if optimizer == "sgd":
        return -eta * g
    if optimizer == "momentum":
        moments["v"] = mu * moments["v"] - eta * g
        return moments["v"]
    moments["m"] = beta1 * moments["m"] + (1.0 - beta1) * g
    moments["s"] = beta2 * moments["s"] + (1.0 - beta2) * g * g
    m_hat = moments["m"] / (1.0 - beta1 ** updates)
    s_hat = moments["s"] / (1.0 - beta2 ** updates)
    return -eta * m_hat / ()PY" +
         sqrt + R"PY((s_hat) + epsilon)
)PY";
}

std::string ScriptStart(bool torch, const std::string& what) {
  std::ostringstream py;
  py << "#!/usr/bin/env python3\n"
     << what
     << "# Names follow the app's notation card: x (the inputs), t (the targets), W[l] and b[l] (layer l's\n"
        "# weights and biases; W[l][j, i] joins input i to neuron j), z = W a + b, a = h(z), L (the loss),\n"
        "# delta = ∂L/∂z, eta (η, the learning rate). Layer 0 here is the app's layer ⁽¹⁾.\n"
        "import math\n\n"
     << (torch ? "import torch\n\ntorch.set_default_dtype(torch.float64)\n\n" : "import numpy as np\n\n");
  return py.str();
}

Result<std::string> NetworkLines(const Mlp& mlp, bool torch, bool grad) {
  using R = Result<std::string>;
  const std::string open = torch ? "torch.tensor(" : "np.array(";
  // Every array float64, written out (a list of whole numbers would make an integer array).
  const std::string kind =
      torch ? (grad ? ", dtype=torch.float64, requires_grad=True)" : ", dtype=torch.float64)") : ", dtype=np.float64)";
  std::ostringstream py;
  py << "W = [\n";
  for (const Layer& layer : mlp.layers) {
    const std::string m = Matrix(layer.W, open);
    py << "    " << m.substr(0, m.size() - 1) << kind << ",\n";
  }
  py << "]\nb = [\n";
  for (const Layer& layer : mlp.layers) {
    const std::string v = Vector(layer.b, open);
    py << "    " << v.substr(0, v.size() - 1) << kind << ",\n";
  }
  py << "]\nhs = [";
  for (size_t l = 0; l < mlp.layers.size(); ++l) {
    py << (l ? ", " : "") << "\"" << ActivationName(mlp.layers[l].activation) << "\"";
  }
  py << "]  # each layer's activation h\nparams = [";
  for (size_t l = 0; l < mlp.layers.size(); ++l) {
    py << (l ? ", " : "") << "{\"slope\": " << ExactNum(mlp.layers[l].params.slope)
       << ", \"alpha\": " << ExactNum(mlp.layers[l].params.alpha) << "}";
  }
  py << "]\nloss = \"" << LossName(mlp.loss) << "\"\n";
  if (torch) {
    py << "for p, name in zip(params, hs):\n"
          "    if name == \"prelu\":  # the learned slope keeps its gradient too\n"
          "        p[\"slope\"] = torch.tensor(p[\"slope\"]"
       << (grad ? ", requires_grad=True" : "") << ")\n";
  }
  return R::Ok(py.str());
}

std::string OptimizerLines(const OptimizerConfig& config, const OptimizerState& state, const Mlp& mlp, bool torch,
                           bool kept) {
  const std::string open = torch ? "torch.tensor(" : "np.array(";
  const std::string as_float = torch ? ", dtype=torch.float64)" : ", dtype=np.float64)";
  auto constant = [&](const std::string& text) { return text.substr(0, text.size() - 1) + as_float; };
  std::ostringstream py;
  py << "eta = " << ExactNum(config.learning_rate) << "\nupdate_biases = " << (config.update_biases ? "True" : "False")
     << "\n";
  // The optimizer and its state so far (momentum's v, Adam's m and s, and its count of updates t;
  // zero when it starts here).
  py << "\n# The update rule: \"sgd\", \"momentum\" or \"adam\", with the L1/L2 penalty on the weights.\n";
  py << "optimizer = \"" << OptimizerName(config.kind) << "\"\nmu = " << ExactNum(config.momentum)
     << "\nbeta1 = " << ExactNum(config.beta1) << "\nbeta2 = " << ExactNum(config.beta2)
     << "\nepsilon = " << ExactNum(config.epsilon) << "\nl1 = " << ExactNum(config.l1)
     << "\nl2 = " << ExactNum(config.l2) << "\nupdates = " << (kept ? state.t : 0)
     << "  # Adam's t: the updates made so far\n";
  auto moments = [&](const char* name, bool weights) {
    py << name << " = [\n";
    for (size_t l = 0; l < mlp.layers.size(); ++l) {
      const Layer& layer = mlp.layers[l];
      auto array = [&](const std::vector<LayerMoments>& all) {
        if (weights) {
          return constant(Matrix(kept ? all[l].W : Eigen::MatrixXd::Zero(layer.W.rows(), layer.W.cols()), open));
        }
        return constant(Vector(kept ? all[l].b : Eigen::VectorXd::Zero(layer.b.size()), open));
      };
      py << "    {\"v\": " << array(state.velocity) << ", \"m\": " << array(state.m) << ", \"s\": " << array(state.s)
         << "},\n";
    }
    py << "]\n";
  };
  moments("state_W", true);
  moments("state_b", false);
  // PReLU's slope is a parameter too, with moments of its own.
  py << "state_slope = [";
  for (size_t l = 0; l < mlp.layers.size(); ++l) {
    auto value = [&](const std::vector<LayerMoments>& all) { return ExactNum(kept ? all[l].slope : 0.0); };
    py << (l ? ", " : "") << "{\"v\": " << value(state.velocity) << ", \"m\": " << value(state.m)
       << ", \"s\": " << value(state.s) << "}";
  }
  py << "]\n";
  py << StepFunction(torch ? "torch.sqrt" : "np.sqrt");
  return py.str();
}

}  // namespace python_script

namespace {
using namespace python_script;

// What both flavours of the step start with: the network before the step, the sample, η and the
// optimizer's state.
Result<std::string> ScriptHeader(const StepSession& session, bool torch) {
  using R = Result<std::string>;
  if (session.stations.empty()) return R::Error("there is no step to export: open a step-through lesson");
  Result<std::string> network = NetworkLines(session.mlp, torch, /*grad=*/true);
  if (!network) return network;
  const std::string open = torch ? "torch.tensor(" : "np.array(";
  const std::string as_float = torch ? ", dtype=torch.float64)" : ", dtype=np.float64)";
  auto constant = [&](const std::string& text) { return text.substr(0, text.size() - 1) + as_float; };
  std::ostringstream py;
  py << ScriptStart(torch,
                    std::string("# One training step of a small neural network, exactly as Backprop Lab's stepper ") +
                        "computed it:\n# the forward pass, the loss, the backward pass and the update, in " +
                        (torch ? "PyTorch" : "NumPy") +
                        " with float64 numbers.\n"
                        "# Run it: python3 this_file.py — it prints every number of the step, one per line.\n")
     << "# The network before the step.\n"
     << network.value() << "\n# The sample.\n"
     << "x = " << constant(Vector(session.x, open)) << "\nt = " << constant(Vector(session.t, open)) << "\n"
     << OptimizerLines(session.config, session.optimizer, session.mlp, torch,
                       StateMatches(session.optimizer, session.mlp))
     << "updates += 1  # this step's update\n"
     << ActivationFunctions(torch);
  return R::Ok(py.str());
}
}  // namespace

Result<std::string> StepScriptTorch(const StepSession& session) {
  Result<std::string> header = ScriptHeader(session, true);
  if (!header.ok()) return header;
  return Result<std::string>::Ok(header.value() + kTorchFunctions);
}

Result<std::string> StepScriptNumpy(const StepSession& session) {
  Result<std::string> header = ScriptHeader(session, false);
  if (!header.ok()) return header;
  return Result<std::string>::Ok(header.value() + kFunctions);
}

}  // namespace bp
