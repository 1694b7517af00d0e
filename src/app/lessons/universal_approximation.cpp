// PLACEHOLDER — being written; replaced before commit.
#include "app/lesson_registry.h"
namespace bp {
void UniversalApproximationEnter(AppState&) {}
void UniversalApproximationCanvas(AppState&) {}
void UniversalApproximationPanel(AppState&) {}
}  // namespace bp
