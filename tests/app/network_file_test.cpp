// Reading a network (io/network_file.h): ReadNetworkJson puts every weight where it belongs and
// fills the API's defaults; a file's layers, sample and parameters land where they belong; each
// malformed file or network (syntax, NaN, wrong fields, shapes that do not chain, the stepper's
// limits, oversized or deeply nested text) is refused with a sentence naming the field.
#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "app/io/network_file.h"
#include "app/session/json.h"

namespace bp {
namespace {

// A valid 2-2-1 file; tests change one part of it.
Json ValidFile() {
  return Json{{"format", "backprop-lab-network"},
              {"version", 1},
              {"loss", "half_mse"},
              {"layers",
               {{{"activation", "tanh"}, {"W", {{0.1, 0.2}, {0.3, 0.4}}}, {"b", {0.5, 0.6}}},
                {{"activation", "leaky_relu"},
                 {"W", Json::array({Json{0.7, 0.8}})},
                 {"b", Json::array({0.9})},
                 {"slope", 0.05}}}},
              {"sample", {{"x", {1.0, 2.0}}, {"t", Json::array({3.0})}}}};
}

std::string Error(const Json& file) {
  Result<NetworkFile> read = ReadNetworkFile(file.dump(), "the stepper");
  return read.ok() ? "(accepted)" : read.error();
}

const NetworkSource kApi{"the network", "the stepper", true};
const NetworkSource kFile{"the file", "the stepper", false};

std::string NetworkError(const Json& network, const NetworkSource& source) {
  Result<Mlp> mlp = ReadNetworkJson(network, source);
  return mlp.ok() ? "(accepted)" : mlp.error();
}

TEST_CASE("ReadNetworkJson puts every weight of a 2-2-2 network where it belongs") {
  // The API's form: the activation and the loss may be left out (sigmoid, half_mse).
  Json network = {{"layers",
                   {{{"W", {{1, 2}, {3, 4}}}, {"b", {5, 6}}, {"activation", "elu"}, {"alpha", 0.5}},
                    {{"W", {{7, 8}, {9, 10}}}, {"b", {11, 12}}}}}};
  Result<Mlp> mlp = ReadNetworkJson(network, kApi);
  REQUIRE(mlp.ok());
  REQUIRE(mlp->layers.size() == 2);
  // W(j, i): row j is neuron j, column i its input i.
  const Eigen::MatrixXd& W0 = mlp->layers[0].W;
  CHECK(W0(0, 0) == 1);
  CHECK(W0(0, 1) == 2);
  CHECK(W0(1, 0) == 3);
  CHECK(W0(1, 1) == 4);
  CHECK(mlp->layers[0].b == Eigen::Vector2d(5, 6));
  CHECK(mlp->layers[1].W(0, 1) == 8);
  CHECK(mlp->layers[1].W(1, 0) == 9);
  CHECK(mlp->layers[1].b(1) == 12);
  CHECK(mlp->layers[0].activation == Activation::kElu);
  CHECK(mlp->layers[0].params.alpha == 0.5);
  CHECK(mlp->layers[1].activation == Activation::kSigmoid);
  CHECK(mlp->loss == Loss::kHalfSquaredError);
  // A file must name both.
  CHECK(NetworkError(network, kFile) == "\"loss\" is missing (\"half_mse\", \"bce\" or \"softmax_ce\")");
  network["loss"] = "half_mse";
  CHECK(NetworkError(network, kFile) == "layers[1].activation is missing");
}

TEST_CASE("ReadNetworkJson refuses non-finite numbers, unknown names and a network MakeMlp refuses") {
  Json network = {{"layers", Json::array({Json{{"W", {{1, 2}, {3, 4}}}, {"b", {0, 0}}}})}};
  CHECK(NetworkError(network, kApi) == "(accepted)");
  CHECK(NetworkError(Json::array(), kApi) ==
        "the network must be an object {\"layers\": [...], \"loss\"}, got an array of 0");
  Json nan_weight = network;
  nan_weight["layers"][0]["W"][0][1] = std::numeric_limits<double>::quiet_NaN();
  CHECK(NetworkError(nan_weight, kApi) == "layers[0].W[0][1] is not a finite number");
  Json named = network;
  named["layers"][0]["activation"] = "swish";
  CHECK(NetworkError(named, kApi).rfind("layers[0].activation: unknown activation \"swish\"", 0) == 0);
  named["layers"][0]["activation"] = 5;
  CHECK(NetworkError(named, kApi) == "layers[0].activation must be a name such as \"sigmoid\", got the number 5");
  Json hinge = network;
  hinge["loss"] = "hinge";
  CHECK(NetworkError(hinge, kApi).rfind("\"loss\": unknown loss \"hinge\"", 0) == 0);
  Json softmax_hidden = {{"layers",
                          {{{"W", {{1, 2}, {3, 4}}}, {"b", {0, 0}}, {"activation", "softmax"}},
                           {{"W", {{1, 2}, {3, 4}}}, {"b", {0, 0}}}}}};
  CHECK(NetworkError(softmax_hidden, kApi).rfind("the network cannot be used: ", 0) == 0);
}

TEST_CASE("a valid file's weights, parameters and sample land where they belong") {
  Result<NetworkFile> read = ReadNetworkFile(ValidFile().dump(2), "the stepper");
  REQUIRE(read.ok());
  const Mlp& mlp = read->mlp;
  REQUIRE(mlp.layers.size() == 2);
  CHECK(mlp.layers[0].W(0, 1) == 0.2);  // row 0 (neuron 0), column 1 (input 1)
  CHECK(mlp.layers[0].W(1, 0) == 0.3);
  CHECK(mlp.layers[0].b(1) == 0.6);
  CHECK(mlp.layers[0].activation == Activation::kTanh);
  CHECK(mlp.layers[1].W(0, 1) == 0.8);
  CHECK(mlp.layers[1].params.slope == 0.05);
  CHECK(mlp.layers[1].params.alpha == 1.0);  // absent: the default
  CHECK(mlp.loss == Loss::kHalfSquaredError);
  CHECK(read->has_sample);
  CHECK(read->x == Eigen::Vector2d(1.0, 2.0));
  CHECK(read->t(0) == 3.0);
  Json no_sample = ValidFile();
  no_sample.erase("sample");
  CHECK_FALSE(ReadNetworkFile(no_sample.dump(), "the stepper")->has_sample);
}

TEST_CASE("text that is not JSON is refused with the byte where it stops") {
  CHECK(ReadNetworkFile("", "the stepper").error() == "the file is empty");
  CHECK(ReadNetworkFile(" \n\t", "the stepper").error() == "the file is empty");
  // `{"format": ` is 11 bytes; the file ends there.
  CHECK(ReadNetworkFile("{\"format\": ", "the stepper").error() ==
        "this is not JSON: unexpected end at byte 11 (the file looks cut off)");
  // `{"x": ` is 6 bytes: NaN starts at byte 7.
  CHECK(ReadNetworkFile("{\"x\": NaN}", "the stepper").error() ==
        "this is not JSON: NaN at byte 7 is not a JSON number (JSON has no NaN or Infinity; every weight must be a "
        "finite number)");
  CHECK(ReadNetworkFile("[-Infinity]", "the stepper").error().rfind("this is not JSON: -Infinity at byte 2", 0) == 0);
  CHECK(ReadNetworkFile("[1e999]", "the stepper").error() ==
        "this is not JSON: the number 1e999 at byte 2 is too large (numbers must be finite)");
}

TEST_CASE("the format, version and loss are checked first") {
  CHECK(ReadNetworkFile("[1, 2]", "the stepper").error() ==
        "a network file is one JSON object {\"format\": \"backprop-lab-network\", ...}, but this file holds an array "
        "of 2");
  Json file = ValidFile();
  file.erase("format");
  CHECK(Error(file) == "\"format\" is missing: a network file says \"format\": \"backprop-lab-network\"");
  file = ValidFile();
  file["format"] = "backprop-lab-trace";
  CHECK(Error(file) == "\"format\" is a string (\"backprop-lab-trace\"), expected \"backprop-lab-network\"");
  file = ValidFile();
  file["version"] = 2;
  CHECK(Error(file) == "\"version\" is the number 2; this app reads version 1");
  file = ValidFile();
  file["loss"] = "hinge";
  CHECK(Error(file).rfind("\"loss\": unknown loss \"hinge\"", 0) == 0);
}

TEST_CASE("layers are checked field by field") {
  Json file = ValidFile();
  file["layers"][1]["W"] = Json::array({Json{0.7, 0.8, 0.9}});
  CHECK(Error(file) == "layers[1].W has 3 columns but layer 0 has 2 neurons");
  file = ValidFile();
  file["layers"][0]["W"][1] = Json::array({0.3});
  CHECK(Error(file) == "layers[0].W[1] has 1 number but layers[0].W[0] has 2");
  file = ValidFile();
  file["layers"][0]["b"] = Json::array({0.5});
  CHECK(Error(file) == "layers[0].b has 1 number but layers[0].W has 2 rows (one bias per neuron)");
  file = ValidFile();
  file["layers"][0]["W"][0][1] = "0.2";
  CHECK(Error(file) == "layers[0].W[0][1] is not a finite number: got a string (\"0.2\")");
  file = ValidFile();
  file["layers"][0].erase("activation");
  CHECK(Error(file) == "layers[0].activation is missing");
  file = ValidFile();
  file["layers"][1]["slope"] = "steep";
  CHECK(Error(file) == "layers[1].slope is not a finite number: got a string (\"steep\")");
  file = ValidFile();
  file["shape"] = {2, 3, 1};
  CHECK(Error(file) == "\"shape\" says [2,3,1] but the layers have [2,2,1]");
}

TEST_CASE("the stepper's limits: 9 layers, 16 neurons and 16 inputs") {
  Json file = ValidFile();
  file.erase("sample");
  Json hidden = {{"activation", "tanh"}, {"W", {{1.0, 0.0}, {0.0, 1.0}}}, {"b", {0.0, 0.0}}};
  file["layers"] = Json::array();
  for (int l = 0; l < 8; ++l) file["layers"].push_back(hidden);
  file["layers"].push_back(ValidFile()["layers"][1]);
  CHECK(Error(file) == "(accepted)");
  file["layers"].insert(file["layers"].begin(), hidden);
  CHECK(Error(file) == "the file has 10 layers; the stepper allows at most 9 (8 hidden and the output)");
  file.erase("format");  // the API's setNetwork names the network, not a file
  CHECK(NetworkError(file, kApi) ==
        "the network has 10 layers; the stepper allows at most 9 (8 hidden and the output)");

  Json wide = ValidFile();
  wide["layers"][0]["W"] = Json::array();
  for (int j = 0; j < 17; ++j) wide["layers"][0]["W"].push_back({0.1, 0.2});
  CHECK(Error(wide) == "layers[0].W has 17 rows (neurons); the stepper allows at most 16 per layer");
  Json many_inputs = ValidFile();
  many_inputs["layers"][0]["W"] = {std::vector<double>(17, 0.1), std::vector<double>(17, 0.1)};
  CHECK(Error(many_inputs) == "layers[0].W has 17 columns (inputs); the stepper allows at most 16");
}

TEST_CASE("a softmax hidden layer and a sample that does not fit are refused") {
  Json file = ValidFile();
  file["layers"][0]["activation"] = "softmax";
  CHECK(Error(file).rfind("the network cannot be used: ", 0) == 0);
  file = ValidFile();
  file["sample"]["x"] = {1.0, 2.0, 3.0};
  CHECK(Error(file) == "sample.x has 3 numbers but the network has 2 inputs");
  file = ValidFile();
  file["sample"].erase("t");
  CHECK(Error(file) == "sample.t must be an array of numbers, got null");
}

TEST_CASE("oversized, deeply nested or value-heavy text is refused before a document is built") {
  std::string deep = std::string(17, '[') + std::string(17, ']');
  CHECK(ReadNetworkFile(deep, "the stepper")
            .error()
            .rfind("this is not a network file: its arrays and objects nest "
                   "more than 16 levels deep",
                   0) == 0);
  CHECK(ReadNetworkFile(std::string(16, '[') + std::string(16, ']'), "the stepper").error().find("nest") ==
        std::string::npos);
  std::string many = "[0";
  for (int i = 0; i < 20000; ++i) many += ",0";
  many += "]";
  CHECK(ReadNetworkFile(many, "the stepper")
            .error()
            .rfind("this is not a network file: it holds more than 20000 values", 0) == 0);
  std::string huge(1024 * 1024 + 1, ' ');
  CHECK(ReadNetworkFile(huge, "the stepper").error() == "the file is 1.0 MB; the limit is 1.0 MB");
}

TEST_CASE("quoted text from a file is made printable and cut short") {
  Json file = ValidFile();
  file["format"] = "\x01" + std::string(60, 'a');
  const std::string error = Error(file);
  CHECK(error.rfind("\"format\" is a string (\"\\x01aaaa", 0) == 0);
  CHECK(error.find("…") != std::string::npos);
  CHECK(Plural(1, "input", "inputs") == "1 input");
  CHECK(Plural(0, "input", "inputs") == "0 inputs");
}

}  // namespace
}  // namespace bp

