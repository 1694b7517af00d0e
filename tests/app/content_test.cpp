// Lesson text as content (session/content.h): the Markdown parser's blocks, styles, links, parts
// and line numbers on small files written here, placeholders, the English fallback, and every
// embedded file of content/ parsed without a problem (the check names the file and the line).
#include <doctest/doctest.h>

#include <string>

#include "app_test_support.h"

#include "app/session/app_state.h"
#include "app/session/content.h"
#include "app/session/content_files.h"
#include "app/session/notation.h"

namespace bp {
namespace {

std::string Joined(const std::vector<TextRun>& runs) {
  std::string text;
  for (const TextRun& run : runs) text += run.text;
  return text;
}

TEST_CASE("a content file is a title and parts; each part holds its blocks with their styles") {
  const std::string text =
      "# The title\n"                                    // line 1
      "\n"                                               // 2
      "## Try this {#try}\n"                             // 3
      "\n"                                               // 4
      "Press **Next**, then *look* at `δ` and\n"         // 5
      "[XOR](#lesson=xor).\n"                            // 6
      "\n"                                               // 7
      "- one\n"                                          // 8
      "- two\n"                                          // 9
      "\n"                                               // 10
      "## {#legend}\n"                                   // 11
      "\n"                                               // 12
      "> A note on the slides: it is GELU.\n"            // 13
      "\n"                                               // 14
      "| symbol | meaning |\n"                           // 15
      "|---|---|\n"                                      // 16
      "| η | learning rate |\n"                          // 17
      "\n"                                               // 18
      "3. third\n"                                       // 19
      "4. fourth\n";                                     // 20
  ContentDoc doc = ParseContent("en/test.md", text);
  CHECK(doc.errors.empty());
  CHECK(doc.title == "The title");
  REQUIRE(doc.parts.size() == 2);
  const ContentPart& first = doc.parts[0];
  CHECK(first.id == "try");
  CHECK(first.heading == "Try this");
  CHECK(first.line == 3);
  REQUIRE(first.blocks.size() == 2);
  const ContentBlock& paragraph = first.blocks[0];
  CHECK(paragraph.kind == ContentBlock::kParagraph);
  CHECK(paragraph.line == 5);
  // Soft line breaks are spaces; runs keep their styles and links.
  CHECK(Joined(paragraph.runs) == "Press Next, then look at δ and XOR.");
  REQUIRE(paragraph.runs.size() == 9);
  CHECK(paragraph.runs[1].text == "Next");
  CHECK(paragraph.runs[1].style == kRunStrong);
  CHECK(paragraph.runs[3].text == "look");
  CHECK(paragraph.runs[3].style == kRunEmphasis);
  CHECK(paragraph.runs[5].style == kRunCode);
  CHECK(paragraph.runs[7].text == "XOR");
  CHECK(paragraph.runs[7].link == "#lesson=xor");
  CHECK(paragraph.runs[8].link.empty());
  CHECK(first.blocks[1].kind == ContentBlock::kBulletList);
  CHECK(first.blocks[1].children.size() == 2);
  const ContentPart& second = doc.parts[1];
  CHECK(second.id == "legend");
  CHECK(second.heading.empty());  // not shown
  REQUIRE(second.blocks.size() == 3);
  CHECK(second.blocks[0].kind == ContentBlock::kQuote);
  CHECK(second.blocks[0].line == 13);
  REQUIRE(second.blocks[1].kind == ContentBlock::kTable);
  REQUIRE(second.blocks[1].children.size() == 2);
  CHECK(second.blocks[1].children[0].header_cell);
  CHECK(Joined(second.blocks[1].children[1].children[0].runs) == "η");
  CHECK(second.blocks[2].kind == ContentBlock::kNumberedList);
  CHECK(second.blocks[2].level == 3);
  REQUIRE(doc.links.size() == 1);
  CHECK(doc.links[0].line == 6);
  CHECK(PlainText(second) == "A note on the slides: it is GELU. symbol meaning η learning rate third fourth");
}

TEST_CASE("a broken content file says each problem with its line") {
  const std::string text =
      "Text before the title.\n"       // 1
      "\n"                             // 2
      "## Part {#a}\n"                 // 3
      "See [this](lesson=xor).\n"      // 4
      "\n"                             // 5
      "## Again {#a}\n"                // 6
      "\n"                             // 7
      "## Bad id {#Big_Id}\n"          // 8
      "\n"                             // 9
      "[page](http://example.org)\n";  // 10
  ContentDoc doc = ParseContent("en/broken.md", text);
  REQUIRE(doc.errors.size() == 6);
  CHECK(doc.errors[0] ==
        "en/broken.md:4: the link \"lesson=xor\" is neither a lesson (#lesson=id), the notation card (#notation) nor "
        "an https:// page");
  CHECK(doc.errors[1].rfind("en/broken.md:10: the link \"http://example.org\"", 0) == 0);
  CHECK(doc.errors[2] == "en/broken.md:1: the file must start with its title, a line \"# Title\"");
  CHECK(doc.errors[3] == "en/broken.md:1: text before the first part: start a part with a heading that ends in {#id}");
  CHECK(doc.errors[4] == "en/broken.md:6: the part id \"a\" is used twice");
  CHECK(doc.errors[5] == "en/broken.md:8: the part id \"Big_Id\" may hold only a-z, 0-9 and -");
}

TEST_CASE("hostile content: a NUL byte, a file cut short, a huge placeholder value, an unclosed brace") {
  // A NUL inside a paragraph is kept as U+FFFD, not the end of the text.
  const std::string with_nul = std::string("# T\n\n## {#a}\n\nbefore") + '\0' + "after\n";
  ContentDoc doc = ParseContent("en/nul.md", with_nul);
  CHECK(doc.errors.empty());
  REQUIRE(doc.Find("a") != nullptr);
  CHECK(PlainText(*doc.Find("a")) == "before\xEF\xBF\xBD" "after");
  // Cut short in a table, a list and an unclosed emphasis: parsed, nothing lost before the cut.
  doc = ParseContent("en/cut.md", "# T\n\n## {#a}\n\n| x | y |\n|---|---|\n| 1 |\n\n- one\n- *two");
  CHECK(doc.errors.empty());
  CHECK(PlainText(*doc.Find("a")) == "x y 1 one *two");
  // A heading cut before its id's brace closes is no part: the text is reported, not lost.
  doc = ParseContent("en/brace.md", "# T\n\n## Part {#a");
  REQUIRE(doc.errors.size() == 1);
  CHECK(doc.errors[0] == "en/brace.md:3: text before the first part: start a part with a heading that ends in {#id}");
  // A value of a megabyte is placed once; an unclosed brace stays as written.
  const std::string big(1 << 20, 'x');
  CHECK(FillPlaceholders("a {v} b", {{"v", big}}).size() == big.size() + 4);
  CHECK(FillPlaceholders("a {v b", {{"v", "1"}}) == "a {v b");
}

TEST_CASE("placeholders are filled by name; other braces stay as written") {
  CHECK(FillPlaceholders("every {k} of the {n} points", {{"k", "4th"}, {"n", "10,000"}}) ==
        "every 4th of the 10,000 points");
  CHECK(FillPlaceholders("t ∈ {0, 1} and {unknown}", {{"k", "x"}}) == "t ∈ {0, 1} and {unknown}");
  CHECK(FillPlaceholders("{a}{a}", {{"a", "{a}"}}) == "{a}{a}");  // a value is not filled again
}

TEST_CASE("a part missing in a language falls back to English, and a missing language too") {
  ContentLibrary library;
  library.Add(ParseContent("en/one.md", "# One\n\n## {#a}\n\nEnglish a.\n\n## {#b}\n\nEnglish b.\n"));
  library.Add(ParseContent("de/one.md", "# Eins\n\n## {#a}\n\nDeutsch a.\n"));
  CHECK(PlainText(*library.Part("de", "one#a")) == "Deutsch a.");
  CHECK(PlainText(*library.Part("de", "one#b")) == "English b.");
  CHECK(PlainText(*library.Part("fr", "one#a")) == "English a.");
  CHECK(library.Doc("de", "one")->title == "Eins");
  CHECK(library.Part("en", "one#c") == nullptr);
  CHECK(library.Part("en", "two#a") == nullptr);
  CHECK(library.Languages() == std::vector<std::string>{"de", "en"});
}

TEST_CASE("every embedded content file parses without a problem") {
  REQUIRE(!EmbeddedContentFiles().empty());
  int files = 0;
  for (const auto& [language, docs] : Content().Files()) {
    for (const auto& entry : docs) {
      const ContentDoc& doc = entry.second;
      INFO(doc.path);
      for (const std::string& error : doc.errors) FAIL_CHECK(error);
      CHECK(!doc.title.empty());
      CHECK(!doc.parts.empty());
      ++files;
    }
  }
  CHECK(files == static_cast<int>(EmbeddedContentFiles().size()));
}

void NoDraw(AppState&) {}

TEST_CASE("the API opens the notation card and chooses a language the lesson text has") {
  static const LessonTable kTable = {{"plain", "A lesson", NoDraw, nullptr, NoDraw, NoDraw, nullptr, nullptr}};
  AppState state;
  state.lessons = &kTable;
  Json answer = test::Send(state, Json{{"cmd", "setNotationOpen"}, {"open", true}});
  REQUIRE(answer["ok"] == true);
  CHECK(state.notation_open);
  CHECK(answer["state"]["notationOpen"] == true);
  CHECK(test::Send(state, Json{{"cmd", "setNotationOpen"}, {"open", "yes"}})["error"] ==
        "setNotationOpen needs \"open\": true or false");
  answer = test::Send(state, Json{{"cmd", "setLanguage"}, {"lang", "fr"}});
  CHECK(answer["ok"] == false);
  CHECK(answer["error"] == "the lesson text has no language \"fr\" (it has: en)");
  CHECK(state.language == "en");
  CHECK(test::Send(state, Json{{"cmd", "setLanguage"}, {"lang", "en"}})["state"]["language"] == "en");
}

TEST_CASE("the notation card names each symbol once, with the index order of W") {
  const ContentPart* card = Content().Part("en", "notation#card");
  REQUIRE(card != nullptr);
  const std::string text = PlainText(*card);
  for (const char* symbol : {"x, xᵢ", "t, tₖ", "zⱼ⁽ˡ⁾", "aⱼ⁽ˡ⁾, ŷ", "W⁽ˡ⁾, wⱼ,ᵢ⁽ˡ⁾", "bⱼ⁽ˡ⁾", "δⱼ⁽ˡ⁾", "η", "θ", "ε", "τ", "σ"}) {
    INFO(symbol);
    CHECK(text.find(symbol) != std::string::npos);
  }
  CHECK(text.find("row j is the neuron it feeds, column i the input it comes from") != std::string::npos);
  CHECK(text.find("θ ← θ − η ∂L/∂θ") != std::string::npos);
}

TEST_CASE("weight names carry a comma between their indices, so wide layers cannot be misread") {
  Mlp mlp;  // the layered names do not read the network
  CHECK(WeightName(mlp, Notation::kLayered, 0, 0, 11) == "w₁,₁₂⁽¹⁾");  // neuron 1, input 12
  CHECK(WeightName(mlp, Notation::kLayered, 0, 10, 1) == "w₁₁,₂⁽¹⁾");  // neuron 11, input 2
  CHECK(WeightName(mlp, Notation::kLayered, 1, 1, 0) == "w₂,₁⁽²⁾");
}

TEST_CASE("the course file gives the lesson list its parts, each lesson with what it answers") {
  const std::vector<CourseGroup> groups = CourseGroups("en");
  REQUIRE(groups.size() == 5);
  CHECK(groups[0].title == "The perceptron");
  REQUIRE(groups[0].lessons.size() == 4);
  CHECK(groups[0].lessons[1].id == "perceptron");
  CHECK(groups[0].lessons[1].summary == "how does one neuron learn a straight line from its mistakes?");
  CHECK(groups[2].title == "Learning: backpropagation");
  CHECK(groups[2].lessons[0].id == "jacobian");
  CHECK(groups[2].lessons[2].id == "backprop");
  CHECK(groups[4].lessons.size() == 1);
  CHECK(groups[4].lessons[0].id == "playground");
}

}  // namespace
}  // namespace bp
