// Class markers (circle, square, triangle, diamond, down-triangle, cross) as small images drawn
// once into ImGui's font atlas, so that a data point costs one textured quad per colour instead
// of the forty-odd triangles of ImGui's anti-aliased outlines. Under software WebGL the
// playground's 500 points cost more than the rest of its frame; as images they cost little.
// The shapes are drawn with 4 x 4 samples per pixel, at the sizes the lessons use (marker radii
// 5 and 8 at the UI scale); other radii scale the nearest image.
#pragma once

#include "imgui.h"

namespace bp {

// Marker shapes: class k gets shape k mod kMarkerShapeCount (circle, square, triangle, diamond,
// down-triangle, cross), so classes never differ by colour alone.
constexpr int kMarkerShapeCount = 6;

// Reserves the images' places in `atlas` for the UI scale `scale` (before atlas->Build()).
void ReserveMarkerSprites(ImFontAtlas* atlas, float scale);
// Draws the images into the built atlas (after atlas->Build(), before its texture is uploaded).
void PaintMarkerSprites(ImFontAtlas* atlas);

// Draws class k's marker at `center` with `radius` pixels: filled in the class colour with an
// outline in the text colour, or (hollow) only the outline, in the class colour. The draw list's
// current texture must be the font atlas (as it is outside AddImage).
void DrawClassMarker(ImDrawList* draw, ImVec2 center, float radius, int k, bool hollow, bool dark);

}  // namespace bp
