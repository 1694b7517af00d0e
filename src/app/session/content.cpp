// Parsing the lesson text with md4c into blocks and styled runs, and the library of parsed files.
#include "app/session/content.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/session/content_files.h"
#include "md4c.h"

namespace bp {
namespace {

// The parser's state while md4c walks one file: a stack of open blocks and the styles of open spans.
struct Builder {
  const char* source = nullptr;
  size_t source_size = 0;
  std::string path;
  ContentBlock root;
  std::vector<ContentBlock*> open;  // root first
  uint8_t style = kRunPlain;
  std::vector<std::string> links;  // open link targets (innermost last)
  std::vector<ContentLink> found_links;
  bool in_header = false;
  int last_line = 1;

  int LineOf(const char* text) {
    if (text >= source && text <= source + source_size) {
      last_line = 1 + static_cast<int>(std::count(source, text, '\n'));
    }
    return last_line;
  }
  ContentBlock& Top() { return *open.back(); }
};

ContentBlock::Kind KindOf(MD_BLOCKTYPE type) {
  switch (type) {
    case MD_BLOCK_QUOTE: return ContentBlock::kQuote;
    case MD_BLOCK_UL: return ContentBlock::kBulletList;
    case MD_BLOCK_OL: return ContentBlock::kNumberedList;
    case MD_BLOCK_LI: return ContentBlock::kItem;
    case MD_BLOCK_HR: return ContentBlock::kRule;
    case MD_BLOCK_H: return ContentBlock::kHeading;
    case MD_BLOCK_CODE: return ContentBlock::kCode;
    case MD_BLOCK_TABLE: return ContentBlock::kTable;
    case MD_BLOCK_TR: return ContentBlock::kRow;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: return ContentBlock::kCell;
    default: return ContentBlock::kParagraph;
  }
}

int EnterBlock(MD_BLOCKTYPE type, void* detail, void* data) {
  Builder& b = *static_cast<Builder*>(data);
  if (type == MD_BLOCK_DOC) return 0;
  if (type == MD_BLOCK_THEAD) { b.in_header = true; return 0; }
  if (type == MD_BLOCK_TBODY) { b.in_header = false; return 0; }
  ContentBlock block;
  block.kind = KindOf(type);
  block.line = 0;  // set by the block's first text
  if (type == MD_BLOCK_H) block.level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level);
  if (type == MD_BLOCK_OL) block.level = static_cast<int>(static_cast<MD_BLOCK_OL_DETAIL*>(detail)->start);
  if (type == MD_BLOCK_TR || type == MD_BLOCK_TH) block.header_cell = b.in_header;
  if (type == MD_BLOCK_LI) {
    const auto* item = static_cast<MD_BLOCK_LI_DETAIL*>(detail);
    if (item->is_task) block.task = item->task_mark == ' ' ? ContentBlock::kOpenTask : ContentBlock::kDoneTask;
  }
  b.Top().children.push_back(std::move(block));
  b.open.push_back(&b.Top().children.back());
  return 0;
}

int LeaveBlock(MD_BLOCKTYPE type, void*, void* data) {
  Builder& b = *static_cast<Builder*>(data);
  if (type == MD_BLOCK_DOC || type == MD_BLOCK_THEAD || type == MD_BLOCK_TBODY) return 0;
  if (b.Top().line == 0) b.Top().line = b.last_line;  // a block without text (a rule)
  b.open.pop_back();
  return 0;
}

std::string AttributeText(const MD_ATTRIBUTE& attribute) { return std::string(attribute.text, attribute.size); }

int EnterSpan(MD_SPANTYPE type, void* detail, void* data) {
  Builder& b = *static_cast<Builder*>(data);
  if (type == MD_SPAN_STRONG) b.style |= kRunStrong;
  if (type == MD_SPAN_EM) b.style |= kRunEmphasis;
  if (type == MD_SPAN_CODE) b.style |= kRunCode;
  if (type == MD_SPAN_A) {
    b.links.push_back(AttributeText(static_cast<MD_SPAN_A_DETAIL*>(detail)->href));
    b.found_links.push_back({b.links.back(), 0});  // the line of the link's first text
  }
  return 0;
}

int LeaveSpan(MD_SPANTYPE type, void*, void* data) {
  Builder& b = *static_cast<Builder*>(data);
  if (type == MD_SPAN_STRONG) b.style &= static_cast<uint8_t>(~kRunStrong);
  if (type == MD_SPAN_EM) b.style &= static_cast<uint8_t>(~kRunEmphasis);
  if (type == MD_SPAN_CODE) b.style &= static_cast<uint8_t>(~kRunCode);
  if (type == MD_SPAN_A && !b.links.empty()) b.links.pop_back();
  return 0;
}

std::string Entity(const std::string& entity) {
  static const std::map<std::string, std::string> kEntities = {
      {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&nbsp;", "\u00a0"}, {"&apos;", "'"}};
  auto found = kEntities.find(entity);
  return found == kEntities.end() ? entity : found->second;
}

int Text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size, void* data) {
  Builder& b = *static_cast<Builder*>(data);
  const int line = b.LineOf(text);
  ContentBlock& top = b.Top();
  for (ContentBlock* open : b.open) {
    if (open->line == 0) open->line = line;
  }
  if (!b.found_links.empty() && b.found_links.back().line == 0) b.found_links.back().line = line;
  TextRun run;
  run.style = b.style;
  if (!b.links.empty()) run.link = b.links.back();
  switch (type) {
    case MD_TEXT_BR: run.hard_break = true; break;
    case MD_TEXT_SOFTBR: run.text = " "; break;
    case MD_TEXT_NULLCHAR: run.text = "\xEF\xBF\xBD"; break;
    case MD_TEXT_ENTITY: run.text = Entity(std::string(text, size)); break;
    default: run.text.assign(text, size); break;
  }
  // Join a run to the previous one of the same style and link (md4c splits text at entities).
  if (!top.runs.empty() && !run.hard_break && !top.runs.back().hard_break && top.runs.back().style == run.style &&
      top.runs.back().link == run.link) {
    top.runs.back().text += run.text;
  } else {
    top.runs.push_back(std::move(run));
  }
  return 0;
}

std::string RunsText(const std::vector<TextRun>& runs) {
  std::string text;
  for (const TextRun& run : runs) text += run.text;
  return text;
}

// "Try this {#try}" → id "try", and the runs without the marker. False when there is no marker.
bool TakeHeadingId(std::vector<TextRun>* runs, std::string* id) {
  if (runs->empty()) return false;
  std::string& last = runs->back().text;
  const size_t end = last.find_last_not_of(' ');
  if (end == std::string::npos || last[end] != '}') return false;
  const size_t open = last.rfind("{#", end);
  if (open == std::string::npos) return false;
  *id = last.substr(open + 2, end - open - 2);
  last.erase(open);
  while (!last.empty() && last.back() == ' ') last.pop_back();
  if (last.empty()) runs->pop_back();
  return true;
}

bool ValidId(const std::string& id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool KnownLink(const std::string& target) {
  return target.rfind("#lesson=", 0) == 0 || target == "#notation" || target.rfind("https://", 0) == 0;
}

}  // namespace

const ContentPart* ContentDoc::Find(const std::string& id) const {
  for (const ContentPart& part : parts) {
    if (part.id == id) return &part;
  }
  return nullptr;
}

ContentDoc ParseContent(const std::string& path, const std::string& text) {
  ContentDoc doc;
  doc.path = path;
  Builder builder;
  builder.source = text.data();
  builder.source_size = text.size();
  builder.path = path;
  builder.open.push_back(&builder.root);
  MD_PARSER parser{};
  parser.flags = MD_FLAG_TABLES | MD_FLAG_TASKLISTS | MD_FLAG_NOHTML | MD_FLAG_NOINDENTEDCODEBLOCKS;
  parser.enter_block = EnterBlock;
  parser.leave_block = LeaveBlock;
  parser.enter_span = EnterSpan;
  parser.leave_span = LeaveSpan;
  parser.text = Text;
  auto error = [&](int line, const std::string& what) {
    doc.errors.push_back(path + ":" + std::to_string(line) + ": " + what);
  };
  if (md_parse(text.data(), static_cast<MD_SIZE>(text.size()), &parser, &builder) != 0) {
    error(1, "md4c could not parse the file");
    return doc;
  }
  for (const ContentLink& link : builder.found_links) {
    if (!KnownLink(link.target)) {
      error(link.line, "the link \"" + link.target +
                           "\" is neither a lesson (#lesson=id), the notation card (#notation) nor an https:// page");
    }
  }
  doc.links = std::move(builder.found_links);

  std::vector<ContentBlock>& blocks = builder.root.children;
  size_t next = 0;
  if (blocks.empty() || blocks[0].kind != ContentBlock::kHeading || blocks[0].level != 1) {
    error(blocks.empty() ? 1 : blocks[0].line, "the file must start with its title, a line \"# Title\"");
  } else {
    doc.title = RunsText(blocks[0].runs);
    next = 1;
  }
  for (; next < blocks.size(); ++next) {
    ContentBlock& block = blocks[next];
    std::string id;
    if (block.kind == ContentBlock::kHeading && TakeHeadingId(&block.runs, &id)) {
      if (!ValidId(id)) error(block.line, "the part id \"" + id + "\" may hold only a-z, 0-9 and -");
      if (doc.Find(id) != nullptr) error(block.line, "the part id \"" + id + "\" is used twice");
      if (block.level == 1) error(block.line, "a part starts with ## or deeper; # is the file's title");
      ContentPart part;
      part.id = id;
      part.heading = RunsText(block.runs);
      part.level = block.level;
      part.line = block.line;
      doc.parts.push_back(std::move(part));
      continue;
    }
    if (block.kind == ContentBlock::kHeading && block.level == 1) {
      error(block.line, "a file has one title; use ## for a part");
      continue;
    }
    if (doc.parts.empty()) {
      error(block.line, "text before the first part: start a part with a heading that ends in {#id}");
      continue;
    }
    doc.parts.back().blocks.push_back(std::move(block));
  }
  return doc;
}

std::string FillPlaceholders(const std::string& text, const ContentVars& vars) {
  if (vars.empty() || text.find('{') == std::string::npos) return text;
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    const size_t open = text.find('{', at);
    if (open == std::string::npos) break;
    const size_t close = text.find('}', open);
    if (close == std::string::npos) break;
    out.append(text, at, open - at);
    const std::string name = text.substr(open + 1, close - open - 1);
    auto found = std::find_if(vars.begin(), vars.end(), [&](const auto& var) { return var.first == name; });
    if (found != vars.end()) {
      out += found->second;
    } else {
      out.append(text, open, close - open + 1);
    }
    at = close + 1;
  }
  out.append(text, at, std::string::npos);
  return out;
}

namespace {
void AppendPlain(const ContentBlock& block, std::string* out) {
  std::string text;
  for (const TextRun& run : block.runs) text += run.hard_break ? " " : run.text;
  if (!text.empty()) {
    if (!out->empty()) *out += ' ';
    *out += text;
  }
  for (const ContentBlock& child : block.children) AppendPlain(child, out);
}
}  // namespace

std::string PlainText(const ContentPart& part, const ContentVars& vars) {
  std::string out;
  for (const ContentBlock& block : part.blocks) AppendPlain(block, &out);
  return FillPlaceholders(out, vars);
}

std::string ContentText(const std::string& language, const std::string& key, const ContentVars& vars) {
  const ContentPart* part = Content().Part(language, key);
  return part == nullptr ? std::string() : PlainText(*part, vars);
}

std::vector<CourseGroup> CourseGroups(const std::string& language) {
  std::vector<CourseGroup> groups;
  const ContentDoc* course = Content().Doc(language, "course");
  if (course == nullptr) return groups;
  for (const ContentPart& part : course->parts) {
    CourseGroup group{part.id, part.heading, {}};
    for (const ContentBlock& block : part.blocks) {
      for (const ContentBlock& item : block.children) {
        std::string id, summary;
        // An item's runs: the link to the lesson, then ": what it answers".
        const std::vector<TextRun>& runs = item.runs.empty() && !item.children.empty() ? item.children[0].runs : item.runs;
        for (const TextRun& run : runs) {
          if (id.empty() && run.link.rfind("#lesson=", 0) == 0) {
            id = run.link.substr(8, run.link.find('&') == std::string::npos ? std::string::npos : run.link.find('&') - 8);
          } else if (run.link.empty()) {
            summary += run.text;
          }
        }
        const size_t start = summary.find_first_not_of(": ");
        summary = start == std::string::npos ? "" : summary.substr(start);
        if (!id.empty()) group.lessons.push_back({id, summary});
      }
    }
    groups.push_back(std::move(group));
  }
  return groups;
}

void ContentLibrary::Add(ContentDoc doc) {
  const size_t slash = doc.path.find('/');
  const std::string language = slash == std::string::npos ? kDefaultLanguage : doc.path.substr(0, slash);
  std::string name = slash == std::string::npos ? doc.path : doc.path.substr(slash + 1);
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".md") == 0) name.resize(name.size() - 3);
  docs_[language][name] = std::move(doc);
}

