// The "probeBoundary" command: renders a network's decision boundary with the GPU shader in raw
// mode, reads the values back, and puts the core's own Predict / Forward on exactly the same
// pixel-centre points next to them, so a test can check the shader against the core pixel by pixel.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "app/api/api_json.h"
#include "app/io/network_file.h"
#include "app/session/boundary.h"
#include "app/session/work_budget.h"

namespace bp {

namespace {
// The probe answers with every value twice, so its images stay small.
constexpr int kMaxProbeSize = 256;

// An optional whole number field, within [low, high].
Status ReadInteger(const Json& request, const char* name, int low, int high, int* value) {
  if (!request.contains(name)) return Status::Ok();
  const Json& field = request[name];
  if (!field.is_number_integer() || field.get<long long>() < low || field.get<long long>() > high) {
    return Status::Error(std::string("\"") + name + "\" must be a whole number from " + std::to_string(low) + " to " +
                         std::to_string(high));
  }
  *value = static_cast<int>(field.get<long long>());
  return Status::Ok();
}

// An optional finite number field.
Status ReadNumber(const Json& request, const char* name, double* value) {
  if (!request.contains(name)) return Status::Ok();
  if (!request[name].is_number() || !std::isfinite(request[name].get<double>())) {
    return Status::Error(std::string("\"") + name + "\" must be a finite number");
  }
  *value = request[name].get<double>();
  return Status::Ok();
}

// The request's fields into `boundary` (the network itself is read by the caller).
Status ReadProbeRequest(const Json& request, BoundaryRequest* boundary) {
  if (request.contains("features")) {
    if (!request["features"].is_string()) {
      return Status::Error("\"features\" must be a string such as \"x1,x2,sin_x1\"");
    }
    Result<FeatureSet> features = ParseFeatureSet(request["features"].get<std::string>());
    if (!features.ok()) return Status::Error(features.error());
    boundary->features = features.value();
  }
  if (request.contains("range")) {
    Result<Eigen::VectorXd> range = ReadVector(request["range"], "range [x_min, x_max, y_min, y_max]", 4);
    if (!range.ok()) return Status::Error(range.error());
    boundary->range = PlaneRange{range.value()(0), range.value()(1), range.value()(2), range.value()(3)};
  }
  int size = 16;
  Status status = ReadInteger(request, "size", 1, kMaxProbeSize, &size);
  boundary->width = boundary->height = size;
  if (status.ok()) status = ReadInteger(request, "layer", -1, kShaderMaxLayers - 1, &boundary->layer);
  if (status.ok()) status = ReadInteger(request, "neuron", 0, kShaderMaxWidth - 1, &boundary->neuron);
  // Probabilities by default; a neuron's activation over [-1, 1].
  boundary->value_min = boundary->layer < 0 ? 0.0 : -1.0;
  boundary->value_max = 1.0;
  if (status.ok()) status = ReadNumber(request, "valueMin", &boundary->value_min);
  if (status.ok()) status = ReadNumber(request, "valueMax", &boundary->value_max);
  // The weights version, as the playground passes it (tests of the upload cache): 0 = unknown.
  if (status.ok() && request.contains("weightsVersion")) {
    if (!request["weightsVersion"].is_number_unsigned()) {
      return Status::Error("\"weightsVersion\" must be a whole number from 0");
    }
    boundary->weights_version = request["weightsVersion"].get<std::uint64_t>();
  }
  return status;
}

// The core's values at the probe's points, in the probe's layout (pixel-major from the top row,
// `channels` values per pixel): Predict for the output, Forward's activation for one neuron.
std::vector<double> CoreValues(const BoundaryRequest& request, int channels) {
  const int width = request.width, height = request.height;
  Eigen::MatrixXd X2(2, width * height);
  for (int row = 0; row < height; ++row) {
    for (int column = 0; column < width; ++column) {
      X2.col(row * width + column) = BoundaryPixelCenter(request.range, width, height, column, row);
    }
  }
  const Eigen::MatrixXd F = ApplyFeatures(request.features, X2);
  Eigen::MatrixXd Y;
  if (request.layer < 0) {
    Y = Predict(*request.mlp, F);
  } else {
    Y = Forward(*request.mlp, F).layers[request.layer].a.row(request.neuron);
  }
  std::vector<double> values;
  values.reserve(static_cast<std::size_t>(Y.cols()) * channels);
  for (Eigen::Index p = 0; p < Y.cols(); ++p) {
    for (int c = 0; c < channels; ++c) values.push_back(Y(c, p));
  }
  return values;
}
}  // namespace

std::string ProbeBoundaryCommand(AppState& state, const Json& request) {
  if (!request.contains("network") || !request["network"].is_object()) {
    return ErrorAnswer("probeBoundary needs \"network\": {layers: [{W, b, activation}], loss}");
  }
  Result<Mlp> mlp = ReadNetworkJson(request["network"], NetworkSource{"the network", "the boundary probe", true});
  if (!mlp.ok()) return ErrorAnswer(mlp.error());
  BoundaryRequest boundary;
  boundary.mlp = &mlp.value();
  Status status = ReadProbeRequest(request, &boundary);
  if (!status.ok()) return ErrorAnswer(status.error);
  // The shader's image is read back and the core evaluates the same pixels: on a software GPU a
  // pixel costs about 20 units a parameter (256² pixels of the largest network took 3.4 s).
  const long long pixels = static_cast<long long>(boundary.width) * boundary.height;
  const std::string over =
      WorkBudgetError("probeBoundary", pixels, "pixels", "of this network",
                      kProbeUnitsPerParameter * mlp.value().ParameterCount(), 0.0, "Ask for a smaller size.");
  if (!over.empty()) return ErrorAnswer(over);
  // ProbeBoundary checks the rest (features against the network, layer and neuron, value range)
  // before anything is evaluated.
  // "atlas": the hidden neuron's tile of RenderNeuronAtlas instead of an image of its own.
  const bool atlas = request.contains("atlas") && request["atlas"].is_boolean() && request["atlas"].get<bool>();
  auto* probe_with = atlas ? state.platform.probe_neuron_atlas : state.platform.probe_boundary;
  if (probe_with == nullptr) return ErrorAnswer(kNoRenderer);
  Result<BoundaryProbe> probe = probe_with(boundary);
  if (!probe.ok()) return ErrorAnswer(probe.error());

  const std::vector<double> core = CoreValues(boundary, probe->channels);
  // The shader's values are clamped to the value range by the 8-bit encoding; so is the comparison.
  double max_difference = 0.0;
  Json shader_json = Json::array(), core_json = Json::array();
  for (std::size_t i = 0; i < core.size(); ++i) {
    const double clamped = std::clamp(core[i], boundary.value_min, boundary.value_max);
    const double difference = std::fabs(probe->values[i] - clamped);
    // A NaN on one side only counts as an infinite difference (reported as null).
    if (!(difference <= max_difference)) max_difference = std::isnan(difference) ? INFINITY : difference;
    shader_json.push_back(NumberOrNull(probe->values[i]));
    core_json.push_back(NumberOrNull(core[i]));
  }
  return Json{{"ok", true},
              {"width", probe->width},
              {"height", probe->height},
              {"channels", probe->channels},
              {"quantum", probe->quantum},
              {"valueMin", boundary.value_min},
              {"valueMax", boundary.value_max},
              {"invalidPixels", probe->invalid_pixels},
              {"shader", shader_json},
              {"core", core_json},
              {"maxDifference", NumberOrNull(max_difference)}}
      .dump();
}

}  // namespace bp
