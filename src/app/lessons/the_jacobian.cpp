// Lesson "The Jacobian": one layer with two inputs and two outputs, a = h(W x + b), drawn as a map of
// the plane — a grid and a letter F on the left, their images on the right. The learner drags a point:
// the Jacobian J = diag(h′(z)) W there (core/jacobian.h), a small square and its image next to the
// parallelogram J predicts, det J as their area ratio with its sign, and ∂L/∂x = ∂L/∂a · J.
// Its words: content/en/jacobian.md.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/session/app_state.h"
#include "app/session/format.h"
#include "app/session/json.h"
#include "app/widgets/data_plane.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/palette.h"
#include "app/widgets/plot_frame.h"
#include "app/widgets/widgets.h"
#include "core/jacobian.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr double kInputLimit = 2.0;  // the input plane shows [−2, 2]²
constexpr double kWeightLimit = 5.0;
constexpr double kSquareSide = 0.4;        // the small square around the chosen point
const Eigen::Vector2d kTarget(0.5, -0.5);  // t in L = ½‖a − t‖²
const PlaneRange kInputRange{-kInputLimit, kInputLimit, -kInputLimit, kInputLimit};

struct Preset {
  const char* name;
  double w11, w12, w21, w22, b1, b2;
  Activation h;
};
// The default first, then the buttons. det W: 1.44, 1.2, 1, −1, 2.75.
const Preset kPresets[] = {
    {"Start", 1.2, 0.6, -0.4, 1.0, 0.1, -0.2, Activation::kTanh},
    {"Stretch", 1.5, 0.5, 0.0, 0.8, 0.0, 0.0, Activation::kIdentity},
    {"Rotate", 0.866025403784, -0.5, 0.5, 0.866025403784, 0.0, 0.0, Activation::kIdentity},
    {"Mirror", 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, Activation::kIdentity},
    {"Squash", 2.0, 0.5, -0.5, 1.25, 0.2, -0.1, Activation::kTanh},
};
const Activation kActivations[] = {Activation::kIdentity, Activation::kTanh, Activation::kSigmoid, Activation::kRelu};

void ApplyPreset(PlaneMap* map, const Preset& p) {
  map->W << p.w11, p.w12, p.w21, p.w22;
  map->b << p.b1, p.b2;
  map->h = p.h;
}

// The map starts as the first preset.
struct JacobianState {
  JacobianState() { ApplyPreset(&map, kPresets[0]); }
  PlaneMap map;
  Eigen::Vector2d x{0.5, 0.3};
};

// A polyline of the input plane, cut into `pieces`, and its image under the map.
std::vector<Eigen::Vector2d> Segment(const Eigen::Vector2d& from, const Eigen::Vector2d& to, int pieces) {
  std::vector<Eigen::Vector2d> points;
  for (int k = 0; k <= pieces; ++k) points.push_back(from + (to - from) * (static_cast<double>(k) / pieces));
  return points;
}
std::vector<Eigen::Vector2d> Image(const PlaneMap& map, const std::vector<Eigen::Vector2d>& points) {
  std::vector<Eigen::Vector2d> out;
  for (const Eigen::Vector2d& p : points) out.push_back(MapPoint(map, p));
  return out;
}

// What the planes show: grid lines of constant x₁ and of constant x₂, and the strokes of a letter F
// (it has no mirror symmetry, so a flip shows).
struct Picture {
  std::vector<std::vector<Eigen::Vector2d>> constant_x1, constant_x2, letter;
};
Picture InputPicture() {
  Picture p;
  for (int k = -4; k <= 4; ++k) {
    const double v = 0.5 * k;
    p.constant_x1.push_back(Segment({v, -kInputLimit}, {v, kInputLimit}, 40));
    p.constant_x2.push_back(Segment({-kInputLimit, v}, {kInputLimit, v}, 40));
  }
  p.letter.push_back(Segment({-1.6, 0.4}, {-1.6, 1.7}, 20));
  p.letter.push_back(Segment({-1.6, 1.7}, {-0.8, 1.7}, 20));
  p.letter.push_back(Segment({-1.6, 1.1}, {-1.05, 1.1}, 20));
  return p;
}
Picture MapPicture(const PlaneMap& map, const Picture& in) {
  Picture out;
  for (const auto& line : in.constant_x1) out.constant_x1.push_back(Image(map, line));
  for (const auto& line : in.constant_x2) out.constant_x2.push_back(Image(map, line));
  for (const auto& line : in.letter) out.letter.push_back(Image(map, line));
  return out;
}

