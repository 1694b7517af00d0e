// Text helpers shared by the expression parser (expression.cpp) and its report of non-finite values
// (expression_report.cpp): characters of names, the numbers and exponents of the display labels.
#pragma once

#include <string>

#include "core/activation.h"

namespace bp::expression_text {

bool IsDigit(char c);
bool IsNameStart(char c);  // an ASCII letter or '_'
bool IsNameChar(char c);   // a name's later characters: letters, digits, '_'
// The shortest decimal that reads back as `value`, with "−" (U+2212) for a minus sign; "NaN", "∞".
std::string Number(double value);
// "³", "⁻¹" for small whole exponents, "^0.5" for the others.
std::string ExponentText(double p);
// "σ", "ReLU", "tanh": an activation as a formula writes it.
std::string FunctionSymbol(Activation activation);
// A name, a number or "n7": nothing in it needs parentheses around it in a formula.
bool Plain(std::string label);

}  // namespace bp::expression_text
