// check_scenario: checks scenario files (docs/scenarios.md) with the app's own reader, for
// instructors and CI. `./build.sh check-scenario FILE…` builds and runs it. For each file it prints
// "FILE: ok — “title” in lesson L (N questions, M goals)" or every problem with its line, and exits
// with 1 when any file was refused (2 when a file cannot be read).
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/io/scenario.h"
#include "app/lesson_registry.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: check_scenario FILE...\n");
    return 2;
  }
  const bp::LessonTable& lessons = bp::LessonRegistry();
  int status = 0;
  for (int i = 1; i < argc; ++i) {
    const std::string path = argv[i];
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      std::printf("%s: cannot be read\n", path.c_str());
      status = 2;
      continue;
    }
    std::stringstream text;
    text << in.rdbuf();
    std::vector<bp::ScenarioProblem> problems;
    bp::Result<bp::Scenario> scenario = bp::ReadScenario(text.str(), path, lessons, &problems);
    if (scenario) {
      std::printf("%s: ok — \"%s\" in lesson %s (%zu questions, %zu goals)\n", path.c_str(), scenario->title.c_str(),
                  scenario->lesson.c_str(), scenario->quiz.questions.size(), scenario->quiz.goals.size());
      continue;
    }
    if (status == 0) status = 1;
    std::printf("%s: refused\n", path.c_str());
    for (const bp::ScenarioProblem& problem : problems) std::printf("  %s\n", problem.message.c_str());
    const std::string& error = scenario.error();
    const size_t more = error.rfind("; and ");
    if (more != std::string::npos && error.compare(error.size() - 5, 5, " more") == 0) {
      std::printf("  ... %s\n", error.substr(more + 2).c_str());
    }
  }
  return status;
}
