// The frame: pending changes first, then the three-column layout every lesson shares:
// the lesson list (left), the canvas (centre) and the side panel with text, controls and math (right).
#include "app/app.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/api/api_json.h"
#include "app/io/network_io.h"
#include "app/keyboard.h"
#include "app/lesson_registry.h"
#include "app/link/embed.h"
#include "app/sections.h"
#include "app/session/content.h"
#include "app/session/hide_lock.h"
#include "app/session/quiz.h"
#include "app/stepper/stepper_widgets.h"
#include "app/io/scenario_io.h"
#include "app/widgets/question_view.h"
#include "app/widgets/scenario_view.h"
#include "app/widgets/widgets.h"
#include "imgui.h"
#include "imgui_internal.h"  // windows' scroll, for scrolling by finger

namespace bp {

namespace {
constexpr float kLessonListWidth = 230.0f;  // in unscaled pixels
constexpr float kSidePanelWidth = 400.0f;
constexpr float kMinCanvasWidth = 240.0f;
constexpr float kMaxPanelShare = 0.38f;  // with large text the side panel stops growing here
// Narrower than this for the canvas and the panel together, the panel becomes a drawer over the
// canvas (at most kMaxDrawerShare of the width), so that the canvas keeps the whole width.
constexpr float kDrawerBelowWidth = 720.0f;
constexpr float kMaxDrawerShare = 0.85f;
// Narrower than this for the whole window, the lesson list is a drawer too (from the left).
constexpr float kListDrawerBelowWidth = 560.0f;
constexpr const char* kOpenListLabel = "≡ Lessons";
constexpr const char* kOpenDrawerLabel = "◂ Explanation";
constexpr const char* kCloseDrawerLabel = "Close ▸";
// The keyboard focus frame: a colour that stands out from hover and selection in each theme.
const ImVec4 kFocusOnDark(1.0f, 0.78f, 0.25f, 1.0f);
const ImVec4 kFocusOnLight(0.0f, 0.27f, 0.8f, 1.0f);
const ImVec4 kBannerOnDark(0.55f, 0.35f, 0.05f, 0.9f);
const ImVec4 kBannerOnLight(1.0f, 0.86f, 0.55f, 1.0f);
// The three columns tile the screen, which the main loop clears to the window colour first, so
// they draw no background of their own: under software WebGL each full-screen layer of pixels
// costs several milliseconds a frame.
constexpr ImGuiWindowFlags kFixedWindow = ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize |
                                          ImGuiWindowFlags_NoCollapse | ImGuiWindowFlags_NoSavedSettings |
                                          ImGuiWindowFlags_NoBackground;
// The drawer lies over the canvas: it paints its background, and the columns under it never come
// to the front when clicked.
constexpr ImGuiWindowFlags kDrawerWindow = kFixedWindow & ~ImGuiWindowFlags_NoBackground;
constexpr ImGuiWindowFlags kUnderDrawer = ImGuiWindowFlags_NoBringToFrontOnFocus;

}  // namespace

namespace {

// Theme, text size and the shortcut list: the "Display" section of the lesson list.
void DrawDisplaySettings(AppState& state) {
  AccessibilityState& access = state.access;
  if (ImGui::RadioButton("Dark", state.dark_theme)) state.dark_theme = true;
  ImGui::SameLine();
  if (ImGui::RadioButton("Light", !state.dark_theme)) state.dark_theme = false;
  ImGui::SameLine();
  ImGui::TextDisabled("theme");
  // Fonts are rebuilt when the size changes: the slider applies its value when released.
  if (!access.font_slider_active) access.font_slider_percent = static_cast<int>(std::lround(state.font_scale * 100.0f));
  ImGui::SetNextItemWidth(-1.0f);
  bool changed =
      ImGui::SliderInt("##text-size", &access.font_slider_percent, static_cast<int>(kMinFontScale * 100),
                       static_cast<int>(kMaxFontScale * 100), "text size %d%%", ImGuiSliderFlags_AlwaysClamp);
  access.font_slider_active = ImGui::IsItemActive();
  if ((changed && !access.font_slider_active) || ImGui::IsItemDeactivatedAfterEdit()) {
    state.font_scale = access.font_slider_percent / 100.0f;
  }
  // The lesson text's language, once content/ has more than one (docs/content.md).
  const std::vector<std::string> languages = Content().Languages();
  if (languages.size() > 1) {
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::BeginCombo("##language", ("text: " + state.language).c_str())) {
      for (const std::string& language : languages) {
        if (ImGui::Selectable(language.c_str(), language == state.language)) state.language = language;
      }
      ImGui::EndCombo();
    }
  }
  if (ImGui::Button("? Keyboard shortcuts", ImVec2(-1.0f, 0.0f))) access.help_open = true;
}

// On a narrow canvas: the button that opens the panel's drawer, at the right end of the title's
// line (or below the title when the line is full).
void DrawDrawerButton(AppState& state) {
  const float width = ButtonWidth(kOpenDrawerLabel);
  SameLineIfFits(width);
  ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - width));
  if (ImGui::Button(kOpenDrawerLabel)) {
    state.panel_open = true;
    state.focus_panel = true;
  }
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("The explanation and the lesson's settings");
}

