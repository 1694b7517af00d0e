// The meaning colours (see palette.h). Okabe & Ito, "Color Universal Design" (2008): blue #0072B2,
// sky blue #56B4E9, vermilion #D55E00, orange #E69F00, bluish green #009E73, yellow #F0E442,
// reddish purple #CC79A7. The dark theme uses lighter tints of the same hues for contrast.
#include "app/widgets/palette.h"

#include <cmath>

namespace bp {

namespace {
constexpr ImU32 Rgb(unsigned hex, unsigned alpha = 255) {
  return IM_COL32((hex >> 16) & 0xFF, (hex >> 8) & 0xFF, hex & 0xFF, alpha);
}

const Palette kDark = {
    Rgb(0x4FA3E8),       // positive: sky-blue tint of Okabe–Ito blue
    Rgb(0xE8792B),       // negative: between vermilion and orange
    Rgb(0xD98CC0),       // invalid: reddish purple
    Rgb(0xF0E442),       // highlight: yellow
    Rgb(0xF0E442, 70),   // highlight glow
    Rgb(0x3CCB9A),       // changed: bluish green tint
    Rgb(0x2A2F3A),       // neuron fill
    Rgb(0x9AA4B5),       // neuron outline
    Rgb(0xE8EAED),       // text
    Rgb(0x98A1B0),       // muted text
    Rgb(0x1B1E25, 235),  // label background
    Rgb(0x4A5160),       // label border
    Rgb(0xFFFFFF, 120),  // hover outline
    Rgb(0xFFFFFF, 230),  // selected outline
};

const Palette kLight = {
    Rgb(0x0072B2),       // positive: Okabe–Ito blue
    Rgb(0xD55E00),       // negative: vermilion
    Rgb(0xA8438A),       // invalid: darker reddish purple
    Rgb(0x8A6D00),       // highlight: dark gold ring (yellow alone vanishes on white)
    Rgb(0xF0E442, 150),  // highlight glow: yellow
    Rgb(0x00805C),       // changed: darker bluish green
    Rgb(0xF3F4F6),       // neuron fill
    Rgb(0x5B6270),       // neuron outline
    Rgb(0x15171C),       // text
    Rgb(0x5E6573),       // muted text
    Rgb(0xFFFFFF, 240),  // label background
    Rgb(0xB8BEC8),       // label border
    Rgb(0x000000, 110),  // hover outline
    Rgb(0x000000, 220),  // selected outline
};

const ImU32 kClassDark[ClassColorCount()] = {Rgb(0x56B4E9), Rgb(0xE69F00), Rgb(0x2FC48F), Rgb(0xD98CC0),
                                             Rgb(0xF0E442), Rgb(0xE8792B), Rgb(0x8FB8DE)};
const ImU32 kClassLight[ClassColorCount()] = {Rgb(0x0072B2), Rgb(0xE69F00), Rgb(0x009E73), Rgb(0xCC79A7),
                                              Rgb(0xC9B800), Rgb(0xD55E00), Rgb(0x56B4E9)};
}  // namespace

const Palette& ThemePalette(bool dark) { return dark ? kDark : kLight; }

ImU32 SignColor(double value, bool dark) {
  const Palette& palette = ThemePalette(dark);
  if (!std::isfinite(value)) return palette.invalid;
  return value < 0 ? palette.negative : palette.positive;
}

ImU32 ClassColor(int k, bool dark) {
  int index = ((k % ClassColorCount()) + ClassColorCount()) % ClassColorCount();
  return dark ? kClassDark[index] : kClassLight[index];
}

float LineWidth(float pixels) { return pixels > 1.0f ? std::round(pixels) : 1.0f; }

ImU32 WithAlpha(ImU32 color, float alpha) {
  ImU32 a = static_cast<ImU32>(alpha < 0 ? 0 : alpha > 1 ? 255 : alpha * 255.0f + 0.5f);
  return (color & ~IM_COL32_A_MASK) | (a << IM_COL32_A_SHIFT);
}

}  // namespace bp
