// Reading a scenario file (scenario.h): the front matter's JSON with the line of every field, each
// field checked with the checks the controls and the link use (SetPlaygroundValue, ReadNetworkJson,
// the own-data CSV, the hide and lock names, the display's ranges), and the body read as a lesson's
// content file. Nothing here changes the app.
#include "app/io/scenario.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <utility>

#include "app/io/network_file.h"
#include "app/io/scenario_text.h"
#include "app/session/display.h"
#include "app/session/format.h"
#include "app/session/hide_lock.h"
#include "core/optim.h"

namespace bp {

namespace {
using scenario_text::CsvBlock;
using scenario_text::JsonLines;

// --- The problems --------------------------------------------------------------------------------

class Problems {
 public:
  void Add(int line, const std::string& field, const std::string& what) {
    ++count_;
    if (static_cast<int>(list_.size()) >= kMaxScenarioProblems) return;
    // A field's own sentence follows its name ("points[3] has 3 numbers"), a checker's after a
    // colon ("playground.lr: lr must be ...": what starts with ": ").
    const bool colon = what.rfind(": ", 0) == 0;
    std::string text = what;
    while (!text.empty() && text.back() == '.') text.pop_back();  // sentences are joined with "; "
    std::string message = (line > 0 ? "line " + std::to_string(line) + ": " : std::string()) +
                          (field.empty() ? (colon ? text.substr(2) : text) : field + (colon ? "" : " ") + text);
    list_.push_back({line, field, message});
  }
  bool empty() const { return count_ == 0; }
  std::string Text() const {
    std::string text;
    for (const ScenarioProblem& p : list_) text += (text.empty() ? "" : "; ") + p.message;
    if (count_ > static_cast<int>(list_.size())) {
      text += "; and " + std::to_string(count_ - static_cast<int>(list_.size())) + " more";
    }
    return text;
  }
  const std::vector<ScenarioProblem>& list() const { return list_; }
  // In the file's order (problems of the file as a whole first), for the reader.
  void Sort() {
    std::stable_sort(list_.begin(), list_.end(), [](const auto& a, const auto& b) { return a.line < b.line; });
  }

 private:
  std::vector<ScenarioProblem> list_;
  int count_ = 0;
};

std::string TypeName(const Json& value) {
  if (value.is_object()) return "an object";
  if (value.is_array()) return "a list";
  if (value.is_string()) return "text";
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_null()) return "null";
  if (value.is_number()) return "the number " + ExactNum(value.get<double>());
  return "something else";
}

std::string Join(const std::vector<std::string>& items) {
  std::string text;
  for (const std::string& item : items) text += (text.empty() ? "" : ", ") + item;
  return text;
}

const char* const kTakesPoints[] = {"playground", "perceptron", "xor", "features"};
const char* const kHasStepper[] = {"forward", "backprop", "worked-example"};

// A setting's value as the link's text: text as written, numbers exactly, true/false, a list of
// them joined by commas ("hidden": [4, 4] is "4,4").
Result<std::string> SettingText(const Json& value) {
  if (value.is_string()) return Result<std::string>::Ok(value.get<std::string>());
  if (value.is_boolean()) return Result<std::string>::Ok(value.get<bool>() ? "true" : "false");
  if (value.is_number()) {
    const double number = value.get<double>();
    if (!std::isfinite(number)) return Result<std::string>::Error("is not a finite number");
    return Result<std::string>::Ok(ExactNum(number));
  }
  if (value.is_array()) {
    std::string text;
    for (const Json& item : value) {
      if (item.is_array() || item.is_object()) return Result<std::string>::Error("is a list of lists; give one list");
      Result<std::string> one = SettingText(item);
      if (!one) return one;
      text += (text.empty() ? "" : ",") + one.value();
    }
    return Result<std::string>::Ok(text);
  }
  return Result<std::string>::Error("must be text, a number or a list, but it is " + TypeName(value));
}

// --- The fields ----------------------------------------------------------------------------------

class Reader {
 public:
  Reader(const std::string& front_text, const Json& front, const JsonLines& lines, const LessonTable& lessons,
         Problems* problems)
      : front_text_(front_text), front_(front), lines_(lines), lessons_(lessons), problems_(problems) {}

