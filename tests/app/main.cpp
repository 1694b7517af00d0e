// doctest runner for the session library's tests (src/app without drawing), native and wasm (under
// Node), like the core's.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