// A square range around every finite point of the picture, with a margin.
PlaneRange OutputRange(const Picture& picture) {
  double lo_x = 1e300, hi_x = -1e300, lo_y = 1e300, hi_y = -1e300;
  for (const auto* lines : {&picture.constant_x1, &picture.constant_x2, &picture.letter}) {
    for (const auto& line : *lines) {
      for (const Eigen::Vector2d& p : line) {
        if (!std::isfinite(p.x()) || !std::isfinite(p.y())) continue;
        lo_x = std::min(lo_x, p.x()), hi_x = std::max(hi_x, p.x());
        lo_y = std::min(lo_y, p.y()), hi_y = std::max(hi_y, p.y());
      }
    }
  }
  if (lo_x > hi_x) return kInputRange;
  const double half = std::max({0.25, 0.5 * (hi_x - lo_x), 0.5 * (hi_y - lo_y)}) * 1.1;
  const double cx = 0.5 * (lo_x + hi_x), cy = 0.5 * (lo_y + hi_y);
  return {cx - half, cx + half, cy - half, cy + half};
}

void DrawLines(ImDrawList* draw, const DataPlaneMouse& plane, const std::vector<std::vector<Eigen::Vector2d>>& lines,
               ImU32 color, float width, Dash dash = Dash::kSolid, bool closed = false) {
  for (const auto& line : lines) {
    std::vector<ImVec2> run;
    for (const Eigen::Vector2d& p : line) {
      if (std::isfinite(p.x()) && std::isfinite(p.y())) run.push_back(plane.ToScreen(p.x(), p.y()));
    }
    if (closed && !run.empty()) run.push_back(run.front());
    plot::DrawDashed(draw, run, color, dash, width);
  }
}

// The picture, the square (or its image) and the chosen point on one plane.
void DrawPicture(const AppState& state, const DataPlaneMouse& plane, const Picture& picture,
                 const std::vector<Eigen::Vector2d>& square, const std::vector<Eigen::Vector2d>* predicted,
                 const Eigen::Vector2d& point) {
  const Palette& palette = ThemePalette(state.dark_theme);
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PushClipRect(plane.frame_min, plane.frame_max, true);
  DrawLines(draw, plane, picture.constant_x1, WithAlpha(ClassColor(0, state.dark_theme), 0.55f), LineWidth(1.5f));
  DrawLines(draw, plane, picture.constant_x2, WithAlpha(ClassColor(1, state.dark_theme), 0.55f), LineWidth(1.5f));
  DrawLines(draw, plane, picture.letter, palette.text, LineWidth(4.0f));
  if (predicted) DrawLines(draw, plane, {*predicted}, palette.text, LineWidth(2.0f), Dash::kDashed, true);
  DrawLines(draw, plane, {square}, palette.highlight, LineWidth(3.0f), Dash::kSolid, true);
  if (std::isfinite(point.x()) && std::isfinite(point.y())) {
    const ImVec2 c = plane.ToScreen(point.x(), point.y());
    draw->AddCircleFilled(c, plot::Px(5.0f), palette.highlight);
  }
  draw->PopClipRect();
}

std::string Vec(const Eigen::Vector2d& v, int d) { return "(" + Num(v(0), d) + ", " + Num(v(1), d) + ")"; }
std::string Row(const Eigen::RowVector2d& v, int d) { return "(" + Num(v(0), d) + ", " + Num(v(1), d) + ")"; }
std::string Mat(const Eigen::Matrix2d& M, int d) {
  return "[" + Num(M(0, 0), d) + "  " + Num(M(0, 1), d) + "; " + Num(M(1, 0), d) + "  " + Num(M(1, 1), d) + "]";
}

