// Lesson "Activation functions": a gallery of h(z) and h'(z) side by side, a table of ranges and
// saturation, a probe z with its numbers, and the pre-activations of a small network marked on the
// curve and counted (saturated, dead). The UI picks z-coordinates; src/core computes every value.
// Its words, the facts table's too: content/en/activations.md.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <vector>

#include "app/lessons/activation_gallery_state.h"
#include "app/session/app_state.h"
#include "app/session/format.h"
#include "app/session/step_edit.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot.h"
#include "app/widgets/widgets.h"
#include "core/activation.h"
#include "core/dataset.h"
#include "core/mlp.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr int kCurveSamples = 601;
constexpr double kWindowLimit = 20.0;  // the plotted window may span up to ±20
constexpr double kMinWindow = 0.5;
constexpr double kProbeLimit = 1000.0;  // typed z up to ±1000
constexpr int kBatch = 16;              // points of the two-moons data fed to the small network
constexpr int kHiddenWidth = 6;
constexpr float kMinPlotHeight = 200.0f;

// The gallery's activations, in its order. The facts table (range, zero-centred, where the slope is
// small) is the Markdown table of activations#facts: a header row, then one row per activation in
// this order.
const Activation kGallery[] = {Activation::kSigmoid, Activation::kTanh, Activation::kRelu,
                               Activation::kLeakyRelu, Activation::kPrelu, Activation::kElu,
                               Activation::kGelu, Activation::kIdentity};

double Slope(Activation activation, double z) {
  const ActivationParams params = GalleryParams(activation);
  return ActivationDerivative(activation, z, Activate(activation, z, params), params);
}

// Keeps the plotted window at least kMinWindow wide, inside ±kWindowLimit.
void AdjustWindow(ActivationGalleryState& s) {
  s.z_min = std::clamp(s.z_min, -kWindowLimit, kWindowLimit - kMinWindow);
  s.z_max = std::clamp(s.z_max, s.z_min + kMinWindow, kWindowLimit);
}

PlotSpec GalleryPlot(const AppState& state) {
  const ActivationGalleryState& s = state.lesson_states.Get<ActivationGalleryState>();
  const bool dark = state.dark_theme;
  const ActivationParams params = GalleryParams(s.selected);
  PlotSpec plot;
  plot.x_label = "z, the pre-activation";
  plot.x_symbol = "z";
  plot.y_label = std::string(ActivationTitle(s.selected)) + ": h(z) and h′(z)";
  plot.x_min = s.z_min;
  plot.x_max = s.z_max;
  plot.precision = state.precision;
  plot.dark = dark;
  PlotCurve f{{}, {}, ClassColor(0, dark), Dash::kSolid, "h(z)", 3.0f};
  PlotCurve slope{{}, {}, ClassColor(1, dark), Dash::kDashed, "h′(z)", 2.0f};
  bool was_small = false;
  for (int i = 0; i < kCurveSamples; ++i) {
    const double z = s.z_min + (s.z_max - s.z_min) * i / (kCurveSamples - 1);
    const double a = Activate(s.selected, z, params);
    const double d = ActivationDerivative(s.selected, z, a, params);
    f.x.push_back(z);
    f.y.push_back(a);
    slope.x.push_back(z);
    slope.y.push_back(d);
    // A dotted line where the slope enters or leaves the saturated region.
    const bool small = std::abs(d) < kSaturatedSlope;
    if (i > 0 && small != was_small) {
      plot.lines.push_back(
          {true, z, ThemePalette(dark).muted_text, Dash::kDotted, small ? "|h′| < 0.05 →" : "← |h′| < 0.05"});
    }
    was_small = small;
  }
  plot.curves = {f, slope};
  plot.lines.push_back({false, 0.0, ThemePalette(dark).muted_text, Dash::kDotted, ""});
  // The network's hidden pre-activations as faint marks on h, unlabelled.
  for (double z : s.hidden_z) {
    if (z < s.z_min || z > s.z_max) continue;
    plot.points.push_back({z, Activate(s.selected, z, params), WithAlpha(ClassColor(2, dark), 0.55f), ""});
  }
  const double a = Activate(s.selected, s.z, params);
  const double d = ActivationDerivative(s.selected, s.z, a, params);
  plot.points.push_back(
      {s.z, a, ClassColor(0, dark), "z = " + Num(s.z, state.precision) + ": h = " + Num(a, state.precision)});
  plot.points.push_back({s.z, d, ClassColor(1, dark), "h′ = " + Num(d, state.precision)});
  return plot;
}

