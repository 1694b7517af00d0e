// A network as a composition of modules, the lecture's a_L = h_L ∘ … ∘ h_1 (x): the lesson "A network
// is a composition". Each module has a forward rule (its value) and a backward rule (a vector–Jacobian
// product), written next to each other. Notation, for one sample (column vectors):
//   linear      a = W x + b        W: (n_out, n_in), b: (n_out)     J = ∂a/∂x = W
//               backward: ∂L/∂x = ∂L/∂a · W,  ∂L/∂W = (∂L/∂a)ᵀ xᵀ,  ∂L/∂b = ∂L/∂a
//               needs from the forward pass: its input x (for ∂L/∂W)
//   activation  a = h(z)  elementwise                                  J = diag(h′(z))
//               backward: ∂L/∂z = ∂L/∂a ⊙ h′(z)
//               needs from the forward pass: its input z
//   loss        L = ½‖a − t‖²                                           ∂L/∂a = (a − t)ᵀ
// Gradients are row vectors in the text and stored as Eigen column vectors here. The backward pass
// is the reverse product of the Jacobians: ∂L/∂x = ∂L/∂a_K · J_K ⋯ J_1, evaluated right to left as
// K vector–Jacobian products, never forming the matrices (ChainJacobian forms them, for the lesson).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "core/activation.h"
#include "core/mlp.h"

namespace bp {

enum class ModuleKind { kLinear, kActivation };

struct Module {
  ModuleKind kind = ModuleKind::kLinear;
  Eigen::MatrixXd W;                     // linear: (n_out, n_in)
  Eigen::VectorXd b;                     // linear: (n_out)
  Activation h = Activation::kIdentity;  // activation: elementwise, differentiable
  ActivationParams params;
  int width = 0;  // activation: the number of values it maps
  int inputs() const { return kind == ModuleKind::kLinear ? static_cast<int>(W.cols()) : width; }
  int outputs() const { return kind == ModuleKind::kLinear ? static_cast<int>(W.rows()) : width; }
  int ParameterCount() const { return kind == ModuleKind::kLinear ? static_cast<int>(W.size() + b.size()) : 0; }
};

// Each layer of an Mlp as two modules: linear (W, b), then its activation (identity included).
std::vector<Module> ModulesOf(const Mlp& mlp);

// --- One module: forward and backward side by side ----------------------------------------------
// x: (inputs()). Returns (outputs()).
Eigen::VectorXd ModuleForward(const Module& module, const Eigen::VectorXd& x);
struct ModuleGradients {
  Eigen::VectorXd dx;  // ∂L/∂x (inputs())
  Eigen::MatrixXd dW;  // linear only: (n_out, n_in)
  Eigen::VectorXd db;  // linear only: (n_out)
};
// x: the module's input as the forward pass stored it; da: ∂L/∂a (outputs()).
ModuleGradients ModuleBackward(const Module& module, const Eigen::VectorXd& x, const Eigen::VectorXd& da);
// ∂a/∂x at x: (outputs(), inputs()).
Eigen::MatrixXd ModuleJacobian(const Module& module, const Eigen::VectorXd& x);

// --- The chain -----------------------------------------------------------------------------------
struct ChainPass {
  std::vector<Eigen::VectorXd> values;   // values[0] = x, values[k + 1] = module k's output
  double loss = 0.0;                     // ½‖a_K − t‖²
  std::vector<Eigen::VectorXd> grads;    // grads[k] = ∂L/∂values[k]; grads[0] = ∂L/∂x
  std::vector<ModuleGradients> modules;  // each module's backward result
};
// Forward through every module (keeping every value), the loss against t, then backward in reverse.
// The caller guarantees matching sizes (x: first module's inputs, t: last module's outputs).
ChainPass RunChain(const std::vector<Module>& chain, const Eigen::VectorXd& x, const Eigen::VectorXd& t);
// The whole chain's Jacobian J_K ⋯ J_1 at x, (outputs of the last, inputs of the first), by
// multiplying the modules' matrices: what the backward pass never forms.
Eigen::MatrixXd ChainJacobian(const std::vector<Module>& chain, const Eigen::VectorXd& x);

// --- What the backward pass needs kept ----------------------------------------------------------
// Counts for a batch of `batch` samples. Operations: one per multiply-add of a linear module and one
// per value of an activation (forward and backward alike).
struct MemoryCount {
  int64_t parameters = 0;       // weights and biases (kept anyway)
  int64_t stored = 0;           // numbers kept from the forward pass for the backward pass (every module's input)
  int64_t forward_ops = 0;      // one forward pass
  int64_t checkpoint_kept = 0;  // recomputing instead: only the input x is kept, plus the widest vector in flight
  int64_t recompute_ops = 0;    // the extra forward work: module k's input is recomputed from x before its backward
};
// Numbers a module keeps for its backward rule, per sample: its input (linear: x for ∂L/∂W;
// activation: z for h′(z)).
int64_t StoredForBackward(const Module& module);
MemoryCount CountMemory(const std::vector<Module>& chain, int64_t batch);

}  // namespace bp
