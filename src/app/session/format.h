// Number and symbol formatting shared by every widget: the display precision applies everywhere,
// non-finite values are written as words (never drawn as colours or widths), and indices become
// the sub- and superscripts of the formulas (z₁⁽¹⁾).
#pragma once

#include <string>

#include "core/result.h"

namespace bp {

// `value` with `precision` significant digits (clamped to 1..17); "NaN", "∞", "−∞" for non-finite.
std::string Num(double value, int precision);
// Num as a factor or a term of a formula: a negative number in parentheses, "(−0.5)".
std::string Factor(double value, int precision);
// The shortest decimal that reads back as exactly `value` (0.1 → "0.1", not "0.10000000000000001"):
// what an editable field shows, so editing never changes a value by accident.
std::string ExactNum(double value);
// Subscript digits of n (n >= 0): 12 -> "₁₂".
std::string Sub(int n);
// Superscript "⁽n⁾" for layer numbers: 1 -> "⁽¹⁾".
std::string LayerSup(int n);

// Text from a learner, a link or a file as it may be echoed in a sentence: control bytes (NUL
// included) written as \xNN, and cut at a character's start after max_bytes bytes, with "…".
std::string Printable(const std::string& text, size_t max_bytes = 40);
// The longest sentence the app gives back (an error answer, a field's message): longer ones are cut.
constexpr size_t kMaxMessageBytes = 600;

// A number typed by the learner (a field, the API, a URL): a decimal within [min, max], written as
// a person types it (an optional sign, digits with an optional point, an optional exponent; not
// hexadecimal, nothing after it). Denormals such as 1e-310 are kept; text that would become 0
// (1e-400) or infinite (1e400), empty text, words, NaN and infinities are refused with a sentence
// naming `what` and quoting the text (Printable).
Result<double> ParseUserNumber(const std::string& text, const std::string& what, double min, double max);

}  // namespace bp
