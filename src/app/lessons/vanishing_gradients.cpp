// PLACEHOLDER — being written; replaced before commit.
#include "app/lesson_registry.h"
namespace bp {
void VanishingGradientsEnter(AppState&) {}
void VanishingGradientsCanvas(AppState&) {}
void VanishingGradientsPanel(AppState&) {}
}  // namespace bp
