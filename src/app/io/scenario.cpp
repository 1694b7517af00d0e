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
#include "app/session/display.h"
#include "app/session/format.h"
#include "app/session/hide_lock.h"
#include "core/optim.h"

namespace bp {

namespace {

// --- The front matter's lines --------------------------------------------------------------------

// The line of each value of a JSON text that nlohmann has already accepted, by its path
// ("points[3]", "playground.lr"): a key's line for an object's member, the value's first line for
// an array's element. A walk over the text, which needs no more than the JSON grammar's punctuation.
class JsonLines {
 public:
  JsonLines(const std::string& text, int first_line) : text_(text), line_(first_line) { Value("", -1); }
  // Keys given twice in one object (JSON keeps the last one silently): the path and both lines.
  struct Duplicate {
    std::string path;
    int first_line, second_line;
  };
  const std::vector<Duplicate>& duplicates() const { return duplicates_; }
  // The line of `path`, or of its nearest enclosing value when it has none.
  int Line(std::string path) const {
    while (true) {
      auto found = lines_.find(path);
      if (found != lines_.end()) return found->second;
      const size_t cut = path.find_last_of(".[");
      if (cut == std::string::npos) return path.empty() ? 0 : Line("");
      path = path.substr(0, cut);
    }
  }

 private:
  void Skip() {
    while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) {
      if (text_[at_] == '\n') ++line_;
      ++at_;
    }
  }
  std::string String() {
    std::string out;
    ++at_;  // the opening quote
    while (at_ < text_.size() && text_[at_] != '"') {
      if (text_[at_] == '\\' && at_ + 1 < text_.size()) ++at_;
      out += text_[at_++];
    }
    ++at_;
    return out;
  }
  void Value(const std::string& path, int key_line) {
    Skip();
    if (at_ >= text_.size()) return;
    lines_[path] = key_line >= 0 ? key_line : line_;
    const char c = text_[at_];
    if (c == '{' || c == '[') {
      const bool object = c == '{';
      ++at_;
      std::map<std::string, int> seen;  // this object's keys and their lines
      for (int index = 0;; ++index) {
        Skip();
        if (at_ >= text_.size()) return;
        if (text_[at_] == (object ? '}' : ']')) {
          ++at_;
          return;
        }
        if (object) {
          const int line = line_;
          const std::string key = String();
          const std::string child = path.empty() ? key : path + "." + key;
          if (seen.count(key)) duplicates_.push_back({child, seen[key], line});
          seen[key] = line;
          Skip();
          ++at_;  // ':'
          Value(child, line);
        } else {
          Value(path + "[" + std::to_string(index) + "]", -1);
        }
        Skip();
        if (at_ < text_.size() && text_[at_] == ',') ++at_;
      }
    }
    if (c == '"') {
      String();
      return;
    }
    while (at_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[at_])) && text_[at_] != ',' &&
           text_[at_] != ']' && text_[at_] != '}') {
      ++at_;
    }
  }

  const std::string& text_;
  size_t at_ = 0;
  int line_;
  std::map<std::string, int> lines_;
  std::vector<Duplicate> duplicates_;
};

// nlohmann's refusal of the front matter: its message and the byte where it stopped.
class SyntaxError : public nlohmann::json_sax<Json> {
 public:
  std::string message;
  size_t position = 0;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t at, const std::string&, const nlohmann::detail::exception& error) override {
    message = error.what();
    position = at;  // the characters read, up to the end of the token that failed
    return false;
  }
};

// Where a refusal is, from the byte nlohmann stopped at (1-based), and its words without the
// library's prefixes ("[json.exception.parse_error.101] parse error at line 3, column 5: ").
struct Where {
  int line = 1, column = 1;
  std::string what;
};
// The start of the token that ends just before `end` (a string from its opening quote, anything
// else back to a space or a bracket), so a message points at the token rather than past it.
size_t TokenStart(const std::string& text, size_t end) {
  if (end == 0) return 0;
  size_t at = end - 1;
  if (text[at] == '"') {
    while (at > 0 && text[at - 1] != '"') --at;
    return at > 0 ? at - 1 : 0;
  }
  while (at > 0 && !std::isspace(static_cast<unsigned char>(text[at - 1])) &&
         std::string(",:[]{}").find(text[at - 1]) == std::string::npos) {
    --at;
  }
  return at;
}

