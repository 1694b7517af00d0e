// The step-through screen shared by the forward, loss, backprop and worked-example lessons.
#include "app/stepper/step_screen.h"

#include "app/session/display.h"

#include <cassert>
#include <cstdio>
#include <string>

#include "app/session/format.h"
#include "app/session/hide_lock.h"
#include "app/stepper/stepper_widgets.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/network_view.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
// One editable number: its name, then the field.
void Field(AppState& state, Editable& e, const std::string& name, const std::string& field, bool* changed) {
  double min = 0, max = 0;
  double* value = FieldValue(e, field, &min, &max);
  ImGui::TextUnformatted(name.c_str());
  ImGui::SameLine(ImGui::GetFontSize() * 5.0f);
  // A value the embedding page locked (lock=weights, sample, lr) is shown, greyed out.
  const std::string lock = LockForStepField(field);
  const bool locked = !lock.empty() && Locked(state, lock.c_str());
  ImGui::BeginDisabled(locked);
  if (NumberField(state, field, value, min, max, ImGui::GetFontSize() * 7.0f)) *changed = true;
  ImGui::EndDisabled();
}
}  // namespace

void DrawStepCanvas(AppState& state) {
  if (!Hidden(state, "stepper")) {
    DrawStepperControls(state);
    ImGui::Separator();
  }
  if (state.step.predict.on) {
    DrawPredictBox(state);
    ImGui::Separator();
  }
  // Numbers that have run away (or a step that cannot be taken) are still drawn, with the reason in words.
  if (const std::string diverged = StepDiverged(state.step); !diverged.empty()) WarningText(state, diverged);
  NetworkViewOptions options;
  options.language = state.language;
  options.precision = state.precision;
  options.notation = state.notation;
  options.now = state.time;
  options.ui_scale = DesiredUiScale(state);
  ImVec2 size = ImGui::GetContentRegionAvail();
  DrawNetworkView(state.step, options, size, &state.hovered, &state.selected);
}

void DrawSamplePicker(AppState& state) {
  if (state.sample_inputs.empty()) return;
  StepSession& session = state.step;
  auto describe = [&](int n) {
    std::string text = "x = (";
    for (int i = 0; i < state.sample_inputs[n].size(); ++i)
      text += (i ? ", " : "") + Num(state.sample_inputs[n](i), state.precision);
    text += ")  t = (";
    for (int k = 0; k < state.sample_targets[n].size(); ++k)
      text += (k ? ", " : "") + Num(state.sample_targets[n](k), state.precision);
    return text + ")";
  };
  int current = -1;
  for (size_t n = 0; n < state.sample_inputs.size(); ++n) {
    if (state.sample_inputs[n] == session.x && state.sample_targets[n] == session.t) current = static_cast<int>(n);
  }
  ImGui::SetNextItemWidth(-1.0f);
  std::string preview = current >= 0 ? describe(current) : "typed sample (pick one of the list)";
  ImGui::BeginDisabled(Locked(state, "sample"));
  const bool open = ImGui::BeginCombo("##sample", preview.c_str());
  ImGui::EndDisabled();
  if (open) {
    for (size_t n = 0; n < state.sample_inputs.size(); ++n) {
      if (ImGui::Selectable(describe(static_cast<int>(n)).c_str(), current == static_cast<int>(n))) {
        Status status = Retrace(&session, session.mlp, state.sample_inputs[n], state.sample_targets[n], session.config);
        if (!status.ok()) state.field_error = status.error;
        RestartStep(&session, state.time);
      }
    }
    ImGui::EndCombo();
  }
}

void DrawStepMath(AppState& state) {
  // A refused typed value is said right here, whether or not the editor is open.
  if (!state.field_error.empty()) {
    WarningText(state, "⚠ " + state.field_error);
    if (ImGui::SmallButton("OK")) state.field_error.clear();
  }
  if (Hidden(state, "math")) return;
  ImGui::PushFont(Fonts().heading);
  ImGui::TextUnformatted("The math");
  ImGui::PopFont();
  ImGui::TextDisabled("%s", ContentText(state.language, "stepper#math-hint").c_str());
  DrawMathPanel(state);
  ImGui::Spacing();
  ImGui::Checkbox("Show the matrices of this layer", &state.show_matrices);
  if (state.show_matrices) DrawMatrixView(state);
}

void DrawStepEditor(AppState& state) {
  if (Hidden(state, "editor")) return;
  Editable e = CurrentEditable(state);
  Notation notation = EffectiveNotation(e.mlp, state.notation);
  bool changed = false;
  ImGui::PushFont(Fonts().mono);
  for (int i = 0; i < e.x.size(); ++i) Field(state, e, InputName(notation, i), "x:" + std::to_string(i), &changed);
  for (int k = 0; k < e.t.size(); ++k) Field(state, e, TargetName(notation, k), "t:" + std::to_string(k), &changed);
  for (size_t l = 0; l < e.mlp.layers.size(); ++l) {
    const int layer = static_cast<int>(l);
    for (int j = 0; j < e.mlp.layers[l].outputs(); ++j) {
      for (int i = 0; i < e.mlp.layers[l].inputs(); ++i) {
        Field(state, e, WeightName(e.mlp, notation, layer, j, i),
              "W:" + std::to_string(l) + ":" + std::to_string(j) + ":" + std::to_string(i), &changed);
      }
      Field(state, e, BiasName(e.mlp, notation, layer, j), "b:" + std::to_string(l) + ":" + std::to_string(j),
            &changed);
    }
  }
  Field(state, e, "η", "eta", &changed);
  ImGui::PopFont();
  if (changed) ApplyEditable(state, e);
}

void DrawStepLessonPanel(AppState& state, const StepLessonPanel& panel) {
  Say(state, panel.story_key, panel.story_vars);
  if (ImGui::Button(panel.restart_label)) panel.restart(state);
  if (panel.offers_samples) {
    ImGui::TextUnformatted("Sample:");
    DrawSamplePicker(state);
  }
  ImGui::Separator();
  DrawStepMath(state);
  ImGui::Separator();
  if (!Hidden(state, "editor")) {
    if (ImGui::CollapsingHeader("Edit the numbers (type and press Enter)")) {
      if (Locked(state, "weights")) ImGui::TextDisabled("%s", ContentText(state.language, "stepper#weights-locked").c_str());
      DrawStepEditor(state);
    }
    ImGui::Separator();
  }
  Say(state, panel.try_key);
}

}  // namespace bp
