// Stacked linear layers are one linear layer: with identity activations everywhere,
//   a1 = W1 x + b1,  a2 = W2 a1 + b2 = (W2 W1) x + (W2 b1 + b2),
// and so on for any depth. CollapseLinear multiplies the layers out so the lesson can show the
// single (W, b) that does the same as the whole network. Shapes: x: (n_in), W: (n_out, n_in), b: (n_out).
#pragma once

#include <Eigen/Dense>

#include "core/mlp.h"
#include "core/result.h"

namespace bp {

struct LinearMap {
  Eigen::MatrixXd W;  // (n_out, n_in) = W_L ... W_2 W_1
  Eigen::VectorXd b;  // (n_out)       = W_L (... (W_2 b_1 + b_2) ...) + b_L
};

// The product of the layers' maps, W_L ... W_1 and the matching bias. Refuses a network with no
// layers or with any activation other than identity (it would not be linear); use
// CollapseLinearMaps to multiply out the weights regardless of the activations.
Result<LinearMap> CollapseLinear(const Mlp& mlp);
// The same product, ignoring the activations: what the network WOULD compute with identity everywhere.
LinearMap CollapseLinearMaps(const Mlp& mlp);

}  // namespace bp
