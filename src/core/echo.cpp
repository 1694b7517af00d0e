// Quoting a user's text in a message (see echo.h).
#include "core/echo.h"

namespace bp {

namespace {
constexpr size_t kEchoLength = 40;
}  // namespace

std::string Echo(const std::string& value) {
  std::string out;
  size_t i = 0;
  while (i < value.size()) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool valid = length > 0 && i + length <= value.size();
    for (size_t k = 1; valid && k < length; ++k) {
      valid = (static_cast<unsigned char>(value[i + k]) & 0xC0) == 0x80;
    }
    if (!valid) length = 1;
    if (out.size() + length > kEchoLength) {
      out += "...";
      break;
    }
    if (!valid || c < 0x20 || c == 0x7F)
      out += '?';
    else
      out.append(value, i, length);
    i += length;
  }
  return "\"" + out + "\"";
}

}  // namespace bp
