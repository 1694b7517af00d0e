// Helpers shared by playground.cpp, playground_points.cpp and playground_config.cpp; not part of
// the public API (playground.h): numbers written into the learner's messages (FormatNumber exactly,
// FormatG short), reading a setting's text with the ranges it accepts (playground_text.cpp), and
// measuring the metrics again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/echo.h"
#include "core/result.h"

namespace bp::playground_detail {

// The shortest "%.Ng" that reads back as exactly x ("0.03", not "0.029999999999999999"), with
// enough digits to write numbers up to 1e17 without an exponent ("200", not "2e+02"), and without
// the '+' of an exponent (a '+' in a URL query means a space).
std::string FormatNumber(double x);
// "%g": six significant digits, for numbers quoted in a sentence.
std::string FormatG(double x);

using bp::Echo;  // core/echo.h
std::string Trim(const std::string& text);
// "4,,4" -> {"4", "", "4"}; "" -> {}. Items are trimmed of spaces.
std::vector<std::string> SplitList(const std::string& text);
// A decimal number: digits, sign, point and exponent only (no inf, nan or hex), finite.
// -0 reads as 0.
std::optional<double> ParseDecimal(const std::string& text);

// A whole number written with digits and an optional sign. Values beyond 2^63 saturate (they are
// out of every range anyway). Returns the value with its sign kept apart, so "-0" is 0.
struct WholeNumber {
  bool negative = false;
  uint64_t magnitude = 0;
};
std::optional<WholeNumber> ParseWhole(const std::string& text);

struct NumberRange {
  double lo, hi;
  bool lo_open, hi_open;  // true: the end itself is not allowed
};
struct WholeRange {
  uint64_t lo, hi;
};
bool InRange(double x, const NumberRange& r);
bool InRange(uint64_t x, const WholeRange& r);
// "a number from 0 to 1", "a whole number from 1 to 16", ...
std::string Describe(const NumberRange& r);
std::string Describe(const WholeRange& r);

// The one sentence of every refusal: the key, what it takes, what it got.
Status Refuse(const std::string& key, const std::string& expected, const std::string& value);

// Reads `value` into *out when it is a number (a whole number) in `range`; else the refusal.
template <typename T>
Status SetNumber(const std::string& key, const std::string& value, const NumberRange& range, T* out) {
  const std::optional<double> x = ParseDecimal(value);
  if (!x || !InRange(*x, range)) return Refuse(key, Describe(range), value);
  *out = *x;
  return Status::Ok();
}
template <typename T>
Status SetWhole(const std::string& key, const std::string& value, const WholeRange& range, T* out) {
  const std::optional<WholeNumber> x = ParseWhole(value);
  if (!x || x->negative || !InRange(x->magnitude, range)) return Refuse(key, Describe(range), value);
  *out = static_cast<T>(x->magnitude);
  return Status::Ok();
}

// For ValidatePlaygroundConfig: the same ranges, about a value already in the config.
Status CheckNumber(const char* key, double x, const NumberRange& range);
Status CheckWhole(const char* key, int64_t x, const WholeRange& range);

}  // namespace bp::playground_detail

namespace bp {
struct Playground;
namespace playground_detail {
// playground.cpp: the current network's train and test metrics, measured again after training or
// a point edit (playground_points.cpp).
void MeasureMetrics(Playground* p);
}  // namespace playground_detail
}  // namespace bp
