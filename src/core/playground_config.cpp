// The playground's settings as key=value text (see playground.h): parsing and printing each key,
// the ranges it accepts, the output head's names and resolution, the whole-config check, and what
// a change from one config to another needs. Reading numbers and lists from text is in
// playground_text.cpp; building and training are in playground.cpp.
#include "core/playground.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/own_data.h"
#include "core/playground_internal.h"

namespace bp {

using playground_detail::CheckNumber;
using playground_detail::CheckWhole;
using playground_detail::Describe;
using playground_detail::Echo;
using playground_detail::FormatNumber;
using playground_detail::InRange;
using playground_detail::NumberRange;
using playground_detail::Refuse;
using playground_detail::SetNumber;
using playground_detail::SetWhole;
using playground_detail::SplitList;
using playground_detail::Trim;
using playground_detail::WholeRange;

namespace {

// Seeds travel through URLs and JavaScript numbers, which hold integers exactly up to 2^53.
constexpr uint64_t kMaxSeed = uint64_t{1} << 53;
constexpr double kMaxEpsilon = 1.0;
constexpr double kMaxPenalty = 10.0;
constexpr double kMaxStopLoss = 1e6;
// No valid value is this long ("leaky_relu," for 8 layers is 88 characters); longer ones are refused
// before any parsing, so a 10 MB string costs nothing.
constexpr size_t kMaxValueLength = 256;
// Own points in a link ("pts"): up to kMaxLinkPoints rows of three numbers written exactly.
constexpr size_t kMaxPointsTextLength = 4096;

constexpr double kDefaultLearningRate = 0.03;
constexpr int kDefaultBatchSize = 10;
constexpr int kDefaultPoints = 200;
constexpr double kDefaultTrainFraction = 0.5;

// --- Ranges, shared by SetPlaygroundValue and ValidatePlaygroundConfig ------------------------

constexpr NumberRange kNoiseRange{0.0, kMaxNoise, false, false};
constexpr NumberRange kFractionRange{0.0, 1.0, true, false};
constexpr NumberRange kLearningRateRange{kMinLearningRate, kMaxLearningRate, false, false};
constexpr NumberRange kUnitRange{0.0, 1.0, false, true};  // momentum, beta1, beta2
constexpr NumberRange kEpsilonRange{0.0, kMaxEpsilon, true, false};
constexpr NumberRange kPenaltyRange{0.0, kMaxPenalty, false, false};
constexpr NumberRange kStopLossRange{0.0, kMaxStopLoss, false, false};

constexpr WholeRange kPointsRange{kMinPoints, kMaxPoints};
constexpr WholeRange kSeedRange{0, kMaxSeed};
constexpr WholeRange kClassesRange{kMinClasses, kMaxClasses};
constexpr WholeRange kTeethRange{1, kMaxTeeth};
constexpr WholeRange kWidthRange{kMinLayerWidth, kMaxLayerWidth};
constexpr WholeRange kBatchRange{1, kMaxBatchSize};
constexpr WholeRange kStopEpochsRange{0, kMaxStopEpochs};

Status CheckSeed(const char* key, uint64_t seed) {
  if (InRange(seed, kSeedRange)) return Status::Ok();
  return Status::Error(std::string(key) + " must be " + Describe(kSeedRange) + ", but it is " + std::to_string(seed) +
                       ".");
}

// --- The data's facts the other settings depend on --------------------------------------------

bool UsesClassCount(DatasetKind kind) { return kind == DatasetKind::kSpiralK || kind == DatasetKind::kBlobs; }

// K for classification data, 0 for regression.
int ClassCount(const DatasetOptions& data) {
  if (data.kind == DatasetKind::kOwn) return data.own != nullptr ? data.own->num_classes : 0;
  if (IsRegression(data.kind)) return 0;
  return UsesClassCount(data.kind) ? data.num_classes : 2;
}

bool UsesX2(Feature feature) {
  return feature == Feature::kX2 || feature == Feature::kX2Squared || feature == Feature::kX1X2 ||
         feature == Feature::kSinX2;
}

bool FeaturesFitDimension(const FeatureSet& features, int dimension) {
  if (dimension == 2) return true;
  for (Feature f : features.Enabled()) {
    if (UsesX2(f)) return false;
  }
  return true;
}

// 1-D data keeps the x1 features (at least x1 itself).
void DropX2Features(FeatureSet* features) {
  for (Feature f : AllFeatures()) {
    if (UsesX2(f)) features->Set(f, false);
  }
  if (features->Count() == 0) features->Set(Feature::kX1, true);
}

std::string JoinedNames(const std::vector<const char*>& names) {
  std::string text;
  for (const char* name : names) text += (text.empty() ? "" : ", ") + std::string(name);
  return text;
}

std::string DatasetNames() {
  std::vector<const char*> names;
  for (DatasetKind kind : AllDatasetKinds()) names.push_back(DatasetKindName(kind));
  return JoinedNames(names);
}

std::string FeatureNames(bool only_x1) {
  std::vector<const char*> names;
  for (Feature f : AllFeatures()) {
    if (!only_x1 || !UsesX2(f)) names.push_back(FeatureName(f));
  }
  return JoinedNames(names);
}

std::string HiddenActivationNames() {
  std::vector<const char*> names;
  for (Activation a : AllActivations()) {
    if (IsElementwiseDifferentiable(a)) names.push_back(ActivationName(a));
  }
  return JoinedNames(names);
}

constexpr OutputHead kAllHeads[] = {OutputHead::kAuto, OutputHead::kSigmoidBce, OutputHead::kSoftmaxCe,
                                    OutputHead::kLinearMse, OutputHead::kTanhSquared};

// --- The keys ---------------------------------------------------------------------------------

Status SetData(PlaygroundConfig* c, const std::string& key, const std::string& value) {
  Result<DatasetKind> kind = ParseDatasetKind(value);
  if (!kind) return Refuse(key, "one of " + DatasetNames() + " (or own, with points of your own)", value);
  if (*kind == DatasetKind::kOwn && c->data.own == nullptr) {
    return Status::Error("data own needs points of your own first: load a CSV (Import data), a scenario with "
                         "points, or give pts in the link.");
  }
  // Leaving own points for generated data: their count was the points', not a choice of size.
  if (c->data.kind == DatasetKind::kOwn && *kind != DatasetKind::kOwn) c->data.count = kDefaultPoints;
  if (*kind == DatasetKind::kOwn) c->data.count = static_cast<int>(c->data.own->X.cols());
  c->data.kind = *kind;
  if (InputDimension(c->data) == 1) DropX2Features(&c->features);
  return Status::Ok();
}

void TakeOwnPoints(PlaygroundConfig* c, std::shared_ptr<const OwnPoints> points) {
  c->data.kind = DatasetKind::kOwn;
  c->data.count = static_cast<int>(points->X.cols());
  c->data.own = std::move(points);
  if (InputDimension(c->data) == 1) DropX2Features(&c->features);
}

// "pts": own points as a short CSV with rows separated by ';' ("x1,x2,label;0.5,-0.2,1;..."): the
// data becomes these points. Empty: nothing to set (the generated data's link has no pts).
Status SetOwnPoints(PlaygroundConfig* c, const std::string& key, const std::string& value) {
  if (value.empty()) return Status::Ok();
  CsvPlace place;
  place.row_separator = ';';
  Result<OwnPoints> points = ParseOwnCsv(value, place);
  if (!points) return Status::Error(key + ": " + points.error());
  TakeOwnPoints(c, std::make_shared<const OwnPoints>(std::move(points.value())));
  return Status::Ok();
}

Status SetCount(PlaygroundConfig* c, const std::string& key, const std::string& value) {
  if (c->data.kind == DatasetKind::kOwn) {
    if (value == std::to_string(c->data.count)) return Status::Ok();
    return Status::Error(key + " sets the size of generated data; your data has its own " +
                         std::to_string(c->data.count) + " points.");
  }
  return SetWhole(key, value, kPointsRange, &c->data.count);
}

Status SetFeatures(PlaygroundConfig* c, const std::string& key, const std::string& value) {
  const bool only_x1 = InputDimension(c->data) == 1;
  const std::string expected =
      "a comma-separated list of at least one of " + FeatureNames(only_x1) +
      (only_x1 ? std::string(" (the ") + DatasetKindName(c->data.kind) + " data has one input, x1)" : std::string());
  Result<FeatureSet> features = ParseFeatureSet(value);
  if (!features || !FeaturesFitDimension(*features, only_x1 ? 1 : 2)) return Refuse(key, expected, value);
  c->features = *features;
  return Status::Ok();
}

Status SetHidden(PlaygroundConfig* c, const std::string& key, const std::string& value) {
  const std::string expected = "up to " + std::to_string(kMaxHiddenLayers) +
                               " comma-separated layer widths, each a whole number from " +
                               std::to_string(kMinLayerWidth) + " to " + std::to_string(kMaxLayerWidth) +
                               " (\"4,4\"; empty for no hidden layer)";
  const std::vector<std::string> items = SplitList(value);
  if (static_cast<int>(items.size()) > kMaxHiddenLayers) return Refuse(key, expected, value);
  std::vector<int> hidden;
  for (const std::string& item : items) {
    int width = 0;
    if (!SetWhole(key, item, kWidthRange, &width)) return Refuse(key, expected, value);
    hidden.push_back(width);
  }
  // One activation per layer: new layers repeat the last one, removed layers take theirs along.
  const Activation fill = c->activations.empty() ? Activation::kTanh : c->activations.back();
  c->activations.resize(hidden.size(), fill);
  c->hidden = hidden;
  return Status::Ok();
}

Status SetActivations(PlaygroundConfig* c, const std::string& key, const std::string& value) {
  const size_t layers = c->hidden.size();
  const std::string expected = "one activation for every hidden layer or one per layer (the network has " +
                               std::to_string(layers) + "), from " + HiddenActivationNames();
  const std::vector<std::string> items = SplitList(value);
  if (items.empty() && layers == 0) return Status::Ok();
  if (items.size() != 1 && items.size() != layers) return Refuse(key, expected, value);
  std::vector<Activation> activations;
  for (const std::string& item : items) {
    Result<Activation> activation = ParseActivation(item);
    if (!activation || !IsElementwiseDifferentiable(*activation)) return Refuse(key, expected, value);
    activations.push_back(*activation);
  }
  if (activations.size() == 1) {
    const Activation all = activations[0];  // a copy: assign() must not read the vector it rewrites
    activations.assign(layers, all);
  }
  c->activations = activations;
  return Status::Ok();
}

Status SetHead(PlaygroundConfig* c, const std::string& key, const std::string& value) {
  Result<OutputHead> head = ParseOutputHead(value);
  if (!head) return Refuse(key, "one of auto, sigmoid_bce, softmax_ce, linear_mse, tanh_mse", value);
  c->head = *head;
  return Status::Ok();
}

Status SetInit(PlaygroundConfig* c, const std::string& key, const std::string& value) {
  Result<InitScheme> init = ParseInitScheme(value);
  if (!init) return Refuse(key, "one of uniform, xavier, he", value);
  c->init = *init;
  return Status::Ok();
}

Status SetOptimizerKind(PlaygroundConfig* c, const std::string& key, const std::string& value) {
  Result<OptimizerKind> kind = ParseOptimizer(value);
  if (!kind) return Refuse(key, "one of sgd, momentum, adam", value);
  c->optimizer.kind = *kind;
  return Status::Ok();
}

std::string JoinInts(const std::vector<int>& values) {
  std::string text;
  for (size_t i = 0; i < values.size(); ++i) text += (i == 0 ? "" : ",") + std::to_string(values[i]);
  return text;
}

std::string ActivationsText(const std::vector<Activation>& activations) {
  if (activations.empty()) return std::string();
  const bool all_same =
      std::all_of(activations.begin(), activations.end(), [&](Activation a) { return a == activations[0]; });
  if (all_same) return ActivationName(activations[0]);
  std::string text;
  for (size_t i = 0; i < activations.size(); ++i)
    text += (i == 0 ? "" : ",") + std::string(ActivationName(activations[i]));
  return text;
}

std::string FeaturesText(const FeatureSet& features) {
  std::string text;
  for (Feature f : features.Enabled()) text += (text.empty() ? "" : ",") + std::string(FeatureName(f));
  return text;
}

// The "pts" value of own points that a link can carry (kMaxLinkPoints or fewer), else empty.
std::string PointsText(const DatasetOptions& data) {
  if (data.kind != DatasetKind::kOwn || data.own == nullptr || data.own->X.cols() > kMaxLinkPoints) return "";
  return WriteOwnCsv(*data.own, ';');
}

// One row per key, in the documented order: how to read it and how to set it.
struct KeyInfo {
  const char* key;
  std::string (*get)(const PlaygroundConfig&);
  Status (*set)(PlaygroundConfig*, const std::string& key, const std::string& value);
};

using Config = PlaygroundConfig;
using Text = const std::string&;
const KeyInfo kKeys[] = {
    {"pts", [](const Config& c) { return PointsText(c.data); }, SetOwnPoints},
    {"data", [](const Config& c) { return std::string(DatasetKindName(c.data.kind)); }, SetData},
    {"points", [](const Config& c) { return std::to_string(c.data.count); }, SetCount},
    {"noise", [](const Config& c) { return FormatNumber(c.data.noise); },
     [](Config* c, Text k, Text v) { return SetNumber(k, v, kNoiseRange, &c->data.noise); }},
    {"seed", [](const Config& c) { return std::to_string(c.data.seed); },
     [](Config* c, Text k, Text v) { return SetWhole(k, v, kSeedRange, &c->data.seed); }},
    {"classes", [](const Config& c) { return std::to_string(c.data.num_classes); },
     [](Config* c, Text k, Text v) { return SetWhole(k, v, kClassesRange, &c->data.num_classes); }},
    {"teeth", [](const Config& c) { return std::to_string(c.data.teeth); },
     [](Config* c, Text k, Text v) { return SetWhole(k, v, kTeethRange, &c->data.teeth); }},
    {"ratio", [](const Config& c) { return FormatNumber(c.train_fraction); },
     [](Config* c, Text k, Text v) { return SetNumber(k, v, kFractionRange, &c->train_fraction); }},
    {"features", [](const Config& c) { return FeaturesText(c.features); }, SetFeatures},
    {"hidden", [](const Config& c) { return JoinInts(c.hidden); }, SetHidden},
    {"act", [](const Config& c) { return ActivationsText(c.activations); }, SetActivations},
    {"head", [](const Config& c) { return std::string(OutputHeadName(c.head)); }, SetHead},
    {"init", [](const Config& c) { return std::string(InitSchemeName(c.init)); }, SetInit},
    {"wseed", [](const Config& c) { return std::to_string(c.weight_seed); },
     [](Config* c, Text k, Text v) { return SetWhole(k, v, kSeedRange, &c->weight_seed); }},
    {"opt", [](const Config& c) { return std::string(OptimizerName(c.optimizer.kind)); }, SetOptimizerKind},
    {"lr", [](const Config& c) { return FormatNumber(c.optimizer.learning_rate); },
     [](Config* c, Text k, Text v) { return SetNumber(k, v, kLearningRateRange, &c->optimizer.learning_rate); }},
    {"momentum", [](const Config& c) { return FormatNumber(c.optimizer.momentum); },
     [](Config* c, Text k, Text v) { return SetNumber(k, v, kUnitRange, &c->optimizer.momentum); }},
    {"beta1", [](const Config& c) { return FormatNumber(c.optimizer.beta1); },
     [](Config* c, Text k, Text v) { return SetNumber(k, v, kUnitRange, &c->optimizer.beta1); }},
    {"beta2", [](const Config& c) { return FormatNumber(c.optimizer.beta2); },
     [](Config* c, Text k, Text v) { return SetNumber(k, v, kUnitRange, &c->optimizer.beta2); }},
    {"eps", [](const Config& c) { return FormatNumber(c.optimizer.epsilon); },
     [](Config* c, Text k, Text v) { return SetNumber(k, v, kEpsilonRange, &c->optimizer.epsilon); }},
    {"l1", [](const Config& c) { return FormatNumber(c.optimizer.l1); },
     [](Config* c, Text k, Text v) { return SetNumber(k, v, kPenaltyRange, &c->optimizer.l1); }},
    {"l2", [](const Config& c) { return FormatNumber(c.optimizer.l2); },
     [](Config* c, Text k, Text v) { return SetNumber(k, v, kPenaltyRange, &c->optimizer.l2); }},
    {"batch", [](const Config& c) { return std::to_string(c.batch_size); },
     [](Config* c, Text k, Text v) { return SetWhole(k, v, kBatchRange, &c->batch_size); }},
    {"stop_epochs", [](const Config& c) { return std::to_string(c.stop_epochs); },
     [](Config* c, Text k, Text v) { return SetWhole(k, v, kStopEpochsRange, &c->stop_epochs); }},
    {"stop_loss", [](const Config& c) { return FormatNumber(c.stop_test_loss); },
     [](Config* c, Text k, Text v) { return SetNumber(k, v, kStopLossRange, &c->stop_test_loss); }},
};

std::string KeyNames() {
  std::vector<const char*> names;
  for (const KeyInfo& info : kKeys) names.push_back(info.key);
  return JoinedNames(names);
}

}  // namespace

// --- Names --------------------------------------------------------------------------------------

const char* OutputHeadName(OutputHead head) {
  switch (head) {
    case OutputHead::kAuto: return "auto";
    case OutputHead::kSigmoidBce: return "sigmoid_bce";
    case OutputHead::kSoftmaxCe: return "softmax_ce";
    case OutputHead::kLinearMse: return "linear_mse";
    case OutputHead::kTanhSquared: return "tanh_mse";
  }
  return "unknown";
}

Result<OutputHead> ParseOutputHead(const std::string& name) {
  for (OutputHead head : kAllHeads) {
    if (name == OutputHeadName(head)) return Result<OutputHead>::Ok(head);
  }
  return Result<OutputHead>::Error("Unknown output head " + Echo(name) +
                                   "; the heads are auto, sigmoid_bce, softmax_ce, linear_mse, tanh_mse.");
}

// --- Config -------------------------------------------------------------------------------------

PlaygroundConfig MakeDefaultPlaygroundConfig() {
  PlaygroundConfig config;
  config.data.kind = DatasetKind::kCircle;
  config.data.count = kDefaultPoints;
  config.data.noise = 0.0;
  config.data.seed = 1;
  config.train_fraction = kDefaultTrainFraction;
  config.features = FeatureSet();
  config.hidden = {4, 4};
  config.activations = {Activation::kTanh, Activation::kTanh};
  config.head = OutputHead::kAuto;
  config.init = InitScheme::kXavier;
  config.weight_seed = 1;
  config.optimizer = OptimizerConfig();
  config.optimizer.kind = OptimizerKind::kSgd;
  config.optimizer.learning_rate = kDefaultLearningRate;
  config.batch_size = kDefaultBatchSize;
  config.stop_epochs = 0;
  config.stop_test_loss = 0.0;
  return config;
}

Result<OutputHead> ResolveOutputHead(const PlaygroundConfig& config) {
  using R = Result<OutputHead>;
  const int K = ClassCount(config.data);
  const std::string data = DatasetKindName(config.data.kind);
  const std::string head = OutputHeadName(config.head);
  if (K == 0) {
    if (config.head == OutputHead::kAuto || config.head == OutputHead::kLinearMse) return R::Ok(OutputHead::kLinearMse);
    return R::Error("The output head " + head + " is for classes, but the " + data +
                    " data is regression: use linear_mse (or auto).");
  }
  switch (config.head) {
    case OutputHead::kAuto: return R::Ok(K == 2 ? OutputHead::kSigmoidBce : OutputHead::kSoftmaxCe);
    case OutputHead::kSoftmaxCe: return R::Ok(OutputHead::kSoftmaxCe);
    case OutputHead::kLinearMse:
      return R::Error("The output head linear_mse is for regression, but the " + data + " data has " +
                      std::to_string(K) + " classes: use sigmoid_bce, softmax_ce, tanh_mse (two classes) or auto.");
    case OutputHead::kSigmoidBce:
    case OutputHead::kTanhSquared:
      if (K == 2) return R::Ok(config.head);
      return R::Error("The output head " + head + " has one output for two classes, but the " + data + " data has " +
                      std::to_string(K) + " classes: use softmax_ce (or auto).");
  }
  return R::Error("Unknown output head.");
}

Status ValidatePlaygroundConfig(const PlaygroundConfig& c) {
  Status s = CheckWhole("points", c.data.count, kPointsRange);
  if (s) s = CheckNumber("noise", c.data.noise, kNoiseRange);
  if (s) s = CheckSeed("seed", c.data.seed);
  if (s) s = CheckWhole("classes", c.data.num_classes, kClassesRange);
  if (s) s = CheckWhole("teeth", c.data.teeth, kTeethRange);
  if (s) s = CheckNumber("ratio", c.train_fraction, kFractionRange);
  if (s && std::lround(c.train_fraction * c.data.count) < 1) {
    s = Status::Error("ratio " + FormatNumber(c.train_fraction) + " of " + std::to_string(c.data.count) +
                      " points leaves no training point; raise the ratio or the number of points.");
  }
  if (s) s = CheckFeatureSet(c.features);
  if (s && c.data.kind == DatasetKind::kOwn && (c.data.own == nullptr || c.data.own->X.cols() != c.data.count)) {
    s = Status::Error("The own data has no points, or not as many as the setting points says.");
  }
  if (s && !FeaturesFitDimension(c.features, InputDimension(c.data))) {
    s = Status::Error(std::string("The ") + DatasetKindName(c.data.kind) + " data has one input, x1: its features " +
                      "can be " + FeatureNames(true) + ", but they are " + FeaturesText(c.features) + ".");
  }
  if (s && static_cast<int>(c.hidden.size()) > kMaxHiddenLayers) {
    s = Status::Error("The network may have at most " + std::to_string(kMaxHiddenLayers) +
                      " hidden layers, but it has " + std::to_string(c.hidden.size()) + ".");
  }
  for (size_t k = 0; s && k < c.hidden.size(); ++k) {
    s = CheckWhole(("hidden layer " + std::to_string(k + 1)).c_str(), c.hidden[k], kWidthRange);
  }
  if (s && c.activations.size() != c.hidden.size()) {
    s = Status::Error("The network has " + std::to_string(c.hidden.size()) + " hidden layers but " +
                      std::to_string(c.activations.size()) + " activations; give one per hidden layer.");
  }
  for (size_t k = 0; s && k < c.activations.size(); ++k) {
    if (!IsElementwiseDifferentiable(c.activations[k])) {
      s = Status::Error("Hidden layer " + std::to_string(k + 1) + " uses " + ActivationName(c.activations[k]) +
                        ", which a hidden layer cannot train with; use one of " + HiddenActivationNames() + ".");
    }
  }
  if (s) {
    Result<OutputHead> head = ResolveOutputHead(c);
    if (!head) s = Status::Error(head.error());
  }
  if (s) s = CheckSeed("wseed", c.weight_seed);
  if (s) s = CheckNumber("lr", c.optimizer.learning_rate, kLearningRateRange);
  if (s) s = CheckNumber("momentum", c.optimizer.momentum, kUnitRange);
  if (s) s = CheckNumber("beta1", c.optimizer.beta1, kUnitRange);
  if (s) s = CheckNumber("beta2", c.optimizer.beta2, kUnitRange);
  if (s) s = CheckNumber("eps", c.optimizer.epsilon, kEpsilonRange);
  if (s) s = CheckNumber("l1", c.optimizer.l1, kPenaltyRange);
  if (s) s = CheckNumber("l2", c.optimizer.l2, kPenaltyRange);
  if (s) s = ValidateOptimizer(c.optimizer);
  if (s) s = CheckWhole("batch", c.batch_size, kBatchRange);
  if (s) s = CheckWhole("stop_epochs", c.stop_epochs, kStopEpochsRange);
  if (s) s = CheckNumber("stop_loss", c.stop_test_loss, kStopLossRange);
  return s;
}

Status SetPlaygroundValue(PlaygroundConfig* config, const std::string& key, const std::string& raw_value) {
  const KeyInfo* info = nullptr;
  for (const KeyInfo& candidate : kKeys) {
    if (key == candidate.key) info = &candidate;
  }
  if (info == nullptr) return Status::Error("Unknown setting " + Echo(key) + "; the settings are " + KeyNames() + ".");
  const size_t max_length = key == "pts" ? kMaxPointsTextLength : kMaxValueLength;
  if (raw_value.size() > max_length) {
    return Status::Error(key + " must be at most " + std::to_string(max_length) + " characters long, but got " +
                         std::to_string(raw_value.size()) + " characters starting " + Echo(raw_value) + ".");
  }
  const std::string value = Trim(raw_value);
  PlaygroundConfig next = *config;
  Status status = info->set(&next, key, value);
  if (!status) return status;
  // The data decides the head: an explicit head that no longer fits falls back to auto.
  if ((key == "data" || key == "classes" || key == "pts") && !ResolveOutputHead(next)) next.head = OutputHead::kAuto;
  // A value that is fine alone but not with the rest (a head for other data, a ratio leaving no
  // training point) is refused, unless the config was already invalid before.
  Status whole = ValidatePlaygroundConfig(next);
  if (!whole && ValidatePlaygroundConfig(*config)) {
    return Status::Error(key + " cannot be " + Echo(value) + " with the other settings: " + whole.error);
  }
  *config = std::move(next);
  return Status::Ok();
}

Status SetPlaygroundOwnData(PlaygroundConfig* config, std::shared_ptr<const OwnPoints> points) {
  if (points == nullptr) return Status::Error("There are no points.");
  PlaygroundConfig next = *config;
  TakeOwnPoints(&next, std::move(points));
  if (!ResolveOutputHead(next)) next.head = OutputHead::kAuto;
  Status whole = ValidatePlaygroundConfig(next);
  if (!whole) return Status::Error("The data does not fit the other settings: " + whole.error);
  *config = std::move(next);
  return Status::Ok();
}

std::vector<std::pair<std::string, std::string>> PlaygroundValues(const PlaygroundConfig& config) {
  std::vector<std::pair<std::string, std::string>> values;
  for (const KeyInfo& info : kKeys) values.emplace_back(info.key, info.get(config));
  return values;
}

ChangeKind ClassifyChange(const PlaygroundConfig& a, const PlaygroundConfig& b) {
  const DatasetOptions &da = a.data, &db = b.data;
  const bool same_data = da.kind == db.kind && da.count == db.count && da.noise == db.noise && da.seed == db.seed &&
                         (da.kind != DatasetKind::kOwn || da.own == db.own) &&
                         (!UsesClassCount(da.kind) || da.num_classes == db.num_classes) &&
                         (da.kind != DatasetKind::kRegressionSawtooth || da.teeth == db.teeth) &&
                         a.train_fraction == b.train_fraction;
  if (!same_data) return ChangeKind::kData;

  // An explicit head equal to what auto resolves to builds the same network.
  Result<OutputHead> head_a = ResolveOutputHead(a), head_b = ResolveOutputHead(b);
  const bool same_head = head_a && head_b ? *head_a == *head_b : a.head == b.head;
  const bool same_network = a.features.on == b.features.on && a.hidden == b.hidden && a.activations == b.activations &&
                            same_head && a.init == b.init && a.weight_seed == b.weight_seed;
  if (!same_network) return ChangeKind::kNetwork;

  const OptimizerConfig &oa = a.optimizer, &ob = b.optimizer;
  const bool same_training = oa.kind == ob.kind && oa.learning_rate == ob.learning_rate && oa.momentum == ob.momentum &&
                             oa.beta1 == ob.beta1 && oa.beta2 == ob.beta2 && oa.epsilon == ob.epsilon &&
                             oa.l1 == ob.l1 && oa.l2 == ob.l2 && oa.update_biases == ob.update_biases &&
                             a.batch_size == b.batch_size && a.stop_epochs == b.stop_epochs &&
                             a.stop_test_loss == b.stop_test_loss;
  return same_training ? ChangeKind::kNone : ChangeKind::kTraining;
}

}  // namespace bp
