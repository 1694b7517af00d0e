// Number and symbol formatting (see format.h).
#include "app/session/format.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
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

std::string Factor(double value, int precision) {
  std::string text = Num(value, precision);
  return value < 0 ? "(" + text + ")" : text;
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

std::string Printable(const std::string& text, size_t max_bytes) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (out.size() >= max_bytes) {
      // Cut at the start of a character, never inside one (UTF-8 continuation bytes are 10xxxxxx).
      while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
      if (!out.empty() && (static_cast<unsigned char>(out.back()) & 0x80)) out.pop_back();
      return out + "…";
    }
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7F) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

namespace {
// A decimal number as a person types it: an optional sign, digits with an optional decimal point,
// and an optional exponent ("0.5", "-3", ".25", "1e-3", "2.5E+4"). Not hexadecimal, not "inf" or
// "nan", nothing after the number.
bool IsDecimalNumber(const std::string& text) {
  size_t i = 0;
  auto digits = [&]() {
    const size_t start = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
    return i - start;
  };
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
  size_t mantissa = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  return i == text.size();
}
}  // namespace

Result<double> ParseUserNumber(const std::string& text, const std::string& what, double min, double max) {
  size_t begin = text.find_first_not_of(" \t");
  size_t end = text.find_last_not_of(" \t");
  if (begin == std::string::npos) return Result<double>::Error(what + ": the field is empty; type a number");
  std::string trimmed = text.substr(begin, end - begin + 1);
  const std::string shown = Printable(trimmed);
  std::string word = trimmed.substr(trimmed[0] == '+' || trimmed[0] == '-' ? 1 : 0);
  std::transform(word.begin(), word.end(), word.begin(), [](unsigned char c) { return std::tolower(c); });
  const bool infinite_or_nan = word == "inf" || word == "infinity" || word == "nan";
  if (!IsDecimalNumber(trimmed)) {
    return Result<double>::Error(what + ": '" + shown +
                                 (infinite_or_nan ? "' is not a finite number" : "' is not a number"));
  }
  errno = 0;
  const double value = std::strtod(trimmed.c_str(), nullptr);
  if (!std::isfinite(value)) return Result<double>::Error(what + ": '" + shown + "' is not a finite number");
  // strtod reports ERANGE for a denormal too (finite, kept as it is); a number that became 0 is
  // refused, since the learner would get 0 instead of what they typed.
  if (errno == ERANGE && value == 0.0) {
    return Result<double>::Error(what + ": '" + shown + "' is too small: numbers nearer to 0 than 4.9e-324 become 0");
  }
  if (value < min || value > max) {
    return Result<double>::Error(what + ": " + shown + " is outside the allowed range " + Num(min, 6) + " to " +
                                 Num(max, 6));
  }
  return Result<double>::Ok(value);
}

}  // namespace bp
