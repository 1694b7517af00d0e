// PLACEHOLDER — being written; replaced before commit.
#include "app/lesson_registry.h"
namespace bp {
void TrainingProblemsEnter(AppState&) {}
void TrainingProblemsCanvas(AppState&) {}
void TrainingProblemsPanel(AppState&) {}
}  // namespace bp
