// The colours that carry meaning, shared by every widget, for the dark and the light theme.
// Signs and classes use the Okabe–Ito colour-blind-safe set, and every meaning colour also has a
// second cue where it is drawn (dashes for negative weights, words for NaN/∞, rings for the
// current step). Non-finite values get a named "invalid" colour: nothing here is computed from a value.
#pragma once

#include "imgui.h"

namespace bp {

struct Palette {
  ImU32 positive;        // positive weights (blue)
  ImU32 negative;        // negative weights (vermilion/orange), always drawn dashed too
  ImU32 invalid;         // NaN or ∞: a fixed colour, the value is written out in words
  ImU32 highlight;       // the current station (ring, row)
  ImU32 highlight_glow;  // soft halo behind the current station
  ImU32 changed;         // values that the current station just produced
  ImU32 neuron_fill;     // neutral neuron and input fill
  ImU32 neuron_outline;
  ImU32 text;        // text drawn on the canvas
  ImU32 muted_text;  // secondary text (names, not-yet values)
  ImU32 label_background;
  ImU32 label_border;
  ImU32 hover;     // the subtle outline of the element under the mouse
  ImU32 selected;  // the outline of the clicked element
};

const Palette& ThemePalette(bool dark);

// Positive or negative weight colour, or the invalid colour for NaN/∞ (decided by the sign only).
ImU32 SignColor(double value, bool dark);

// Okabe–Ito class colours; class k wraps around after ClassColorCount() classes.
constexpr int ClassColorCount() { return 7; }
ImU32 ClassColor(int k, bool dark);

// The same colour with another alpha (0..1), for halos and backgrounds.
ImU32 WithAlpha(ImU32 color, float alpha);

// A line's thickness rounded to whole pixels (at least 1). ImGui draws a line of whole-pixel
// thickness with its baked line texture, 2 triangles per segment; any other thickness takes 6.
// Software WebGL (SwiftShader) pays per triangle, so lines drawn every frame in numbers (the
// connections, dashes, curves) use this.
float LineWidth(float pixels);

}  // namespace bp