namespace bp {
namespace {

// Files are strict JSON (RFC 8259) with at most a UTF-8 byte-order mark before them: a trailing
// comma, a comment, a NUL byte or any text after the document is refused, naming the byte.
TEST_CASE("network files are strict JSON: one document, a UTF-8 BOM at most, nothing after it") {
  const std::string good = ValidFile().dump();
  CHECK(ReadNetworkFile(good, "the stepper").ok());
  CHECK(ReadNetworkFile("\xEF\xBB\xBF" + good, "the stepper").ok());
  CHECK(ReadNetworkFile(good + "\n \t\r\n", "the stepper").ok());
  struct Refused {
    std::string text;
    const char* words;  // what the sentence must contain
  };
  const std::string nul(1, '\0');
  const Refused refused[] = {
      {good + nul, "byte"},
      {good + nul + "zz", "byte"},
      {good.substr(0, 20) + nul + good.substr(20), "byte"},
      {good + "x", "after the end of the network"},
      {good + good, "after the end of the network"},
      {"\xEF\xBB\xBF\xEF\xBB\xBF" + good, "byte-order mark"},
      {"\xFE\xFF" + good, "not UTF-8"},
      {"\xFF\xFE" + good, "not UTF-8"},
      {good.substr(0, good.size() - 1) + ",}", "unexpected"},
      {"/* a comment */" + good, "unexpected"},
      {"[1, 2, ]", "unexpected"},
  };
  for (const Refused& r : refused) {
    Result<NetworkFile> read = ReadNetworkFile(r.text, "the stepper");
    INFO("text of " << r.text.size() << " bytes, ending "
                    << r.text.substr(r.text.size() > 12 ? r.text.size() - 12 : 0));
    REQUIRE_FALSE(read.ok());
    INFO("error: " << read.error());
    CHECK(read.error().find(r.words) != std::string::npos);
    CHECK(read.error().find('\0') == std::string::npos);
  }
}

}  // namespace
}  // namespace bp