// Whether a control (not a window's empty part: ImGui makes that "active" too, by its move id)
// has taken the mouse.
bool ControlActive() {
  const ImGuiContext& g = *GImGui;
  return g.ActiveId != 0 && !(g.ActiveIdWindow != nullptr && g.ActiveId == g.ActiveIdWindow->MoveId);
}

// Touch screens have no wheel: a finger pressed on a window's empty part (no control takes the
// press) and dragged scrolls that window, or the nearest enclosing one that can scroll.
void ScrollByFinger(AppState& state) {
  if (!state.pointer_is_finger || !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    state.finger_scroll_window = 0;
    return;
  }
  if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    ImGuiWindow* window = GImGui->HoveredWindow;
    while (window != nullptr && window->ScrollMax.y <= 0.0f && (window->Flags & ImGuiWindowFlags_ChildWindow)) {
      window = window->ParentWindow;
    }
    const bool scrolls = window != nullptr && window->ScrollMax.y > 0.0f && !ControlActive();
    state.finger_scroll_window = scrolls ? window->ID : 0;
    return;
  }
  if (state.finger_scroll_window == 0 || ControlActive()) return;
  ImGuiWindow* window = ImGui::FindWindowByID(state.finger_scroll_window);
  if (window != nullptr) ImGui::SetScrollY(window, window->Scroll.y - ImGui::GetIO().MouseDelta.y);
}

// Begins a drawer's window (position and size set by the caller): opaque, so the canvas under it
// does not show through, with a × in its title bar that clears *open.
void BeginDrawer(const char* name, bool* open) {
  ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  background.w = 1.0f;
  ImGui::PushStyleColor(ImGuiCol_WindowBg, background);
  ImGui::Begin(name, open, kDrawerWindow);
  ImGui::PopStyleColor();
}

void DrawLessonList(AppState& state, ImVec2 pos, ImVec2 size) {
  ImGui::SetNextWindowPos(pos);
  ImGui::SetNextWindowSize(size);
  if (state.focus_list) ImGui::SetNextWindowFocus();
  state.focus_list = false;
  if (state.list_is_drawer) {
    BeginDrawer(kLessonListWindow, &state.list_open);  // closed by its × or by choosing a lesson
  } else {
    ImGui::Begin(kLessonListWindow, nullptr, kFixedWindow | kUnderDrawer);
  }
  ImGui::PushFont(Fonts().heading);
  ImGui::TextUnformatted("Backprop Lab");
  ImGui::PopFont();
  ImGui::TextDisabled("from the perceptron to an MLP");
  ImGui::Separator();
  DrawCourseList(state);
  ImGui::Separator();
  if (!Hidden(state, "display")) {
    ImGui::TextDisabled("Display");
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::SliderInt("##digits", &state.precision, kMinPrecision, kMaxPrecision, "%d significant digits");
    DrawDisplaySettings(state);
    ImGui::Separator();
  }
  if (!Hidden(state, "share")) DrawShareSection(state);
  ImGui::Separator();
  DrawExportImport(state);
  DrawScenarioList(state);
  ImGui::End();
}

