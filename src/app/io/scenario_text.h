// The text of a scenario file (scenario.h) before its fields are read: the file cut into front matter
// and body at its "---" lines, the body's ```csv block taken out, the front matter's JSON syntax
// checked with the place of a refusal, and the line of every field of the front matter.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace bp::scenario_text {

// The front matter and the body of a file, with the body's first line.
struct Split {
  std::string front;
  int front_line = 2;  // the line of the front matter's first character
  std::string body;
  int body_line = 0;
};
// Cuts the file at its "---" lines; an error sentence ("line 1: …") when it has none.
Result<Split> SplitFile(const std::string& text);

// The body's ```csv block, cut out (its lines left empty so the body keeps the file's numbering).
struct CsvBlock {
  bool found = false;
  int first_line = 0;  // the file's line of the CSV's first row
  int fence_line = 0;
  std::string text;
  int count = 0;          // how many blocks the text has (one is allowed)
  int unclosed_line = 0;  // the line of a block that has no closing fence (0: none)
};
CsvBlock TakeCsvBlock(std::string* body, int body_line);

// Where nlohmann refused a JSON text (line and column from 1, at the start of the failing token)
// and why, without the library's prefixes; nothing when the text is valid JSON.
struct SyntaxProblem {
  int line = 1, column = 1;
  std::string what;
};
std::optional<SyntaxProblem> FindSyntaxProblem(const std::string& text);

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
  int Line(std::string path) const;

 private:
  void Skip();
  std::string String();
  void Value(const std::string& path, int key_line);

  const std::string& text_;
  size_t at_ = 0;
  int line_;
  std::map<std::string, int> lines_;
  std::vector<Duplicate> duplicates_;
};

}  // namespace bp::scenario_text
