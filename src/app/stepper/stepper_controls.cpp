// The stepper bar (buttons, keyboard, speed, granularity, phase jumps, scrubber) and playback, and
// the play/pause button (with its Space key) of the lessons that train or play live.
#include <cstdio>

#include "app/session/format.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/keys.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr float kMinPlayRate = 0.5f;  // stations per second
constexpr float kMaxPlayRate = 20.0f;

float RadioWidth(const char* label) {
  return ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(label, nullptr, true).x;
}

// The stepper's keys act while shortcuts own the keyboard (no text being typed, no widget focused
// with Tab, no help overlay; see keyboard.h), so they never fight ImGui's widget navigation.
void HandleKeys(AppState& state) {
  double now = state.time;
  if (ShortcutKeyPressed(state, ImGuiKey_RightArrow, true)) StepNext(&state.step, state.granularity, now);
  if (ShortcutKeyPressed(state, ImGuiKey_LeftArrow, true)) StepPrevious(&state.step, state.granularity, now);
  if (ShortcutKeyPressed(state, ImGuiKey_Space, false)) state.playing = !state.playing;
  if (ShortcutKeyPressed(state, ImGuiKey_Home, false)) RestartStep(&state.step, now);
  if (ShortcutKeyPressed(state, ImGuiKey_End, false)) {
    SetPosition(&state.step, static_cast<int>(state.step.stations.size()) - 1, now);
  }
}
}  // namespace

void DrawStepperControls(AppState& state) {
  HandleKeys(state);
  StepSession& session = state.step;
  double now = state.time;
  if (ImGui::Button("↺ Restart")) RestartStep(&session, now);
  SameLineIfFits(ButtonWidth("◀ Previous"));
  // Nothing before the first station once step-back has reached the oldest step it keeps
  // (kMaxStepBack): the button says so by being disabled, with the reason on hover.
  const bool at_oldest = session.position == 0 && session.history.empty();
  ImGui::BeginDisabled(at_oldest);
  if (ImGui::Button("◀ Previous")) StepPrevious(&session, state.granularity, now);
  ImGui::EndDisabled();
  if (at_oldest && session.steps_taken > 0 && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {
    ImGui::SetTooltip("Step-back reaches the last %d steps of this network.", StepBackLimit(session.mlp));
  }
  const char* play_label = state.playing ? "⏸ Pause" : "▶ Play";
  SameLineIfFits(ButtonWidth(play_label));
  if (ImGui::Button(play_label)) state.playing = !state.playing;
  SameLineIfFits(ButtonWidth("Next ▶"));
  if (ImGui::Button("Next ▶")) StepNext(&session, state.granularity, now);
  float speed_width = ImGui::GetFontSize() * 7.0f;
  SameLineIfFits(speed_width + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize("speed").x);
  ImGui::SetNextItemWidth(speed_width);
  ImGui::SliderFloat("speed", &state.play_rate, kMinPlayRate, kMaxPlayRate, "%.1f steps/s",
                     ImGuiSliderFlags_Logarithmic);

  ImGui::TextUnformatted("Step by:");
  for (Granularity g : {Granularity::kNeuron, Granularity::kLayer, Granularity::kPhase, Granularity::kStep}) {
    SameLineIfFits(RadioWidth(GranularityName(g)));
    if (ImGui::RadioButton(GranularityName(g), state.granularity == g)) state.granularity = g;
  }
  ImGui::SameLine();
  // The phase buttons wrap to the next line when the canvas is narrow.
  float jump_width =
      ImGui::CalcTextSize("Jump to: Forward Loss Backward Update").x + ImGui::GetStyle().ItemSpacing.x * 8;
  if (ImGui::GetContentRegionAvail().x < jump_width) ImGui::NewLine();
  ImGui::TextDisabled("Jump to:");
  for (Phase phase : {Phase::kForward, Phase::kLoss, Phase::kBackward, Phase::kUpdate}) {
    SameLineIfFits(ImGui::CalcTextSize(PhaseTitle(phase)).x + ImGui::GetStyle().FramePadding.x * 2.0f);
    bool current = CurrentStation(session).phase == phase;
    if (current) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::SmallButton(PhaseTitle(phase))) JumpToPhase(&session, phase, now);
    if (current) ImGui::PopStyleColor();
  }

  SameLineIfFits(ImGui::GetFrameHeight() + ImGui::CalcTextSize("Predict (P)").x + ImGui::GetStyle().ItemInnerSpacing.x);
  DrawPredictSwitch(state);

  int position = session.position;
  int last = static_cast<int>(session.stations.size()) - 1;
  ImGui::SetNextItemWidth(-1.0f);
  std::string where =
      "step " + std::to_string(session.steps_taken + 1) + " · " + StationWhere(state, CurrentStation(session));
  if (ImGui::SliderInt("##scrubber", &position, 0, last, where.c_str())) SetPosition(&session, position, now);
}

bool PlayPauseButton(AppState& state, bool* running, const char* play, const char* pause, bool enabled) {
  ImGui::BeginDisabled(!enabled);
  bool pressed = ImGui::Button(*running ? pause : play);
  ImGui::EndDisabled();
  // The stepper has Space while it has stations (DrawStepperControls).
  pressed = pressed || (enabled && state.step.stations.empty() && ShortcutKeyPressed(state, ImGuiKey_Space, false));
  if (pressed) *running = !*running;
  return pressed;
}

}  // namespace bp