  void Read(Scenario* s, const CsvBlock& block) {
    for (const auto& [key, value] : front_.items()) {
      if (std::find(ScenarioFields().begin(), ScenarioFields().end(), key) == ScenarioFields().end()) {
        Add(key, "is not a scenario field; the fields are " + Join(ScenarioFields()));
      }
    }
    Version();
    Title(s);
    Lesson(s);
    Text(s);
    Points(s);
    if (block.found) CsvPoints(s, block);
    Playground(s);
    Network(s);
    Stepper(s);
    Display(s);
    Names("hide", &s->hide);
    Names("lock", &s->lock);
  }
  // The points of a ```csv block in the body.
  void CsvPoints(Scenario* s, const CsvBlock& block) {
    if (front_.contains("points")) {
      problems_->Add(block.fence_line, "", "the data is given twice, as \"points\" and as a ```csv block; keep one");
      return;
    }
    if (!s->lesson.empty() && !LessonTakesPoints(s->lesson)) {
      problems_->Add(block.fence_line, "",
                     "the ```csv block gives points, but the lesson " + s->lesson + " has none to replace (" +
                         PointLessons() + " have)");
      return;
    }
    CsvPlace place;
    place.row_word = "line";
    place.first_row = block.first_line;
    std::vector<CsvProblem> found;
    Result<OwnPoints> points = ParseOwnCsv(block.text, place, &found);
    if (!points) {
      for (const CsvProblem& p : found) {
        problems_->Add(p.row > 0 ? p.row : block.fence_line, "",
                       p.row > 0 ? CsvWhat(p) : "the ```csv block: " + p.what);
      }
      return;
    }
    TakePoints(s, std::make_shared<const OwnPoints>(std::move(points.value())), "the ```csv block's points",
               block.fence_line);
  }
  // The playground: defaults, the points, then its keys, built once to be sure.
  void FinishPlayground(Scenario* s) {
    if (s->lesson != "playground" || !problems_->empty()) return;
    s->has_playground = true;
    Result<bp::Playground> built = MakePlayground(s->playground);
    if (!built) Add(front_.contains("playground") ? "playground" : "lesson", "cannot be built: " + built.error());
  }

 private:
  int Line(const std::string& field) const { return lines_.Line(field); }
  void Add(const std::string& field, const std::string& what) { problems_->Add(Line(field), field, what); }
  const Json* Get(const char* key) const { return front_.contains(key) ? &front_[key] : nullptr; }
  static std::string CsvWhat(const CsvProblem& p) {
    return p.column > 0 ? "column " + std::to_string(p.column) + " of the ```csv block: " + p.what
                        : "the ```csv block: " + p.what;
  }
  static std::string PointLessons() { return "playground, perceptron, xor and features"; }

