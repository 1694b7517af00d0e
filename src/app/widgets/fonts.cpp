// The app's fonts, embedded in the binary (generated from Debian's DejaVu fonts at build time).
#include "app/widgets/fonts.h"

#include <cstddef>

#include "app/session/embedded.h"
#include "app/widgets/marker_sprites.h"
#include "imgui.h"

BP_EMBEDDED_FILE(kFontDejaVuSans);
BP_EMBEDDED_FILE(kFontDejaVuSansBold);
BP_EMBEDDED_FILE(kFontDejaVuSansMono);
BP_EMBEDDED_FILE(kFontDejaVuSansOblique);

namespace bp {

namespace {
AppFonts g_fonts;  // handles into ImGui's atlas (not model data)

// Latin, Latin-1 and Extended-A (ŷ is U+0177), modifier letters (ˡ), phonetic extensions (ᵢ ᵀ),
// ⱼ (U+2C7C), combining marks, Greek (θ σ ∂ η δ Σ), general
// punctuation (· – …), super/subscripts (⁽¹⁾ ₁ ₂), letterlike symbols, arrows (→ ←), math
// operators (∂ Σ √ ∞ ≈ ≤), technical symbols, geometric shapes (● ■ ▲), warning sign (⚠), check
// marks (✓ ✗).
const ImWchar kGlyphRanges[] = {
    0x0020, 0x017F, 0x02B0, 0x02FF, 0x0300, 0x036F, 0x0370, 0x03FF, 0x1D00, 0x1DBF, 0x2000, 0x206F, 0x2070, 0x209F,
    0x2100, 0x214F, 0x2190, 0x21FF, 0x2200, 0x22FF, 0x2300, 0x23FF, 0x25A0, 0x25FF, 0x26A0, 0x26A0, 0x2713, 0x2717,
    0x2C7C, 0x2C7C, 0,
};

ImFont* AddEmbeddedFont(const unsigned char* data, std::size_t size, float pixels) {
  ImFontConfig config;
  // The atlas must not free our static bytes.
  config.FontDataOwnedByAtlas = false;
  config.OversampleH = 2;
  config.OversampleV = 1;
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(data), static_cast<int>(size), pixels,
                                                    &config, kGlyphRanges);
}
}  // namespace

const AppFonts& Fonts() { return g_fonts; }

void BuildFonts(float scale) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  g_fonts.text = AddEmbeddedFont(kFontDejaVuSans, kFontDejaVuSansSize, kBaseFontSize * scale);
  g_fonts.heading = AddEmbeddedFont(kFontDejaVuSansBold, kFontDejaVuSansBoldSize, kBaseFontSize * 1.35f * scale);
  g_fonts.mono = AddEmbeddedFont(kFontDejaVuSansMono, kFontDejaVuSansMonoSize, kBaseFontSize * scale);
  g_fonts.bold = AddEmbeddedFont(kFontDejaVuSansBold, kFontDejaVuSansBoldSize, kBaseFontSize * scale);
  g_fonts.italic = AddEmbeddedFont(kFontDejaVuSansOblique, kFontDejaVuSansObliqueSize, kBaseFontSize * scale);
  ReserveMarkerSprites(atlas, scale);
  atlas->Build();
  PaintMarkerSprites(atlas);
}

}  // namespace bp
