// Class markers as images in the font atlas (marker_sprites.h).
#include "app/widgets/marker_sprites.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "app/widgets/palette.h"

namespace bp {

namespace {

// Each shape has three images: its fill, its outline as drawn over a fill, and its outline alone
// (a hollow marker: a little thicker, so it reads without a fill).
enum MarkerLayer { kFill = 0, kEdge = 1, kHollowEdge = 2, kLayerCount = 3 };
constexpr int kCrossShape = 5;

// Stroke widths in pixels at UI scale 1. The cross is two strokes: a thin one in the class colour
// over a thick one in the outline colour.
constexpr float kEdgeWidth = 1.5f;
constexpr float kHollowEdgeWidth = 2.0f;
constexpr float kCrossWidth = 2.5f;
constexpr float kCrossOutlineWidth = 4.5f;

// The marker radii the lessons use, at UI scale 1 (data_plane.h's marker_radius).
constexpr std::array<float, 2> kBaseRadii = {5.0f, 8.0f};
constexpr int kSamples = 4;  // per pixel and axis

struct SpriteSet {
  float radius = 0.0f;  // pixels, at the scale the atlas was built for
  float scale = 1.0f;
  // Each image is size x size pixels, as small as its shape allows (a textured pixel is what
  // costs, under software WebGL), the marker's centre in its middle; and its atlas custom rect.
  std::array<std::array<int, kLayerCount>, kMarkerShapeCount> size{};
  std::array<std::array<int, kLayerCount>, kMarkerShapeCount> rect{};
};
// Handles into ImGui's atlas (not model data), as fonts.cpp's.
std::array<SpriteSet, kBaseRadii.size()> g_sets;
bool g_reserved = false;

struct Vec {
  float x, y;
};

float DistanceToSegment(Vec p, Vec a, Vec b) {
  const float dx = b.x - a.x, dy = b.y - a.y;
  const float t = std::clamp(((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy), 0.0f, 1.0f);
  const float ex = p.x - (a.x + t * dx), ey = p.y - (a.y + t * dy);
  return std::sqrt(ex * ex + ey * ey);
}

// The corners of shapes 1-4 around (0, 0), y down, as DrawClassMarker placed them when it drew
// them with lines: a square of half-side 0.9 r, triangles of 1.2 r, a diamond of 1.25 r.
int Polygon(int shape, float r, std::array<Vec, 4>* corners) {
  switch (shape) {
    case 1: {
      const float s = r * 0.9f;
      *corners = {Vec{-s, -s}, Vec{s, -s}, Vec{s, s}, Vec{-s, s}};
      return 4;
    }
    case 2:
    case 4: {
      const float d = shape == 2 ? 1.0f : -1.0f, s = r * 1.2f;
      *corners = {Vec{0.0f, -d * s}, Vec{s * 0.95f, d * s * 0.7f}, Vec{-s * 0.95f, d * s * 0.7f}, Vec{}};
      return 3;
    }
    default: {
      const float s = r * 1.25f;
      *corners = {Vec{0.0f, -s}, Vec{s, 0.0f}, Vec{0.0f, s}, Vec{-s, 0.0f}};
      return 4;
    }
  }
}

// Whether sample point p is painted by `layer` of `shape` with radius r (strokes of width w).
bool Covers(int shape, MarkerLayer layer, float r, float w, Vec p) {
  if (shape == kCrossShape) {
    const float s = r * 0.9f;
    const float d =
        std::min(DistanceToSegment(p, Vec{-s, -s}, Vec{s, s}), DistanceToSegment(p, Vec{-s, s}, Vec{s, -s}));
    return d <= w * 0.5f;
  }
  if (shape == 0) {
    const float d = std::sqrt(p.x * p.x + p.y * p.y);
    return layer == kFill ? d <= r : std::fabs(d - r) <= w * 0.5f;
  }
  std::array<Vec, 4> c;
  const int n = Polygon(shape, r, &c);
  if (layer == kFill) {
    // Inside a convex polygon: on the same side of every edge.
    bool negative = false, positive = false;
    for (int i = 0; i < n; ++i) {
      const Vec a = c[i], b = c[(i + 1) % n];
      const float cross = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x);
      negative = negative || cross < 0.0f;
      positive = positive || cross > 0.0f;
    }
    return !(negative && positive);
  }
  float d = 1e9f;
  for (int i = 0; i < n; ++i) d = std::min(d, DistanceToSegment(p, c[i], c[(i + 1) % n]));
  return d <= w * 0.5f;
}

// How far `shape` reaches from its centre along x or y at radius r (Polygon's corners; the
// cross's arms end at 0.9 r).
float Reach(int shape, float r) {
  switch (shape) {
    case 0: return r;
    case 1:
    case kCrossShape: return 0.9f * r;
    case 2:
    case 4: return 1.2f * r;
    default: return 1.25f * r;
  }
}

// The stroke width of `layer` of `shape`, in pixels at `scale`.
float StrokeWidth(int shape, MarkerLayer layer, float scale) {
  if (shape == kCrossShape) return (layer == kEdge ? kCrossOutlineWidth : kCrossWidth) * scale;
  return (layer == kHollowEdge ? kHollowEdgeWidth : kEdgeWidth) * scale;
}

// The set drawn nearest to `radius` pixels.
const SpriteSet& NearestSet(float radius) {
  const SpriteSet* best = &g_sets[0];
  for (const SpriteSet& set : g_sets) {
    if (std::fabs(set.radius - radius) < std::fabs(best->radius - radius)) best = &set;
  }
  return *best;
}

void DrawLayer(ImDrawList* draw, const SpriteSet& set, ImVec2 center, float radius, int shape, MarkerLayer layer,
               ImU32 color) {
  const ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  ImVec2 uv0, uv1;
  atlas->CalcCustomRectUV(atlas->CustomRects.Data + set.rect[shape][layer], &uv0, &uv1);
  const float factor = radius / set.radius;
  // At the size it was drawn, the image goes on whole pixels (its centre on a pixel corner or
  // centre, as its size is even or odd), so it is sampled texel for texel and stays sharp.
  const float half = 0.5f * set.size[shape][layer] * factor;
  ImVec2 a(center.x - half, center.y - half);
  if (factor == 1.0f) a = ImVec2(std::round(a.x), std::round(a.y));
  draw->PrimReserve(6, 4);
  draw->PrimRectUV(a, ImVec2(a.x + 2.0f * half, a.y + 2.0f * half), uv0, uv1, color);
}

}  // namespace

void ReserveMarkerSprites(ImFontAtlas* atlas, float scale) {
  for (std::size_t i = 0; i < g_sets.size(); ++i) {
    SpriteSet& set = g_sets[i];
    set.scale = scale;
    set.radius = kBaseRadii[i] * scale;
    for (int shape = 0; shape < kMarkerShapeCount; ++shape) {
      for (int layer = 0; layer < kLayerCount; ++layer) {
        // The shape's reach plus half its stroke (a stroke's end cap on the cross: the width
        // again), and a pixel each side for the anti-aliased edge.
        const float w = StrokeWidth(shape, static_cast<MarkerLayer>(layer), scale);
        const float reach = Reach(shape, set.radius) + (shape == kCrossShape ? w : 0.5f * w);
        const int size = 2 * static_cast<int>(std::ceil(reach)) + 2;
        set.size[shape][layer] = size;
        set.rect[shape][layer] = atlas->AddCustomRectRegular(size, size);
      }
    }
  }
  g_reserved = true;
}

void PaintMarkerSprites(ImFontAtlas* atlas) {
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas->GetTexDataAsAlpha8(&pixels, &width, &height);
  for (const SpriteSet& set : g_sets) {
    for (int shape = 0; shape < kMarkerShapeCount; ++shape) {
      for (int layer = 0; layer < kLayerCount; ++layer) {
        const ImFontAtlasCustomRect& rect = atlas->CustomRects[set.rect[shape][layer]];
        const int size = set.size[shape][layer];
        const float half = 0.5f * size;
        const MarkerLayer which = static_cast<MarkerLayer>(layer);
        const float w = StrokeWidth(shape, which, set.scale);
        for (int y = 0; y < size; ++y) {
          for (int x = 0; x < size; ++x) {
            int covered = 0;
            for (int sy = 0; sy < kSamples; ++sy) {
              for (int sx = 0; sx < kSamples; ++sx) {
                const Vec p{x + (sx + 0.5f) / kSamples - half, y + (sy + 0.5f) / kSamples - half};
                covered += Covers(shape, which, set.radius, w, p) ? 1 : 0;
              }
            }
            pixels[(rect.Y + y) * width + rect.X + x] =
                static_cast<unsigned char>((255 * covered + kSamples * kSamples / 2) / (kSamples * kSamples));
          }
        }
      }
    }
  }
}

void DrawClassMarker(ImDrawList* draw, ImVec2 center, float radius, int k, bool hollow, bool dark) {
  IM_ASSERT(g_reserved && "BuildFonts reserves and paints the marker images");
  const ImU32 fill = ClassColor(k, dark);
  const ImU32 outline = ThemePalette(dark).text;
  const int shape = ((k % kMarkerShapeCount) + kMarkerShapeCount) % kMarkerShapeCount;
  const SpriteSet& set = NearestSet(radius);
  if (shape == kCrossShape) {
    // The thin cross in the class colour, over a thick one in the outline colour when filled.
    if (!hollow) DrawLayer(draw, set, center, radius, shape, kEdge, outline);
    DrawLayer(draw, set, center, radius, shape, kFill, fill);
    return;
  }
  if (!hollow) DrawLayer(draw, set, center, radius, shape, kFill, fill);
  DrawLayer(draw, set, center, radius, shape, hollow ? kHollowEdge : kEdge, hollow ? fill : outline);
}

}  // namespace bp
