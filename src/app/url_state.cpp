// The view as a URL fragment and back (see url_state.h). Parsing is defensive: a fragment is cut
// at kMaxFragmentBytes, every value is checked by the same validators the controls use
// (SetPlaygroundValue, SetStepField, ParseUserNumber), and a refused key never stops the others.
#include "app/url_state.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <utility>

#include "app/app.h"
#include "app/embed.h"
#include "app/format.h"
#include "app/keyboard.h"
#include "app/lesson_registry.h"
#include "app/lessons/playground_parts.h"
#include "app/step_screen.h"

namespace bp {

namespace {
constexpr int kMinPrecision = 3;
constexpr int kMaxPrecision = 9;
constexpr size_t kEchoBytes = 40;        // how much of a bad key or value a message quotes
constexpr size_t kMaxListItems = 64;     // hide= and lock= entries
constexpr size_t kMaxWeightEntries = 512;
constexpr size_t kMaxReportedIgnored = 100;
constexpr size_t kMaxOriginBytes = 2048;
constexpr int kBannerExamples = 4;       // ignored keys named in the banner; the rest are counted

// Keys this file reads besides the playground's (which come from PlaygroundValues).
const char* const kViewKeys[] = {"lesson", "spoint", "w", "steps", "gran", "step", "precision",
                                 "theme",  "font",   "hide", "lock", "embed", "origin"};

struct Pair {
  std::string key, value;
};

// Printable ASCII only, cut short: what a message may quote of untrusted text.
std::string Echo(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size() && out.size() < kEchoBytes; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  }
  if (text.size() > out.size()) out += "…";
  return out;
}

// Messages from validators may quote what they were given (bytes from a %-escape): keep them short,
// without control characters, and valid UTF-8 (JSON answers and the banner need it).
std::string CleanSentence(const std::string& text) {
  constexpr size_t kMaxSentence = 240;
  std::string out;
  size_t i = 0;
  while (i < text.size() && out.size() < kMaxSentence) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xe ? 3 : (c >> 3) == 0x1e ? 4 : 0;
    bool valid = length > 0 && i + length <= text.size();
    for (size_t k = 1; valid && k < length; ++k) valid = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
    // Overlong forms and surrogates are invalid too.
    if (valid && length == 2) valid = c >= 0xc2;
    if (valid && length == 3) {
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      valid = !(c == 0xe0 && next < 0xa0) && !(c == 0xed && next >= 0xa0);
    }
    if (valid && length == 4) {
      unsigned char next = static_cast<unsigned char>(text[i + 1]);
      valid = c <= 0xf4 && !(c == 0xf0 && next < 0x90) && !(c == 0xf4 && next >= 0x90);
    }
    if (!valid) {
      out += '?';
      ++i;
    } else if (length == 1) {
      out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
      ++i;
    } else {
      out.append(text, i, length);
      i += length;
    }
  }
  if (i < text.size()) out += "…";
  return out;
}

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> PercentDecode(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    int high = i + 1 < text.size() ? HexDigit(text[i + 1]) : -1;
    int low = i + 2 < text.size() ? HexDigit(text[i + 2]) : -1;
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::string PercentEncode(const std::string& text) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                 std::string("-._~,:!*()/@;$").find(ch) != std::string::npos;
    if (plain) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::vector<std::string> SplitList(const std::string& text, char separator) {
  std::vector<std::string> items;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(separator, start);
    if (end == std::string::npos) end = text.size();
    items.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return items;
}

std::string JoinList(const std::vector<std::string>& items) {
  std::string text;
  for (size_t i = 0; i < items.size(); ++i) text += (i ? "," : "") + items[i];
  return text;
}

Result<long long> ParseWhole(const std::string& text, const std::string& what, long long min, long long max) {
  Result<double> number = ParseUserNumber(text, what, static_cast<double>(min), static_cast<double>(max));
  if (!number.ok()) return Result<long long>::Error(number.error());
  if (number.value() != std::floor(number.value())) {
    return Result<long long>::Error(what + ": '" + Echo(text) + "' is not a whole number");
  }
  return Result<long long>::Ok(static_cast<long long>(number.value()));
}

bool IsPlaygroundKey(const std::string& key) {
  for (const auto& entry : PlaygroundValues(MakeDefaultPlaygroundConfig())) {
    if (entry.first == key) return true;
  }
  return false;
}

bool IsKnownKey(const std::string& key) {
  for (const char* known : kViewKeys) {
    if (key == known) return true;
  }
  return IsPlaygroundKey(key);
}

// --- What the stepper started from -------------------------------------------------------------

// The stepper as the lesson sets it up (or, for the playground, as it starts on the current
// network): the link's weights are the differences from this.
struct StepBase {
  Mlp mlp;
  Eigen::VectorXd x, t;
  OptimizerConfig config;
};

bool StepperShown(const AppState& state) {
  if (state.step.stations.empty()) return false;
  if (state.lesson == FindLesson("playground")) return state.playground.stepping;
  return true;
}

std::optional<StepBase> LessonStepBase(const AppState& state) {
  if (state.lesson == FindLesson("playground")) {
    const PlaygroundState& s = state.playground;
    const Playground& m = s.model;
    // The playground's link carries its settings, so its initial network, not training progress.
    if (!s.built || m.batches > 0 || s.step_point >= m.train.size()) return std::nullopt;
    return StepBase{m.mlp, m.train_inputs.col(s.step_point), m.train.T.col(s.step_point), m.config.optimizer};
  }
  auto scratch = std::make_unique<AppState>();
  Lessons()[state.lesson].enter(*scratch);
  if (scratch->step.stations.empty()) return std::nullopt;
  return StepBase{scratch->step.mlp, scratch->step.x, scratch->step.t, scratch->step.config};
}

bool SameShape(const Mlp& a, const Mlp& b) {
  if (a.layers.size() != b.layers.size()) return false;
  for (size_t l = 0; l < a.layers.size(); ++l) {
    if (a.layers[l].W.rows() != b.layers[l].W.rows() || a.layers[l].W.cols() != b.layers[l].W.cols()) return false;
    if (a.layers[l].activation != b.layers[l].activation) return false;
  }
  return a.loss == b.loss;
}

bool SameWeights(const Mlp& a, const Mlp& b) {
  if (!SameShape(a, b)) return false;
  for (size_t l = 0; l < a.layers.size(); ++l) {
    if (a.layers[l].W != b.layers[l].W || a.layers[l].b != b.layers[l].b) return false;
  }
  return true;
}

// How many steps a link may replay on this network (see kMaxReplayParameters).
int MaxReplaySteps(const Mlp& mlp) {
  const long long parameters = std::max<long long>(1, mlp.ParameterCount());
  return static_cast<int>(std::min<long long>(kMaxLinkSteps, kMaxReplayParameters / parameters));
}

// Takes `steps` whole steps, exactly as the learner's "Next" past "done" does.
void ReplaySteps(StepSession* session, int steps, double now) {
  for (int n = 0; n < steps; ++n) {
    JumpToPhase(session, Phase::kDone, now);
    StepNext(session, Granularity::kNeuron, now);
  }
}

// The network the session's first step started from, when replaying the steps taken from it on
// the current sample reproduces the current network exactly (no edits between steps).
std::optional<Mlp> ReplayableStart(const StepSession& session) {
  if (session.steps_taken == 0 || session.history.empty()) return session.mlp;
  if (session.steps_taken > MaxReplaySteps(session.mlp) ||
      static_cast<int>(session.history.size()) != session.steps_taken) {
    return std::nullopt;
  }
  StepSession replay;
  if (!StartSession(&replay, session.history.front(), session.x, session.t, session.config).ok()) return std::nullopt;
  ReplaySteps(&replay, session.steps_taken, 0.0);
  if (!SameWeights(replay.mlp, session.mlp)) return std::nullopt;
  return session.history.front();
}

void AddDifferences(std::vector<std::string>* entries, const std::string& prefix, const Eigen::MatrixXd& now,
                    const Eigen::MatrixXd& base, bool matrix) {
  for (int j = 0; j < now.rows(); ++j) {
    for (int i = 0; i < now.cols(); ++i) {
      if (now(j, i) == base(j, i) && std::signbit(now(j, i)) == std::signbit(base(j, i))) continue;
      std::string field = prefix + std::to_string(j) + (matrix ? ":" + std::to_string(i) : "");
      entries->push_back(field + ":" + ExactNum(now(j, i)));
    }
  }
}

// "W:l:j:i:value,b:l:j:value,x:i:value,t:k:value,eta:value": the fields that differ from the base.
std::string WeightEntries(const Mlp& mlp, const StepSession& session, const StepBase& base) {
  std::vector<std::string> entries;
  for (size_t l = 0; l < mlp.layers.size(); ++l) {
    const std::string layer = std::to_string(l) + ":";
    AddDifferences(&entries, "W:" + layer, mlp.layers[l].W, base.mlp.layers[l].W, true);
    AddDifferences(&entries, "b:" + layer, mlp.layers[l].b, base.mlp.layers[l].b, false);
  }
  if (session.x.size() == base.x.size()) AddDifferences(&entries, "x:", session.x, base.x, false);
  if (session.t.size() == base.t.size()) AddDifferences(&entries, "t:", session.t, base.t, false);
  if (session.config.learning_rate != base.config.learning_rate) {
    entries.push_back("eta:" + ExactNum(session.config.learning_rate));
  }
  return JoinList(entries);
}

void AppendStepKeys(const AppState& state, std::vector<Pair>* pairs, std::vector<std::string>* notes) {
  const StepSession& session = state.step;
  if (state.lesson == FindLesson("playground")) pairs->push_back({"spoint", std::to_string(state.playground.step_point)});
  std::optional<StepBase> base = LessonStepBase(state);
  int steps = 0;
  if (!base) {
    if (notes) notes->push_back("the stepper's weights are not in the link (the playground was trained before stepping)");
  } else if (!SameShape(session.mlp, base->mlp)) {
    if (notes) notes->push_back("the network's shape differs from the lesson's, so its weights are not in the link");
  } else {
    std::optional<Mlp> start = ReplayableStart(session);
    if (start) {
      steps = session.steps_taken;
    } else if (notes) {
      notes->push_back("the weights were edited between steps: the link carries the current weights, not the steps taken");
    }
    std::string weights = WeightEntries(start ? *start : session.mlp, session, *base);
    if (!weights.empty()) pairs->push_back({"w", weights});
  }
  if (steps > 0) pairs->push_back({"steps", std::to_string(steps)});
  pairs->push_back({"gran", GranularityName(state.granularity)});
  const Station& station = CurrentStation(session);
  std::string where = PhaseName(station.phase);
  if (station.layer >= 0) where += "." + std::to_string(station.layer) + "." + std::to_string(station.neuron);
  pairs->push_back({"step", where});
}

// --- Applying ----------------------------------------------------------------------------------

class Applier {
 public:
  Applier(AppState& state, UrlApplyResult* result) : state_(state), result_(result) {}

  void Ignore(const std::string& key, const std::string& reason) {
    result_->ignored.push_back({Echo(key), CleanSentence(reason)});
  }
  void Applied(const std::string& key) { result_->applied.push_back(key); }

  const std::string* Find(const std::vector<Pair>& pairs, const std::string& key) {
    for (const Pair& pair : pairs) {
      if (pair.key == key) return &pair.value;
    }
    return nullptr;
  }

  void Display(const std::vector<Pair>& pairs) {
    if (const std::string* theme = Find(pairs, "theme")) {
      if (*theme == "light" || *theme == "dark") {
        state_.dark_theme = *theme == "dark";
        Applied("theme");
      } else {
        Ignore("theme", "theme: '" + Echo(*theme) + "' is not a theme (light or dark)");
      }
    }
    if (const std::string* font = Find(pairs, "font")) {
      Result<double> scale = ParseUserNumber(*font, "font", kMinFontScale, kMaxFontScale);
      if (scale.ok()) {
        state_.font_scale = static_cast<float>(scale.value());
        Applied("font");
      } else {
        Ignore("font", scale.error());
      }
    }
    if (const std::string* digits = Find(pairs, "precision")) {
      Result<long long> precision = ParseWhole(*digits, "precision", kMinPrecision, kMaxPrecision);
      if (precision.ok()) {
        state_.precision = static_cast<int>(precision.value());
        Applied("precision");
      } else {
        Ignore("precision", precision.error());
      }
    }
  }

  // Every playground key on a copy of the settings, in the canonical order (data before what depends
  // on it); a key the whole config refuses is dropped with the reason.
  void PlaygroundKeys(const std::vector<Pair>& pairs) {
    std::vector<std::string> given;
    for (const auto& entry : PlaygroundValues(state_.playground.settings)) {
      if (Find(pairs, entry.first)) given.push_back(entry.first);
    }
    if (given.empty()) return;
    auto build = [&](const std::vector<std::string>& keys, bool report) {
      PlaygroundConfig config = state_.playground.settings;
      std::vector<std::string> accepted;
      for (const std::string& key : keys) {
        Status status = SetPlaygroundValue(&config, key, *Find(pairs, key));
        if (status.ok()) {
          accepted.push_back(key);
        } else if (report) {
          Ignore(key, status.error);
        }
      }
      return std::make_pair(config, accepted);
    };
    auto [config, accepted] = build(given, true);
    Status valid = ValidatePlaygroundConfig(config);
    for (size_t drop = accepted.size(); !valid.ok() && drop > 0; --drop) {
      std::vector<std::string> without = accepted;
      without.erase(without.begin() + static_cast<long>(drop - 1));
      auto [candidate, kept] = build(without, false);
      if (ValidatePlaygroundConfig(candidate).ok()) {
        Ignore(accepted[drop - 1], valid.error);
        config = candidate;
        accepted = kept;
        valid = Status::Ok();
      }
    }
    if (!valid.ok()) {
      for (const std::string& key : accepted) Ignore(key, valid.error);
      return;
    }
    if (accepted.empty()) return;
    PlaygroundState& s = state_.playground;
    s.settings = config;
    s.rebuild = true;  // the same data and initial weights as a fresh page opened with this link
    s.running = false;
    s.stepping = false;
    for (const std::string& key : accepted) Applied(key);
  }

  void Lesson(const std::vector<Pair>& pairs) {
    const std::string* id = Find(pairs, "lesson");
    if (!id) return;
    // An id with a NUL byte inside must not match by its prefix.
    int index = id->find('\0') == std::string::npos ? FindLesson(id->c_str()) : -1;
    if (index < 0) {
      Ignore("lesson", "there is no lesson called '" + Echo(*id) + "'");
      return;
    }
    state_.pending_lesson = index;
    ApplyPendingChanges(state_);
    Applied("lesson");
  }

  void StepKeys(const std::vector<Pair>& pairs) {
    static const char* const kStepKeys[] = {"spoint", "w", "steps", "gran", "step"};
    const bool playground = state_.lesson == FindLesson("playground");
    if (playground) {
      PlaygroundState& s = state_.playground;
      ApplyPlaygroundSettings(s);
      if (const std::string* point = Find(pairs, "spoint")) {
        Result<long long> index = ParseWhole(*point, "spoint", 0, std::max(0, s.model.train.size() - 1));
        if (!s.built || s.model.diverged) {
          Ignore("spoint", "spoint: the playground has no network to step");
        } else if (!index.ok()) {
          Ignore("spoint", index.error());
        } else {
          StartPlaygroundStepper(state_, static_cast<int>(index.value()));
          Applied("spoint");
        }
      }
    } else if (Find(pairs, "spoint")) {
      Ignore("spoint", "spoint: only the playground steps its own points");
    }
    if (!StepperShown(state_)) {
      for (const char* key : kStepKeys) {
        if (Find(pairs, key) && std::string(key) != "spoint") Ignore(key, std::string(key) + ": this lesson has no stepper");
      }
      return;
    }
    if (const std::string* weights = Find(pairs, "w")) Weights(*weights);
    if (const std::string* steps = Find(pairs, "steps")) {
      Result<long long> count = ParseWhole(*steps, "steps", 0, MaxReplaySteps(state_.step.mlp));
      if (count.ok()) {
        ReplaySteps(&state_.step, static_cast<int>(count.value()), state_.time);
        Applied("steps");
      } else {
        Ignore("steps", count.error());
      }
    }
    if (const std::string* granularity = Find(pairs, "gran")) {
      Result<Granularity> parsed = ParseGranularity(*granularity);
      if (parsed.ok()) {
        state_.granularity = parsed.value();
        Applied("gran");
      } else {
        Ignore("gran", "gran: '" + Echo(*granularity) + "' is not a granularity (neuron, layer, phase or step)");
      }
    }
    if (const std::string* where = Find(pairs, "step")) Station(*where);
  }

  void Weights(const std::string& text) {
    std::vector<std::string> entries = SplitList(text, ',');
    if (entries.size() > kMaxWeightEntries) {
      Ignore("w", "w: more than " + std::to_string(kMaxWeightEntries) + " values");
      return;
    }
    int set = 0;
    for (const std::string& entry : entries) {
      if (entry.empty()) continue;
      size_t colon = entry.rfind(':');
      if (colon == std::string::npos) {
        Ignore("w", "w: '" + Echo(entry) + "' is not field:value");
        continue;
      }
      std::string field = entry.substr(0, colon);
      if (SetStepField(state_, field, entry.substr(colon + 1))) {
        ++set;
      } else {
        Ignore("w", "w: " + state_.field_error);
      }
      state_.field_error.clear();
    }
    if (set > 0) Applied("w");
  }

  void Station(const std::string& where) {
    std::vector<std::string> parts = SplitList(where, '.');
    Result<Phase> phase = ParsePhase(parts[0]);
    int layer = -1, neuron = -1;
    bool valid = phase.ok() && (parts.size() == 1 || parts.size() == 3);
    if (valid && parts.size() == 3) {
      Result<long long> l = ParseWhole(parts[1], "step layer", 0, 64);
      Result<long long> j = ParseWhole(parts[2], "step neuron", 0, 4096);
      valid = l.ok() && j.ok();
      if (valid) {
        layer = static_cast<int>(l.value());
        neuron = static_cast<int>(j.value());
      }
    }
    if (valid) {
      const std::vector<bp::Station>& stations = state_.step.stations;
      for (size_t i = 0; i < stations.size(); ++i) {
        const bp::Station& s = stations[i];
        if (s.phase == phase.value() && (parts.size() == 1 || (s.layer == layer && s.neuron == neuron))) {
          SetPosition(&state_.step, static_cast<int>(i), state_.time);
          Applied("step");
          return;
        }
      }
    }
    Ignore("step", "step: '" + Echo(where) + "' is not a station of this network (e.g. forward.0.1, loss.1.0, done)");
  }

  void Parts(const std::vector<Pair>& pairs) {
    state_.hidden_parts.clear();
    state_.locked_values.clear();
    state_.embed = false;
    if (const std::string* hide = Find(pairs, "hide")) List("hide", *hide, &state_.hidden_parts);
    if (const std::string* lock = Find(pairs, "lock")) List("lock", *lock, &state_.locked_values);
    if (const std::string* embed = Find(pairs, "embed")) {
      if (*embed == "1" || *embed == "true" || embed->empty()) {
        state_.embed = true;
        Applied("embed");
      } else if (*embed == "0" || *embed == "false") {
        Applied("embed");
      } else {
        Ignore("embed", "embed: '" + Echo(*embed) + "' is not 1 or 0");
      }
    }
    if (const std::string* origin = Find(pairs, "origin")) {
      // Read by the page (web/backprop-lab.js) for its postMessage allowlist; only checked for size here.
      if (origin->size() > kMaxOriginBytes) {
        Ignore("origin", "origin: longer than " + std::to_string(kMaxOriginBytes) + " bytes");
      } else {
        Applied("origin");
      }
    }
  }

  void List(const std::string& key, const std::string& text, std::vector<std::string>* out) {
    std::vector<std::string> items = SplitList(text, ',');
    if (items.size() > kMaxListItems) {
      Ignore(key, key + ": more than " + std::to_string(kMaxListItems) + " names");
      return;
    }
    for (const std::string& item : items) {
      if (item.empty()) continue;
      bool known = key == "hide" ? std::count(HideableParts().begin(), HideableParts().end(), item) > 0
                                 : IsLockableValue(item);
      if (!known) {
        Ignore(key, key + ": unknown name '" + Echo(item) + "' (" +
                        (key == "hide" ? JoinList(HideableParts()) : LockableValuesList()) + ")");
      } else if (std::find(out->begin(), out->end(), item) == out->end()) {
        out->push_back(item);
      }
    }
    if (!out->empty()) Applied(key);
  }

 private:
  AppState& state_;
  UrlApplyResult* result_;
};

// Splits the fragment into decoded key=value pairs; unknown, malformed and repeated keys are
// ignored here with their reasons.
std::vector<Pair> ReadPairs(const std::string& fragment, Applier* applier) {
  std::string text = fragment;
  if (!text.empty() && text[0] == '#') text.erase(0, 1);
  if (text.size() > kMaxFragmentBytes) {
    size_t cut = text.rfind('&', kMaxFragmentBytes);
    size_t dropped = text.size() - (cut == std::string::npos ? 0 : cut);
    applier->Ignore("(rest of the link)", "the link is longer than " + std::to_string(kMaxFragmentBytes / 1024) +
                                              " KB: its last " + std::to_string(dropped) + " bytes were ignored");
    text = cut == std::string::npos ? std::string() : text.substr(0, cut);
  }
  std::vector<Pair> pairs;
  for (const std::string& item : SplitList(text, '&')) {
    if (item.empty()) continue;
    size_t equals = item.find('=');
    std::optional<std::string> key = PercentDecode(item.substr(0, equals));
    std::optional<std::string> value = PercentDecode(equals == std::string::npos ? "" : item.substr(equals + 1));
    if (!key) {
      applier->Ignore(item.substr(0, equals), "a malformed %-escape in the key");
      continue;
    }
    if (!value) {
      applier->Ignore(*key, *key + ": a malformed %-escape in the value");
      continue;
    }
    if (!IsKnownKey(*key)) {
      applier->Ignore(*key, "unknown key");
      continue;
    }
    bool repeated = false;
    for (const Pair& pair : pairs) repeated = repeated || pair.key == *key;
    if (repeated) {
      applier->Ignore(*key, *key + ": given twice; the first one counts");
      continue;
    }
    pairs.push_back({*key, *value});
  }
  return pairs;
}
}  // namespace