// The key numbers next to the planes, where the eye already is: J at x, det J and the square's ratio.
void DrawCanvasNumbers(AppState& state, const JacobianState& s, const SquareImage& square) {
  const int d = state.precision;
  const Eigen::Matrix2d J = MapJacobian(s.map, s.x);
  const double det = J.determinant();
  ImGui::PushFont(Fonts().mono);
  ImGui::TextUnformatted(("x = " + Vec(s.x, d)).c_str());
  ImGui::TextUnformatted(("a = " + Vec(MapPoint(s.map, s.x), d)).c_str());
  ImGui::TextUnformatted("J = diag(h′(z)) W =");
  ImGui::TextUnformatted(("  [" + Num(J(0, 0), d) + "  " + Num(J(0, 1), d) + "]").c_str());
  ImGui::TextUnformatted(("  [" + Num(J(1, 0), d) + "  " + Num(J(1, 1), d) + "]").c_str());
  ImGui::TextUnformatted(("det J = " + Num(det, d)).c_str());
  ImGui::TextUnformatted(("area ratio = " + Num(square.area_ratio, d)).c_str());
  ImGui::PopFont();
  const double det_w = s.map.W.determinant();
  const char* part = std::fabs(det) >= 0.05    ? (det < 0.0 ? "jacobian#flipped" : "jacobian#kept")
                     : std::fabs(det_w) < 0.05 ? "jacobian#flat-w"
                                               : "jacobian#flat";
  Say(state, part, {{"detw", Num(det_w, d)}});
}
}  // namespace

void JacobianCanvas(AppState& state) {
  JacobianState& s = state.lesson_states.Get<JacobianState>();
  const ImVec2 avail = ImGui::GetContentRegionAvail();
  const float gap = ImGui::GetStyle().ItemSpacing.x;
  // Side by side on a wide canvas; stacked on a tall one, with the numbers to the right if they fit.
  const bool wide = avail.x >= avail.y;
  const float side =
      wide ? std::min(avail.y * 0.8f, (avail.x - gap) * 0.5f) : std::min(avail.x, (avail.y - gap) * 0.5f);
  const float numbers_width = ImGui::GetFontSize() * 15.0f;
  const Picture input = InputPicture();
  const Picture output = MapPicture(s.map, input);
  const SquareImage square = MapSquare(s.map, s.x, kSquareSide);

  ImGui::BeginGroup();
  DataPlaneSpec left;
  left.range = kInputRange;
  left.dark = state.dark_theme;
  left.precision = state.precision;
  const DataPlaneMouse in = DrawDataPlane("##jacobian_input", left, ImVec2(side, side));
  if (in.held) {
    s.x = Eigen::Vector2d(std::clamp(in.x, -kInputLimit, kInputLimit), std::clamp(in.y, -kInputLimit, kInputLimit));
  }
  DrawPicture(state, in, input, square.square, nullptr, s.x);
  if (wide) ImGui::SameLine(0.0f, gap);

  DataPlaneSpec right;
  right.range = OutputRange(output);
  right.x_label = "a₁";
  right.y_label = "a₂";
  right.dark = state.dark_theme;
  right.precision = state.precision;
  const DataPlaneMouse out = DrawDataPlane("##jacobian_output", right, ImVec2(side, side));
  DrawPicture(state, out, output, square.image, &square.parallelogram, MapPoint(s.map, s.x));
  ImGui::EndGroup();
  if (!wide && avail.x - side - gap >= numbers_width) {
    ImGui::SameLine(0.0f, gap * 2.0f);
  }
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(numbers_width, avail.x - side - 3.0f * gap));
  DrawCanvasNumbers(state, s, square);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

