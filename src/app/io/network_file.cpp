// Reading a network file (see network_file.h): a syntax pass through nlohmann-json's SAX interface
// finds where a text stops being JSON (nlohmann runs without exceptions here), then every field's
// type and shape is checked before it is read, each refusal a sentence naming the field.
#include "app/io/network_file.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <utility>

#include "app/session/files.h"
#include "app/session/json.h"
#include "core/playground.h"

namespace bp {

std::string Plural(size_t count, const char* one, const char* many) {
  return std::to_string(count) + " " + (count == 1 ? one : many);
}

namespace {

// A network file nests 5 levels (file, layers, layer, W, row); anything far deeper is not one.
constexpr int kMaxNesting = 16;
// The stepper draws at most the playground's largest network: 8 hidden layers and the output,
// 16 neurons and 16 inputs each.
constexpr int kMaxLayers = kMaxHiddenLayers + 1;
constexpr int kMaxWidth = kMaxLayerWidth;
// The largest network holds 9 x (16 x 16 + 16) numbers; a file with far more values is refused
// before a document is built, so that no file can make the import use much memory.
constexpr long kMaxValues = 20000;
// Quoted text from a file is cut to this many bytes in a sentence.
constexpr size_t kMaxQuote = 40;

template <typename T>
Result<T> Fail(const std::string& message) {
  return Result<T>::Error(message);
}

// --- Sentences ----------------------------------------------------------------------------------

// Text from a file, safe to put into a sentence (and into a JSON answer): printable ASCII kept,
// every other byte written as \xNN, cut to kMaxQuote bytes.
std::string Quote(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size() && out.size() < kMaxQuote; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c < 0x7f) {
      out += static_cast<char>(c);
    } else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02X", c);
      out += hex;
    }
  }
  if (out.size() >= kMaxQuote) out += "…";
  return out;
}

// What a JSON value is, in words: "a string (\"abc\")", "null", "an array of 3", ...
std::string Describe(const Json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return "the number " + value.dump();
  if (value.is_string()) return "a string (\"" + Quote(value.get<std::string>()) + "\")";
  if (value.is_array()) return "an array of " + std::to_string(value.size());
  if (value.is_object()) return "an object";
  return "a value of another kind";
}

