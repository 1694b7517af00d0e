// The parts a Python export is written from (python_export.cpp, python_training.cpp): numbers
// written exactly, the network, the optimizer with its state and step function, and the activation
// functions, in either flavour (NumPy, or PyTorch with float64 tensors).
#pragma once

#include <string>

#include <Eigen/Dense>

#include "core/mlp.h"
#include "core/optim.h"
#include "core/result.h"

namespace bp::python_script {

// "np.array([...])" or "torch.tensor([...])" (`open` is the constructor up to its bracket), every
// number the shortest text that reads back as the same double.
std::string Vector(const Eigen::VectorXd& v, const std::string& open);
std::string Matrix(const Eigen::MatrixXd& m, const std::string& open);
// The shebang, `what` (comment lines), the notation's names, the imports.
std::string ScriptStart(bool torch, const std::string& what);
// W, b (tensors that keep gradients when `grad`), hs, params, loss; refused for PReLU.
Result<std::string> NetworkLines(const Mlp& mlp, bool torch, bool grad);
// eta, update_biases, the optimizer's settings, `updates` (Adam's t so far), its moments
// (state_W, state_b; the state's when `kept`, else zeros) and step(g, moments).
std::string OptimizerLines(const OptimizerConfig& config, const OptimizerState& state, const Mlp& mlp, bool torch,
                           bool kept);
// h(name, z, p) and (NumPy) h_prime, element by element for arrays of any shape (softmax: each column).
const char* ActivationFunctions(bool torch);

}  // namespace bp::python_script
