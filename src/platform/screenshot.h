// Reads the current framebuffer back and writes it as a PNG (desktop --screenshot, tests, docs).
#pragma once

#include <string>

namespace bp {
// Returns an empty string on success, otherwise what went wrong.
std::string SaveFramebufferPng(const std::string& path, int width, int height);
}  // namespace bp
