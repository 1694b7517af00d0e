// Number and symbol formatting (see format.h).
#include "app/session/format.h"

#include <algorithm>
#include <cmath>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace bp {

std::string Num(double value, int precision) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "∞" : "−∞";
  // −0 (which the core can produce, e.g. 0 · −1) reads as plain 0.
  if (value == 0.0) value = 0.0;
  char text[64];
  std::snprintf(text, sizeof text, "%.*g", std::clamp(precision, 1, 17), value);
  // A true minus sign reads better next to the formulas' other operators.
  std::string result = text;
  if (!result.empty() && result[0] == '-') result = "−" + result.substr(1);
  return result;
}

std::string ExactNum(double value) {
  if (!std::isfinite(value)) return Num(value, 6);
  char text[64];
  // Plain decimals for everyday magnitudes: "10", not "1e+01".
  const bool everyday = std::fabs(value) >= 1e-4 && std::fabs(value) < 1e15;
  for (int digits = 1; digits <= 17; ++digits) {
    std::snprintf(text, sizeof text, "%.*g", digits, value);
    bool exponent = std::strchr(text, 'e') != nullptr;
    if (std::strtod(text, nullptr) == value && !(everyday && exponent)) break;
  }
  return text;
}

namespace {
std::string Digits(int n, const char* const digits[10]) {
  std::string result;
  std::string plain = std::to_string(n < 0 ? -n : n);
  for (char c : plain) result += digits[c - '0'];
  return result;
}
}  // namespace

std::string Sub(int n) {
  static const char* const kSub[10] = {"₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"};
  return Digits(n, kSub);
}

std::string LayerSup(int n) {
  static const char* const kSup[10] = {"⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"};
  return "⁽" + Digits(n, kSup) + "⁾";
}

Result<double> ParseUserNumber(const std::string& text, const std::string& what, double min, double max) {
  size_t begin = text.find_first_not_of(" \t");
  size_t end = text.find_last_not_of(" \t");
  if (begin == std::string::npos) return Result<double>::Error(what + ": the field is empty; type a number");
  std::string trimmed = text.substr(begin, end - begin + 1);
  const char* start = trimmed.c_str();
  char* stop = nullptr;
  errno = 0;
  double value = std::strtod(start, &stop);
  if (stop == start || *stop != '\0') {
    return Result<double>::Error(what + ": '" + trimmed + "' is not a number");
  }
  if (!std::isfinite(value) || errno == ERANGE) {
    return Result<double>::Error(what + ": '" + trimmed + "' is not a finite number");
  }
  if (value < min || value > max) {
    return Result<double>::Error(what + ": " + trimmed + " is outside the allowed range " + Num(min, 6) + " to " +
                                 Num(max, 6));
  }
  return Result<double>::Ok(value);
}

}  // namespace bp
