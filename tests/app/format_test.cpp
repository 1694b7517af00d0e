// Number formatting and parsing (session/format.h): Num with the display precision and words for
// non-finite values, ExactNum reading back bit for bit, sub- and superscripts, and ParseUserNumber's
// accepted and refused texts with their sentences.
#include <doctest/doctest.h>

#include "app_test_support.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include "app/session/format.h"

namespace bp {
namespace {

using test::Bits;

const double kInf = std::numeric_limits<double>::infinity();

TEST_CASE("Num rounds to the display precision and writes words for non-finite values") {
  CHECK(Num(0.1234567, 3) == "0.123");
  CHECK(Num(1234.5678, 6) == "1234.57");
  CHECK(Num(-2.5, 6) == "−2.5");  // a true minus sign (U+2212)
  CHECK(Num(-0.0, 6) == "0");
  CHECK(Num(1e-7, 3) == "1e-07");
  CHECK(Num(std::nan(""), 6) == "NaN");
  CHECK(Num(kInf, 6) == "∞");
  CHECK(Num(-kInf, 6) == "−∞");
  // Precision is held within 1..17.
  CHECK(Num(1.0 / 3.0, 0) == "0.3");
  CHECK(Num(1.0 / 3.0, 40) == "0.33333333333333331");
}

TEST_CASE("ExactNum is the shortest text that reads back to the same bits") {
  CHECK(ExactNum(0.1) == "0.1");
  CHECK(ExactNum(10.0) == "10");
  CHECK(ExactNum(123456.0) == "123456");  // no exponent for everyday magnitudes
  CHECK(ExactNum(0.35891647971788465) == "0.35891647971788465");
  const double values[] = {0.1,
                           1.0 / 3.0,
                           -2.0 / 3.0,
                           1e-5,
                           5e-5,
                           1e15,
                           1e20,
                           -1e300,
                           0.0,
                           -0.0,
                           2.2250738585072014e-308,
                           4.9406564584124654e-324,
                           123456789.125,
                           0.30000000000000004};
  for (double value : values) {
    CAPTURE(value);
    const std::string text = ExactNum(value);
    CHECK(Bits(std::strtod(text.c_str(), nullptr)) == Bits(value));
  }
  CHECK(ExactNum(std::nan("")) == "NaN");
}

TEST_CASE("indices become sub- and superscripts") {
  CHECK(Sub(0) == "₀");
  CHECK(Sub(12) == "₁₂");
  CHECK(LayerSup(1) == "⁽¹⁾");
  CHECK(LayerSup(10) == "⁽¹⁰⁾");
}

TEST_CASE("ParseUserNumber accepts finite decimals within the range") {
  CHECK(ParseUserNumber("1.5", "x", -10, 10).value() == 1.5);
  CHECK(ParseUserNumber("  -3e-1\t", "x", -10, 10).value() == -0.3);
  CHECK(ParseUserNumber("+2", "x", -10, 10).value() == 2.0);
  CHECK(ParseUserNumber(".5", "x", -10, 10).value() == 0.5);
  CHECK(ParseUserNumber("10", "x", -10, 10).value() == 10.0);  // the ends are in range
  CHECK(ParseUserNumber("-10", "x", -10, 10).value() == -10.0);
  CHECK(std::signbit(ParseUserNumber("-0", "x", -10, 10).value()));
}

TEST_CASE("ParseUserNumber refuses with a sentence naming the field") {
  CHECK(ParseUserNumber("", "lr", 0, 1).error() == "lr: the field is empty; type a number");
  CHECK(ParseUserNumber(" \t ", "lr", 0, 1).error() == "lr: the field is empty; type a number");
  CHECK(ParseUserNumber("abc", "lr", 0, 1).error() == "lr: 'abc' is not a number");
  CHECK(ParseUserNumber("0.5x", "lr", 0, 1).error() == "lr: '0.5x' is not a number");
  CHECK(ParseUserNumber("0,5", "lr", 0, 1).error() == "lr: '0,5' is not a number");
  CHECK(ParseUserNumber("1 2", "lr", 0, 1).error() == "lr: '1 2' is not a number");
  CHECK(ParseUserNumber("nan", "lr", 0, 1).error() == "lr: 'nan' is not a finite number");
  CHECK(ParseUserNumber("-inf", "lr", 0, 1).error() == "lr: '-inf' is not a finite number");
  CHECK(ParseUserNumber("1e400", "lr", 0, 1).error() == "lr: '1e400' is not a finite number");
  CHECK(ParseUserNumber("1.5", "lr", 0, 1).error() == "lr: 1.5 is outside the allowed range 0 to 1");
  CHECK(ParseUserNumber("-1001", "w", -1000, 1000).error() == "w: -1001 is outside the allowed range −1000 to 1000");
}

// The C library's strtod reports ERANGE for a denormal result; a tiny but finite number such as
// 1e-310 (which ExactNum writes for a denormal weight) must still be read, bit for bit.
TEST_CASE("ParseUserNumber accepts a denormal, as ExactNum writes it") {
  for (double value : {1e-310, 4.9406564584124654e-324}) {
    CAPTURE(value);
    Result<double> parsed = ParseUserNumber(ExactNum(value), "w", -1000, 1000);
    REQUIRE(parsed.ok());
    CHECK(Bits(parsed.value()) == Bits(value));
  }
}

// Numbers are decimals as a person types them: strtod would also read hexadecimal, text after a
// NUL byte would be cut off by a C string, and a number nearer 0 than the smallest denormal would
// silently become 0.
TEST_CASE("ParseUserNumber refuses hexadecimal, a NUL with more text, and what would become 0") {
  CHECK(ParseUserNumber("0x10", "w", -1000, 1000).error() == "w: '0x10' is not a number");
  CHECK(ParseUserNumber("0x1p-1", "w", -1000, 1000).error() == "w: '0x1p-1' is not a number");
  CHECK(ParseUserNumber(std::string("0.5\0junk", 8), "w", -1000, 1000).error() == "w: '0.5\\x00junk' is not a number");
  CHECK(ParseUserNumber("1e-400", "w", -1000, 1000).error() ==
        "w: '1e-400' is too small: numbers nearer to 0 than 4.9e-324 become 0");
  CHECK(ParseUserNumber("+.5e1", "w", -1000, 1000).value() == 5.0);
  CHECK(ParseUserNumber("-3.", "w", -1000, 1000).value() == -3.0);
  CHECK_FALSE(ParseUserNumber(".", "w", -1000, 1000).ok());
  CHECK_FALSE(ParseUserNumber("1e", "w", -1000, 1000).ok());
  CHECK_FALSE(ParseUserNumber("--1", "w", -1000, 1000).ok());
}

// Echoed text is bounded and printable: control bytes as \xNN, cut at a character's start.
TEST_CASE("Printable escapes control bytes and cuts long text between characters") {
  CHECK(Printable(std::string("a\0b\n", 4)) == "a\\x00b\\x0A");
  CHECK(Printable(std::string(100, 'x')) == std::string(40, 'x') + "…");
  // 39 ASCII bytes then "η" (2 bytes): the cut comes before η, not inside it.
  CHECK(Printable(std::string(39, 'a') + "ηηη") == std::string(39, 'a') + "…");
}

}  // namespace
}  // namespace bp
