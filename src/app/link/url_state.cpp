// The view as a URL fragment (see url_state.h): writing it (StateToFragment), the text helpers
// both halves share (url_state_internal.h), and what the stepper started from: a link carries only
// the weights that differ from the lesson's own start, and the steps taken since. Applying a
// fragment is in url_apply.cpp.
#include "app/link/url_state.h"
#include "app/lessons/playground_state.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>

#include "app/link/url_state_internal.h"
#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/format.h"

namespace bp {

using url_internal::Echo;
using url_internal::JoinList;
using url_internal::MaxReplaySteps;
using url_internal::Pair;
using url_internal::ReplaySteps;
using url_internal::StepperShown;

namespace {
constexpr size_t kEchoBytes = 40;  // how much of a bad key or value a message quotes

// Keys a link may carry besides the playground's (which come from PlaygroundValues).
const char* const kViewKeys[] = {"lesson", "spoint", "w",     "steps", "gran",   "step", "predict", "precision",
                                 "theme",  "font",   "hide",  "lock",  "embed", "origin", "lang",   "progress",
                                 "scenario", "expr", "set"};
// The expression lesson's text travels as "expr" up to this many bytes, percent-encoded.
constexpr size_t kMaxLinkExpressionBytes = 3000;

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
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

bool IsPlaygroundKey(const std::string& key) {
  for (const auto& entry : PlaygroundValues(MakeDefaultPlaygroundConfig())) {
    if (entry.first == key) return true;
  }
  return false;
}
}  // namespace

// --- Shared with url_apply.cpp (comments in url_state_internal.h) ------------------------------

namespace url_internal {

std::string Echo(const std::string& text) {
  std::string out;
  for (size_t i = 0; i < text.size() && out.size() < kEchoBytes; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    out += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
  }
  if (text.size() > out.size()) out += "…";
  return out;
}

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

bool IsKnownKey(const std::string& key) {
  for (const char* known : kViewKeys) {
    if (key == known) return true;
  }
  return IsPlaygroundKey(key);
}

bool StepperShown(const AppState& state) {
  if (state.step.stations.empty()) return false;
  if (state.lesson == FindLesson(state, "playground")) return state.lesson_states.Get<PlaygroundState>().stepping;
  return true;
}

int MaxReplaySteps(const Mlp& mlp) {
  const long long parameters = std::max<long long>(1, mlp.ParameterCount());
  return static_cast<int>(std::min<long long>(kMaxLinkSteps, kMaxReplayParameters / parameters));
}

void ReplaySteps(StepSession* session, int steps, double now) {
  for (int n = 0; n < steps; ++n) {
    JumpToPhase(session, Phase::kDone, now);
    StepNext(session, Granularity::kNeuron, now);
  }
}

}  // namespace url_internal

// --- What the stepper started from -------------------------------------------------------------

namespace {

// The stepper as the lesson sets it up (or, for the playground, as it starts on the current
// network): the link's weights are the differences from this.
struct StepBase {
  Mlp mlp;
  Eigen::VectorXd x, t;
  OptimizerConfig config;
};

std::optional<StepBase> LessonStepBase(const AppState& state) {
  if (state.lesson == FindLesson(state, "playground")) {
    const PlaygroundState& s = state.lesson_states.Get<PlaygroundState>();
    const Playground& m = s.model;
    // The playground's link carries its settings, so its initial network, not training progress.
    if (!s.built || m.batches > 0 || s.step_point >= m.train.size()) return std::nullopt;
    return StepBase{m.mlp, m.train_inputs.col(s.step_point), m.train.T.col(s.step_point), m.config.optimizer};
  }
  auto scratch = std::make_unique<AppState>();
  scratch->lessons = state.lessons;
  Lessons(state)[state.lesson].enter(*scratch);
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
  if (state.lesson == FindLesson(state, "playground"))
    pairs->push_back({"spoint", std::to_string(state.lesson_states.Get<PlaygroundState>().step_point)});
  std::optional<StepBase> base = LessonStepBase(state);
  int steps = 0;
  if (!base) {
    if (notes)
      notes->push_back("the stepper's weights are not in the link (the playground was trained before stepping)");
  } else if (!SameShape(session.mlp, base->mlp)) {
    if (notes) notes->push_back("the network's shape differs from the lesson's, so its weights are not in the link");
  } else {
    std::optional<Mlp> start = ReplayableStart(session);
    if (start) {
      steps = session.steps_taken;
    } else if (notes) {
      notes->push_back(
          "the weights were edited between steps: the link carries the current weights, not the steps taken");
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
  if (session.predict.on) pairs->push_back({"predict", "1"});
}
}  // namespace

std::string StateToFragment(const AppState& state, std::vector<std::string>* notes) {
  std::vector<Pair> pairs;
  pairs.push_back({"lesson", Lessons(state)[state.lesson].id});
  // The open scenario, when it came from a path the page can fetch again (it sets the view up anew).
  if (ScenarioShown(state) && !state.scenario.link_path.empty()) pairs.push_back({"scenario", state.scenario.link_path});
  // The expression lesson's lines, read from its own state (getState().lessonState.text).
  const LessonInfo& open = Lessons(state)[state.lesson];
  if (std::string(open.id) == "expression" && open.state_json) {
    const Json lesson = open.state_json(state);
    const std::string text = lesson.contains("text") && lesson["text"].is_string() ? lesson["text"].get<std::string>() : "";
    if (!text.empty() && PercentEncode(text).size() <= kMaxLinkExpressionBytes) {
      pairs.push_back({"expr", text});
    } else if (!text.empty() && notes) {
      notes->push_back("your expression is too long for a link (" + std::to_string(PercentEncode(text).size()) +
                       " bytes encoded, at most " + std::to_string(kMaxLinkExpressionBytes) + "): copy its text");
    }
  }
  const bool playground = state.lesson == FindLesson(state, "playground");
  const PlaygroundConfig& settings = state.lesson_states.Get<PlaygroundState>().settings;
  const auto values = PlaygroundValues(settings);
  if (playground || values != PlaygroundValues(MakeDefaultPlaygroundConfig())) {
    // Own points travel as "pts" when few enough; more stay out of the link, data and count with them.
    const bool own_left_out = settings.data.kind == DatasetKind::kOwn && settings.data.count > kMaxLinkPoints;
    for (const auto& [key, value] : values) {
      if (key == "pts" && value.empty()) continue;
      if (own_left_out && (key == "data" || key == "points")) continue;
      pairs.push_back({key, value});
    }
    if (notes && own_left_out) {
      notes->push_back("your data (" + std::to_string(settings.data.count) + " points) is not in the link: a link " +
                       "carries at most " + std::to_string(kMaxLinkPoints) +
                       " points, so it opens with the generated data; share the CSV (Export) with it");
    }
    if (notes && state.lesson_states.Get<PlaygroundState>().built &&
        state.lesson_states.Get<PlaygroundState>().model.batches > 0) {
      notes->push_back("the playground's training progress is not in the link: it opens with the initial weights");
    }
  }
  // The open lesson's own settings, as its settings command takes them (lesson.h, link_command).
  if (open.link_command && open.state_json) {
    const Json lesson = open.state_json(state);
    if (lesson.contains("linkSettings") && lesson["linkSettings"].is_object()) {
      pairs.push_back({"set", lesson["linkSettings"].dump()});
    }
  }
  if (StepperShown(state)) AppendStepKeys(state, &pairs, notes);
  pairs.push_back({"precision", std::to_string(state.precision)});
  pairs.push_back({"theme", state.dark_theme ? "dark" : "light"});
  if (state.language != kDefaultLanguage) pairs.push_back({"lang", state.language});
  if (state.font_scale != 1.0f) pairs.push_back({"font", ExactNum(std::round(state.font_scale * 1000.0) / 1000.0)});
  if (!state.hidden_parts.empty()) pairs.push_back({"hide", JoinList(state.hidden_parts)});
  if (!state.locked_values.empty()) pairs.push_back({"lock", JoinList(state.locked_values)});
  if (state.embed) pairs.push_back({"embed", "1"});
  if (state.embed && state.quiz.keep_in_embed) pairs.push_back({"progress", "1"});
  std::string fragment;
  for (const Pair& pair : pairs) fragment += (fragment.empty() ? "" : "&") + pair.key + "=" + PercentEncode(pair.value);
  return fragment;
}

}  // namespace bp
