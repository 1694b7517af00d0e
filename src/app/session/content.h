// Lesson text as content (docs/content.md): every sentence a learner reads lives in a Markdown file,
// content/<language>/<name>.md, one per lesson plus a few shared ones. A file is a title (`# …`) and
// parts: each part starts with a heading that ends in `{#id}` and runs to the next such heading. A
// lesson draws a part by its key, "perceptron#try". Parsed with md4c into blocks and styled runs of
// text; drawn by widgets/markdown_view. No ImGui here, so the parser and the checks have unit tests.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace bp {

// A piece of inline text in one style. Soft line breaks become spaces; a hard break is its own run.
enum RunStyle : uint8_t { kRunPlain = 0, kRunStrong = 1, kRunEmphasis = 2, kRunCode = 4 };
struct TextRun {
  std::string text;
  uint8_t style = kRunPlain;
  std::string link;  // the link's target when the run is part of a link ("#lesson=xor", "https://…")
  bool hard_break = false;
};

struct ContentBlock {
  enum Kind { kParagraph, kHeading, kBulletList, kNumberedList, kItem, kQuote, kCode, kTable, kRow, kCell, kRule };
  Kind kind = kParagraph;
  int level = 0;             // a heading's level; a numbered list's first number
  bool header_cell = false;  // a table's header row (kRow) and its cells
  enum Task : uint8_t { kNoTask = 0, kOpenTask = 1, kDoneTask = 2 };
  Task task = kNoTask;       // a task-list item, "- [ ]" or "- [x]" (a question's choices)
  int line = 0;              // the line of the file where the block's text starts (1-based)
  std::vector<TextRun> runs;          // paragraphs, headings, cells, code
  std::vector<ContentBlock> children;  // lists, items, quotes, tables, rows
};

struct ContentPart {
  std::string id;       // "try"
  std::string heading;  // the heading's text without "{#try}"; empty: the heading is not shown
  int level = 2;
  int line = 0;
  std::vector<ContentBlock> blocks;
};

struct ContentLink {
  std::string target;
  int line = 0;
};

struct ContentDoc {
  std::string path;   // "en/perceptron.md"
  std::string title;  // the `# …` line
  std::vector<ContentPart> parts;
  std::vector<ContentLink> links;   // every link in the file, for the checks
  std::vector<std::string> errors;  // "en/perceptron.md:12: …", one per problem found
  const ContentPart* Find(const std::string& id) const;
};

// Parses one file. Problems (no title, text before the first part, a repeated id, a link of an
// unknown kind, a heading id with characters other than a–z, 0–9 and -) go to `errors` with the line.
ContentDoc ParseContent(const std::string& path, const std::string& text);

// Values a part's text names as {name}: "The plane shows every {k} of the {n} points".
using ContentVars = std::vector<std::pair<std::string, std::string>>;
// The text with each {name} that `vars` has replaced by its value; other braces stay as written.
std::string FillPlaceholders(const std::string& text, const ContentVars& vars);

// Every embedded file, parsed once, by language and name; English is the fallback.
class ContentLibrary {
 public:
  void Add(ContentDoc doc);
  // The part name#id in `language`, else in English; nullptr when neither has it.
  const ContentPart* Part(const std::string& language, const std::string& key) const;
  // The file "name" in `language`, else in English; nullptr when neither has it.
  const ContentDoc* Doc(const std::string& language, const std::string& name) const;
  std::vector<std::string> Languages() const;
  bool HasLanguage(const std::string& language) const { return docs_.count(language) > 0; }
  std::string LanguageList() const;  // "de, en"
  const std::map<std::string, std::map<std::string, ContentDoc>>& Files() const { return docs_; }

 private:
  std::map<std::string, std::map<std::string, ContentDoc>> docs_;  // language → name → file
};

// A part's words as plain text (canvas labels, tooltips, the screen-reader mirror, API answers):
// blocks joined with a space, no styles, placeholders filled. "" when the part is missing.
std::string PlainText(const ContentPart& part, const ContentVars& vars = {});
std::string ContentText(const std::string& language, const std::string& key, const ContentVars& vars = {});

// The course's parts (content/<language>/course.md): each part's title and the lessons it lists
// (their ids, from the #lesson= links, in order) with the line that says what each answers.
struct CourseLesson {
  std::string id;
  std::string summary;  // "how does one neuron learn a straight line from its mistakes?"
};
struct CourseGroup {
  std::string id;     // "networks"
  std::string title;  // "Multi-layer networks"
  std::vector<CourseLesson> lessons;
};
std::vector<CourseGroup> CourseGroups(const std::string& language);

// The embedded files (EmbeddedContentFiles), parsed on first use.
const ContentLibrary& Content();
// Replaces the library with the files in `folder` (content/), for the desktop build's reload of an
// edited file; returns false (and keeps the library) when the folder has no .md files.
bool ReloadContentFrom(const std::string& folder);

// The language of the lesson text: a folder of content/ ("en"). Links and the Display section set it.
constexpr const char* kDefaultLanguage = "en";

}  // namespace bp
