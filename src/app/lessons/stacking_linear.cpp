// PLACEHOLDER — being written; replaced before commit.
#include "app/lesson_registry.h"
namespace bp {
void StackingLinearEnter(AppState&) {}
void StackingLinearCanvas(AppState&) {}
void StackingLinearPanel(AppState&) {}
}  // namespace bp