Where ReadSyntaxError(const std::string& text, const SyntaxError& error) {
  Where where;
  const size_t read = std::min(text.size(), error.position);
  // A broken string points at its opening quote (its text cannot hold one unescaped).
  size_t quote = read > 0 ? text.rfind('"', read - 1) : std::string::npos;
  if (quote != std::string::npos && quote + 1 == read && quote > 0) quote = text.rfind('"', quote - 1);  // it closed
  const bool in_string = error.message.find("invalid string") != std::string::npos && quote != std::string::npos;
  const size_t end = in_string ? quote : TokenStart(text, read);
  for (size_t i = 0; i < end; ++i) {
    if (text[i] == '\n') {
      ++where.line;
      where.column = 1;
    } else {
      ++where.column;
    }
  }
  where.what = error.message;
  const size_t bracket = where.what.find("] ");
  if (where.what.rfind("[json.exception", 0) == 0 && bracket != std::string::npos)
    where.what = where.what.substr(bracket + 2);
  const size_t at = where.what.find(" at line ");
  const size_t colon = at == std::string::npos ? std::string::npos : where.what.find(": ", at);
  if (colon != std::string::npos) where.what = where.what.substr(colon + 2);
  return where;
}

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

// The front matter and the body of a file, with the body's first line.
struct Split {
  std::string front;
  int front_line = 2;  // the line of the front matter's first character
  std::string body;
  int body_line = 0;
};

// Cuts the file at its "---" lines; an error sentence when it has none.
Result<Split> SplitFile(const std::string& text) {
  std::vector<std::pair<size_t, size_t>> lines;  // start, length without the line end
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    size_t length = end - start;
    if (length > 0 && text[start + length - 1] == '\r') --length;
    lines.push_back({start, length});
    start = end + 1;
  }
  auto is_fence = [&](size_t i) {
    std::string line = text.substr(lines[i].first, lines[i].second);
    if (i == 0 && line.rfind("\xEF\xBB\xBF", 0) == 0) line = line.substr(3);  // a byte-order mark
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.pop_back();
    return line == "---";
  };
  if (lines.empty() || !is_fence(0)) {
    return Result<Split>::Error(
        "line 1: a scenario starts with a line \"---\", then its front matter (one JSON object), then \"---\" "
        "and the text");
  }
  for (size_t i = 1; i < lines.size(); ++i) {
    if (!is_fence(i)) continue;
    Split split;
    split.front = text.substr(lines[1].first, lines[i].first - lines[1].first);
    split.front_line = 2;
    split.body_line = static_cast<int>(i) + 2;
    split.body = i + 1 < lines.size() ? text.substr(lines[i + 1].first) : std::string();
    return Result<Split>::Ok(std::move(split));
  }
  return Result<Split>::Error("line 1: the front matter has no closing line \"---\" (the file may be cut short)");
}

// The body's ```csv block, cut out (its lines left empty so the body keeps the file's numbering).
struct CsvBlock {
  bool found = false;
  int first_line = 0;  // the file's line of the CSV's first row
  int fence_line = 0;
  std::string text;
  int count = 0;
};
CsvBlock TakeCsvBlock(std::string* body, int body_line, Problems* problems) {
  CsvBlock block;
  std::string out;
  bool inside = false;
  int open_line = 0;
  int line = body_line;
  size_t start = 0;
  while (start <= body->size()) {
    size_t end = body->find('\n', start);
    const bool last = end == std::string::npos;
    if (last) end = body->size();
    std::string row = body->substr(start, end - start);
    std::string trimmed = row;
    while (!trimmed.empty() && std::isspace(static_cast<unsigned char>(trimmed.back()))) trimmed.pop_back();
    if (!inside && (trimmed == "```csv" || trimmed == "~~~csv")) {
      inside = true;
      open_line = line;
      ++block.count;
      if (block.count == 1) {
        block.found = true;
        block.fence_line = line;
        block.first_line = line + 1;
      }
      row.clear();
    } else if (inside && (trimmed == "```" || trimmed == "~~~")) {
      inside = false;
      row.clear();
    } else if (inside) {
      if (block.count == 1) block.text += row + "\n";
      row.clear();
    }
    out += row;
    if (!last) out += "\n";
    ++line;
    if (last) break;
    start = end + 1;
  }
  if (inside) problems->Add(open_line, "", "the ```csv block has no closing ``` line");
  if (block.count > 1)
    problems->Add(block.fence_line, "", "the text has more than one ```csv block; give the data once");
  *body = std::move(out);
  return block;
}

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
  Result<Split> split = SplitFile(text);
  if (!split) {
    problems.Add(0, "", split.error());
    return refuse();
  }
  // The front matter: one JSON object.
  SyntaxError syntax;
  Json::sax_parse(split->front, &syntax);
  if (!syntax.message.empty()) {
    const Where where = ReadSyntaxError(split->front, syntax);
    problems.Add(split->front_line + where.line - 1, "",
                 "the front matter is not valid JSON (column " + std::to_string(where.column) + "): " + where.what);
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
  const CsvBlock block = TakeCsvBlock(&body, split->body_line, &problems);
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
