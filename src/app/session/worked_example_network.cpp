// The worked example's published numbers (see worked_example_network.h).
#include "app/session/worked_example_network.h"

namespace bp {

WorkedExampleData WorkedExample() {
  MlpSpec spec;
  spec.sizes = {2, 2, 2};
  spec.activations = {Activation::kSigmoid, Activation::kSigmoid};
  spec.loss = Loss::kHalfSquaredError;
  WorkedExampleData data;
  // The seed only fills weights that are overwritten right below.
  data.mlp = MakeMlp(spec, 1).value();
  Eigen::MatrixXd hidden(2, 2), output(2, 2);
  hidden << 0.15, 0.20, 0.25, 0.30;
  output << 0.40, 0.45, 0.50, 0.55;
  SetLayerWeights(&data.mlp, 0, hidden, Eigen::Vector2d(0.35, 0.35));
  SetLayerWeights(&data.mlp, 1, output, Eigen::Vector2d(0.60, 0.60));
  data.x = Eigen::Vector2d(0.05, 0.10);
  data.t = Eigen::Vector2d(0.01, 0.99);
  return data;
}

}  // namespace bp