// The facts table's Markdown table, nullptr when the part or its table is missing.
const ContentBlock* FactsTableBlock(const ContentPart* part) {
  if (part == nullptr) return nullptr;
  for (const ContentBlock& block : part->blocks) {
    if (block.kind == ContentBlock::kTable) return &block;
  }
  return nullptr;
}

// One row's cells as plain text.
std::vector<std::string> RowCells(const ContentBlock& row) {
  std::vector<std::string> cells;
  for (const ContentBlock& cell : row.children) {
    std::string text;
    for (const TextRun& run : cell.runs) text += run.hard_break ? " " : run.text;
    cells.push_back(text);
  }
  return cells;
}

// The table's row for `activation` (its cells: name, range, zero-centred, where the slope is small);
// empty when the file has no such row.
std::vector<std::string> FactsRow(const std::string& language, Activation activation) {
  const ContentBlock* table = FactsTableBlock(Content().Part(language, "activations#facts"));
  if (table == nullptr) return {};
  int body_row = 0;
  for (const ContentBlock& row : table->children) {
    if (row.header_cell) continue;
    if (body_row < static_cast<int>(std::size(kGallery)) && kGallery[body_row] == activation) return RowCells(row);
    ++body_row;
  }
  return {};
}

// The part activations#facts: its sentences, then its table drawn as rows the learner can pick, the
// chosen activation's row marked.
void FactsTable(AppState& state) {
  ActivationGalleryState& s = state.lesson_states.Get<ActivationGalleryState>();
  const ContentPart* part = Content().Part(state.language, "activations#facts");
  const ContentBlock* table = FactsTableBlock(part);
  if (table == nullptr) {
    Say(state, "activations#facts");  // a missing part draws its warning
    return;
  }
  state.text_drawing.emplace_back("activations#facts", PlainText(*part));
  ContentPart sentences = *part;
  sentences.blocks.erase(std::remove_if(sentences.blocks.begin(), sentences.blocks.end(),
                                        [](const ContentBlock& block) { return block.kind == ContentBlock::kTable; }),
                         sentences.blocks.end());
  DrawContentPart(state, sentences, {}, false);
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  for (const ContentBlock& row : table->children) {
    if (row.header_cell) {
      header = RowCells(row);
    } else {
      rows.push_back(RowCells(row));
    }
  }
  const int columns = static_cast<int>(header.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
  if (columns == 0 || !ImGui::BeginTable("##activation_facts", columns, flags)) return;
  // The name column as wide as its longest name; the others share the rest and wrap at spaces.
  float name_width = 0.0f;
  for (const auto& row : rows) {
    if (!row.empty()) name_width = std::max(name_width, ImGui::CalcTextSize(("▶ " + row[0]).c_str()).x);
  }
  for (int c = 0; c < columns; ++c) {
    ImGui::TableSetupColumn(header[c].c_str(), c == 0 ? ImGuiTableColumnFlags_WidthFixed : ImGuiTableColumnFlags_WidthStretch,
                            c == 0 ? name_width : 0.0f);
  }
  ImGui::TableHeadersRow();
  const int count = std::min(static_cast<int>(rows.size()), static_cast<int>(std::size(kGallery)));
  for (int i = 0; i < count; ++i) {
    const Activation activation = kGallery[i];
    const bool current = activation == s.selected;
    ImGui::TableNextRow();
    if (current)
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, WithAlpha(ThemePalette(state.dark_theme).highlight, 0.35f));
    ImGui::PushID(i);
    for (int c = 0; c < columns; ++c) {
      ImGui::TableNextColumn();
      const std::string cell = c < static_cast<int>(rows[i].size()) ? rows[i][c] : std::string();
      if (c > 0) {
        WrappedText(cell);
        continue;
      }
      const std::string name = std::string(current ? "▶ " : "") + (cell.empty() ? ActivationTitle(activation) : cell);
      if (ImGui::Selectable(name.c_str(), current, ImGuiSelectableFlags_SpanAllColumns) && !current) {
        s.selected = activation;
        s.pending = true;
      }
    }
    ImGui::PopID();
  }
  ImGui::EndTable();
}

// How many of the small network's hidden pre-activations are saturated or dead, and what that means.
void CountSentences(AppState& state) {
  const ActivationGalleryState& s = state.lesson_states.Get<ActivationGalleryState>();
  const int total = static_cast<int>(s.hidden_z.size());
  Say(state, "activations#count",
      {{"activation", ActivationTitle(s.selected)},
       {"points", std::to_string(kBatch)},
       {"total", std::to_string(total)},
       {"saturated", std::to_string(s.saturated)},
       {"dead", std::to_string(s.dead)}});
  if (total > 0 && s.saturated + s.dead == 0) Say(state, "activations#count-healthy");
  if (total > 0 && 2 * (s.saturated + s.dead) > total) Say(state, "activations#count-crawl");
}
}  // namespace

