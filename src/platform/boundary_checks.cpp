// The decision boundary's request checks (boundary_checks.h): everything that must be true of a
// request before any GL call, each failure a sentence for the person at the screen.
#include "platform/boundary_checks.h"

#include <cmath>
#include <string>

namespace bp {

namespace {

// Weights are uploaded in single precision; beyond this a product of two already overflows it.
constexpr double kMaxMagnitude = 1e18;

bool WithinMagnitude(double value) { return std::fabs(value) <= kMaxMagnitude; }

Status CheckLayer(const Layer& layer, int l, int expected_inputs) {
  const std::string name = "layer " + std::to_string(l + 1);
  if (layer.outputs() < 1 || layer.outputs() > kShaderMaxWidth || layer.inputs() > kShaderMaxWidth) {
    return Status::Error(name + " is " + std::to_string(layer.outputs()) + "x" + std::to_string(layer.inputs()) +
                         "; the GPU boundary draws layers of 1 to " + std::to_string(kShaderMaxWidth) + " neurons");
  }
  if (layer.inputs() != expected_inputs || layer.b.size() != layer.W.rows()) {
    return Status::Error(name + " does not fit the layer before it (" + std::to_string(layer.inputs()) + " inputs, " +
                         std::to_string(expected_inputs) + " expected)");
  }
  const bool in_range = WithinMagnitude(layer.W.cwiseAbs().maxCoeff()) &&
                        WithinMagnitude(layer.b.cwiseAbs().maxCoeff()) && WithinMagnitude(layer.params.slope) &&
                        WithinMagnitude(layer.params.alpha);
  if (!in_range) {
    return Status::Error(name + " has a parameter beyond +-1e18, too large for the GPU's single precision");
  }
  return Status::Ok();
}

// The network: present, finite, within the shader's limits, fed by the features.
Status CheckNetwork(const BoundaryRequest& request) {
  const Mlp* mlp = request.mlp;
  if (mlp == nullptr || mlp->layers.empty()) return Status::Error("there is no network to draw the boundary of");
  const int layers = static_cast<int>(mlp->layers.size());
  if (layers > kShaderMaxLayers) {
    return Status::Error("the network has " + std::to_string(layers) + " layers; the GPU boundary draws at most " +
                         std::to_string(kShaderMaxLayers));
  }
  bool finite = AllFinite(*mlp);
  for (const Layer& layer : mlp->layers) finite = finite && std::isfinite(layer.params.alpha);
  if (!finite) return Status::Error("the network has a NaN or infinite parameter, so there is no boundary to draw");
  Status features = CheckFeatureSet(request.features);
  if (!features.ok()) return features;
  if (mlp->inputs() != request.features.Count()) {
    return Status::Error("the network takes " + std::to_string(mlp->inputs()) + " inputs but " +
                         std::to_string(request.features.Count()) + " input features are on");
  }
  int expected_inputs = mlp->inputs();
  for (int l = 0; l < layers; ++l) {
    const Layer& layer = mlp->layers[l];
    if (layer.activation == Activation::kSoftmax && l + 1 < layers) {
      return Status::Error("layer " + std::to_string(l + 1) +
                           " is a hidden softmax layer; softmax belongs to the output");
    }
    Status status = CheckLayer(layer, l, expected_inputs);
    if (!status.ok()) return status;
    expected_inputs = layer.outputs();
  }
  return Status::Ok();
}

// The image: its size, the plane's range, the neuron shown, the value range.
Status CheckImage(const BoundaryRequest& request, bool needs_value_range) {
  const int layers = static_cast<int>(request.mlp->layers.size());
  if (request.width < 1 || request.width > kMaxImageSize || request.height < 1 || request.height > kMaxImageSize) {
    return Status::Error("the boundary image must be 1 to " + std::to_string(kMaxImageSize) +
                         " pixels wide and high, not " + std::to_string(request.width) + "x" +
                         std::to_string(request.height));
  }
  const PlaneRange& r = request.range;
  if (!(std::isfinite(r.x_min) && std::isfinite(r.x_max) && std::isfinite(r.y_min) && std::isfinite(r.y_max) &&
        r.x_min < r.x_max && r.y_min < r.y_max)) {
    return Status::Error("the plane's range must be finite numbers with x_min < x_max and y_min < y_max");
  }
  if (request.layer < -1 || request.layer >= layers) {
    return Status::Error("layer " + std::to_string(request.layer) + " does not exist; use -1 for the output or 0 to " +
                         std::to_string(layers - 1));
  }
  if (request.layer >= 0) {
    const int width = request.mlp->layers[request.layer].outputs();
    if (request.neuron < 0 || request.neuron >= width) {
      return Status::Error("neuron " + std::to_string(request.neuron) + " does not exist; layer " +
                           std::to_string(request.layer) + " has neurons 0 to " + std::to_string(width - 1));
    }
  }
  if (needs_value_range && !(std::isfinite(request.value_min) && std::isfinite(request.value_max) &&
                             request.value_min < request.value_max)) {
    return Status::Error("the value range must be two finite numbers with value_min < value_max");
  }
  return Status::Ok();
}

}  // namespace

// The number of layers the shader evaluates (through the asked-for layer).
int LastLayer(const BoundaryRequest& request) {
  return request.layer < 0 ? static_cast<int>(request.mlp->layers.size()) - 1 : request.layer;
}

// Everything RenderBoundary needs to be true before it touches GL, in words.
Status CheckRequest(const BoundaryRequest& request, bool needs_value_range) {
  Status status = CheckNetwork(request);
  return status.ok() ? CheckImage(request, needs_value_range) : status;
}

}  // namespace bp
