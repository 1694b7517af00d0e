// PLACEHOLDER — being written; replaced before commit.
#include "app/lesson_registry.h"
namespace bp {
void PerceptronEnter(AppState&) {}
void PerceptronCanvas(AppState&) {}
void PerceptronPanel(AppState&) {}
}  // namespace bp
