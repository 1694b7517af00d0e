// Tests for the playground's settings as key=value text (playground_config.cpp): the round trip,
// forgiving forms, refusals and hostile strings, automatic adjustments, whole-config validation and
// what a change needs. Building and training are tested in playground_test.cpp.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/playground.h"
#include "playground_test_helpers.h"

namespace {

using playground_test::Mentions;
using playground_test::Values;
using playground_test::With;

bool StartsWith(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

std::string ValueOf(const bp::PlaygroundConfig& config, const std::string& key) {
  for (const auto& [k, v] : bp::PlaygroundValues(config)) {
    if (k == key) return v;
  }
  return "(missing)";
}

}  // namespace

// --- Settings as text ---------------------------------------------------------------------------

TEST_CASE("Playground defaults print as the documented key=value list") {
  // The defaults of playground.h, in the key order of SetPlaygroundValue's comment.
  const Values expected = {
      {"pts", ""}, {"data", "circle"},  {"points", "200"},  {"noise", "0"},        {"seed", "1"},      {"classes", "3"},
      {"teeth", "3"},      {"ratio", "0.5"},   {"features", "x1,x2"}, {"hidden", "4,4"},  {"act", "tanh"},
      {"head", "auto"},    {"init", "xavier"}, {"wseed", "1"},        {"opt", "sgd"},     {"lr", "0.03"},
      {"momentum", "0.9"}, {"beta1", "0.9"},   {"beta2", "0.999"},    {"eps", "1e-08"},   {"l1", "0"},
      {"l2", "0"},         {"batch", "10"},    {"stop_epochs", "0"},  {"stop_loss", "0"},
  };
  const bp::PlaygroundConfig config = bp::MakeDefaultPlaygroundConfig();
  CHECK(bp::PlaygroundValues(config) == expected);
  CHECK(bp::ValidatePlaygroundConfig(config).ok());
}

TEST_CASE("Playground key round trip: every printed value sets back to the same config") {
  // Non-default in every key; 0.1 + 0.2 = 0.30000000000000004 needs all 17 digits to come back.
  const bp::PlaygroundConfig config = With(bp::MakeDefaultPlaygroundConfig(), {{"data", "spiral_k"},
                                                                               {"points", "321"},
                                                                               {"noise", "0.35"},
                                                                               {"seed", "9007199254740992"},
                                                                               {"classes", "5"},
                                                                               {"teeth", "7"},
                                                                               {"ratio", "0.8"},
                                                                               {"features", "x1,x2,x1x2,sin_x2"},
                                                                               {"hidden", "3,16,1"},
                                                                               {"act", "relu,leaky_relu,gelu"},
                                                                               {"head", "softmax_ce"},
                                                                               {"init", "he"},
                                                                               {"wseed", "42"},
                                                                               {"opt", "adam"},
                                                                               {"lr", std::to_string(0.1 + 0.2)},
                                                                               {"momentum", "0.5"},
                                                                               {"beta1", "0.8"},
                                                                               {"beta2", "0.99"},
                                                                               {"eps", "1e-6"},
                                                                               {"l1", "0.001"},
                                                                               {"l2", "1e-4"},
                                                                               {"batch", "7"},
                                                                               {"stop_epochs", "1000"},
                                                                               {"stop_loss", "0.0123"}});
  bp::PlaygroundConfig odd = config;
  odd.optimizer.learning_rate = 0.1 + 0.2;
  const Values printed = bp::PlaygroundValues(odd);
  CHECK(ValueOf(odd, "lr") == "0.30000000000000004");
  CHECK(ValueOf(odd, "seed") == "9007199254740992");  // 2^53, the largest seed
  CHECK(ValueOf(odd, "act") == "relu,leaky_relu,gelu");
  CHECK(ValueOf(odd, "eps") == "1e-06");  // no '+' or other URL-unsafe characters in exponents

  bp::PlaygroundConfig back = bp::MakeDefaultPlaygroundConfig();
  for (const auto& pair : printed) {
    const bp::Status status = bp::SetPlaygroundValue(&back, pair.first, pair.second);
    INFO(pair.first, "=", pair.second, ": ", status.error);
    CHECK(status.ok());
  }
  CHECK(bp::PlaygroundValues(back) == printed);
  CHECK(back.optimizer.learning_rate == 0.1 + 0.2);
  CHECK(bp::ClassifyChange(odd, back) == bp::ChangeKind::kNone);

  // Awkward learning rates read back bit for bit too; whole numbers print without an exponent.
  bp::PlaygroundConfig big = bp::MakeDefaultPlaygroundConfig();
  big.optimizer.learning_rate = 100;
  big.stop_test_loss = 1e6;
  CHECK(ValueOf(big, "lr") == "100");
  CHECK(ValueOf(big, "stop_loss") == "1000000");
  for (double lr : {99.99999999999999, 1.0 / 3.0, 1e-6, 1.0000000000000002e-6, 1e-5, 98.76543}) {
    bp::PlaygroundConfig c = bp::MakeDefaultPlaygroundConfig();
    c.optimizer.learning_rate = lr;
    bp::PlaygroundConfig d = bp::MakeDefaultPlaygroundConfig();
    REQUIRE(bp::SetPlaygroundValue(&d, "lr", ValueOf(c, "lr")).ok());
    CHECK(d.optimizer.learning_rate == lr);
  }
}

TEST_CASE("Playground settings accept forgiving forms of good values") {
  bp::PlaygroundConfig c = bp::MakeDefaultPlaygroundConfig();
  CHECK(bp::SetPlaygroundValue(&c, "noise", "-0").ok());  // -0 is 0, printed as "0"
  CHECK(ValueOf(c, "noise") == "0");
  CHECK(bp::SetPlaygroundValue(&c, "noise", " .25 ").ok());
  CHECK(c.data.noise == 0.25);
  CHECK(bp::SetPlaygroundValue(&c, "hidden", " 5 , 6 ").ok());
  CHECK(c.hidden == std::vector<int>{5, 6});
  CHECK(bp::SetPlaygroundValue(&c, "act", "linear").ok());  // identity's other name
  CHECK(ValueOf(c, "act") == "identity");
  CHECK(bp::SetPlaygroundValue(&c, "hidden", "").ok());  // no hidden layer: a logistic regression
  CHECK(c.hidden.empty());
  CHECK(c.activations.empty());
  CHECK(ValueOf(c, "act") == "");
  CHECK(bp::SetPlaygroundValue(&c, "act", "").ok());
  CHECK(bp::SetPlaygroundValue(&c, "seed", "0").ok());
  CHECK(bp::SetPlaygroundValue(&c, "points", "10000").ok());
  CHECK(bp::ValidatePlaygroundConfig(c).ok());
}

TEST_CASE("Playground settings refuse bad values, name the key, and change nothing") {
  const bp::PlaygroundConfig start = bp::MakeDefaultPlaygroundConfig();
  const Values bad = {
      {"points", ""},
      {"points", "0"},
      {"points", "10001"},
      {"points", "abc"},
      {"points", "4.5"},
      {"points", "-1"},
      {"points", "99999999999999999999"},
      {"points", "1e400"},
      {"points", "1e3"},
      {"points", "２００"},  // full-width digits
      {"noise", "1.5"},
      {"noise", "-0.1"},
      {"noise", "nan"},
      {"noise", "inf"},
      {"noise", "1e400"},
      {"noise", "0x1p-1"},
      {"noise", "0.5.5"},
      {"noise", "--1"},
      {"noise", "0,5"},
      {"seed", "-1"},
      {"seed", "9007199254740993"},
      {"seed", "1.5"},
      {"seed", "18446744073709551616"},
      {"classes", "1"},
      {"classes", "7"},
      {"teeth", "0"},
      {"teeth", "21"},
      {"ratio", "0"},
      {"ratio", "1.01"},
      {"ratio", "-0"},
      {"features", ""},
      {"features", "x3"},
      {"features", "x1,,foo"},
      {"hidden", "4,,4"},
      {"hidden", "17"},
      {"hidden", "0"},
      {"hidden", "1,2,3,4,5,6,7,8,9"},
      {"hidden", "4;4"},
      {"act", "step"},
      {"act", "softmax"},
      {"act", "tanh,relu,tanh"},
      {"act", ""},
      {"act", "sigmoid,"},
      {"act", "TANH"},
      {"head", "linear_mse"},  // regression only; the default data is the circle
      {"head", "tanh"},
      {"init", "glorot"},
      {"wseed", "-5"},
      {"opt", "rmsprop"},
      {"lr", "0"},
      {"lr", "100.5"},
      {"lr", "-0.1"},
      {"lr", "1e400"},
      {"lr", "1e-400"},  // underflows to 0
      {"momentum", "1"},
      {"beta1", "1"},
      {"beta2", "-0.1"},
      {"eps", "0"},
      {"eps", "2"},
      {"l1", "-1"},
      {"l2", "11"},
      {"batch", "0"},
      {"batch", "10001"},
      {"stop_epochs", "-1"},
      {"stop_epochs", "1000001"},
      {"stop_loss", "-1"},
      {"stop_loss", "2e6"},
  };
  CHECK(bad.size() >= 30);
  for (const auto& pair : bad) {
    const std::string& key = pair.first;
    const std::string& value = pair.second;
    bp::PlaygroundConfig config = start;
    const bp::Status status = bp::SetPlaygroundValue(&config, key, value);
    INFO(pair.first, "=", pair.second, " -> ", status.error);
    CHECK_FALSE(status.ok());
    CHECK((StartsWith(status.error, key + " must be ") || StartsWith(status.error, key + " cannot be ")));
    CHECK(Mentions(status.error, "\"" + value + "\""));  // what it got, quoted (all short here)
    CHECK(bp::PlaygroundValues(config) == bp::PlaygroundValues(start));
  }
}

TEST_CASE("Playground settings survive hostile strings") {
  bp::PlaygroundConfig config = bp::MakeDefaultPlaygroundConfig();
  const Values before = bp::PlaygroundValues(config);

  // 10 MB: refused at once; the message quotes only the start.
  const std::string huge(10 * 1024 * 1024, '9');
  for (const char* key : {"points", "hidden", "features", "act", "lr"}) {
    const bp::Status status = bp::SetPlaygroundValue(&config, key, huge);
    CHECK_FALSE(status.ok());
    CHECK(StartsWith(status.error, std::string(key) + " must be at most 256 characters"));
    CHECK(status.error.size() < 200);
  }
  // A long bad value is echoed cut to 40 bytes, never in the middle of a UTF-8 character
  // ("é" is two bytes: 39 of them would be 78 bytes, so 20 fit, then "...").
  std::string accents;
  for (int i = 0; i < 39; ++i) accents += "é";
  bp::Status status = bp::SetPlaygroundValue(&config, "data", accents);
  CHECK_FALSE(status.ok());
  std::string twenty;
  for (int i = 0; i < 20; ++i) twenty += "é";
  CHECK(Mentions(status.error, "\"" + twenty + "...\""));
  // Control characters and broken UTF-8 are shown as '?'.
  status = bp::SetPlaygroundValue(&config, "opt", std::string("a\nb\xff", 4));
  CHECK(Mentions(status.error, "\"a?b?\""));
  // An unknown key lists the keys.
  status = bp::SetPlaygroundValue(&config, "learning_rate", "0.1");
  CHECK(StartsWith(status.error, "Unknown setting \"learning_rate\""));
  CHECK(Mentions(status.error, "stop_loss"));
  CHECK_FALSE(bp::SetPlaygroundValue(&config, "", "").ok());
  CHECK(bp::PlaygroundValues(config) == before);
}

TEST_CASE("Playground settings keep the config consistent") {
  bp::PlaygroundConfig c = With(bp::MakeDefaultPlaygroundConfig(), {{"act", "relu,elu"}});
  // More layers repeat the last activation; fewer drop theirs.
  REQUIRE(bp::SetPlaygroundValue(&c, "hidden", "4,4,8,2").ok());
  CHECK(ValueOf(c, "act") == "relu,elu,elu,elu");
  REQUIRE(bp::SetPlaygroundValue(&c, "hidden", "3").ok());
  CHECK(ValueOf(c, "act") == "relu");
  // One name sets every layer.
  REQUIRE(bp::SetPlaygroundValue(&c, "hidden", "3,3,3").ok());
  REQUIRE(bp::SetPlaygroundValue(&c, "act", "gelu").ok());
  CHECK(c.activations == std::vector<bp::Activation>(3, bp::Activation::kGelu));
  // From one layer to eight: the vector grows while it is filled (this once read freed memory in
  // the wasm build and gave every layer a garbage activation).
  REQUIRE(bp::SetPlaygroundValue(&c, "hidden", "8,8,8,8,8,8,8,8").ok());
  REQUIRE(bp::SetPlaygroundValue(&c, "act", "relu").ok());
  CHECK(c.activations == std::vector<bp::Activation>(8, bp::Activation::kRelu));

  // 1-D data drops the x2 features, keeping x1 (or the other x1 features when x1 is off).
  c = With(bp::MakeDefaultPlaygroundConfig(), {{"features", "x1,x2,x1x2,sin_x1"}, {"data", "sin"}});
  CHECK(ValueOf(c, "features") == "x1,sin_x1");
  c = With(bp::MakeDefaultPlaygroundConfig(), {{"features", "x2,x2sq"}, {"data", "abs"}});
  CHECK(ValueOf(c, "features") == "x1");
  bp::Status status = bp::SetPlaygroundValue(&c, "features", "x1,x2");
  CHECK(StartsWith(status.error, "features must be"));
  CHECK(Mentions(status.error, "x1, x1sq, sin_x1"));
  CHECK(bp::SetPlaygroundValue(&c, "features", "x1sq,sin_x1").ok());
  // The 2-D surface keeps both.
  c = With(bp::MakeDefaultPlaygroundConfig(), {{"features", "x1,x2,x1x2"}, {"data", "surface"}});
  CHECK(ValueOf(c, "features") == "x1,x2,x1x2");

  // An explicit head that no longer fits new data falls back to auto; a head that does not fit
  // the current data is refused.
  c = With(bp::MakeDefaultPlaygroundConfig(), {{"head", "tanh_mse"}, {"data", "blobs"}});
  CHECK(c.head == bp::OutputHead::kAuto);
  c = With(bp::MakeDefaultPlaygroundConfig(), {{"data", "spiral_k"}, {"classes", "2"}, {"head", "sigmoid_bce"}});
  REQUIRE(bp::SetPlaygroundValue(&c, "classes", "4").ok());
  CHECK(c.head == bp::OutputHead::kAuto);
  status = bp::SetPlaygroundValue(&c, "head", "tanh_mse");
  CHECK(StartsWith(status.error, "head cannot be \"tanh_mse\""));
  CHECK(Mentions(status.error, "4 classes"));

  // A ratio that leaves no training point: round(0.4 * 1) = 0.
  c = With(bp::MakeDefaultPlaygroundConfig(), {{"points", "1"}, {"ratio", "1"}});
  status = bp::SetPlaygroundValue(&c, "ratio", "0.4");
  CHECK(StartsWith(status.error, "ratio cannot be \"0.4\""));
  CHECK(Mentions(status.error, "no training point"));
}

TEST_CASE("Playground config validation names the problem") {
  bp::PlaygroundConfig c = bp::MakeDefaultPlaygroundConfig();
  c.activations.push_back(bp::Activation::kTanh);
  CHECK(Mentions(bp::ValidatePlaygroundConfig(c).error, "2 hidden layers but 3 activations"));
  c = bp::MakeDefaultPlaygroundConfig();
  c.activations[1] = bp::Activation::kStep;
  CHECK(Mentions(bp::ValidatePlaygroundConfig(c).error, "Hidden layer 2 uses step"));
  c = bp::MakeDefaultPlaygroundConfig();
  c.hidden[0] = 17;
  CHECK(Mentions(bp::ValidatePlaygroundConfig(c).error, "hidden layer 1 must be a whole number from 1 to 16"));
  c = bp::MakeDefaultPlaygroundConfig();
  c.optimizer.learning_rate = 200;
  CHECK(bp::ValidatePlaygroundConfig(c).error == "lr must be a number from 1e-06 to 100, but it is 200.");
  c = bp::MakeDefaultPlaygroundConfig();
  c.data.kind = bp::DatasetKind::kRegressionSin;  // x2 still on
  CHECK(Mentions(bp::ValidatePlaygroundConfig(c).error, "one input, x1"));
  c = bp::MakeDefaultPlaygroundConfig();
  c.weight_seed = (uint64_t{1} << 53) + 1;
  CHECK(StartsWith(bp::ValidatePlaygroundConfig(c).error, "wseed must be a whole number from 0 to 9007199254740992"));
  CHECK_FALSE(bp::MakePlayground(c).ok());
}

TEST_CASE("Playground ClassifyChange says what an edit needs") {
  const bp::PlaygroundConfig base = bp::MakeDefaultPlaygroundConfig();
  auto change = [&](const Values& values) { return bp::ClassifyChange(base, With(base, values)); };
  CHECK(change({}) == bp::ChangeKind::kNone);
  CHECK(change({{"lr", "0.1"}}) == bp::ChangeKind::kTraining);
  CHECK(change({{"batch", "20"}}) == bp::ChangeKind::kTraining);
  CHECK(change({{"opt", "adam"}}) == bp::ChangeKind::kTraining);
  CHECK(change({{"stop_epochs", "100"}, {"l2", "0.01"}}) == bp::ChangeKind::kTraining);
  CHECK(change({{"hidden", "4"}}) == bp::ChangeKind::kNetwork);
  CHECK(change({{"act", "relu"}}) == bp::ChangeKind::kNetwork);
  CHECK(change({{"features", "x1,x2,x1sq"}}) == bp::ChangeKind::kNetwork);
  CHECK(change({{"wseed", "2"}, {"lr", "0.5"}}) == bp::ChangeKind::kNetwork);
  CHECK(change({{"init", "he"}}) == bp::ChangeKind::kNetwork);
  CHECK(change({{"head", "softmax_ce"}}) == bp::ChangeKind::kNetwork);
  // On two classes auto already means sigmoid_bce: the same network.
  CHECK(change({{"head", "sigmoid_bce"}}) == bp::ChangeKind::kNone);
  CHECK(change({{"noise", "0.1"}}) == bp::ChangeKind::kData);
  CHECK(change({{"ratio", "0.7"}}) == bp::ChangeKind::kData);
  CHECK(change({{"seed", "5"}, {"hidden", "2"}}) == bp::ChangeKind::kData);
  // The circle has two classes and no teeth: these settings wait for data that uses them.
  CHECK(change({{"classes", "5"}, {"teeth", "9"}}) == bp::ChangeKind::kNone);
  const bp::PlaygroundConfig spiral = With(base, {{"data", "spiral_k"}});
  CHECK(bp::ClassifyChange(spiral, With(spiral, {{"classes", "5"}})) == bp::ChangeKind::kData);
}
