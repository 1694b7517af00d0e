// PLACEHOLDER — being written; replaced before commit.
#include "app/lesson_registry.h"
namespace bp {
void RecurrentUnfoldedEnter(AppState&) {}
void RecurrentUnfoldedCanvas(AppState&) {}
void RecurrentUnfoldedPanel(AppState&) {}
}  // namespace bp
