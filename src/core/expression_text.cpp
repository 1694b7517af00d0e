// Text helpers of the expression parser and its report (expression_text.h).
#include "core/expression_text.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace bp::expression_text {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsNameChar(char c) { return IsNameStart(c) || IsDigit(c); }
std::string Number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "∞" : "−∞";
  char buffer[40];
  // Plain digits for everyday sizes ("800", not "8e+02"), an exponent beyond them.
  const bool everyday = std::fabs(value) >= 1e-4 && std::fabs(value) < 1e16;
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, value);
    const bool exponent = std::string(buffer).find('e') != std::string::npos;
    if (std::strtod(buffer, nullptr) == value && !(everyday && exponent)) break;
  }
  std::string text = buffer;
  const size_t e = text.find('e');  // "1e+300" -> "1e300", "1e-05" -> "1e-5"
  if (e != std::string::npos) text = text.substr(0, e + 1) + std::to_string(std::atoi(text.c_str() + e + 1));
  return text[0] == '-' ? "−" + text.substr(1) : text;
}

std::string ExponentText(double p) {
  if (p != std::floor(p) || std::fabs(p) > 99) return "^" + Number(p);
  static const char* const kDigits[] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  const int whole = static_cast<int>(std::fabs(p));
  std::string text = p < 0 ? "⁻" : "";
  if (whole >= 10) text += kDigits[whole / 10];
  return text + kDigits[whole % 10];
}

std::string FunctionSymbol(Activation activation) {
  switch (activation) {
    case Activation::kSigmoid: return "σ";
    case Activation::kRelu: return "ReLU";
    default: return ActivationName(activation);
  }
}

bool Plain(std::string label) {
  for (size_t at = label.find("′"); at != std::string::npos; at = label.find("′")) label.erase(at, 3);
  for (char c : label) {
    if (!IsNameChar(c) && c != '.') return false;
  }
  return !label.empty();
}

}  // namespace bp::expression_text