void DrawBanner(AppState& state) {
  if (state.banner.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, state.dark_theme ? kBannerOnDark : kBannerOnLight);
  // As tall as the sentence and its Dismiss button, up to a few lines (then it scrolls): a long
  // sentence (a link with several bad keys) must not hide the button.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float line = ImGui::GetTextLineHeightWithSpacing();
  const float wrap = ImGui::GetContentRegionAvail().x - 2.0f * style.WindowPadding.x;
  const float text_height = ImGui::CalcTextSize(state.banner.c_str(), nullptr, false, wrap).y;
  float height = std::min(text_height + ImGui::GetFrameHeightWithSpacing() + 2.0f * style.WindowPadding.y, line * 6.5f);
  ImGui::BeginChild("banner", ImVec2(0, height), true);
  WrappedText(state.banner);
  if (ImGui::SmallButton("Dismiss")) state.banner.clear();
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

// Goals and waiting experiments are checked against the lesson's state as the API gives it (with the
// stepper's), four times a second: often enough to tick at once, rarely enough to cost nothing. The
// stored progress is read on the first frame the app may keep it.
void CheckQuestions(AppState& state) {
  // After the first frames: the page applies the link (embed=1, progress=1) after the first one.
  if (!state.quiz.progress.loaded && state.frame >= 2) {
    if (ProgressKept(state) && state.platform.load_progress) LoadProgress(state, state.platform.load_progress());
    state.quiz.progress.loaded = true;
  }
  if (state.quiz.checked_at >= 0.0 && state.time - state.quiz.checked_at < 0.25) return;
  const LessonInfo* lesson = CurrentLesson(state);
  if (lesson == nullptr) return;
  const LessonQuestions& quiz = OpenQuiz(state);
  if (quiz.goals.empty() && quiz.questions.empty()) return;
  state.quiz.checked_at = state.time;
  Json context = lesson->state_json ? lesson->state_json(state) : Json::object();
  if (!context.is_object()) context = Json::object();
  context["step"] = StepStateJson(state);
  UpdateQuiz(state, context);
}

// Progress goes to the browser's storage when it changed (and may be kept); events to the page.
void KeepProgress(AppState& state) {
  ProgressState& progress = state.quiz.progress;
  if (progress.changed != progress.saved && ProgressKept(state) && state.platform.save_progress) {
    state.platform.save_progress(ProgressToJson(progress));
  }
  progress.saved = progress.changed;
  if (state.platform.progress_event) {
    for (const ProgressEvent& event : progress.events) state.platform.progress_event(event.kind.c_str(), event.json);
  }
  progress.events.clear();
}

// The sentence for the screen-reader mirror: the lesson title when the lesson changes, then the
// current station in words (DescribeStation) whenever it changes. Not every frame: only news.
void UpdateAnnouncement(AppState& state) {
  AccessibilityState& access = state.access;
  std::string station = state.step.stations.empty() ? std::string() : DescribeStation(state);
  if (state.lesson != access.announced_lesson) {
    const LessonInfo& opened = Lessons(state)[state.lesson];
    const std::string group = CourseGroupTitle(state, opened.id);
    access.announcement = std::string("Lesson: ") + opened.title;
    if (!group.empty()) access.announcement += " (" + group + ")";
    if (!station.empty()) access.announcement += ". " + station;
    ++access.announcement_serial;
  } else if (station != access.announced_station && !station.empty()) {
    access.announcement = station;
    ++access.announcement_serial;
  }
  // Predict mode: the verdict and the next question, after the station when both are news.
  const std::string predict = state.predict_sentence;
  state.predict_sentence.clear();  // written again by the predict box drawn next frame
  if (predict != access.announced_predict && !predict.empty() && state.lesson == access.announced_lesson) {
    access.announcement = station != access.announced_station ? station + ". " + predict : predict;
    ++access.announcement_serial;
  }
  access.announced_predict = predict;
  // A question answered: its verdict and explanation.
  if (const std::string verdict = TakeQuizAnnouncement(state); !verdict.empty()) {
    access.announcement = verdict;
    ++access.announcement_serial;
  }
  if (state.notation_open && !access.announced_notation) {
    access.announcement = "Notation card: " + ContentText(state.language, "notation#card") + " Esc closes it.";
    ++access.announcement_serial;
  }
  access.announced_notation = state.notation_open;
  access.announced_lesson = state.lesson;
  access.announced_station = station;
}
}  // namespace

void InitApp(AppState& state) {
  state.lessons = &LessonRegistry();
  state.lesson = 0;
  Lessons(state)[0].enter(state);
}