std::string Megabytes(size_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

// --- Syntax --------------------------------------------------------------------------------------

// The SAX pass: no document is built; it stops at the first syntax error (with its byte position)
// or when arrays and objects nest deeper than a network file ever does.
class SyntaxCheck : public nlohmann::json_sax<Json> {
 public:
  std::string error;

  bool null() override { return Count(); }
  bool boolean(bool) override { return Count(); }
  bool number_integer(number_integer_t) override { return Count(); }
  bool number_unsigned(number_unsigned_t) override { return Count(); }
  bool number_float(number_float_t, const string_t&) override { return Count(); }
  bool string(string_t&) override { return Count(); }
  bool binary(binary_t&) override { return Count(); }
  bool key(string_t&) override { return Count(); }
  bool start_object(std::size_t) override { return Count() && Enter(); }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override { return Count() && Enter(); }
  bool end_array() override {
    --depth_;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::detail::exception& ex) override {
    error = SyntaxSentence(position, last_token, ex.id);
    // nlohmann reads one document and expects the end after it: name the extra text as such.
    if (error.rfind("this is not JSON: unexpected '", 0) == 0 &&
        std::string(ex.what()).find("expected end of input") != std::string::npos) {
      error += " after the end of the network (a file holds one JSON document)";
    }
    return false;
  }

  explicit SyntaxCheck(const std::string& text) : text_(text) {}

 private:
  bool Count() {
    if (++values_ <= kMaxValues) return true;
    error = "this is not a network file: it holds more than " + std::to_string(kMaxValues) +
            " values (the largest network the app holds has about 2,500 numbers)";
    return false;
  }

  bool Enter() {
    if (++depth_ <= kMaxNesting) return true;
    error = "this is not a network file: its arrays and objects nest more than " + std::to_string(kMaxNesting) +
            " levels deep (a network file needs 5)";
    return false;
  }

  // position: bytes read when the error was found (the offending byte is the last one read).
  std::string SyntaxSentence(std::size_t position, const std::string& token, int id) const {
    if (position > text_.size() || token.empty()) {
      return "this is not JSON: unexpected end at byte " + std::to_string(text_.size()) + " (the file looks cut off)";
    }
    // The word the offending byte belongs to ("NaN", "-Infinity", "1e999"), or the byte alone.
    auto in_word = [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.';
    };
    size_t start = position > 0 ? position - 1 : 0;
    while (start > 0 && in_word(text_[start]) && in_word(text_[start - 1])) --start;
    size_t stop = start + 1;
    while (stop < text_.size() && in_word(text_[start]) && in_word(text_[stop])) ++stop;
    const std::string word = text_.substr(start, stop - start);
    const std::string where = " at byte " + std::to_string(start + 1);
    for (const char* name : {"-Infinity", "Infinity", "-NaN", "NaN", "nan", "-inf", "inf"}) {
      if (word.compare(0, std::string(name).size(), name) == 0) {
        return "this is not JSON: " + std::string(name) + where +
               " is not a JSON number (JSON has no NaN or Infinity; every weight must be a finite number)";
      }
    }
    // 406: a number too large for a double, such as 1e999.
    if (id == 406)
      return "this is not JSON: the number " + Quote(word) + where + " is too large (numbers must be finite)";
    return "this is not JSON: unexpected '" + Quote(word) + "'" + where;
  }

  const std::string& text_;
  int depth_ = 0;
  long values_ = 0;
};

// The file as a JSON document, or the sentence for what is wrong with its syntax or size.
Result<Json> ParseFile(const std::string& text) {
  if (text.size() > kMaxNetworkFileBytes) {
    return Fail<Json>("the file is " + Megabytes(text.size()) + "; the limit is " + Megabytes(kMaxNetworkFileBytes));
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) return Fail<Json>("the file is empty");
  // Bytes nlohmann would pass over: it stops at a NUL as at the end, and skips one UTF-8 BOM.
  if (text.rfind("\xFE\xFF", 0) == 0 || text.rfind("\xFF\xFE", 0) == 0) {
    return Fail<Json>("this is not UTF-8 text: it starts with a UTF-16 byte-order mark (save the file as UTF-8)");
  }
  const size_t bom = text.rfind("\xEF\xBB\xBF", 0) == 0 ? 3 : 0;
  if (text.compare(bom, 3, "\xEF\xBB\xBF") == 0) {
    return Fail<Json>("this is not JSON: a second byte-order mark at byte " + std::to_string(bom + 1));
  }
  if (const size_t nul = text.find('\0'); nul != std::string::npos) {
    return Fail<Json>("this is not JSON: a NUL byte at byte " + std::to_string(nul + 1));
  }
  SyntaxCheck check(text);
  const bool parsed = Json::sax_parse(text, &check, Json::input_format_t::json, /*strict=*/true);
  if (!parsed) return Fail<Json>(check.error.empty() ? "this is not JSON" : check.error);
  Json document = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) return Fail<Json>("this is not JSON");
  return Result<Json>::Ok(std::move(document));
}

// --- The network file's fields ----------------------------------------------------------------------

Result<double> ReadNumber(const Json& value, const std::string& where) {
  if (!value.is_number()) return Fail<double>(where + " is not a finite number: got " + Describe(value));
  const double number = value.get<double>();
  if (!std::isfinite(number)) return Fail<double>(where + " is not a finite number");
  return Result<double>::Ok(number);
}

Result<Eigen::VectorXd> ReadNumbers(const Json& value, const std::string& where, size_t count, const std::string& why) {
  if (!value.is_array()) return Fail<Eigen::VectorXd>(where + " must be an array of numbers, got " + Describe(value));
  if (value.size() != count) {
    return Fail<Eigen::VectorXd>(where + " has " + Plural(value.size(), "number", "numbers") + " but " + why);
  }
  Eigen::VectorXd numbers(static_cast<Eigen::Index>(count));
  for (size_t i = 0; i < count; ++i) {
    Result<double> number = ReadNumber(value[i], where + "[" + std::to_string(i) + "]");
    if (!number) return Fail<Eigen::VectorXd>(number.error());
    numbers(static_cast<Eigen::Index>(i)) = number.value();
  }
  return Result<Eigen::VectorXd>::Ok(numbers);
}

