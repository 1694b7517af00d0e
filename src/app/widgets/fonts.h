// The fonts the app draws with: DejaVu Sans, Sans Bold, Sans Oblique and Sans Mono, embedded in the
// binary.
#pragma once

struct ImFont;

namespace bp {

struct AppFonts {
  ImFont* text = nullptr;
  ImFont* heading = nullptr;
  ImFont* mono = nullptr;
  ImFont* bold = nullptr;    // the text's size: **strong** in lesson text
  ImFont* italic = nullptr;  // the text's size: *emphasis* in lesson text
};
// The fonts as last built by BuildFonts.
const AppFonts& Fonts();

// Builds the font atlas (Latin, Greek and math glyphs) at `scale` times the base size. The caller
// re-uploads the atlas texture afterwards.
void BuildFonts(float scale);
// Base text size in pixels before scaling.
constexpr float kBaseFontSize = 16.0f;

}  // namespace bp
