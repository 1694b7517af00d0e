// Where the computation graph's boxes go (see graph_view_layout.h): depth bands, boxes measured
// with every number revealed, the first readable size that fits, and nodes lined up with the
// nodes they feed.
#include "app/widgets/graph_view_layout.h"

#include <algorithm>
#include <cfloat>
#include <iterator>
#include <string>

#include "app/session/format.h"

namespace bp {

namespace {
constexpr float kFontSizes[] = {15.0f, 14.0f, 13.0f, 12.0f, 11.0f};  // node text, pixels × ui scale, largest first
constexpr int kRoundedDigits[] = {4, 3};                             // tried when the display precision does not fit
constexpr float kPad = 3.0f;                                         // inside a box, × ui scale
constexpr float kMajorGap = 20.0f;                                   // least room between bands: the badge and an arrow
constexpr float kMaxMajorGap = 70.0f;                                // more than this and the bands drift apart
constexpr float kMinorGap = 6.0f;                                    // least room between the boxes of one band
constexpr float kDotSize = 12.0f;                                    // boxes without words, for graphs too big for them
constexpr float kBadgeScale = 0.6f;                                  // badge radius relative to the text size

struct Candidate {
  GraphDetail detail;
  int digits;
  float font_size;  // pixels, already scaled
  bool vertical;
};

// Depth bands: a computed node sits one past its deepest operand, a leaf just before its first use.
std::vector<std::vector<int>> Bands(const Graph& graph, const Topology& topology) {
  const int count = static_cast<int>(graph.nodes.size());
  std::vector<int> depth(count, 0);
  // The arena's order is topological (graph.h), so operands are done before their users.
  for (int n = 0; n < count; ++n) {
    for (int operand : graph.nodes[n].operands) depth[n] = std::max(depth[n], depth[operand] + 1);
  }
  for (int n = 0; n < count; ++n) {
    if (!IsLeaf(graph.nodes[n].kind) || topology.consumers[n].empty()) continue;
    int first_use = count;
    for (const Use& use : topology.consumers[n]) first_use = std::min(first_use, depth[use.node]);
    depth[n] = first_use - 1;
  }
  std::vector<std::vector<int>> bands(count > 0 ? *std::max_element(depth.begin(), depth.end()) + 1 : 0);
  for (int n = 0; n < count; ++n) bands[depth[n]].push_back(n);
  bands.erase(std::remove_if(bands.begin(), bands.end(), [](const std::vector<int>& b) { return b.empty(); }),
              bands.end());
  return bands;
}

float TextWidth(const ImFont* font, float size, const std::string& text) {
  return font->CalcTextSizeA(size, FLT_MAX, 0.0f, text.c_str(), text.c_str() + text.size()).x;
}

// Space the label line leaves for the badge: half of it inside the left border, or all of it
// beside the name when the badge sits on the top border.
float BadgeInset(const GraphLayout& layout, int n) {
  if (layout.leaf[n]) return 0.0f;
  return layout.vertical ? 2.0f * layout.badge_radius + layout.pad : layout.badge_radius;
}

ImVec2 BoxSize(const Graph& graph, const Topology& topology, const GraphLayout& layout, int n) {
  if (layout.detail == GraphDetail::kDots) return ImVec2(layout.font_size, layout.font_size);
  const Node& node = graph.nodes[n];
  float width = BadgeInset(layout, n) + TextWidth(layout.font, layout.font_size, node.label);
  int lines = 1;
  if (layout.detail == GraphDetail::kFull) {
    const std::string more = topology.consumers[n].size() > 1 ? "…" : "";
    width = std::max(width, TextWidth(layout.font, layout.font_size, Num(node.value, layout.digits)));
    width = std::max(width, TextWidth(layout.font, layout.font_size, "∂ " + Num(node.grad, layout.digits) + more));
    lines = 3;
  }
  return ImVec2(width + 2.0f * layout.pad, lines * layout.LineHeight() + 2.0f * layout.pad);
}

// Centres for k boxes that want to be at `desired` (sorted), at least `pitch` apart, within [lo, hi]:
// the average of packing from the first and from the last box, so a crowd spreads both ways.
std::vector<float> Pack(const std::vector<float>& desired, float pitch, float lo, float hi) {
  const int k = static_cast<int>(desired.size());
  std::vector<float> forward(desired), backward(desired), centres(k);
  for (int i = 1; i < k; ++i) forward[i] = std::max(desired[i], forward[i - 1] + pitch);
  for (int i = k - 2; i >= 0; --i) backward[i] = std::min(desired[i], backward[i + 1] - pitch);
  for (int i = 0; i < k; ++i) centres[i] = 0.5f * (forward[i] + backward[i]);
  float shift = 0.0f;
  if (centres[k - 1] > hi) shift = hi - centres[k - 1];
  if (centres[0] + shift < lo) shift = lo - centres[0];
  for (float& c : centres) c += shift;
  return centres;
}

// Lays the graph out for one candidate; false when it does not fit (unless `force`d to anyway).
bool TryLayout(const Graph& graph, const Topology& topology, const std::vector<std::vector<int>>& bands,
               const GraphBox& region, float s, bool force, GraphLayout* layout) {
  const bool v = layout->vertical;
  const float avail_major = v ? region.max.y - region.min.y : region.max.x - region.min.x;
  const float avail_minor = v ? region.max.x - region.min.x : region.max.y - region.min.y;
  const float major_start = v ? region.min.y : region.min.x;
  const float minor_start = v ? region.min.x : region.min.y;
  const float minor_gap = kMinorGap * s, margin = layout->badge_radius;
  std::vector<ImVec2> band_box(bands.size(), ImVec2(0, 0));
  float need_major = margin + kMajorGap * s * static_cast<float>(bands.size() - 1);
  size_t most = 1;
  for (size_t b = 0; b < bands.size(); ++b) {
    for (int n : bands[b]) {
      ImVec2 size = BoxSize(graph, topology, *layout, n);
      band_box[b] = ImVec2(std::max(band_box[b].x, size.x), std::max(band_box[b].y, size.y));
    }
    const float minor = v ? band_box[b].x : band_box[b].y;
    const float k = static_cast<float>(bands[b].size());
    if (!force && k * minor + (k - 1) * minor_gap > avail_minor) return false;
    need_major += v ? band_box[b].y : band_box[b].x;
    most = std::max(most, bands[b].size());
  }
  if (!force && need_major > avail_major) return false;

  const float slack = avail_major - need_major;
  const float gap =
      std::min(kMajorGap * s + slack / std::max<float>(1.0f, static_cast<float>(bands.size() - 1)), kMaxMajorGap * s);
  float used = need_major + (gap - kMajorGap * s) * static_cast<float>(bands.size() - 1);
  std::vector<float> band_start(bands.size());
  float cursor = major_start + 0.5f * (avail_major - used) + margin;
  for (size_t b = 0; b < bands.size(); ++b) {
    band_start[b] = cursor;
    cursor += (v ? band_box[b].y : band_box[b].x) + gap;
  }

  // From the root's band back to the leaves: each node lines up with the nodes it feeds.
  layout->boxes.assign(graph.nodes.size(), GraphBox());
  std::vector<float> centre(graph.nodes.size(), minor_start + 0.5f * avail_minor);
  for (int b = static_cast<int>(bands.size()) - 1; b >= 0; --b) {
    std::vector<int> order = bands[b];
    std::vector<float> key(graph.nodes.size(), 0.0f);
    for (int n : order) {
      float sum = 0.0f;
      for (const Use& use : topology.consumers[n]) sum += centre[use.node];
      const size_t uses = topology.consumers[n].size();
      key[n] = uses > 0 ? sum / static_cast<float>(uses) : minor_start + 0.5f * avail_minor;
    }
    std::stable_sort(order.begin(), order.end(), [&](int a, int c) { return key[a] < key[c]; });
    std::vector<float> desired;
    for (int n : order) desired.push_back(key[n]);
    const float minor = v ? band_box[b].x : band_box[b].y;
    const float pitch = std::max(minor + minor_gap, avail_minor / static_cast<float>(most));
    std::vector<float> placed =
        Pack(desired, pitch, minor_start + 0.5f * minor, minor_start + avail_minor - 0.5f * minor);
    for (size_t i = 0; i < order.size(); ++i) {
      const int n = order[i];
      centre[n] = placed[i];
      const ImVec2 size = band_box[b];
      layout->boxes[n] = v ? GraphBox{ImVec2(placed[i] - 0.5f * size.x, band_start[b]),
                                      ImVec2(placed[i] + 0.5f * size.x, band_start[b] + size.y)}
                           : GraphBox{ImVec2(band_start[b], placed[i] - 0.5f * size.y),
                                      ImVec2(band_start[b] + size.x, placed[i] + 0.5f * size.y)};
    }
  }
  return true;
}

// A quick bound before measuring words: can boxes of one line fit the fullest band at all?
bool WordsCouldFit(const std::vector<std::vector<int>>& bands, const GraphBox& region, float line, float s) {
  size_t most = 0;
  for (const std::vector<int>& band : bands) most = std::max(most, band.size());
  const float least_box = line + 2.0f * kPad * s + kMinorGap * s;
  const float room = std::max(region.max.x - region.min.x, region.max.y - region.min.y);
  return static_cast<float>(most) * least_box <= room;
}
}  // namespace

Topology::Topology(const Graph& graph)
    : consumers(graph.nodes.size()), forward_index(graph.nodes.size(), -1), backward_index(graph.nodes.size(), -1) {
  for (int n = 0; n < static_cast<int>(graph.nodes.size()); ++n) {
    const std::vector<int>& operands = graph.nodes[n].operands;
    for (int slot = 0; slot < static_cast<int>(operands.size()); ++slot) consumers[operands[slot]].push_back({n, slot});
  }
  for (int i = 0; i < static_cast<int>(graph.forward_order.size()); ++i) forward_index[graph.forward_order[i]] = i;
  for (int i = 0; i < static_cast<int>(graph.backward_order.size()); ++i) backward_index[graph.backward_order[i]] = i;
}

bool Topology::HasValue(const GraphProgress& progress, int n) const {
  return forward_index[n] < 0 || forward_index[n] < progress.forward_done;
}

GradState Topology::Grad(const Graph& graph, const GraphProgress& progress, int n) const {
  if (!progress.seeded) return GradState::kNone;
  if (n == graph.root) return GradState::kComplete;
  size_t received = 0;
  for (const Use& use : consumers[n]) {
    if (backward_index[use.node] >= 0 && backward_index[use.node] < progress.backward_done) ++received;
  }
  if (received == 0) return GradState::kNone;
  return received == consumers[n].size() ? GradState::kComplete : GradState::kPartial;
}

ImVec2 GraphLayout::BadgeCentre(int n) const {
  const GraphBox& box = boxes[n];
  if (detail == GraphDetail::kDots)
    return vertical ? ImVec2(box.Centre().x, box.min.y) : ImVec2(box.min.x, box.Centre().y);
  if (vertical) return ImVec2(box.min.x + pad + badge_radius, box.min.y);
  return ImVec2(box.min.x, box.min.y + pad + 0.5f * font_size);
}

ImVec2 GraphLayout::Entry(int n) const {
  ImVec2 badge = BadgeCentre(n);
  // Dots have no badge: arrows end on the box itself.
  float r = leaf[n] || detail == GraphDetail::kDots ? 0.0f : badge_radius;
  return vertical ? ImVec2(badge.x, badge.y - r) : ImVec2(badge.x - r, badge.y);
}

ImVec2 GraphLayout::Exit(int n) const {
  const GraphBox& box = boxes[n];
  return vertical ? ImVec2(box.Centre().x, box.max.y) : ImVec2(box.max.x, box.Centre().y);
}

ImVec2 GraphLayout::TextOrigin(int n, int line) const {
  const float inset = line == 0 ? BadgeInset(*this, n) : 0.0f;
  return ImVec2(boxes[n].min.x + pad + inset, boxes[n].min.y + pad + LineHeight() * static_cast<float>(line));
}

GraphLayout ComputeGraphLayout(const Graph& complete, const Topology& topology, GraphBox region, const ImFont* font,
                               int precision, float ui_scale) {
  const float s = ui_scale;
  const std::vector<std::vector<int>> bands = Bands(complete, topology);
  GraphLayout layout;
  layout.font = font;
  layout.pad = kPad * s;
  for (const Node& node : complete.nodes) layout.leaf.push_back(IsLeaf(node.kind));

  std::vector<Candidate> candidates;
  std::vector<int> digits = {precision};
  for (int d : kRoundedDigits) {
    if (d < precision) digits.push_back(d);
  }
  if (WordsCouldFit(bands, region, kFontSizes[std::size(kFontSizes) - 1] * s, s)) {
    for (GraphDetail detail : {GraphDetail::kFull, GraphDetail::kLabels}) {
      for (int d : detail == GraphDetail::kFull ? digits : std::vector<int>{precision}) {
        for (float size : kFontSizes) {
          for (bool vertical : {false, true}) candidates.push_back({detail, d, size * s, vertical});
        }
      }
    }
  }
  for (bool vertical : {false, true}) candidates.push_back({GraphDetail::kDots, precision, kDotSize * s, vertical});

  for (size_t i = 0; i < candidates.size(); ++i) {
    const Candidate& c = candidates[i];
    layout.detail = c.detail;
    layout.digits = c.digits;
    layout.font_size = c.font_size;
    layout.vertical = c.vertical;
    layout.badge_radius = c.detail == GraphDetail::kDots ? 0.0f : c.font_size * kBadgeScale;
    // Nothing fits (a tiny region): the last candidate, dots, is laid out anyway, overlapping.
    const bool last = i + 1 == candidates.size();
    if (TryLayout(complete, topology, bands, region, s, last, &layout)) return layout;
  }
  return layout;
}

}  // namespace bp
