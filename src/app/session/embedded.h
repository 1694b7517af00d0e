// Files built into the binary (fonts, shaders) by cmake/embed_file.cmake: each is a symbol holding
// its bytes, NUL-terminated, and a symbol holding its length. BP_EMBEDDED_FILE(kShaderimguivertex)
// declares kShaderimguivertex[] and kShaderimguivertexSize, at global scope.
#pragma once

#include <cstddef>

#define BP_EMBEDDED_FILE(symbol)       \
  extern const unsigned char symbol[]; \
  extern const std::size_t symbol##Size
