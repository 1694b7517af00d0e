// A growing history kept to a bounded number of records: the loss and accuracy curves of a run of
// any length. One record every `stride` epochs; when the records pass the limit, every second one
// is dropped and the stride doubles, so the curve keeps its whole shape in a bounded number of points.
// Notation: records r_0, r_1, r_2, ... at epochs 0, s, 2s, ... (s = stride: 1 at the start, then
// 2, 4, 8, ...). Thinning keeps r_0, r_2, r_4, ..., the records at epochs 0, 2s, 4s, ..., and s
// becomes 2s, so the kept records are again one every s epochs.
#pragma once

#include <cassert>
#include <cstddef>
#include <vector>

namespace bp {

namespace history_detail {

// Keeps the records at indices 0, 2, 4, ... in order: ceil(n / 2) of n.
template <typename Record>
void KeepEvenIndices(std::vector<Record>* records) {
  size_t kept = 0;
  for (size_t i = 0; i < records->size(); i += 2) (*records)[kept++] = (*records)[i];
  records->resize(kept);
}

}  // namespace history_detail

// Call after appending one record to each history: one vector of records, or parallel vectors of
// one length n (the epochs and the losses of a curve, say). While n > max_records, keeps the
// records at even indices in every history and doubles *stride. Returns whether it thinned.
// With max_records even, the call after each append finds n = max_records + 1 (odd), so the first
// record and the one just appended both stay, and n drops to max_records / 2 + 1: the history
// holds at most max_records records when the call returns. max_records: even, >= 2.
// The caller appends a record at the epochs that are multiples of *stride.
template <typename... Records>
bool ThinHistory(int max_records, int* stride, std::vector<Records>*... histories) {
  static_assert(sizeof...(Records) > 0, "ThinHistory: give at least one history");
  assert(max_records >= 2 && max_records % 2 == 0 && "ThinHistory: max_records must be even and at least 2");
  assert(stride != nullptr && *stride >= 1 && "ThinHistory: the stride must be at least 1");
  const size_t lengths[] = {histories->size()...};
  size_t length = lengths[0];
  assert(((histories->size() == length) && ...) && "ThinHistory: parallel histories differ in length");
  bool thinned = false;
  while (length > static_cast<size_t>(max_records)) {
    (history_detail::KeepEvenIndices(histories), ...);
    length = (length + 1) / 2;
    *stride *= 2;
    thinned = true;
  }
  return thinned;
}

}  // namespace bp