void JacobianPanel(AppState& state) {
  JacobianState& s = state.lesson_states.Get<JacobianState>();
  const int d = state.precision;
  Say(state, "jacobian#intro");
  Say(state, "jacobian#try");
  ImGui::Separator();
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted("h");
  for (Activation h : kActivations) {
    ImGui::SameLine();
    if (ImGui::RadioButton(ActivationTitle(h), s.map.h == h)) s.map.h = h;
  }
  for (size_t k = 1; k < std::size(kPresets); ++k) {
    if (k > 1) SameLineIfFits(ButtonWidth(kPresets[k].name));
    if (ImGui::Button(kPresets[k].name)) ApplyPreset(&s.map, kPresets[k]);
  }
  const float field = ImGui::GetFontSize() * 5.0f;
  const float label_width = ImGui::GetFontSize() * 2.2f;
  auto label = [&](const char* text) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(text);
    ImGui::SameLine(0.0f, 0.0f);
    ImGui::Dummy(ImVec2(std::max(0.0f, label_width - ImGui::CalcTextSize(text).x), 0.0f));
    ImGui::SameLine();
  };
  const char* const w_names[2][2] = {{"W₁₁", "W₁₂"}, {"W₂₁", "W₂₂"}};
  const char* const b_names[2] = {"b₁", "b₂"};
  for (int i = 0; i < 2; ++i) {
    label(i == 0 ? "W" : "");
    for (int j = 0; j < 2; ++j) {
      if (j > 0) ImGui::SameLine();
      NumberField(state, w_names[i][j], &s.map.W(i, j), -kWeightLimit, kWeightLimit, field);
    }
    ImGui::SameLine(0.0f, ImGui::GetStyle().ItemSpacing.x * 3.0f);
    label(i == 0 ? "b" : "");
    NumberField(state, b_names[i], &s.map.b(i), -kWeightLimit, kWeightLimit, field);
  }
  label("x");
  NumberField(state, "x₁", &s.x(0), -kInputLimit, kInputLimit, field);
  ImGui::SameLine();
  NumberField(state, "x₂", &s.x(1), -kInputLimit, kInputLimit, field);
  if (!state.field_error.empty()) WarningText(state, "✗ " + state.field_error);
  ImGui::Separator();

  const Eigen::Vector2d z = MapPreActivation(s.map, s.x);
  const MapBackward back = BackwardThroughMap(s.map, s.x, kTarget);
  const Eigen::Vector2d slopes(ActivationDerivative(s.map.h, z(0), back.a(0)),
                               ActivationDerivative(s.map.h, z(1), back.a(1)));
  const double det = back.J.determinant();
  const SquareImage square = MapSquare(s.map, s.x, kSquareSide);
  ImGui::PushFont(Fonts().mono);
  WrappedText("x = " + Vec(s.x, d) + "   z = Wx + b = " + Vec(z, d));
  WrappedText("a = h(z) = " + Vec(back.a, d) + "   h′(z) = " + Vec(slopes, d));
  WrappedText("J = diag(h′(z)) W = " + Mat(back.J, d));
  WrappedText("det J = " + Num(det, d) + "   det W = " + Num(s.map.W.determinant(), d));
  ImGui::PopFont();
  Say(state, "jacobian#area",
      {{"side", Num(kSquareSide, 2)}, {"ratio", Num(square.area_ratio, d)}, {"det", Num(det, d)}});
  ImGui::Separator();
  Say(state, "jacobian#backward", {{"t", Vec(kTarget, d)}});
  ImGui::PushFont(Fonts().mono);
  WrappedText("L = ½‖a − t‖² = " + Num(back.loss, d));
  WrappedText("∂L/∂a = (a − t)ᵀ = " + Row(back.dL_da, d));
  WrappedText("∂L/∂x = ∂L/∂a · J = " + Row(back.dL_dx, d));
  ImGui::PopFont();
}

