// PLACEHOLDER — being written; replaced before commit.
#include "app/lesson_registry.h"
namespace bp {
void ActivationGalleryEnter(AppState&) {}
void ActivationGalleryCanvas(AppState&) {}
void ActivationGalleryPanel(AppState&) {}
}  // namespace bp
