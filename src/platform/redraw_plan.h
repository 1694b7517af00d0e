// Which pixels a frame changes, so that the renderer (imgui_renderer.h) draws only those when the
// framebuffer still holds the last picture (in the browser, a canvas that keeps its drawing
// buffer). The frame is fingerprinted in tiles of kRedrawTile pixels: every triangle, with its
// command's clip rectangle, texture and the texture's version, is mixed into each tile its pixels
// may touch, in drawing order. A tile whose fingerprint differs from the last frame drawn changes.
#pragma once

#include <cstdint>
#include <vector>

#include "imgui.h"

namespace bp {

constexpr int kRedrawTile = 16;

// Framebuffer pixels [x0, x1) x [y0, y1), rows counted from the top (ImGui's direction).
struct PixelRect {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool Empty() const { return x1 <= x0 || y1 <= y0; }
  long long Area() const { return Empty() ? 0 : static_cast<long long>(x1 - x0) * (y1 - y0); }
};
PixelRect Intersect(const PixelRect& a, const PixelRect& b);
bool Overlap(const PixelRect& a, const PixelRect& b);

// The pixels a draw command may touch: its clip rectangle in framebuffer pixels (what the
// renderer gives GL as the scissor), within the framebuffer.
PixelRect ClipPixels(const ImDrawCmd& cmd, const ImDrawData& draw_data, int fb_width, int fb_height);

// What the frame must draw.
struct RedrawPlan {
  bool whole = true;             // everything (then `rects` is empty)
  std::vector<PixelRect> rects;  // otherwise these rectangles; none: the picture is unchanged
  // Per triangle of the frame, in drawing order (every list's indices end to end, three to a
  // triangle): the pixels it may cover within its clip rectangle (empty when clipped away).
  std::vector<PixelRect> triangle_boxes;
  bool Unchanged() const { return !whole && rects.empty(); }
  // The share of the framebuffer drawn, 0 to 1.
  double Fraction(int fb_width, int fb_height) const;
};

// The content version of a texture, changed whenever something is drawn into it.
using TextureVersion = std::uint64_t (*)(ImTextureID texture);

// Remembers the fingerprints of the picture on the framebuffer.
class RedrawPlanner {
 public:
  // Plans `draw_data`. `frame_key` stands for everything else the picture depends on (the clear
  // colour).
  RedrawPlan Plan(const ImDrawData& draw_data, int fb_width, int fb_height, std::uint64_t frame_key,
                  TextureVersion texture_version);
  // The frame last planned is what the framebuffer holds now.
  void Drawn();
  // The framebuffer holds no known picture.
  void Forget() { drawn_valid_ = false; }

 private:
  std::vector<std::uint64_t> tiles_, drawn_tiles_;
  int tiles_x_ = 0, tiles_y_ = 0;
  std::uint64_t key_ = 0, drawn_key_ = 0;
  bool drawn_valid_ = false;
};

// The dirty tiles (`dirty`, tiles_x by tiles_y, row by row) as at most `max_rects` rectangles
// of pixels covering all of them, within a fb_width x fb_height framebuffer.
std::vector<PixelRect> DirtyRects(const std::vector<bool>& dirty, int tiles_x, int tiles_y, int fb_width, int fb_height,
                                  int max_rects);

}  // namespace bp
