// The lesson text files embedded in the binary (content/<language>/<name>.md), listed by the index
// CMake generates from the content folder: nothing is fetched at run time.
#pragma once

#include <cstddef>
#include <vector>

namespace bp {

struct ContentFile {
  const char* path;  // "en/perceptron.md": the language folder and the file name
  const unsigned char* data;
  std::size_t size;
};
const std::vector<ContentFile>& EmbeddedContentFiles();
// The scenarios shipped with the app (scenarios/<name>.md; path is "<name>.md"), io/scenario_io.h.
const std::vector<ContentFile>& EmbeddedScenarioFiles();

}  // namespace bp