  void Version() {
    const Json* v = Get("scenario");
    if (v == nullptr) {
      problems_->Add(Line(""), "",
                     "\"scenario\" is missing: start the front matter with \"scenario\": 1 (the format's "
                     "version)");
    } else if (!v->is_number() || v->get<double>() != kScenarioVersion) {
      Add("scenario", "is " + TypeName(*v) + "; this app reads scenario version 1");
    }
  }
  void Title(Scenario* s) {
    const Json* v = Get("title");
    if (v == nullptr) {
      problems_->Add(Line(""), "", "\"title\" is missing: give the scenario a title, \"title\": \"...\"");
      return;
    }
    if (!v->is_string()) return Add("title", "must be text, but it is " + TypeName(*v));
    const std::string title = v->get<std::string>();
    if (title.empty() || title.size() > kMaxScenarioTitle || title.find('\n') != std::string::npos) {
      return Add("title", "must be one line of 1 to " + std::to_string(kMaxScenarioTitle) + " characters");
    }
    s->title = title;
  }
  void Lesson(Scenario* s) {
    const Json* v = Get("lesson");
    if (v == nullptr) {
      problems_->Add(Line(""), "",
                     "\"lesson\" is missing: name the lesson the scenario runs in, e.g. \"lesson\": "
                     "\"playground\"");
      return;
    }
    std::vector<std::string> ids;
    for (const LessonInfo& lesson : lessons_) ids.push_back(lesson.id);
    if (!v->is_string() || std::find(ids.begin(), ids.end(), v->get<std::string>()) == ids.end()) {
      const std::string got = v->is_string() ? "'" + Printable(v->get<std::string>()) + "'" : TypeName(*v);
      return Add("lesson", "is " + got + ", which is not a lesson; the lessons are " + Join(ids));
    }
    s->lesson = v->get<std::string>();
  }
  void Text(Scenario* s) {
    const Json* v = Get("text");
    if (v == nullptr) return;
    if (v->is_string() && v->get<std::string>() == "after") {
      s->text = ScenarioText::kAfter;
    } else if (v->is_string() && v->get<std::string>() == "replace") {
      s->text = ScenarioText::kReplace;
    } else {
      Add("text", "is " + TypeName(*v) +
                      "; it is \"after\" (the lesson's text, then this file's) or \"replace\" "
                      "(this file's text instead)");
    }
  }
  void TakePoints(Scenario* s, std::shared_ptr<const OwnPoints> points, const std::string& field, int line) {
    if (s->lesson == "playground") {
      Status set = SetPlaygroundOwnData(&s->playground, points);
      if (!set) problems_->Add(line, field, "do not fit the playground: " + set.error);
    } else if (!s->lesson.empty() && (points->regression || points->num_classes != 2)) {
      problems_->Add(line, field,
                     "give " + std::string(points->regression ? "regression values" : "more than two classes") +
                         ", but the perceptron separates two classes (labels 0 and 1)");
    }
    s->points = std::move(points);
  }
  void Points(Scenario* s) {
    const Json* v = Get("points");
    if (v == nullptr) {
      if (Get("regression") != nullptr) Add("regression", "goes with \"points\", which is missing");
      return;
    }
    bool regression = false;
    if (const Json* r = Get("regression")) {
      if (!r->is_boolean()) return Add("regression", "must be true or false, but it is " + TypeName(*r));
      regression = r->get<bool>();
    }
    if (!s->lesson.empty() && !LessonTakesPoints(s->lesson)) {
      return Add("points", "are for the lessons " + PointLessons() + ", not " + s->lesson);
    }
    if (!v->is_array() || v->empty()) return Add("points", "must be a list of points like [[0.5, -0.2, 1], ...]");
    if (v->size() > static_cast<size_t>(kMaxPoints)) {
      return Add("points", "has " + std::to_string(v->size()) + " points; the limit is " + std::to_string(kMaxPoints));
    }
    const size_t width = (*v)[0].is_array() ? (*v)[0].size() : 0;
    const std::string shape = regression ? (width == 2 ? "[x, y]" : "[x1, x2, y]") : "[x1, x2, class]";
    const size_t expected = regression ? (width == 2 ? 2 : 3) : 3;
    Eigen::MatrixXd X(static_cast<int>(expected) - 1, static_cast<int>(v->size()));
    std::vector<double> y(v->size());
    bool good = true;
    for (size_t n = 0; n < v->size(); ++n) {
      const std::string field = "points[" + std::to_string(n) + "]";
      const Json& point = (*v)[n];
      if (!point.is_array() || point.size() != expected) {
        Add(field, point.is_array() ? "has " + std::to_string(point.size()) + " numbers; a point is " + shape
                                    : "is " + TypeName(point) + "; a point is " + shape);
        good = false;
        continue;
      }
      for (size_t i = 0; i < expected; ++i) {
        if (!point[i].is_number() || !std::isfinite(point[i].get<double>())) {
          Add(field + "[" + std::to_string(i) + "]", "is " + TypeName(point[i]) + ", not a number");
          good = false;
        } else if (i + 1 < expected) {
          X(static_cast<int>(i), static_cast<int>(n)) = point[i].get<double>();
        } else {
          y[n] = point[i].get<double>();
        }
      }
    }
    if (!good) return;
    std::vector<CsvProblem> found;
    Result<OwnPoints> points = MakeOwnPoints(X, y, regression, &found);
    if (!points) {
      for (const CsvProblem& p : found) {
        if (p.row > 0) {
          Add("points[" + std::to_string(p.row - 1) + "]" +
                  (p.column > 0 ? "[" + std::to_string(p.column - 1) + "]" : ""),
              ": " + p.what);
        } else {
          Add("points", ": " + p.what);
        }
      }
      return;
    }
    TakePoints(s, std::make_shared<const OwnPoints>(std::move(points.value())), "points", Line("points"));
  }
  void Playground(Scenario* s) {
    const Json* v = Get("playground");
    if (v == nullptr) return;
    if (!s->lesson.empty() && s->lesson != "playground") {
      return Add("playground", "sets the playground, but the lesson is " + s->lesson);
    }
    if (!v->is_object())
      return Add("playground", "must be an object of settings like {\"hidden\": \"4,4\", \"lr\": 0.1}");
    // In the order written (a JSON object's keys come out sorted): "hidden" before "act".
    std::vector<std::pair<std::string, Json>> settings;
    const nlohmann::ordered_json ordered = nlohmann::ordered_json::parse(front_text_, nullptr, false);
    if (!ordered.is_discarded() && ordered.contains("playground") && ordered["playground"].is_object()) {
      for (const auto& [key, value] : ordered["playground"].items())
        settings.emplace_back(key, Json::parse(value.dump()));
    }
    for (const auto& [key, value] : settings) {
      const std::string field = "playground." + key;
      if (key == "pts") {
        Add(field, "is not for scenarios: give the data as \"points\" or a ```csv block");
        continue;
      }
      Result<std::string> text = SettingText(value);
      if (!text) {
        Add(field, text.error());
        continue;
      }
      Status set = SetPlaygroundValue(&s->playground, key, text.value());
      if (!set) Add(field, ": " + set.error);
    }
  }
  void Network(Scenario* s) {
    const Json* v = Get("network");
    if (v == nullptr) {
      if (Get("sample") != nullptr) Add("sample", "goes with \"network\": give the network the sample is for");
      return;
    }
    if (!s->lesson.empty() && !LessonHasStepper(s->lesson)) {
      return Add("network", "is for the step-through lessons (forward, backprop, worked-example), not " + s->lesson +
                                (s->lesson == "playground" ? "; set the playground's network with \"playground\": "
                                                             "{\"hidden\": ..., \"act\": ...}"
                                                           : ""));
    }
    if (!v->is_object())
      return Add("network", "must be an object {\"layers\": [...], \"loss\": ...}, but it is " + TypeName(*v));
    Result<Mlp> mlp = ReadNetworkJson(*v, NetworkSource{"the scenario's network", "the stepper", false});
    if (!mlp) {
      // "layers[1].W has 2 columns…": the line of that layer.
      const std::string& error = mlp.error();
      const size_t at = error.find("layers[");
      const size_t close = at == std::string::npos ? at : error.find(']', at);
      const std::string field = close == std::string::npos ? "network" : "network." + error.substr(at, close - at + 1);
      problems_->Add(Line(field), "network", ": " + error);
      return;
    }
    s->has_network = true;
    s->network = std::move(mlp.value());
    s->x = Eigen::VectorXd::Zero(s->network.inputs());
    s->t = Eigen::VectorXd::Zero(s->network.outputs());
    if (s->network.loss == Loss::kSoftmaxCrossEntropy) s->t(0) = 1.0;
    const Json* sample = Get("sample");
    if (sample == nullptr) return;
    if (!sample->is_object()) return Add("sample", "must be an object {\"x\": [...], \"t\": [...]}");
    for (const auto& [key, value] : sample->items()) {
      if (key != "x" && key != "t") Add("sample." + key, "is not part of a sample (x and t are)");
    }
    const int n_in = s->network.inputs(), n_out = s->network.outputs();
    Result<Eigen::VectorXd> x = ReadVector(sample->contains("x") ? (*sample)["x"] : Json(), "x", n_in);
    if (!x) Add("sample.x", ": " + x.error() + " (the network has " + Plural(n_in, "input", "inputs") + ")");
    Result<Eigen::VectorXd> t = ReadVector(sample->contains("t") ? (*sample)["t"] : Json(), "t", n_out);
    if (!t) Add("sample.t", ": " + t.error() + " (the network has " + Plural(n_out, "output", "outputs") + ")");
    if (x && t) {
      s->x = x.value();
      s->t = t.value();
    }
  }
  void Stepper(Scenario* s) {
    const bool stepper = s->lesson.empty() || LessonHasStepper(s->lesson);
    if (const Json* v = Get("lr")) {
      if (!stepper) {
        Add("lr", "is the stepper's learning rate, but the lesson " + s->lesson + " has no stepper" +
                      (s->lesson == "playground" ? "; use \"playground\": {\"lr\": ...}" : ""));
      } else if (!v->is_number() || !(v->get<double>() >= kMinLearningRate && v->get<double>() <= kMaxLearningRate)) {
        Add("lr", "is " + TypeName(*v) + "; the learning rate is a number from " + ExactNum(kMinLearningRate) + " to " +
                      ExactNum(kMaxLearningRate));
      } else {
        s->learning_rate = v->get<double>();
      }
    }
    if (const Json* v = Get("updateBiases")) {
      if (!stepper) {
        Add("updateBiases", "is the stepper's, but the lesson " + s->lesson + " has no stepper");
      } else if (!v->is_boolean()) {
        Add("updateBiases", "must be true or false, but it is " + TypeName(*v));
      } else {
        s->update_biases = v->get<bool>();
      }
    }
    if (const Json* v = Get("predict")) {
      if (!s->lesson.empty() && !LessonHasStepper(s->lesson) && s->lesson != "autodiff") {
        Add("predict", "is for the step-through lessons and autodiff, not " + s->lesson);
      } else if (!v->is_boolean()) {
        Add("predict", "must be true or false, but it is " + TypeName(*v));
      } else {
        s->predict = v->get<bool>();
      }
    }
  }
  void Display(Scenario* s) {
    if (const Json* v = Get("precision")) {
      if (!v->is_number_integer() || v->get<long long>() < kMinPrecision || v->get<long long>() > kMaxPrecision) {
        Add("precision", "is " + TypeName(*v) + "; it is a whole number of digits from " +
                             std::to_string(kMinPrecision) + " to " + std::to_string(kMaxPrecision));
      } else {
        s->precision = static_cast<int>(v->get<long long>());
      }
    }
    if (const Json* v = Get("theme")) {
      if (!v->is_string() || (v->get<std::string>() != "dark" && v->get<std::string>() != "light")) {
        Add("theme", "is " + TypeName(*v) + "; it is \"dark\" or \"light\"");
      } else {
        s->dark_theme = v->get<std::string>() == "dark";
      }
    }
  }
  void Names(const char* key, std::vector<std::string>* out) {
    const Json* v = Get(key);
    if (v == nullptr) return;
    const bool hide = std::string(key) == "hide";
    const std::string known = hide ? Join(HideableParts()) : LockableValuesList();
    if (!v->is_array())
      return Add(key, "must be a list of names like [\"" + std::string(hide ? "editor" : "lr") + "\"]");
    for (size_t i = 0; i < v->size(); ++i) {
      const Json& item = (*v)[i];
      const std::string field = std::string(key) + "[" + std::to_string(i) + "]";
      const bool ok = item.is_string() &&
                      (hide ? std::count(HideableParts().begin(), HideableParts().end(), item.get<std::string>()) > 0
                            : IsLockableValue(item.get<std::string>()));
      if (!ok) {
        Add(field, "is " + (item.is_string() ? "'" + Printable(item.get<std::string>()) + "'" : TypeName(item)) +
                       ", which is not a name " + key + " knows (" + known + ")");
      } else if (std::find(out->begin(), out->end(), item.get<std::string>()) == out->end()) {
        out->push_back(item.get<std::string>());
      }
    }
  }

