// PLACEHOLDER — being written; replaced before commit.
#include "app/lesson_registry.h"
namespace bp {
void WidthDepthEnter(AppState&) {}
void WidthDepthCanvas(AppState&) {}
void WidthDepthPanel(AppState&) {}
}  // namespace bp
