// The text of a scenario file before its fields are read (see scenario_text.h).
#include "app/io/scenario_text.h"

#include <algorithm>
#include <cctype>
#include <utility>

#include "app/session/json.h"

namespace bp::scenario_text {

namespace {

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

SyntaxProblem ReadSyntaxError(const std::string& text, const SyntaxError& error) {
  SyntaxProblem where;
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

}  // namespace

std::optional<SyntaxProblem> FindSyntaxProblem(const std::string& text) {
  SyntaxError syntax;
  Json::sax_parse(text, &syntax);
  if (syntax.message.empty()) return std::nullopt;
  return ReadSyntaxError(text, syntax);
}

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

CsvBlock TakeCsvBlock(std::string* body, int body_line) {
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
  if (inside) block.unclosed_line = open_line;
  *body = std::move(out);
  return block;
}

int JsonLines::Line(std::string path) const {
  while (true) {
    auto found = lines_.find(path);
    if (found != lines_.end()) return found->second;
    const size_t cut = path.find_last_of(".[");
    if (cut == std::string::npos) return path.empty() ? 0 : Line("");
    path = path.substr(0, cut);
  }
}

void JsonLines::Skip() {
  while (at_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[at_]))) {
    if (text_[at_] == '\n') ++line_;
    ++at_;
  }
}
std::string JsonLines::String() {
  std::string out;
  ++at_;  // the opening quote
  while (at_ < text_.size() && text_[at_] != '"') {
    if (text_[at_] == '\\' && at_ + 1 < text_.size()) ++at_;
    out += text_[at_++];
  }
  ++at_;
  return out;
}
void JsonLines::Value(const std::string& path, int key_line) {
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

}  // namespace bp::scenario_text