// One layer: {activation, W, b, slope?, alpha?}. `inputs` is the previous layer's width (-1 for
// the first layer, whose width is read from W).
Result<Layer> ReadLayer(const Json& value, size_t l, int inputs, const NetworkSource& source) {
  const std::string& holder = source.holder;
  const std::string where = "layers[" + std::to_string(l) + "]";
  if (!value.is_object()) return Fail<Layer>(where + " must be an object {activation, W, b}, got " + Describe(value));
  Layer layer;
  layer.activation = Activation::kSigmoid;
  if (value.contains("activation") || !source.defaults) {
    if (!value.contains("activation")) return Fail<Layer>(where + ".activation is missing");
    if (!value["activation"].is_string()) {
      return Fail<Layer>(where + ".activation must be a name such as \"sigmoid\", got " +
                         Describe(value["activation"]));
    }
    Result<Activation> activation = ParseActivation(value["activation"].get<std::string>());
    if (!activation) return Fail<Layer>(where + ".activation: " + activation.error());
    layer.activation = activation.value();
  }

  if (!value.contains("W")) return Fail<Layer>(where + ".W is missing");
  const Json& W = value["W"];
  if (!W.is_array() || W.empty())
    return Fail<Layer>(where + ".W must be a non-empty array of rows, got " + Describe(W));
  if (static_cast<int>(W.size()) > kMaxWidth) {
    return Fail<Layer>(where + ".W has " + std::to_string(W.size()) + " rows (neurons); " + holder +
                       " allows at most " + std::to_string(kMaxWidth) + " per layer");
  }
  if (!W[0].is_array() || W[0].empty()) {
    return Fail<Layer>(where + ".W[0] must be a non-empty array of numbers, got " + Describe(W[0]));
  }
  const int cols = static_cast<int>(W[0].size());
  if (inputs < 0 && cols > kMaxWidth) {
    return Fail<Layer>(where + ".W has " + std::to_string(cols) + " columns (inputs); " + holder + " allows at most " +
                       std::to_string(kMaxWidth));
  }
  if (inputs >= 0 && cols != inputs) {
    return Fail<Layer>(where + ".W has " + Plural(cols, "column", "columns") + " but layer " + std::to_string(l - 1) +
                       " has " + Plural(inputs, "neuron", "neurons"));
  }
  layer.W.resize(static_cast<Eigen::Index>(W.size()), cols);
  for (size_t j = 0; j < W.size(); ++j) {
    Result<Eigen::VectorXd> row =
        ReadNumbers(W[j], where + ".W[" + std::to_string(j) + "]", cols, where + ".W[0] has " + std::to_string(cols));
    if (!row) return Fail<Layer>(row.error());
    layer.W.row(static_cast<Eigen::Index>(j)) = row.value().transpose();
  }

  if (!value.contains("b")) return Fail<Layer>(where + ".b is missing (one bias per neuron)");
  Result<Eigen::VectorXd> b =
      ReadNumbers(value["b"], where + ".b", W.size(),
                  where + ".W has " + Plural(W.size(), "row", "rows") + " (one bias per neuron)");
  if (!b) return Fail<Layer>(b.error());
  layer.b = b.value();

  // Leaky ReLU's and PReLU's slope, ELU's alpha: optional (null or absent: the default).
  for (const char* name : {"slope", "alpha"}) {
    if (!value.contains(name) || value[name].is_null()) continue;
    Result<double> number = ReadNumber(value[name], where + "." + name);
    if (!number) return Fail<Layer>(number.error());
    (std::string(name) == "slope" ? layer.params.slope : layer.params.alpha) = number.value();
  }
  return Result<Layer>::Ok(std::move(layer));
}

}  // namespace

