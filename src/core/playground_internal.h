// Helpers shared by playground.cpp and playground_config.cpp; not part of the public API (playground.h).
// Both write numbers into the learner's messages: FormatNumber exactly, FormatG short.
#pragma once

#include <string>

namespace bp::playground_detail {

// The shortest "%.Ng" that reads back as exactly x ("0.03", not "0.029999999999999999"), with
// enough digits to write numbers up to 1e17 without an exponent ("200", not "2e+02"), and without
// the '+' of an exponent (a '+' in a URL query means a space).
std::string FormatNumber(double x);
// "%g": six significant digits, for numbers quoted in a sentence.
std::string FormatG(double x);

}  // namespace bp::playground_detail