std::string StateToFragment(const AppState& state, std::vector<std::string>* notes) {
  std::vector<Pair> pairs;
  pairs.push_back({"lesson", Lessons()[state.lesson].id});
  const bool playground = state.lesson == FindLesson("playground");
  const auto values = PlaygroundValues(state.playground.settings);
  if (playground || values != PlaygroundValues(MakeDefaultPlaygroundConfig())) {
    for (const auto& [key, value] : values) pairs.push_back({key, value});
    if (notes && state.playground.built && state.playground.model.batches > 0) {
      notes->push_back("the playground's training progress is not in the link: it opens with the initial weights");
    }
  }
  if (StepperShown(state)) AppendStepKeys(state, &pairs, notes);
  pairs.push_back({"precision", std::to_string(state.precision)});
  pairs.push_back({"theme", state.dark_theme ? "dark" : "light"});
  if (state.font_scale != 1.0f) pairs.push_back({"font", ExactNum(std::round(state.font_scale * 1000.0) / 1000.0)});
  if (!state.hidden_parts.empty()) pairs.push_back({"hide", JoinList(state.hidden_parts)});
  if (!state.locked_values.empty()) pairs.push_back({"lock", JoinList(state.locked_values)});
  if (state.embed) pairs.push_back({"embed", "1"});
  std::string fragment;
  for (const Pair& pair : pairs) fragment += (fragment.empty() ? "" : "&") + pair.key + "=" + PercentEncode(pair.value);
  return fragment;
}

