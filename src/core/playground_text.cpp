// Reading the playground's settings from text and writing numbers back (playground_internal.h):
// values quoted in messages, lists, decimal and whole numbers, the ranges they must be in and the
// sentences that refuse them. Shared by playground_config.cpp and playground.cpp.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/playground_internal.h"

namespace bp::playground_detail {

std::string Trim(const std::string& text) {
  const size_t first = text.find_first_not_of(' ');
  if (first == std::string::npos) return std::string();
  const size_t last = text.find_last_not_of(' ');
  return text.substr(first, last - first + 1);
}

std::vector<std::string> SplitList(const std::string& text) {
  std::vector<std::string> items;
  if (Trim(text).empty()) return items;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    items.push_back(Trim(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start)));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return items;
}

std::optional<double> ParseDecimal(const std::string& text) {
  if (text.empty()) return std::nullopt;
  for (char c : text) {
    const bool allowed = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.' || c == 'e' || c == 'E';
    if (!allowed) return std::nullopt;
  }
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value)) return std::nullopt;
  return value + 0.0;
}

std::optional<WholeNumber> ParseWhole(const std::string& text) {
  WholeNumber number;
  size_t i = 0;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) number.negative = text[i++] == '-';
  if (i == text.size()) return std::nullopt;
  constexpr uint64_t kSaturated = uint64_t{1} << 63;
  for (; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(text[i] - '0');
    number.magnitude = number.magnitude >= kSaturated / 10 ? kSaturated : number.magnitude * 10 + digit;
  }
  if (number.magnitude == 0) number.negative = false;
  return number;
}

bool InRange(double x, const NumberRange& r) {
  if (!std::isfinite(x)) return false;
  const bool above = r.lo_open ? x > r.lo : x >= r.lo;
  const bool below = r.hi_open ? x < r.hi : x <= r.hi;
  return above && below;
}

std::string Describe(const NumberRange& r) {
  const std::string lo = FormatG(r.lo), hi = FormatG(r.hi);
  if (!r.lo_open && !r.hi_open) return "a number from " + lo + " to " + hi;
  if (r.lo_open && !r.hi_open) return "a number above " + lo + " and at most " + hi;
  if (!r.lo_open && r.hi_open) return "a number from " + lo + " up to (not including) " + hi;
  return "a number between " + lo + " and " + hi + " (both excluded)";
}

bool InRange(uint64_t x, const WholeRange& r) { return x >= r.lo && x <= r.hi; }
std::string Describe(const WholeRange& r) {
  return "a whole number from " + std::to_string(r.lo) + " to " + std::to_string(r.hi);
}

Status Refuse(const std::string& key, const std::string& expected, const std::string& value) {
  return Status::Error(key + " must be " + expected + ", but got " + Echo(value) + ".");
}

Status CheckNumber(const char* key, double x, const NumberRange& range) {
  if (InRange(x, range)) return Status::Ok();
  return Status::Error(std::string(key) + " must be " + Describe(range) + ", but it is " + FormatNumber(x) + ".");
}
Status CheckWhole(const char* key, int64_t x, const WholeRange& range) {
  if (x >= 0 && InRange(static_cast<uint64_t>(x), range)) return Status::Ok();
  return Status::Error(std::string(key) + " must be " + Describe(range) + ", but it is " + std::to_string(x) + ".");
}

std::string FormatNumber(double x) {
  char buffer[40];
  int precision = 1;
  for (; precision < 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, x);
    if (std::strtod(buffer, nullptr) == x) break;
  }
  // More digits still read back as x: the longer decimal is only nearer to it.
  const double magnitude = std::fabs(x);
  if (magnitude >= 1.0 && magnitude < 1e17) {
    precision = std::max(precision, static_cast<int>(std::floor(std::log10(magnitude))) + 1);
  }
  std::snprintf(buffer, sizeof buffer, "%.*g", precision, x);
  std::string text = buffer;
  text.erase(std::remove(text.begin(), text.end(), '+'), text.end());
  return text;
}

std::string FormatG(double x) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%g", x);
  return buffer;
}

}  // namespace bp::playground_detail