void ApplyStyle(const AppState& state, float scale) {
  ImGuiStyle style;
  if (state.dark_theme) {
    ImGui::StyleColorsDark(&style);
  } else {
    ImGui::StyleColorsLight(&style);
  }
  style.WindowRounding = 0.0f;
  style.FrameRounding = 3.0f;
  style.WindowBorderSize = 1.0f;
  style.Colors[ImGuiCol_NavHighlight] = state.dark_theme ? kFocusOnDark : kFocusOnLight;
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

namespace {}  // namespace

void DrawFrame(AppState& state) {
  state.text_drawing.clear();
  HandleAppShortcuts(state);
  ApplyPendingChanges(state);
  // A shipped scenario picked in the lesson list last frame opens now, before anything is drawn.
  if (!state.pending_scenario.empty()) {
    (void)OpenShippedScenario(state, state.pending_scenario);
    state.pending_scenario.clear();
  }
  state.time = ImGui::GetTime();
  if (!state.step.stations.empty()) AdvancePlayback(state, ImGui::GetIO().DeltaTime);
  const LessonInfo& current = Lessons(state)[state.lesson];
  if (current.update) current.update(state);
  CheckQuestions(state);
  // The canvas reports what is under the mouse afresh every frame.
  state.hovered = Selection();
  const LessonInfo& lesson = Lessons(state)[state.lesson];

  ImVec2 display = ImGui::GetIO().DisplaySize;
  float scale = DesiredUiScale(state);
  // The side columns shrink on small screens so the canvas keeps a usable width; a link can hide
  // them (hide=lessons,panel; embed mode hides the lesson list).
  const bool show_list = !Hidden(state, "lessons");
  const bool show_panel = !Hidden(state, "panel");
  const float css_scale = state.pixel_ratio * state.font_scale;
  state.list_is_drawer = show_list && display.x < kListDrawerBelowWidth * css_scale;
  if (!state.list_is_drawer) state.list_open = false;
  float list_width = show_list && !state.list_is_drawer ? std::min(kLessonListWidth * scale, display.x * 0.22f) : 0.0f;
  // (In CSS pixels at the learner's text size: an embed's smaller text does not count, so that a
  // small frame gives its width to the canvas.)
  state.panel_is_drawer = show_panel && display.x - list_width < kDrawerBelowWidth * css_scale;
  if (!state.panel_is_drawer) state.panel_open = false;
  float panel_width = show_panel && !state.panel_is_drawer
                          ? std::min({kSidePanelWidth * scale,
                                      std::max(display.x - list_width - kMinCanvasWidth * scale, display.x * 0.3f),
                                      display.x * kMaxPanelShare})
                          : 0.0f;
  float canvas_width = std::max(display.x - list_width - panel_width, 1.0f);

  if (show_list && !state.list_is_drawer) DrawLessonList(state, ImVec2(0, 0), ImVec2(list_width, display.y));

  ImGui::SetNextWindowPos(ImVec2(list_width, 0));
  ImGui::SetNextWindowSize(ImVec2(canvas_width, display.y));
  ImGui::Begin(kCanvasWindow, nullptr, kFixedWindow | kUnderDrawer | ImGuiWindowFlags_NoTitleBar);
  DrawBanner(state);
  if (state.list_is_drawer) {
    if (ImGui::Button(kOpenListLabel)) {
      state.list_open = true;
      state.focus_list = true;
    }
    ImGui::SameLine();
  }
  ImGui::PushFont(Fonts().heading);
  ImGui::TextUnformatted(lesson.title);
  ImGui::PopFont();
  if (state.panel_is_drawer) DrawDrawerButton(state);
  lesson.draw_canvas(state);
  ImGui::End();

  if (show_panel && (!state.panel_is_drawer || state.panel_open)) {
    if (state.panel_is_drawer) {
      const float drawer_width = std::min(kSidePanelWidth * scale, display.x * kMaxDrawerShare);
      ImGui::SetNextWindowPos(ImVec2(display.x - drawer_width, 0));
      ImGui::SetNextWindowSize(ImVec2(drawer_width, display.y));
    } else {
      ImGui::SetNextWindowPos(ImVec2(list_width + canvas_width, 0));
      ImGui::SetNextWindowSize(ImVec2(panel_width, display.y));
    }
    if (state.focus_panel) ImGui::SetNextWindowFocus();
    state.focus_panel = false;
    if (state.panel_is_drawer) {
      BeginDrawer(kExplanationWindow, &state.panel_open);
      if (ImGui::Button(kCloseDrawerLabel)) state.panel_open = false;
    } else {
      ImGui::Begin(kExplanationWindow, nullptr, kFixedWindow);
    }
    if (state.scenario.replace) DrawScenarioText(state);
    DrawScenarioHeader(state);
    lesson.draw_panel(state);
    if (!state.scenario.replace) DrawScenarioText(state);
    DrawLessonQuestions(state);
    DrawLessonFooter(state);
    ImGui::End();
  }

  if (show_list && state.list_is_drawer && state.list_open) {
    const float drawer_width = std::min(kLessonListWidth * scale, display.x * kMaxDrawerShare);
    DrawLessonList(state, ImVec2(0, 0), ImVec2(drawer_width, display.y));
  }
  ScrollByFinger(state);
  // The page's own controls (web/files.js) follow the app's embed mode and panel layout: the link is
  // parsed once, here, and the page hears the result.
  const char* layout = PanelLayout(state);
  const std::string reported = std::string(layout) + (state.embed ? " embedded" : "");
  if (state.reported_panel_layout != reported) {
    state.reported_panel_layout = reported;
    if (state.platform.panel_layout_changed) state.platform.panel_layout_changed(layout, state.embed);
  }
  DrawKeyboardHelp(state);
  DrawNotationCard(state);
  state.text_shown = std::move(state.text_drawing);
  UpdateAnnouncement(state);
  KeepProgress(state);
  ReportViewChanges(state);
  RouteKeysForNextFrame(state);
  ++state.frame;
}

}  // namespace bp
