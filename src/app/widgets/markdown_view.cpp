// Drawing lesson text: md4c's blocks (session/content.h) laid out by hand, because ImGui 1.86 has
// no rich text. Inline text is cut into words that keep their style; a line breaks only at a space,
// so a number, a formula or a symbol with its index never breaks. Links are ImGui items (keyboard
// navigation reaches them), drawn underlined in the theme's link colour.
#include "app/widgets/markdown_view.h"

#include <algorithm>

#include "app/widgets/fonts.h"
#include "app/widgets/palette.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {
namespace {

ImU32 LinkColor(bool dark) { return dark ? IM_COL32(120, 180, 255, 255) : IM_COL32(20, 90, 200, 255); }
ImU32 NoteBackground(bool dark) { return dark ? IM_COL32(60, 70, 95, 140) : IM_COL32(225, 232, 248, 255); }
ImU32 NoteBar(bool dark) { return dark ? IM_COL32(120, 160, 240, 255) : IM_COL32(60, 110, 210, 255); }
ImU32 CodeBackground(bool dark) { return dark ? IM_COL32(255, 255, 255, 24) : IM_COL32(0, 0, 0, 18); }

// The padding on each side of `code`, inside its box, so two keys in a row read as two.
float CodePad(const ImFont* font) { return font->FontSize * 0.2f; }

ImFont* FontFor(uint8_t style, ImFont* base) {
  const AppFonts& fonts = Fonts();
  if ((style & kRunCode) && fonts.mono) return fonts.mono;
  if ((style & kRunStrong) && fonts.bold && base == fonts.text) return fonts.bold;
  if ((style & kRunEmphasis) && fonts.italic && base == fonts.text) return fonts.italic;
  return base != nullptr ? base : ImGui::GetFont();
}

// One unbreakable piece of a word: text in one font, perhaps a link.
struct Piece {
  std::string text;
  ImFont* font;
  uint8_t style;
  const std::string* link;
  float width;
};
// A word: pieces with no space between them ("**δ**₁," is three pieces and one word).
struct Word {
  std::vector<Piece> pieces;
  float width = 0.0f;
  bool space_before = false;
  bool line_break_before = false;
};

std::vector<Word> CutWords(const std::vector<TextRun>& runs, const ContentVars& vars, ImFont* base) {
  std::vector<Word> words(1);
  bool pending_space = false;
  for (const TextRun& run : runs) {
    if (run.hard_break) {
      words.emplace_back();
      words.back().line_break_before = true;
      pending_space = false;
      continue;
    }
    ImFont* font = FontFor(run.style, base);
    const std::string text = FillPlaceholders(run.text, vars);
    const bool code = (run.style & kRunCode) != 0;  // `Page Down` is one box: it never breaks
    size_t at = 0;
    while (at <= text.size()) {
      const size_t space = code ? std::string::npos : text.find(' ', at);
      const size_t end = space == std::string::npos ? text.size() : space;
      if (end > at) {
        if (pending_space && !words.back().pieces.empty()) {
          words.emplace_back();
          words.back().space_before = true;
        }
        pending_space = false;
        Piece piece{text.substr(at, end - at), font, run.style, run.link.empty() ? nullptr : &run.link, 0.0f};
        piece.width = font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, piece.text.c_str()).x;
        if (run.style & kRunCode) piece.width += 2.0f * CodePad(font);  // room for its box
        words.back().width += piece.width;
        words.back().pieces.push_back(std::move(piece));
      }
      if (space == std::string::npos) break;
      pending_space = true;
      at = space + 1;
    }
  }
  return words;
}

void FollowLink(AppState& state, const std::string& target) {
  if (target.rfind("#lesson=", 0) == 0) {
    std::string id = target.substr(8);
    id = id.substr(0, id.find('&'));
    const int lesson = FindLesson(state, id);
    if (lesson >= 0) state.pending_lesson = lesson;
  } else if (target == "#notation") {
    state.notation_open = true;
  } else if (target.rfind("https://", 0) == 0 && state.platform.open_url != nullptr) {
    state.platform.open_url(target);
  }
}