const ContentDoc* ContentLibrary::Doc(const std::string& language, const std::string& name) const {
  for (const std::string& lang : {language, std::string(kDefaultLanguage)}) {
    auto files = docs_.find(lang);
    if (files == docs_.end()) continue;
    auto doc = files->second.find(name);
    if (doc != files->second.end()) return &doc->second;
  }
  return nullptr;
}

const ContentPart* ContentLibrary::Part(const std::string& language, const std::string& key) const {
  const size_t hash = key.find('#');
  if (hash == std::string::npos) return nullptr;
  const std::string name = key.substr(0, hash), id = key.substr(hash + 1);
  for (const std::string& lang : {language, std::string(kDefaultLanguage)}) {
    const ContentDoc* doc = Doc(lang, name);
    if (doc == nullptr) continue;
    if (const ContentPart* part = doc->Find(id)) return part;
  }
  return nullptr;
}

std::vector<std::string> ContentLibrary::Languages() const {
  std::vector<std::string> languages;
  for (const auto& [language, files] : docs_) languages.push_back(language);
  return languages;
}

std::string ContentLibrary::LanguageList() const {
  std::string list;
  for (const auto& [language, files] : docs_) list += (list.empty() ? "" : ", ") + language;
  return list;
}

namespace {
ContentLibrary& MutableContent() {
  static ContentLibrary library = [] {
    ContentLibrary parsed;
    for (const ContentFile& file : EmbeddedContentFiles()) {
      parsed.Add(ParseContent(file.path, std::string(reinterpret_cast<const char*>(file.data), file.size)));
    }
    return parsed;
  }();
  return library;
}
}  // namespace

const ContentLibrary& Content() { return MutableContent(); }

bool ReloadContentFrom(const std::string& folder) {
  namespace fs = std::filesystem;
  std::error_code error;
  ContentLibrary reloaded;
  int files = 0;
  for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    if (!it->is_regular_file() || it->path().extension() != ".md") continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    reloaded.Add(ParseContent(fs::relative(it->path(), folder).generic_string(), text.str()));
    ++files;
  }
  if (files == 0) return false;
  MutableContent() = std::move(reloaded);
  return true;
}

}  // namespace bp
