// Multiplying stacked linear layers out into one (see collapse.h).
#include "core/collapse.h"

#include <cassert>
#include <string>
#include <utility>

namespace bp {

LinearMap CollapseLinearMaps(const Mlp& mlp) {
  assert(!mlp.layers.empty() && "CollapseLinearMaps needs at least one layer");
  LinearMap map{mlp.layers.front().W, mlp.layers.front().b};
  for (size_t l = 1; l < mlp.layers.size(); ++l) {
    const Layer& layer = mlp.layers[l];
    // Layer l applied to (W x + b): W_l W x + (W_l b + b_l).
    Eigen::VectorXd b = layer.W * map.b + layer.b;
    Eigen::MatrixXd W = layer.W * map.W;
    map.W = std::move(W);
    map.b = std::move(b);
  }
  return map;
}

Result<LinearMap> CollapseLinear(const Mlp& mlp) {
  if (mlp.layers.empty()) return Result<LinearMap>::Error("the network has no layers");
  for (size_t l = 0; l < mlp.layers.size(); ++l) {
    if (mlp.layers[l].activation != Activation::kIdentity) {
      return Result<LinearMap>::Error("layer " + std::to_string(l + 1) +
                                      " is not linear (its activation is not identity), so the layers do not collapse");
    }
  }
  return Result<LinearMap>::Ok(CollapseLinearMaps(mlp));
}

}  // namespace bp
