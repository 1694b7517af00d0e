// PLACEHOLDER — being written; replaced before commit.
#include "app/lesson_registry.h"
namespace bp {
void BetterFeaturesEnter(AppState&) {}
void BetterFeaturesCanvas(AppState&) {}
void BetterFeaturesPanel(AppState&) {}
}  // namespace bp
