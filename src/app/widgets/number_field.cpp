// Typed number fields: every number a learner can edit goes through here (and the API's
// "typeValue" through CommitTypedNumber), so refusal messages are the same everywhere.
#include <cstdio>

#include "app/session/format.h"
#include "app/session/step_edit.h"
#include "app/widgets/widgets.h"
#include "imgui.h"
#include "imgui_stdlib.h"

namespace bp {

bool NumberField(AppState& state, const std::string& id, double* value, double min, double max, float width) {
  auto found = state.edit_text.find(id);
  bool editing = found != state.edit_text.end();
  std::string text = editing ? found->second : ExactNum(*value);
  ImGui::SetNextItemWidth(width);
  std::string widget_id = "##" + id;
  ImGui::InputText(widget_id.c_str(), &text, ImGuiInputTextFlags_AutoSelectAll | ImGuiInputTextFlags_CharsScientific);
  bool active = ImGui::IsItemActive();
  bool committed = false;
  if (active) {
    state.edit_text[id] = text;
  } else if (editing) {
    // Focus left the field (Enter, Tab or a click elsewhere): commit or refuse what was typed.
    committed = CommitTypedNumber(state, id, found->second, value, min, max);
    state.edit_text.erase(id);
  }
  return committed;
}

}  // namespace bp
