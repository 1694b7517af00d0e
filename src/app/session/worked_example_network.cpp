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

WorkedExampleMatch MatchWorkedExample(const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t,
                                      double learning_rate, bool update_biases) {
  const WorkedExampleData published = WorkedExample();
  if (mlp.layers.size() != published.mlp.layers.size() || mlp.loss != published.mlp.loss) {
    return WorkedExampleMatch::kOther;
  }
  bool same_numbers = learning_rate == 0.5 && !update_biases;
  for (size_t l = 0; l < mlp.layers.size(); ++l) {
    const Layer& layer = mlp.layers[l];
    const Layer& expected = published.mlp.layers[l];
    if (layer.activation != expected.activation || layer.W.rows() != expected.W.rows() ||
        layer.W.cols() != expected.W.cols()) {
      return WorkedExampleMatch::kOther;
    }
    same_numbers = same_numbers && layer.W == expected.W && layer.b == expected.b;
  }
  same_numbers = same_numbers && x.size() == published.x.size() && t.size() == published.t.size() &&
                 x == published.x && t == published.t;
  return same_numbers ? WorkedExampleMatch::kPublished : WorkedExampleMatch::kPublishedShape;
}

}  // namespace bp
