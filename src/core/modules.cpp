// Modules with a forward and a backward rule, the chain of them, and what the backward pass needs
// kept (modules.h states the notation).
#include "core/modules.h"

#include <algorithm>
#include <cassert>

namespace bp {

std::vector<Module> ModulesOf(const Mlp& mlp) {
  std::vector<Module> chain;
  for (const Layer& layer : mlp.layers) {
    Module linear;
    linear.kind = ModuleKind::kLinear;
    linear.W = layer.W;
    linear.b = layer.b;
    chain.push_back(linear);
    Module activation;
    activation.kind = ModuleKind::kActivation;
    activation.h = layer.activation;
    activation.params = layer.params;
    activation.width = layer.outputs();
    chain.push_back(activation);
  }
  return chain;
}

Eigen::VectorXd ModuleForward(const Module& module, const Eigen::VectorXd& x) {
  assert(x.size() == module.inputs() && "the module's input has the wrong size");
  if (module.kind == ModuleKind::kLinear) {
    const Eigen::VectorXd a = module.W * x + module.b;
    return a;
  }
  Eigen::VectorXd a(x.size());
  for (int i = 0; i < x.size(); ++i) a(i) = Activate(module.h, x(i), module.params);
  return a;
}

ModuleGradients ModuleBackward(const Module& module, const Eigen::VectorXd& x, const Eigen::VectorXd& da) {
  assert(da.size() == module.outputs() && "the gradient has the wrong size");
  ModuleGradients out;
  if (module.kind == ModuleKind::kLinear) {
    out.dx = module.W.transpose() * da;  // the row vector ∂L/∂a · W, as a column
    out.dW = da * x.transpose();
    out.db = da;
    return out;
  }
  out.dx.resize(x.size());
  for (int i = 0; i < x.size(); ++i) {
    const double a = Activate(module.h, x(i), module.params);
    out.dx(i) = da(i) * ActivationDerivative(module.h, x(i), a, module.params);
  }
  return out;
}

Eigen::MatrixXd ModuleJacobian(const Module& module, const Eigen::VectorXd& x) {
  if (module.kind == ModuleKind::kLinear) return module.W;
  Eigen::MatrixXd J = Eigen::MatrixXd::Zero(x.size(), x.size());
  for (int i = 0; i < x.size(); ++i) {
    J(i, i) = ActivationDerivative(module.h, x(i), Activate(module.h, x(i), module.params), module.params);
  }
  return J;
}

ChainPass RunChain(const std::vector<Module>& chain, const Eigen::VectorXd& x, const Eigen::VectorXd& t) {
  ChainPass pass;
  pass.values.push_back(x);
  for (const Module& module : chain) pass.values.push_back(ModuleForward(module, pass.values.back()));
  const Eigen::VectorXd& a = pass.values.back();
  assert(a.size() == t.size() && "the target has the wrong size");
  pass.loss = 0.5 * (a - t).squaredNorm();
  const size_t K = chain.size();
  pass.grads.assign(K + 1, Eigen::VectorXd());
  pass.modules.assign(K, ModuleGradients());
  pass.grads[K] = a - t;
  for (size_t k = K; k-- > 0;) {
    pass.modules[k] = ModuleBackward(chain[k], pass.values[k], pass.grads[k + 1]);
    pass.grads[k] = pass.modules[k].dx;
  }
  return pass;
}

Eigen::MatrixXd ChainJacobian(const std::vector<Module>& chain, const Eigen::VectorXd& x) {
  Eigen::MatrixXd product = Eigen::MatrixXd::Identity(x.size(), x.size());
  Eigen::VectorXd value = x;
  for (const Module& module : chain) {
    const Eigen::MatrixXd next = ModuleJacobian(module, value) * product;
    product = next;
    value = ModuleForward(module, value);
  }
  return product;
}

int64_t StoredForBackward(const Module& module) { return module.inputs(); }

namespace {
int64_t ForwardOps(const Module& module) {
  return module.kind == ModuleKind::kLinear ? static_cast<int64_t>(module.W.size()) : module.width;
}
}  // namespace

MemoryCount CountMemory(const std::vector<Module>& chain, int64_t batch) {
  MemoryCount count;
  int64_t widest = chain.empty() ? 0 : chain.front().inputs();
  int64_t ops_before = 0;  // forward work from x up to module k's input
  for (const Module& module : chain) {
    count.parameters += module.ParameterCount();
    count.stored += StoredForBackward(module) * batch;
    count.recompute_ops += ops_before * batch;
    ops_before += ForwardOps(module);
    widest = std::max<int64_t>(widest, module.outputs());
  }
  count.forward_ops = ops_before * batch;
  const int64_t inputs = chain.empty() ? 0 : chain.front().inputs();
  count.checkpoint_kept = (inputs + widest) * batch;
  return count;
}

}  // namespace bp
