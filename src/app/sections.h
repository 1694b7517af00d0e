// The lesson list's own sections below the lessons: Export / import and Share.
#pragma once

#include "app/session/app_state.h"

namespace bp {

// "Export / import": the export buttons and the paste box (export_import_section.cpp).
void DrawExportImport(AppState& state);
// "Share": Copy link and Copy embed code, through the platform's copy_text callback (share_section.cpp).
void DrawShareSection(AppState& state);

}  // namespace bp