// Lays out runs from the cursor, `width` wide, and moves the cursor below them.
void DrawRuns(AppState& state, const std::vector<TextRun>& runs, const ContentVars& vars, ImFont* base, float width) {
  if (runs.empty()) return;
  base = base != nullptr ? base : ImGui::GetFont();
  std::vector<Word> words = CutWords(runs, vars, base);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float line_height = base->FontSize + ImGui::GetStyle().ItemSpacing.y * 0.5f;
  const float space = base->CalcTextSizeA(base->FontSize, 1e9f, 0.0f, " ").x;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  const bool dark = state.dark_theme;
  const ImU32 text_color = ImGui::GetColorU32(ImGuiCol_Text);
  float x = 0.0f, y = 0.0f;
  bool line_empty = true;
  int link_index = 0;
  const std::string* last_link = nullptr;  // the link the previous word ended in
  for (const Word& word : words) {
    if (word.pieces.empty()) {
      if (word.line_break_before) { x = 0.0f; y += line_height; line_empty = true; }
      continue;
    }
    const float gap = word.space_before && !line_empty ? space : 0.0f;
    if (word.line_break_before || (!line_empty && x + gap + word.width > width)) {
      x = 0.0f;
      y += line_height;
      line_empty = true;
    } else {
      // One underline through the space between two words of one link.
      const Piece& first = word.pieces.front();
      if (gap > 0.0f && first.link != nullptr && first.link == last_link) {
        const float under = origin.y + y + first.font->FontSize;
        draw->AddLine(ImVec2(origin.x + x, under), ImVec2(origin.x + x + gap, under), LinkColor(dark), 1.0f);
      }
      x += gap;
    }
    last_link = word.pieces.back().link;
    for (const Piece& piece : word.pieces) {
      const ImVec2 at(origin.x + x, origin.y + y + (base->FontSize - piece.font->FontSize) * 0.8f);
      ImU32 color = piece.link ? LinkColor(dark) : text_color;
      ImVec2 text_at = at;
      if (piece.style & kRunCode) {
        draw->AddRectFilled(ImVec2(at.x + 1, at.y), ImVec2(at.x + piece.width - 1, at.y + piece.font->FontSize),
                            CodeBackground(dark), 2.0f);
        text_at.x += CodePad(piece.font);
      }
      if (piece.link) {
        // An item per piece of a link: clickable, reachable by keyboard navigation, with a tooltip
        // that says where it goes.
        ImGui::SetCursorScreenPos(at);
        ImGui::PushID(link_index++);
        if (ImGui::InvisibleButton("link", ImVec2(std::max(piece.width, 1.0f), piece.font->FontSize))) {
          FollowLink(state, *piece.link);
        }
        if (ImGui::IsItemHovered()) {
          ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
          const std::string& target = *piece.link;
          ImGui::SetTooltip("%s", target.rfind("#lesson=", 0) == 0 ? "Opens this lesson"
                                  : target == "#notation"           ? "Opens the notation card"
                                                                    : ("Opens " + target + " in a new tab").c_str());
        }
        ImGui::PopID();
        draw->AddLine(ImVec2(at.x, at.y + piece.font->FontSize), ImVec2(at.x + piece.width, at.y + piece.font->FontSize),
                      color, 1.0f);
      }
      draw->AddText(piece.font, piece.font->FontSize, text_at, color, piece.text.c_str());
      x += piece.width;
    }
    line_empty = false;
  }
  ImGui::SetCursorScreenPos(origin);
  ImGui::Dummy(ImVec2(width, y + base->FontSize));
}

void DrawBlocks(AppState& state, const std::vector<ContentBlock>& blocks, const ContentVars& vars, float width);

void DrawList(AppState& state, const ContentBlock& list, const ContentVars& vars, float width) {
  const float indent = ImGui::GetFontSize() * 1.3f;
  int number = list.level;
  for (const ContentBlock& item : list.children) {
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const std::string marker = list.kind == ContentBlock::kNumberedList ? std::to_string(number++) + "." : "•";
    ImGui::GetWindowDrawList()->AddText(start, ImGui::GetColorU32(ImGuiCol_Text), marker.c_str());
    ImGui::Indent(indent);
    DrawRuns(state, item.runs, vars, nullptr, width - indent);
    DrawBlocks(state, item.children, vars, width - indent);
    ImGui::Unindent(indent);
  }
}

