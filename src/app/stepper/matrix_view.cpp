// The matrix view (see widgets.h): one layer's W, x, b, z, a, δ and ∂L/∂W as small tables with
// their shapes, for the layer the stepper stands on. Values the step has not reached yet show as
// "·"; the current neuron's row is tinted, and the values it just produced take the "changed" colour.
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "app/session/format.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/fonts.h"
#include "app/widgets/palette.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr const char* kNotYet = "·";
constexpr ImGuiTableFlags kTableFlags =
    ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoHostExtendX;

struct Cell {
  std::string text;  // Num(...) or kNotYet
  bool reached = false;
  bool changed = false;
};

// One titled table: `rows` × `cols` cells, row-major.
struct Matrix {
  std::string title;
  int rows = 0, cols = 0;
  std::vector<Cell> cells;
  int tinted_row = -1;  // the current neuron's row
  ImVec2 size{0, 0};    // measured: title plus table
  float table_width = 0;
  ImVec2 pos{0, 0};  // where the flow layout put it
};

struct Builder {
  const StepSession& session;
  int layer;
  int precision;
  Station station;

  Cell Value(double value, bool reached, bool changed) const {
    return reached ? Cell{Num(value, precision), true, changed} : Cell{kNotYet, false, false};
  }
  bool At(Phase phase, int neuron) const {
    return station.phase == phase && station.layer == layer && station.neuron == neuron;
  }
  Matrix Make(const std::string& name, int rows, int cols, const std::function<Cell(int, int)>& cell) const {
    Matrix m;
    m.title = name + "  " + std::to_string(rows) + "×" + std::to_string(cols);
    m.rows = rows;
    m.cols = cols;
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < cols; ++c) m.cells.push_back(cell(r, c));
    }
    if (station.layer == layer && rows == session.mlp.layers[layer].outputs()) m.tinted_row = station.neuron;
    return m;
  }
};

// The layer to show: the station's, or the first at start and the last at done.
int ShownLayer(const StepSession& session) {
  const Station& station = CurrentStation(session);
  if (station.layer >= 0) return station.layer;
  return station.phase == Phase::kStart ? 0 : static_cast<int>(session.mlp.layers.size()) - 1;
}

std::vector<Matrix> BuildMatrices(const StepSession& session, int l, int precision) {
  const Builder b{session, l, precision, CurrentStation(session)};
  const LayerTrace& trace = session.trace.layers[l];
  const int n_out = session.mlp.layers[l].outputs(), n_in = session.mlp.layers[l].inputs();
  const std::string sup = LayerSup(l + 1);
  std::vector<Matrix> matrices;
  matrices.push_back(b.Make("W" + sup, n_out, n_in, [&](int j, int i) {
    return b.Value(ShownWeight(session, l, j, i), true, b.At(Phase::kUpdate, j));
  }));
  // The layer's input: the sample for the first layer, the previous layer's activations after it.
  std::string input_name = l == 0 ? "x" : "x = a" + LayerSup(l);
  matrices.push_back(b.Make(input_name, n_in, 1, [&](int i, int) {
    bool known = l == 0 || ForwardReached(session, l - 1, i);
    return b.Value(trace.input(i, 0), known, false);
  }));
  matrices.push_back(b.Make("b" + sup, n_out, 1, [&](int j, int) {
    bool updated = session.trace.config.update_biases && b.At(Phase::kUpdate, j);
    return b.Value(ShownBias(session, l, j), true, updated);
  }));
  matrices.push_back(b.Make("z" + sup, n_out, 1, [&](int j, int) {
    return b.Value(trace.neurons[j].z(0), ForwardReached(session, l, j), b.At(Phase::kForward, j));
  }));
  matrices.push_back(b.Make("a" + sup, n_out, 1, [&](int j, int) {
    return b.Value(trace.neurons[j].a(0), ForwardReached(session, l, j), b.At(Phase::kForward, j));
  }));
  matrices.push_back(b.Make("δ" + sup, n_out, 1, [&](int j, int) {
    return b.Value(trace.neurons[j].delta(0), BackwardReached(session, l, j), b.At(Phase::kBackward, j));
  }));
  matrices.push_back(b.Make("∂L/∂W" + sup, n_out, n_in, [&](int j, int i) {
    return b.Value(trace.weight(j, i).gradient, BackwardReached(session, l, j), b.At(Phase::kBackward, j));
  }));
  return matrices;
}