// ---- The lesson's part of the JS API ----
namespace {
Json LessonJson(const JacobianState& s) {
  const Eigen::Vector2d z = MapPreActivation(s.map, s.x);
  const MapBackward back = BackwardThroughMap(s.map, s.x, kTarget);
  const SquareImage square = MapSquare(s.map, s.x, kSquareSide);
  const double det = back.J.determinant();
  auto vec = [](const Eigen::Vector2d& v) { return Json::array({NumberOrNull(v(0)), NumberOrNull(v(1))}); };
  auto row = [](const Eigen::RowVector2d& v) { return Json::array({NumberOrNull(v(0)), NumberOrNull(v(1))}); };
  auto mat = [&](const Eigen::Matrix2d& M) { return Json::array({row(M.row(0)), row(M.row(1))}); };
  return {{"activation", ActivationName(s.map.h)},
          {"linear", s.map.h == Activation::kIdentity},
          {"W", mat(s.map.W)},
          {"b", vec(s.map.b)},
          {"x", vec(s.x)},
          {"z", vec(z)},
          {"a", vec(back.a)},
          {"J", mat(back.J)},
          {"det", NumberOrNull(det)},
          {"absDet", NumberOrNull(std::fabs(det))},
          {"detW", NumberOrNull(s.map.W.determinant())},
          {"absDetW", NumberOrNull(std::fabs(s.map.W.determinant()))},
          {"side", kSquareSide},
          {"areaRatio", NumberOrNull(square.area_ratio)},
          {"t", vec(kTarget)},
          {"loss", NumberOrNull(back.loss)},
          {"dLda", row(back.dL_da)},
          {"dLdx", row(back.dL_dx)},
          // What a link carries (set=), as setMap takes it.
          {"linkSettings",
           {{"W", mat(s.map.W)}, {"b", vec(s.map.b)}, {"activation", ActivationName(s.map.h)}, {"x", vec(s.x)}}}};
}

Json JacobianStateJson(const AppState& state) { return LessonJson(state.lesson_states.Get<JacobianState>()); }

// Reads a finite number in [−limit, limit] from `value`; false when it is not one.
bool ReadBounded(const Json& value, double limit, double* out) {
  if (!value.is_number()) return false;
  const double v = value.get<double>();
  if (!std::isfinite(v) || std::fabs(v) > limit) return false;
  *out = v;
  return true;
}

// The point x = [x1, x2] of the input plane (setMap's x and setPoint); false when it is not one.
const char* const kPointError = "x must be [x1, x2], numbers from -2 to 2";
bool ReadPoint(const Json& x, Eigen::Vector2d* out) {
  Eigen::Vector2d point;
  if (!x.is_array() || x.size() != 2 || !ReadBounded(x[0], kInputLimit, &point(0)) ||
      !ReadBounded(x[1], kInputLimit, &point(1))) {
    return false;
  }
  *out = point;
  return true;
}

std::string JacobianCommand(AppState& state, const std::string& command, const Json& request) {
  JacobianState& s = state.lesson_states.Get<JacobianState>();
  if (command == "setMap") {
    JacobianState next = s;
    if (request.contains("W")) {
      const Json& W = request["W"];
      bool ok = W.is_array() && W.size() == 2;
      for (int i = 0; ok && i < 2; ++i) {
        ok = W[i].is_array() && W[i].size() == 2 && ReadBounded(W[i][0], kWeightLimit, &next.map.W(i, 0)) &&
             ReadBounded(W[i][1], kWeightLimit, &next.map.W(i, 1));
      }
      if (!ok) return ErrorAnswer("W must be [[W11, W12], [W21, W22]], numbers from -5 to 5");
    }
    if (request.contains("b")) {
      const Json& b = request["b"];
      if (!b.is_array() || b.size() != 2 || !ReadBounded(b[0], kWeightLimit, &next.map.b(0)) ||
          !ReadBounded(b[1], kWeightLimit, &next.map.b(1))) {
        return ErrorAnswer("b must be [b1, b2], numbers from -5 to 5");
      }
    }
    if (request.contains("activation")) {
      const Json& name = request["activation"];
      const Result<Activation> h =
          name.is_string() ? ParseActivation(name.get<std::string>()) : Result<Activation>::Error("not a string");
      if (!h.ok() || std::find(std::begin(kActivations), std::end(kActivations), h.value()) == std::end(kActivations)) {
        return ErrorAnswer("activation must be identity, tanh, sigmoid or relu");
      }
      next.map.h = h.value();
    }
    if (request.contains("x") && !ReadPoint(request["x"], &next.x)) return ErrorAnswer(kPointError);
    s = next;
  } else if (command == "setPoint") {
    Eigen::Vector2d next;
    if (!request.contains("x") || !ReadPoint(request["x"], &next)) return ErrorAnswer(kPointError);
    s.x = next;
  } else if (command == "preset") {
    const std::string name =
        request.contains("name") && request["name"].is_string() ? request["name"].get<std::string>() : "";
    const Preset* found = nullptr;
    for (const Preset& p : kPresets) {
      if (name == p.name) found = &p;
    }
    if (!found) return ErrorAnswer("name must be Start, Stretch, Rotate, Mirror or Squash");
    ApplyPreset(&s.map, *found);
  } else {
    return "";
  }
  return LessonStateAnswer(LessonJson(s));
}
}  // namespace

// Nothing to set up: the map and the point stay as the learner left them.
void JacobianEnter(AppState&) {}

LessonInfo JacobianLesson() {
  LessonInfo row = {"jacobian",     "The Jacobian", JacobianEnter,     nullptr,
                    JacobianCanvas, JacobianPanel,  JacobianStateJson, JacobianCommand};
  row.link_command = "setMap";
  return row;
}

}  // namespace bp