  const std::string& front_text_;
  const Json& front_;
  const JsonLines& lines_;
  const LessonTable& lessons_;
  Problems* problems_;
};

// The body as a content file: "# title" on the first line and an unheaded first part, the rest on
// the file's own lines (so the content reader's problems name the file's lines).
ContentDoc ReadBody(const std::string& name, const std::string& title, const std::string& body, int body_line) {
  std::string text = "# " + title + "\n";
  for (int line = 2; line < body_line - 1; ++line) text += "\n";
  text += "## {#text}\n" + body;
  return ParseContent(name, text);
}

}  // namespace

const std::vector<std::string>& ScenarioFields() {
  static const std::vector<std::string> fields = {
      "scenario", "title", "lesson",       "text",    "points",    "regression", "playground", "network",
      "sample",   "lr",    "updateBiases", "predict", "precision", "theme",      "hide",       "lock"};
  return fields;
}

bool LessonTakesPoints(const std::string& lesson) {
  return std::any_of(std::begin(kTakesPoints), std::end(kTakesPoints), [&](const char* id) { return lesson == id; });
}

bool LessonHasStepper(const std::string& lesson) {
  return std::any_of(std::begin(kHasStepper), std::end(kHasStepper), [&](const char* id) { return lesson == id; });
}

Result<Scenario> ReadScenario(const std::string& text, const std::string& name, const LessonTable& lessons,
                              std::vector<ScenarioProblem>* out) {
  using R = Result<Scenario>;
  Problems problems;
  auto refuse = [&]() {
    problems.Sort();
    if (out != nullptr) *out = problems.list();
    return R::Error(problems.Text());
  };
  if (text.size() > kMaxScenarioBytes) {
    char size[32];
    std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(text.size()) / (1024.0 * 1024.0));
    problems.Add(0, "", "the scenario file is " + std::string(size) + "; the limit is 1 MB");
    return refuse();
  }
  if (text.find('\0') != std::string::npos) {
    problems.Add(0, "", "the scenario file holds a NUL byte: it is not a text file");
    return refuse();
  }
  Result<scenario_text::Split> split = scenario_text::SplitFile(text);
  if (!split) {
    problems.Add(0, "", split.error());
    return refuse();
  }
  // The front matter: one JSON object.
  if (const auto where = scenario_text::FindSyntaxProblem(split->front)) {
    problems.Add(split->front_line + where->line - 1, "",
                 "the front matter is not valid JSON (column " + std::to_string(where->column) + "): " + where->what);
    return refuse();
  }
  const Json front = Json::parse(split->front, nullptr, /*allow_exceptions=*/false);
  if (front.is_discarded() || !front.is_object()) {
    problems.Add(split->front_line, "",
                 "the front matter must be one JSON object { ... }, but it is " +
                     (front.is_discarded() ? std::string("empty") : TypeName(front)));
    return refuse();
  }
  const JsonLines lines(split->front, split->front_line);
  for (const JsonLines::Duplicate& d : lines.duplicates()) {
    problems.Add(d.second_line, d.path,
                 "is given twice (lines " + std::to_string(d.first_line) + " and " + std::to_string(d.second_line) +
                     "); give it once");
  }
  Scenario scenario;
  scenario.name = name;
  scenario.playground = MakeDefaultPlaygroundConfig();
  Reader reader(split->front, front, lines, lessons, &problems);
  std::string body = split->body;
  const CsvBlock block = scenario_text::TakeCsvBlock(&body, split->body_line);
  if (block.unclosed_line > 0) problems.Add(block.unclosed_line, "", "the ```csv block has no closing ``` line");
  if (block.count > 1) {
    problems.Add(block.fence_line, "", "the text has more than one ```csv block; give the data once");
  }
  reader.Read(&scenario, block);
  reader.FinishPlayground(&scenario);
  // The body: text, questions and goals as in a lesson's file.
  scenario.body = ReadBody(name, scenario.title.empty() ? "Scenario" : scenario.title, body, split->body_line);
  // The content reader's "name:14: what" as "line 14: what".
  auto add_content_error = [&](const std::string& error) {
    const std::string prefix = scenario.body.path + ":";
    if (error.rfind(prefix, 0) == 0) {
      const size_t colon = error.find(": ", prefix.size());
      const int line = std::atoi(error.c_str() + prefix.size());
      if (colon != std::string::npos && line > 0) return problems.Add(line, "", error.substr(colon + 2));
    }
    problems.Add(0, "", error);
  };
  for (const std::string& error : scenario.body.errors) add_content_error(error);
  // A link to a lesson must name one of this app's.
  for (const ContentLink& link : scenario.body.links) {
    const std::string prefix = "#lesson=";
    if (link.target.rfind(prefix, 0) != 0) continue;
    const std::string id = link.target.substr(prefix.size());
    const bool known = std::any_of(lessons.begin(), lessons.end(), [&](const LessonInfo& l) { return id == l.id; });
    if (!known) problems.Add(link.line, "", "the link \"" + Printable(link.target) + "\" names no lesson of this app");
  }
  scenario.quiz = ReadQuestions(scenario.body, "scenario:" + name);
  for (const std::string& error : scenario.quiz.errors) add_content_error(error);
  if (!problems.empty()) return refuse();
  return R::Ok(std::move(scenario));
}

}  // namespace bp