void DrawTable(AppState& state, const ContentBlock& table, const ContentVars& vars) {
  int columns = 0;
  for (const ContentBlock& row : table.children) columns = std::max(columns, static_cast<int>(row.children.size()));
  if (columns == 0) return;
  ImGui::PushID(&table);
  if (ImGui::BeginTable("table", columns, ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    for (const ContentBlock& row : table.children) {
      ImGui::TableNextRow(row.header_cell ? ImGuiTableRowFlags_Headers : 0);
      for (const ContentBlock& cell : row.children) {
        ImGui::TableNextColumn();
        DrawRuns(state, cell.runs, vars, row.header_cell ? Fonts().bold : nullptr, ImGui::GetContentRegionAvail().x);
      }
    }
    ImGui::EndTable();
  }
  ImGui::PopID();
}

// A block quote is a note box: a tinted background with a bar on its left, behind its blocks.
void DrawNote(AppState& state, const ContentBlock& quote, const ContentVars& vars, float width) {
  const float pad = ImGui::GetFontSize() * 0.5f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->ChannelsSplit(2);
  draw->ChannelsSetCurrent(1);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  ImGui::Dummy(ImVec2(0, pad * 0.5f));
  ImGui::Indent(pad * 1.5f);
  DrawBlocks(state, quote.children, vars, width - pad * 2.5f);
  ImGui::Unindent(pad * 1.5f);
  const float end_y = ImGui::GetCursorScreenPos().y;
  draw->ChannelsSetCurrent(0);
  draw->AddRectFilled(start, ImVec2(start.x + width, end_y), NoteBackground(state.dark_theme), 3.0f);
  draw->AddRectFilled(start, ImVec2(start.x + pad * 0.4f, end_y), NoteBar(state.dark_theme));
  draw->ChannelsMerge();
  ImGui::Dummy(ImVec2(0, pad * 0.25f));
}

void DrawBlocks(AppState& state, const std::vector<ContentBlock>& blocks, const ContentVars& vars, float width) {
  for (size_t i = 0; i < blocks.size(); ++i) {
    const ContentBlock& block = blocks[i];
    if (i > 0) ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.25f));
    switch (block.kind) {
      case ContentBlock::kHeading:
        DrawRuns(state, block.runs, vars, block.level <= 2 ? Fonts().heading : Fonts().bold, width);
        break;
      case ContentBlock::kBulletList:
      case ContentBlock::kNumberedList: DrawList(state, block, vars, width); break;
      case ContentBlock::kQuote: DrawNote(state, block, vars, width); break;
      case ContentBlock::kTable: DrawTable(state, block, vars); break;
      case ContentBlock::kRule: ImGui::Separator(); break;
      case ContentBlock::kCode: {
        std::string code;
        for (const TextRun& run : block.runs) code += run.text;
        ImGui::PushFont(Fonts().mono ? Fonts().mono : ImGui::GetFont());
        ImGui::TextUnformatted(FillPlaceholders(code, vars).c_str());
        ImGui::PopFont();
        break;
      }
      default:
        DrawRuns(state, block.runs, vars, nullptr, width);
        DrawBlocks(state, block.children, vars, width);
        break;
    }
  }
}

}  // namespace

void DrawContentPart(AppState& state, const ContentPart& part, const ContentVars& vars, bool show_heading) {
  const float width = ImGui::GetContentRegionAvail().x;
  ImGui::PushID(&part);
  if (show_heading && !part.heading.empty()) {
    ImGui::Dummy(ImVec2(0, ImGui::GetFontSize() * 0.4f));
    std::vector<TextRun> heading(1);
    heading[0].text = part.heading;
    DrawRuns(state, heading, vars, part.level <= 2 ? Fonts().heading : Fonts().bold, width);
  }
  DrawBlocks(state, part.blocks, vars, width);
  ImGui::PopID();
}

void Say(AppState& state, const std::string& key, const ContentVars& vars) {
  // A scenario whose text replaces the lesson's: the lesson's own parts are not drawn.
  if (state.scenario.replace && ScenarioShown(state) && key.rfind(state.scenario.lesson + "#", 0) == 0) return;
  const ContentPart* part = Content().Part(state.language, key);
  if (part == nullptr) {
    WarningText(state, "⚠ The text \"" + key + "\" is missing from the lesson files.");
    state.text_drawing.emplace_back(key, "(missing)");
    return;
  }
  state.text_drawing.emplace_back(key, PlainText(*part, vars));
  DrawContentPart(state, *part, vars, true);
}

}  // namespace bp
