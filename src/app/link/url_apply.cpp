// Applying a URL fragment to the view (see url_state.h). Parsing is defensive: a fragment is cut
// at kMaxFragmentBytes, every value is checked by the same validators the controls use
// (SetPlaygroundValue, SetStepField, ParseUserNumber), and a refused key never stops the others.
// Writing a fragment, and the text helpers both halves share, are in url_state.cpp.
#include "app/link/url_state.h"
#include "app/session/display.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "app/lessons/playground_state.h"
#include "app/link/embed.h"
#include "app/link/url_state_internal.h"
#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/format.h"
#include "app/session/hide_lock.h"
#include "app/session/predict.h"
#include "app/session/step_edit.h"

namespace bp {

using url_internal::CleanSentence;
using url_internal::Echo;
using url_internal::IsKnownKey;
using url_internal::JoinList;
using url_internal::MaxReplaySteps;
using url_internal::Pair;
using url_internal::ParseWhole;
using url_internal::PercentDecode;
using url_internal::ReplaySteps;
using url_internal::SplitList;
using url_internal::StepperShown;

namespace {
constexpr size_t kMaxListItems = 64;  // hide= and lock= entries
constexpr size_t kMaxWeightEntries = 512;
constexpr size_t kMaxReportedIgnored = 100;
constexpr size_t kMaxOriginBytes = 2048;
constexpr int kBannerExamples = 4;  // ignored keys named in the banner; the rest are counted

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
    if (const std::string* language = Find(pairs, "lang")) {
      if (Content().HasLanguage(*language)) {
        state_.language = *language;
        Applied("lang");
      } else {
        Ignore("lang", "lang: the lesson text has no language '" + Echo(*language) +
                           "' (it has: " + Content().LanguageList() + "); it stays " + state_.language);
      }
    }
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
    for (const auto& entry : PlaygroundValues(state_.lesson_states.Get<PlaygroundState>().settings)) {
      if (Find(pairs, entry.first)) given.push_back(entry.first);
    }
    if (given.empty()) return;
    auto build = [&](const std::vector<std::string>& keys, bool report) {
      PlaygroundConfig config = state_.lesson_states.Get<PlaygroundState>().settings;
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
    PlaygroundState& s = state_.lesson_states.Get<PlaygroundState>();
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
    int index = id->find('\0') == std::string::npos ? FindLesson(state_, *id) : -1;
    if (index < 0) {
      Ignore("lesson", "there is no lesson called '" + Echo(*id) + "'");
      return;
    }
    state_.pending_lesson = index;
    ApplyPendingChanges(state_);
    Applied("lesson");
  }

  // "expr": the expression lesson's typed lines, handed to its own setExpression command (its
  // refusal, which names the character, is the reason the key is ignored).
  void Expression(const std::vector<Pair>& pairs) {
    const std::string* text = Find(pairs, "expr");
    if (!text) return;
    const int index = FindLesson(state_, "expression");
    if (index < 0 || state_.lesson != index || !Lessons(state_)[index].command) {
      Ignore("expr", "expr: only the lesson 'expression' takes typed lines");
      return;
    }
    Send("expr", Lessons(state_)[index], "setExpression", Json{{"text", *text}});
  }

  // "set": the open lesson's settings as JSON, handed to its settings command (lesson.h,
  // link_command); the command's refusal is the reason the key is ignored.
  void LessonSettings(const std::vector<Pair>& pairs) {
    const std::string* text = Find(pairs, "set");
    if (!text) return;
    const LessonInfo& open = Lessons(state_)[state_.lesson];
    if (!open.link_command || !open.command) {
      Ignore("set", std::string("set: the lesson '") + open.id + "' has no settings a link can set");
      return;
    }
    const Json request = Json::parse(*text, nullptr, false);
    if (request.is_discarded() || !request.is_object()) {
      Ignore("set", "set: not a JSON object such as {\"lr\": 0.5}");
      return;
    }
    Send("set", open, open.link_command, request);
  }

  // Sends `request` to a lesson's command for link key `key`: applied when the lesson accepts it,
  // else ignored with the lesson's own sentence.
  void Send(const char* key, const LessonInfo& lesson, const char* command, const Json& request) {
    const Json answer = Json::parse(lesson.command(state_, command, request), nullptr, false);
    if (answer.is_object() && answer.value("ok", false)) {
      Applied(key);
      return;
    }
    const bool said = answer.is_object() && answer.contains("error") && answer["error"].is_string();
    Ignore(key, std::string(key) + ": " + (said ? answer["error"].get<std::string>() : std::string("refused")));
  }

  void StepKeys(const std::vector<Pair>& pairs) {
    static const char* const kStepKeys[] = {"spoint", "w", "steps", "gran", "step", "predict"};
    const bool playground = state_.lesson == FindLesson(state_, "playground");
    if (playground) {
      PlaygroundState& s = state_.lesson_states.Get<PlaygroundState>();
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
        if (Find(pairs, key) && std::string(key) != "spoint")
          Ignore(key, std::string(key) + ": this lesson has no stepper");
      }
      return;
    }
    // The link's steps are replayed with predict mode off; it comes back on (or as the link says)
    // with everything up to the link's station counted as seen.
    const PredictState before = state_.step.predict;
    state_.step.predict.on = false;
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
    bool predict = before.on;
    if (const std::string* value = Find(pairs, "predict")) {
      if (*value == "1" || *value == "0") {
        predict = *value == "1";
        Applied("predict");
      } else {
        Ignore("predict", "predict: '" + Echo(*value) + "' is not 1 or 0");
      }
    }
    SetPredictMode(&state_.step, predict);
    if (predict && before.on) state_.step.predict.session_score = before.session_score;
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
      // Exactly 1 or 0, as documented (the page's file button follows what the app decides here).
      if (*embed == "1") {
        state_.embed = true;
        Applied("embed");
      } else if (*embed == "0") {
        Applied("embed");
      } else {
        Ignore("embed", "embed: '" + Echo(*embed) + "' is not 1 or 0");
      }
    }
    // progress=1: an embedded app keeps the learner's progress in the browser too (the page reads it).
    state_.quiz.keep_in_embed = false;
    if (const std::string* progress = Find(pairs, "progress")) {
      if (*progress == "1" || *progress == "0") {
        state_.quiz.keep_in_embed = *progress == "1";
        Applied("progress");
      } else {
        Ignore("progress", "progress: '" + Echo(*progress) + "' is not 1 or 0");
      }
    }
    if (const std::string* scenario = Find(pairs, "scenario")) {
      // Fetched by the page (web/backprop-lab.js), which reports a failure through scenarioFailed;
      // only checked for size here.
      if (scenario->size() > kMaxOriginBytes) {
        Ignore("scenario", "scenario: longer than " + std::to_string(kMaxOriginBytes) + " bytes");
      } else {
        Applied("scenario");
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
      bool known =
          key == "hide" ? std::count(HideableParts().begin(), HideableParts().end(), item) > 0 : IsLockableValue(item);
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

UrlApplyResult ApplyFragment(AppState& state, const std::string& fragment) {
  UrlApplyResult result;
  Applier applier(state, &result);
  std::vector<Pair> pairs = ReadPairs(fragment, &applier);
  applier.Display(pairs);
  applier.PlaygroundKeys(pairs);
  applier.Lesson(pairs);
  applier.Expression(pairs);
  applier.LessonSettings(pairs);
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
