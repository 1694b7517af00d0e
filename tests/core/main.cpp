// doctest runner for the core tests, native and wasm (under Node). Accepts one extra option,
// --checksum-file=PATH: the determinism test writes its checksum there in the native run and,
// when the file already exists, the wasm run asserts it computes the same value.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstring>
#include <string>
#include <vector>

#include "core/test_support.h"

namespace bp::test {
std::string g_checksum_file;
}

int main(int argc, char** argv) {
  std::vector<char*> doctest_args;
  const char* kChecksumFlag = "--checksum-file=";
  for (int i = 0; i < argc; ++i) {
    if (std::strncmp(argv[i], kChecksumFlag, std::strlen(kChecksumFlag)) == 0) {
      bp::test::g_checksum_file = argv[i] + std::strlen(kChecksumFlag);
    } else {
      doctest_args.push_back(argv[i]);
    }
  }
  doctest::Context context(static_cast<int>(doctest_args.size()), doctest_args.data());
  return context.run();
}
