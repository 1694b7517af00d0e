// Fingerprints a frame tile by tile and turns the tiles that changed into a few rectangles
// (redraw_plan.h).
#include "platform/redraw_plan.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace bp {

namespace {

// Above this share of the framebuffer, drawing everything costs no more than drawing the parts.
constexpr double kWholeShare = 0.7;
// Each rectangle costs a pass over the draw commands that reach it: a few are cheap, many are not.
constexpr int kMaxRects = 6;
// Beyond this many rectangles before merging, merge them into their bounding box at once.
constexpr int kMaxRectsToMerge = 48;
constexpr std::uint64_t kEmptyTile = 0x6a09e667f3bcc909ull;

std::uint64_t Mix(std::uint64_t hash, std::uint64_t value) {
  hash ^= value;
  hash *= 0xff51afd7ed558ccdull;
  return hash ^ (hash >> 32);
}

std::uint64_t Bits(float a, float b) {
  std::uint32_t x = 0, y = 0;
  std::memcpy(&x, &a, sizeof x);
  std::memcpy(&y, &b, sizeof y);
  return (static_cast<std::uint64_t>(x) << 32) | y;
}

std::uint64_t VertexHash(const ImDrawVert& v) {
  return Mix(Mix(Mix(0x243f6a8885a308d3ull, Bits(v.pos.x, v.pos.y)), Bits(v.uv.x, v.uv.y)), v.col);
}

std::uint64_t RectHash(const PixelRect& r) { return Mix(Mix(Mix(Mix(0x13198a2e03707344ull, r.x0), r.y0), r.x1), r.y1); }

int FloorPixel(float v) { return std::isfinite(v) ? static_cast<int>(std::floor(v)) : 0; }
int RoundPixel(float v) { return std::isfinite(v) ? static_cast<int>(std::floor(v + 0.5f)) : 0; }

// The pixels whose centres the triangle a, b, c (framebuffer coordinates) may cover, with a
// pixel to spare on every side; within `clip`.
PixelRect TriangleBox(ImVec2 a, ImVec2 b, ImVec2 c, const PixelRect& clip) {
  const float x_min = std::min({a.x, b.x, c.x}), x_max = std::max({a.x, b.x, c.x});
  const float y_min = std::min({a.y, b.y, c.y}), y_max = std::max({a.y, b.y, c.y});
  if (!std::isfinite(x_min + x_max + y_min + y_max)) return clip;  // never happens; stay safe if it does
  const float limit = 1e6f;
  PixelRect box{FloorPixel(std::max(x_min, -limit)) - 1, FloorPixel(std::max(y_min, -limit)) - 1,
                FloorPixel(std::min(x_max, limit)) + 2, FloorPixel(std::min(y_max, limit)) + 2};
  return Intersect(box, clip);
}

PixelRect Union(const PixelRect& a, const PixelRect& b) {
  return PixelRect{std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

// Merges rectangles pairwise, always the pair whose bounding box adds the fewest pixels, until
// at most `max_rects` are left.
void MergeDown(std::vector<PixelRect>* rects, int max_rects) {
  if (static_cast<int>(rects->size()) > kMaxRectsToMerge) {
    PixelRect all = rects->front();
    for (const PixelRect& r : *rects) all = Union(all, r);
    rects->assign(1, all);
    return;
  }
  while (static_cast<int>(rects->size()) > max_rects) {
    std::size_t best_i = 0, best_j = 1;
    long long best_cost = -1;
    for (std::size_t i = 0; i < rects->size(); ++i) {
      for (std::size_t j = i + 1; j < rects->size(); ++j) {
        const long long cost = Union((*rects)[i], (*rects)[j]).Area() - (*rects)[i].Area() - (*rects)[j].Area();
        if (best_cost < 0 || cost < best_cost) {
          best_cost = std::max(cost, 0LL);
          best_i = i;
          best_j = j;
        }
      }
    }
    (*rects)[best_i] = Union((*rects)[best_i], (*rects)[best_j]);
    rects->erase(rects->begin() + static_cast<std::ptrdiff_t>(best_j));
  }
}

}  // namespace

PixelRect Intersect(const PixelRect& a, const PixelRect& b) {
  return PixelRect{std::max(a.x0, b.x0), std::max(a.y0, b.y0), std::min(a.x1, b.x1), std::min(a.y1, b.y1)};
}

bool Overlap(const PixelRect& a, const PixelRect& b) { return !Intersect(a, b).Empty(); }

PixelRect ClipPixels(const ImDrawCmd& cmd, const ImDrawData& draw_data, int fb_width, int fb_height) {
  const ImVec2 offset = draw_data.DisplayPos;
  const ImVec2 scale = draw_data.FramebufferScale;
  const PixelRect clip{
      RoundPixel((cmd.ClipRect.x - offset.x) * scale.x), RoundPixel((cmd.ClipRect.y - offset.y) * scale.y),
      RoundPixel((cmd.ClipRect.z - offset.x) * scale.x), RoundPixel((cmd.ClipRect.w - offset.y) * scale.y)};
  return Intersect(clip, PixelRect{0, 0, fb_width, fb_height});
}

double RedrawPlan::Fraction(int fb_width, int fb_height) const {
  if (whole) return 1.0;
  const double screen = static_cast<double>(fb_width) * fb_height;
  long long area = 0;
  for (const PixelRect& r : rects) area += r.Area();
  return screen > 0.0 ? std::min(1.0, static_cast<double>(area) / screen) : 1.0;
}

std::vector<PixelRect> DirtyRects(const std::vector<bool>& dirty, int tiles_x, int tiles_y, int fb_width, int fb_height,
                                  int max_rects) {
  // Runs of dirty tiles along each row; a run directly below one of the same columns extends it.
  std::vector<PixelRect> rects;  // in tiles while being built
  std::vector<std::size_t> open, still_open;
  for (int ty = 0; ty < tiles_y; ++ty) {
    still_open.clear();
    for (int tx = 0; tx < tiles_x;) {
      if (!dirty[static_cast<std::size_t>(ty) * tiles_x + tx]) {
        ++tx;
        continue;
      }
      int end = tx;
      while (end < tiles_x && dirty[static_cast<std::size_t>(ty) * tiles_x + end]) ++end;
      std::size_t extended = rects.size();
      for (std::size_t k : open) {
        if (rects[k].x0 == tx && rects[k].x1 == end) extended = k;
      }
      if (extended < rects.size()) {
        rects[extended].y1 = ty + 1;
      } else {
        rects.push_back(PixelRect{tx, ty, end, ty + 1});
        extended = rects.size() - 1;
      }
      still_open.push_back(extended);
      tx = end;
    }
    open.swap(still_open);
  }
  const PixelRect screen{0, 0, fb_width, fb_height};
  for (PixelRect& r : rects) {
    r = Intersect(PixelRect{r.x0 * kRedrawTile, r.y0 * kRedrawTile, r.x1 * kRedrawTile, r.y1 * kRedrawTile}, screen);
  }
  if (!rects.empty()) MergeDown(&rects, max_rects);
  return rects;
}

RedrawPlan RedrawPlanner::Plan(const ImDrawData& draw_data, int fb_width, int fb_height, std::uint64_t frame_key,
                               TextureVersion texture_version) {
  RedrawPlan plan;
  bool whole = false;  // a callback draws what no fingerprint sees
  tiles_x_ = (fb_width + kRedrawTile - 1) / kRedrawTile;
  tiles_y_ = (fb_height + kRedrawTile - 1) / kRedrawTile;
  tiles_.assign(static_cast<std::size_t>(tiles_x_) * tiles_y_, kEmptyTile);
  key_ = Mix(Mix(Mix(frame_key, Bits(static_cast<float>(fb_width), static_cast<float>(fb_height))),
                 Bits(draw_data.DisplayPos.x, draw_data.DisplayPos.y)),
             Mix(Bits(draw_data.DisplaySize.x, draw_data.DisplaySize.y),
                 Bits(draw_data.FramebufferScale.x, draw_data.FramebufferScale.y)));
  plan.triangle_boxes.assign(static_cast<std::size_t>(draw_data.TotalIdxCount / 3), PixelRect());

  const ImVec2 offset = draw_data.DisplayPos;
  const ImVec2 scale = draw_data.FramebufferScale;
  std::size_t first_triangle = 0;
  for (int n = 0; n < draw_data.CmdListsCount; ++n) {
    const ImDrawList* list = draw_data.CmdLists[n];
    const ImDrawVert* vertices = list->VtxBuffer.Data;
    const ImDrawIdx* indices = list->IdxBuffer.Data;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback != nullptr) {
        // ImGui's reset marker draws nothing.
        if (cmd.UserCallback != ImDrawCallback_ResetRenderState) whole = true;
        continue;
      }
      const PixelRect clip = ClipPixels(cmd, draw_data, fb_width, fb_height);
      if (clip.Empty()) continue;
      const std::uint64_t command =
          Mix(Mix(RectHash(clip), reinterpret_cast<std::uintptr_t>(cmd.TextureId)), texture_version(cmd.TextureId));
      for (unsigned int i = 0; i + 2 < cmd.ElemCount; i += 3) {
        const ImDrawVert& a = vertices[indices[cmd.IdxOffset + i]];
        const ImDrawVert& b = vertices[indices[cmd.IdxOffset + i + 1]];
        const ImDrawVert& c = vertices[indices[cmd.IdxOffset + i + 2]];
        const auto place = [&](ImVec2 p) { return ImVec2((p.x - offset.x) * scale.x, (p.y - offset.y) * scale.y); };
        const PixelRect box = TriangleBox(place(a.pos), place(b.pos), place(c.pos), clip);
        const std::size_t triangle = first_triangle + (cmd.IdxOffset + i) / 3;
        if (triangle < plan.triangle_boxes.size()) plan.triangle_boxes[triangle] = box;
        if (box.Empty()) continue;
        const std::uint64_t hash = Mix(Mix(Mix(command, VertexHash(a)), VertexHash(b)), VertexHash(c));
        for (int ty = box.y0 / kRedrawTile; ty <= (box.y1 - 1) / kRedrawTile; ++ty) {
          std::uint64_t* row = &tiles_[static_cast<std::size_t>(ty) * tiles_x_];
          for (int tx = box.x0 / kRedrawTile; tx <= (box.x1 - 1) / kRedrawTile; ++tx) row[tx] = Mix(row[tx] * 31, hash);
        }
      }
    }
    first_triangle += static_cast<std::size_t>(list->IdxBuffer.Size / 3);
  }

  plan.whole = whole || !drawn_valid_ || key_ != drawn_key_ || drawn_tiles_.size() != tiles_.size();
  if (plan.whole) return plan;
  std::vector<bool> dirty(tiles_.size());
  for (std::size_t t = 0; t < tiles_.size(); ++t) dirty[t] = tiles_[t] != drawn_tiles_[t];
  plan.rects = DirtyRects(dirty, tiles_x_, tiles_y_, fb_width, fb_height, kMaxRects);
  if (plan.Fraction(fb_width, fb_height) > kWholeShare) {
    plan.whole = true;
    plan.rects.clear();
  }
  return plan;
}

void RedrawPlanner::Drawn() {
  drawn_tiles_ = tiles_;
  drawn_key_ = key_;
  drawn_valid_ = true;
}

}  // namespace bp