const std::vector<Activation>& GalleryActivations() {
  static const std::vector<Activation> kList = [] {
    std::vector<Activation> list;
    for (Activation activation : kGallery) list.push_back(activation);
    return list;
  }();
  return kList;
}

ActivationParams GalleryParams(Activation activation) {
  ActivationParams params;
  if (activation == Activation::kPrelu) params.slope = 0.25;
  return params;
}

void RebuildGalleryNetwork(ActivationGalleryState& lesson) {
  lesson.pending = false;
  lesson.hidden_z.clear();
  lesson.saturated = lesson.dead = 0;
  DatasetOptions options;
  options.kind = DatasetKind::kTwoMoons;
  options.count = kBatch;
  options.seed = lesson.seed;
  const Result<Dataset> data = MakeDataset(options);
  MlpSpec spec;
  spec.sizes = {2, kHiddenWidth, kHiddenWidth, 1};
  spec.activations = {lesson.selected, lesson.selected, Activation::kSigmoid};
  spec.params = GalleryParams(lesson.selected);
  spec.loss = Loss::kBinaryCrossEntropy;
  spec.init = InitScheme::kUniform;
  spec.uniform_range = lesson.weight_range;
  const Result<Mlp> mlp = MakeMlp(spec, lesson.seed);
  if (!data.ok() || !mlp.ok()) return;
  const ForwardPass pass = Forward(mlp.value(), data->X);
  for (int l = 0; l + 1 < static_cast<int>(pass.layers.size()); ++l) {
    const Eigen::MatrixXd& z = pass.layers[l].z;
    for (Eigen::Index i = 0; i < z.size(); ++i) {
      const double zi = z.data()[i];
      const double slope = Slope(lesson.selected, zi);
      lesson.hidden_z.push_back(zi);
      if (slope == 0.0) {
        ++lesson.dead;
      } else if (std::abs(slope) < kSaturatedSlope) {
        ++lesson.saturated;
      }
    }
  }
}

bool SetActivationGalleryField(AppState& state, const std::string& field, const std::string& text) {
  if (field != "z") {
    state.field_error = "there is no field '" + Printable(field) + "' in this lesson";
    return false;
  }
  CommitTypedNumber(state, field, text, &state.lesson_states.Get<ActivationGalleryState>().z, -kProbeLimit,
                    kProbeLimit);
  return state.field_error.empty();
}

void ActivationGalleryEnter(AppState& state) {
  state.field_error.clear();
  state.lesson_states.Get<ActivationGalleryState>().pending = true;
}

void ActivationGalleryCanvas(AppState& state) {
  ActivationGalleryState& s = state.lesson_states.Get<ActivationGalleryState>();
  AdjustWindow(s);
  if (s.pending) RebuildGalleryNetwork(s);
  for (Activation activation : GalleryActivations()) {
    const bool current = activation == s.selected;
    if (activation != GalleryActivations().front()) ImGui::SameLine();
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::Button(ActivationTitle(activation)) && !current) {
      s.selected = activation;
      s.pending = true;
    }
    if (current) ImGui::PopStyleColor();
  }
  FactsTable(state);
  Say(state, "activations#legend");
  const ImVec2 available = ImGui::GetContentRegionAvail();
  const PlotMouse mouse =
      DrawPlot("##activation_plot", GalleryPlot(state), ImVec2(available.x, std::max(available.y, kMinPlotHeight)));
  if (mouse.held) s.z = std::clamp(mouse.x, s.z_min, s.z_max);
}