Result<Mlp> ReadNetworkJson(const Json& network, const NetworkSource& source) {
  const bool defaults = source.defaults;
  if (!network.is_object()) {
    return Fail<Mlp>(source.name + " must be an object {\"layers\": [...], \"loss\"}, got " + Describe(network));
  }
  Loss loss = Loss::kHalfSquaredError;
  if (network.contains("loss") || !defaults) {
    if (!network.contains("loss")) return Fail<Mlp>("\"loss\" is missing (\"half_mse\", \"bce\" or \"softmax_ce\")");
    if (!network["loss"].is_string()) return Fail<Mlp>("\"loss\" must be a name, got " + Describe(network["loss"]));
    Result<Loss> named = ParseLoss(network["loss"].get<std::string>());
    if (!named) return Fail<Mlp>("\"loss\": " + named.error());
    loss = named.value();
  }
  if (!network.contains("layers")) return Fail<Mlp>("\"layers\" is missing");
  const Json& layers = network["layers"];
  if (!layers.is_array() || layers.empty()) {
    return Fail<Mlp>("\"layers\" must be a non-empty array of layers, got " + Describe(layers));
  }
  if (static_cast<int>(layers.size()) > kMaxLayers) {
    return Fail<Mlp>(source.name + " has " + std::to_string(layers.size()) + " layers; " + source.holder +
                     " allows at most " + std::to_string(kMaxLayers) + " (" + std::to_string(kMaxHiddenLayers) +
                     " hidden and the output)");
  }
  Mlp mlp;
  MlpSpec spec;
  spec.loss = loss;
  int inputs = -1;
  for (size_t l = 0; l < layers.size(); ++l) {
    Result<Layer> layer = ReadLayer(layers[l], l, inputs, source);
    if (!layer) return Fail<Mlp>(layer.error());
    if (l == 0) spec.sizes.push_back(layer->inputs());
    spec.sizes.push_back(layer->outputs());
    spec.activations.push_back(layer->activation);
    inputs = layer->outputs();
    mlp.layers.push_back(std::move(layer.value()));
  }
  // The same checks as every network the app builds (softmax only at the output with its loss...).
  Result<Mlp> checked = MakeMlp(spec, 1);
  if (!checked) return Fail<Mlp>("the network cannot be used: " + checked.error());
  mlp.loss = spec.loss;
  return Result<Mlp>::Ok(std::move(mlp));
}

// The whole file, checked field by field; `holder` names where it goes ("the stepper").
Result<NetworkFile> ReadNetworkFile(const std::string& text, const std::string& holder) {
  Result<Json> parsed = ParseFile(text);
  if (!parsed) return Fail<NetworkFile>(parsed.error());
  const Json& file = parsed.value();
  if (!file.is_object()) {
    return Fail<NetworkFile>("a network file is one JSON object {\"format\": \"" + std::string(kNetworkFormat) +
                             "\", ...}, but this file holds " + Describe(file));
  }
  if (!file.contains("format")) {
    return Fail<NetworkFile>("\"format\" is missing: a network file says \"format\": \"" + std::string(kNetworkFormat) +
                             "\"");
  }
  if (!file["format"].is_string() || file["format"].get<std::string>() != kNetworkFormat) {
    return Fail<NetworkFile>("\"format\" is " + Describe(file["format"]) + ", expected \"" + kNetworkFormat + "\"");
  }
  if (!file.contains("version")) return Fail<NetworkFile>("\"version\" is missing (this app reads version 1)");
  if (!file["version"].is_number_integer() || file["version"].get<long long>() != kFormatVersion) {
    return Fail<NetworkFile>("\"version\" is " + Describe(file["version"]) + "; this app reads version 1");
  }
  Result<Mlp> network = ReadNetworkJson(file, NetworkSource{"the file", holder, false});
  if (!network) return Fail<NetworkFile>(network.error());
  NetworkFile result;
  result.mlp = std::move(network.value());
  if (file.contains("shape")) {
    Json sizes = Json::array();
    sizes.push_back(result.mlp.inputs());
    for (const Layer& layer : result.mlp.layers) sizes.push_back(layer.outputs());
    if (file["shape"] != sizes) {
      return Fail<NetworkFile>("\"shape\" says " + Quote(file["shape"].dump()) + " but the layers have " +
                               sizes.dump());
    }
  }

  if (file.contains("sample")) {
    const Json& sample = file["sample"];
    if (!sample.is_object()) return Fail<NetworkFile>("\"sample\" must be an object {x, t}, got " + Describe(sample));
    const size_t n_in = static_cast<size_t>(result.mlp.inputs()), n_out = static_cast<size_t>(result.mlp.outputs());
    Result<Eigen::VectorXd> x = ReadNumbers(sample.contains("x") ? sample["x"] : Json(), "sample.x", n_in,
                                            "the network has " + Plural(n_in, "input", "inputs"));
    if (!x) return Fail<NetworkFile>(x.error());
    Result<Eigen::VectorXd> t = ReadNumbers(sample.contains("t") ? sample["t"] : Json(), "sample.t", n_out,
                                            "the network has " + Plural(n_out, "output", "outputs"));
    if (!t) return Fail<NetworkFile>(t.error());
    result.has_sample = true;
    result.x = x.value();
    result.t = t.value();
  }
  return Result<NetworkFile>::Ok(std::move(result));
}

}  // namespace bp