UrlApplyResult ApplyFragment(AppState& state, const std::string& fragment) {
  UrlApplyResult result;
  Applier applier(state, &result);
  std::vector<Pair> pairs = ReadPairs(fragment, &applier);
  applier.Display(pairs);
  applier.PlaygroundKeys(pairs);
  applier.Lesson(pairs);
  applier.StepKeys(pairs);
  // Last: a lock restricts the learner, not the link that set the values.
  applier.Parts(pairs);
  if (result.ignored.size() > kMaxReportedIgnored) {
    size_t more = result.ignored.size() - kMaxReportedIgnored;
    result.ignored.resize(kMaxReportedIgnored);
    result.ignored.push_back({"(more)", std::to_string(more) + " more keys were ignored"});
  }
  std::string sentence = IgnoredSentence(result);
  if (!sentence.empty()) state.banner = sentence;
  return result;
}

std::string IgnoredSentence(const UrlApplyResult& result) {
  if (result.ignored.empty()) return "";
  std::string text = "Part of the link was ignored: ";
  for (size_t i = 0; i < result.ignored.size() && i < kBannerExamples; ++i) {
    const IgnoredKey& item = result.ignored[i];
    std::string reason = item.reason == "unknown key" ? "'" + item.key + "' is not a key this app knows" : item.reason;
    while (!reason.empty() && reason.back() == '.') reason.pop_back();
    text += (i ? "; " : "") + reason;
  }
  if (result.ignored.size() > kBannerExamples) {
    text += "; and " + std::to_string(result.ignored.size() - kBannerExamples) + " more";
  }
  return text + ". The rest of the link was applied.";
}

}  // namespace bp