void ActivationGalleryPanel(AppState& state) {
  ActivationGalleryState& s = state.lesson_states.Get<ActivationGalleryState>();
  Say(state, "activations#intro");
  Say(state, "activations#try");
  ImGui::Separator();
  const ActivationParams params = GalleryParams(s.selected);
  const double a = Activate(s.selected, s.z, params);
  const double d = ActivationDerivative(s.selected, s.z, a, params);
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("z");
  ImGui::SameLine();
  const float field_width = ImGui::GetFontSize() * 6.0f;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - field_width - ImGui::GetStyle().ItemSpacing.x);
  const std::string shown = Num(s.z, state.precision);
  ImGui::SliderScalar("##slide_z", ImGuiDataType_Double, &s.z, &s.z_min, &s.z_max, shown.c_str(),
                      ImGuiSliderFlags_NoInput | ImGuiSliderFlags_NoRoundToFormat);
  ImGui::SameLine();
  NumberField(state, "z", &s.z, -kProbeLimit, kProbeLimit, field_width);
  ImGui::PushFont(Fonts().mono);
  WrappedText("h(z) = " + Num(a, state.precision));
  WrappedText("h′(z) = " + Num(d, state.precision));
  ImGui::PopFont();
  if (!state.field_error.empty()) {
    WarningText(state, "✗ " + state.field_error);
  }
  ImGui::TextUnformatted("Plotted window, z from ... to ...");
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  const double low = -kWindowLimit, high = kWindowLimit;
  const std::string from = Num(s.z_min, state.precision), to = Num(s.z_max, state.precision);
  ImGui::SetNextItemWidth(half);
  ImGui::SliderScalar("##window_from", ImGuiDataType_Double, &s.z_min, &low, &high, from.c_str(),
                      ImGuiSliderFlags_NoInput | ImGuiSliderFlags_NoRoundToFormat);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(half);
  ImGui::SliderScalar("##window_to", ImGuiDataType_Double, &s.z_max, &low, &high, to.c_str(),
                      ImGuiSliderFlags_NoInput | ImGuiSliderFlags_NoRoundToFormat);
  AdjustWindow(s);
  ImGui::Separator();
  ImGui::TextUnformatted("Weight range r (weights drawn from U(−r, r))");
  ImGui::SetNextItemWidth(-1.0f);
  const double r_low = 0.1, r_high = 5.0;
  const std::string range = Num(s.weight_range, state.precision);
  if (ImGui::SliderScalar("##weight_range", ImGuiDataType_Double, &s.weight_range, &r_low, &r_high, range.c_str(),
                          ImGuiSliderFlags_NoInput | ImGuiSliderFlags_NoRoundToFormat)) {
    s.pending = true;
  }
  if (ImGui::Button("New weights")) {
    ++s.seed;
    s.pending = true;
  }
  CountSentences(state);
  ImGui::Separator();
  Say(state, "activations#guidance");
  Say(state, "activations#slides");
}

// ---- The lesson's part of the JS API: its key numbers in getState().lessonState and its commands ----
namespace {

Json ActivationsLessonJson(const AppState& state) {
  const ActivationGalleryState& s = state.lesson_states.Get<ActivationGalleryState>();
  const ActivationParams params = GalleryParams(s.selected);
  const double f = Activate(s.selected, s.z, params);
  // The facts table's row for the chosen activation, as the learner reads it.
  const std::vector<std::string> facts = FactsRow(state.language, s.selected);
  const auto cell = [&](size_t column) { return column < facts.size() ? facts[column] : std::string(); };
  return Json{{"activation", ActivationName(s.selected)},
              {"facts", {{"range", cell(1)}, {"zeroCentred", cell(2)}, {"slopeSmall", cell(3)}}},
              {"z", s.z},
              {"f", NumberOrNull(f)},
              {"fprime", NumberOrNull(ActivationDerivative(s.selected, s.z, f, params))},
              {"hiddenCount", s.hidden_z.size()},
              {"saturated", s.saturated},
              {"dead", s.dead},
              {"fieldError", state.field_error}};
}

std::string ActivationsCommand(AppState& state, const std::string& command, const Json& request) {
  ActivationGalleryState& s = state.lesson_states.Get<ActivationGalleryState>();
  if (command == "typeValue") {
    std::string error = TypeValue(state, request, SetActivationGalleryField);
    if (!error.empty()) return error;
  } else if (command == "setActivation") {
    if (!request.contains("name") || !request["name"].is_string())
      return ErrorAnswer("name must be an activation name");
    Result<Activation> activation = ParseActivation(request["name"].get<std::string>());
    if (!activation.ok()) return ErrorAnswer(activation.error());
    const std::vector<Activation>& offered = GalleryActivations();
    if (std::find(offered.begin(), offered.end(), activation.value()) == offered.end()) {
      return ErrorAnswer("the gallery shows sigmoid, tanh, relu, leaky_relu, prelu, elu, gelu and linear");
    }
    s.selected = activation.value();
    // Rebuilt now (a 2-6-6-1 network on 16 points) so the answer already holds the new counts.
    RebuildGalleryNetwork(s);
  } else {
    return "";
  }
  return LessonStateAnswer(ActivationsLessonJson(state));
}

}  // namespace

LessonInfo ActivationGalleryLesson() {
  return {"activations",           "Activation functions", ActivationGalleryEnter, nullptr,
          ActivationGalleryCanvas, ActivationGalleryPanel, ActivationsLessonJson,  ActivationsCommand};
}

}  // namespace bp
