// The step-through screen shared by the forward, loss, backprop and worked-example lessons.
#include "app/session/display.h"
#include "app/stepper/step_screen.h"

#include <cassert>
#include <cstdio>
#include <string>

#include "app/widgets/fonts.h"
#include "app/session/hide_lock.h"
#include "app/session/format.h"
#include "app/widgets/network_view.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr double kParameterLimit = 1e3;  // typed weights, biases, inputs, targets stay within ±1000
constexpr double kMaxLearningRate = 100.0;

// The value a field id names, in a copy of the session's inputs; nullptr for an unknown id.
struct Editable {
  Mlp mlp;
  Eigen::VectorXd x, t;
  OptimizerConfig config;
};

double* FieldValue(Editable& e, const std::string& field, double* min, double* max) {
  int l = -1, j = -1, i = -1;
  char extra = 0;
  *min = -kParameterLimit;
  *max = kParameterLimit;
  const int layers = static_cast<int>(e.mlp.layers.size());
  if (std::sscanf(field.c_str(), "W:%d:%d:%d%c", &l, &j, &i, &extra) == 3) {
    if (l >= 0 && l < layers && j >= 0 && j < e.mlp.layers[l].outputs() && i >= 0 && i < e.mlp.layers[l].inputs()) {
      return &e.mlp.layers[l].W(j, i);
    }
  } else if (std::sscanf(field.c_str(), "b:%d:%d%c", &l, &j, &extra) == 2) {
    if (l >= 0 && l < layers && j >= 0 && j < e.mlp.layers[l].outputs()) return &e.mlp.layers[l].b(j);
  } else if (std::sscanf(field.c_str(), "x:%d%c", &i, &extra) == 1) {
    if (i >= 0 && i < e.x.size()) return &e.x(i);
  } else if (std::sscanf(field.c_str(), "t:%d%c", &i, &extra) == 1) {
    if (i >= 0 && i < e.t.size()) return &e.t(i);
  } else if (field == "eta") {
    *min = 1e-6;
    *max = kMaxLearningRate;
    return &e.config.learning_rate;
  }
  return nullptr;
}

Editable CurrentEditable(const AppState& state) {
  return Editable{state.step.mlp, state.step.x, state.step.t, state.step.config};
}

bool Apply(AppState& state, const Editable& e) {
  Status status = Retrace(&state.step, e.mlp, e.x, e.t, e.config);
  if (!status.ok()) {
    state.field_error = status.error;
    return false;
  }
  return true;
}

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

Mlp SeededNetwork(const std::vector<int>& sizes, const std::vector<Activation>& activations, Loss loss, uint64_t seed) {
  MlpSpec spec;
  spec.sizes = sizes;
  spec.activations = activations;
  spec.loss = loss;
  spec.init = InitScheme::kXavier;
  Result<Mlp> mlp = MakeMlp(spec, seed);
  assert(mlp.ok() && "a lesson's example network must be valid");
  return mlp.value();
}

void StartStepLesson(AppState& state, const Mlp& mlp, const Eigen::VectorXd& x, const Eigen::VectorXd& t,
                     const OptimizerConfig& config, Notation notation) {
  Status status = StartSession(&state.step, mlp, x, t, config);
  if (!status.ok()) state.banner = "This lesson could not start: " + status.error;
  state.notation = notation;
  state.selected = Selection();
  state.hovered = Selection();
  state.playing = false;
  state.field_error.clear();
  state.edit_text.clear();
  state.sample_inputs.clear();
  state.sample_targets.clear();
}

void DrawStepCanvas(AppState& state) {
  if (!Hidden(state, "stepper")) {
    DrawStepperControls(state);
    ImGui::Separator();
  }
  NetworkViewOptions options;
  options.precision = state.precision;
  options.notation = state.notation;
  options.now = state.time;
  options.ui_scale = DesiredUiScale(state);
  ImVec2 size = ImGui::GetContentRegionAvail();
  DrawNetworkView(state.step, options, size, &state.hovered, &state.selected);
}

void AddSample(AppState& state, const Eigen::VectorXd& x, const Eigen::VectorXd& t) {
  state.sample_inputs.push_back(x);
  state.sample_targets.push_back(t);
}

void DrawSamplePicker(AppState& state) {
  if (state.sample_inputs.empty()) return;
  StepSession& session = state.step;
  auto describe = [&](int n) {
    std::string text = "x = (";
    for (int i = 0; i < state.sample_inputs[n].size(); ++i) text += (i ? ", " : "") + Num(state.sample_inputs[n](i), state.precision);
    text += ")  t = (";
    for (int k = 0; k < state.sample_targets[n].size(); ++k) text += (k ? ", " : "") + Num(state.sample_targets[n](k), state.precision);
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
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.55f, 0.45f, 1.0f));
    ImGui::TextWrapped("⚠ %s", state.field_error.c_str());
    ImGui::PopStyleColor();
    if (ImGui::SmallButton("OK")) state.field_error.clear();
  }
  if (Hidden(state, "math")) return;
  ImGui::PushFont(Fonts().heading);
  ImGui::TextUnformatted("The math");
  ImGui::PopFont();
  ImGui::TextDisabled("Hover or click a neuron, weight or bias on the canvas.");
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
      Field(state, e, BiasName(e.mlp, notation, layer, j), "b:" + std::to_string(l) + ":" + std::to_string(j), &changed);
    }
  }
  Field(state, e, "η", "eta", &changed);
  ImGui::PopFont();
  if (changed) Apply(state, e);
}

bool SetStepField(AppState& state, const std::string& field, const std::string& text) {
  Editable e = CurrentEditable(state);
  double min = 0, max = 0;
  double* value = FieldValue(e, field, &min, &max);
  if (!value) {
    state.field_error = "there is no field '" + field + "' in this lesson";
    return false;
  }
  if (!CommitTypedNumber(state, field, text, value, min, max)) return state.field_error.empty();
  return Apply(state, e);
}

}  // namespace bp
