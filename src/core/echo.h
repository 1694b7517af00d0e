// A user's text quoted in a message ("unknown activation \"swsh\""): short, printable and valid
// UTF-8 however long or strange the text was, so a 500 KB name never ends up whole in an answer,
// a banner or the page.
#pragma once

#include <string>

namespace bp {

// At most 40 bytes between double quotes (never cutting a UTF-8 character; "..." marks a cut),
// control characters and broken UTF-8 shown as '?'.
std::string Echo(const std::string& value);

}  // namespace bp
