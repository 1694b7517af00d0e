// Small widgets shared by lessons: wrapped text, button rows that wrap, typed number fields with
// validation. The stepper's own widgets are in app/stepper/stepper_widgets.h.
#pragma once

#include <string>

#include "app/session/app_state.h"

namespace bp {

// Wrapped text that breaks lines only at spaces (ImGui's own wrapping also breaks after '.', which
// splits numbers like 0.75136507 across lines).
void WrappedText(const std::string& text);

// A warning or refusal: wrapped text in the theme's "invalid" colour (the text starts with ✗ or ⚠,
// so the colour is never the only cue).
void WarningText(const AppState& state, const std::string& text);

// The width of a button labelled `label` (its text and frame padding).
float ButtonWidth(const char* label);
// Puts the next item, `width` wide, on the current line when it fits before the window's right
// edge, and on the next line otherwise: a row of buttons wraps instead of running off the window.
void SameLineIfFits(float width);

// A number the learner can type. The value is committed on Enter or when the field loses focus;
// text that is not a finite number in [min, max] is refused: the value stays, and
// state.field_error says why. Returns true when a new value was committed.
bool NumberField(AppState& state, const std::string& id, double* value, double min, double max, float width);

// A centred modal overlay (the keyboard shortcuts, the notation card), `width_em` font heights wide
// at most and never wider or taller than 92 % of the screen (it scrolls then). Opens it while
// `wanted`; returns true when it is shown (then end it with ImGui::EndPopup). `*open` turns false
// when its × is pressed.
bool BeginOverlay(const char* title, bool wanted, float width_em, bool* open);

}  // namespace bp
