// PLACEHOLDER — the lesson's own state (kept in AppState); replaced before commit.
#pragma once
namespace bp {
struct WidthDepthState {};
}  // namespace bp