// Sizes each table (values in the mono font, pushed by the caller; titles in the text font) and flows them left to
// right, wrapping at `width`. Returns the total size.
ImVec2 FlowLayout(std::vector<Matrix>* matrices, float width) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float row_height = ImGui::GetTextLineHeight() + 2 * style.CellPadding.y + 1.0f;
  const float gap = style.ItemSpacing.x * 2;
  ImVec2 at(0, 0), total(0, 0);
  float line_height = 0;
  for (Matrix& m : *matrices) {
    float cell = 0;
    for (const Cell& c : m.cells) cell = std::max(cell, ImGui::CalcTextSize(c.text.c_str()).x);
    float table = m.cols * (cell + 2 * style.CellPadding.x + 1.0f) + 1.0f;
    ImGui::PushFont(Fonts().text);
    float title = ImGui::CalcTextSize(m.title.c_str()).x;
    float title_height = ImGui::GetTextLineHeightWithSpacing();
    ImGui::PopFont();
    m.table_width = table;
    m.size = ImVec2(std::max(table, title), title_height + m.rows * row_height + 1.0f);
    if (at.x > 0 && at.x + m.size.x > width) at = ImVec2(0, at.y + line_height + style.ItemSpacing.y);
    if (at.x == 0) line_height = 0;
    m.pos = at;
    at.x += m.size.x + gap;
    line_height = std::max(line_height, m.size.y);
    total = ImVec2(std::max(total.x, m.pos.x + m.size.x), m.pos.y + line_height);
  }
  return total;
}

void DrawMatrix(const Matrix& m, const Palette& palette) {
  ImGui::PushFont(Fonts().text);
  ImGui::TextUnformatted(m.title.c_str());
  ImGui::PopFont();
  if (!ImGui::BeginTable(m.title.c_str(), m.cols, kTableFlags, ImVec2(m.table_width, 0))) return;
  const ImVec4 changed = ImGui::ColorConvertU32ToFloat4(palette.changed);
  for (int r = 0; r < m.rows; ++r) {
    ImGui::TableNextRow();
    if (r == m.tinted_row) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, palette.highlight_glow);
    for (int c = 0; c < m.cols; ++c) {
      ImGui::TableNextColumn();
      const Cell& cell = m.cells[static_cast<size_t>(r) * m.cols + c];
      if (!cell.reached) {
        ImGui::TextDisabled("%s", cell.text.c_str());
      } else if (cell.changed) {
        ImGui::TextColored(changed, "%s", cell.text.c_str());
      } else {
        ImGui::TextUnformatted(cell.text.c_str());
      }
    }
  }
  ImGui::EndTable();
}
}  // namespace

void DrawMatrixView(AppState& state) {
  const StepSession& session = state.step;
  if (session.stations.empty() || session.mlp.layers.empty()) {
    ImGui::TextDisabled("No network to show yet.");
    return;
  }
  const int l = ShownLayer(session);
  const Layer& layer = session.mlp.layers[l];
  ImGui::Text("Layer %d of %zu:  z = W x + b,  a = %s(z)", l + 1, session.mlp.layers.size(),
              ActivationSymbol(layer.activation).c_str());

  ImGui::PushFont(Fonts().mono);
  std::vector<Matrix> matrices = BuildMatrices(session, l, state.precision);
  const float width = ImGui::GetContentRegionAvail().x;
  ImVec2 total = FlowLayout(&matrices, width);
  // Wide layers scroll sideways instead of squeezing their columns.
  float scrollbar = total.x > width ? ImGui::GetStyle().ScrollbarSize : 0.0f;
  ImGui::SetNextWindowContentSize(ImVec2(total.x, 0.0f));
  ImGui::BeginChild("matrix_view", ImVec2(0, total.y + scrollbar + ImGui::GetStyle().ItemSpacing.y), false,
                    ImGuiWindowFlags_HorizontalScrollbar);
  const Palette& palette = ThemePalette(state.dark_theme);
  for (const Matrix& m : matrices) {
    ImGui::SetCursorPos(m.pos);
    ImGui::BeginGroup();
    DrawMatrix(m, palette);
    ImGui::EndGroup();
  }
  ImGui::EndChild();
  ImGui::PopFont();
}

}  // namespace bp
