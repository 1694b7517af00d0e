// The lesson list's "Export / import" section: buttons that queue a download (the platform saves it
// after the frame) and a box to paste a network file into. The formats are in network_io.cpp.
#include <functional>
#include <string>

#include "app/io/data_io.h"
#include "app/io/network_io.h"
#include "app/sections.h"
#include "app/widgets/widgets.h"
#include "app/session/content.h"
#include "imgui.h"
#include "misc/cpp/imgui_stdlib.h"

namespace bp {

namespace {
constexpr float kPasteBoxLines = 3.0f;

void Say(ExportImportState& files, const std::string& message, bool is_error) {
  files.message = message;
  files.message_is_error = is_error;
}

// A button that queues one export; `width` 0 is ImGui's default, -1 the whole row.
void ExportButton(AppState& state, const char* label, const char* what, float width, bool enabled,
                  const std::string& tooltip) {
  ImGui::BeginDisabled(!enabled);
  if (ImGui::Button(label, ImVec2(width, 0.0f))) {
    Result<std::string> file = QueueDownload(state, what);
    Say(state.files, file ? "Saving " + file.value() + "…" : file.error(), !file.ok());
  }
  ImGui::EndDisabled();
  if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) ImGui::SetTooltip("%s", tooltip.c_str());
}
}  // namespace

void DrawExportImport(AppState& state) {
  ExportImportState& files = state.files;
  const bool has_network = CurrentNetworkHolder(state).ok();
  const bool has_trace = HasTrace(state);
  const bool takes_data = LessonTakesData(state);
  const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) * 0.5f;
  // Closed by default to keep the lesson list short; it opens by itself when there is news (an
  // import from the paste box, the page or the API, or an export's problem).
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID seen = ImGui::GetID("shown-message");
  const int message_id = static_cast<int>(std::hash<std::string>{}(files.message));
  const bool news = !files.message.empty() && storage->GetInt(seen, 0) != message_id;
  if (news) {
    ImGui::SetNextItemOpen(true);
    storage->SetInt(seen, message_id);
  }
  if (!ImGui::CollapsingHeader("Export / import")) return;
  ExportButton(state, "Export network (JSON)", "network", -1.0f, has_network,
               ContentText(state.language, "shell#export-network"));
  ExportButton(state, "Trace JSON", "traceJson", half, has_trace, "Every number of the current step");
  ImGui::SameLine();
  ExportButton(state, "Trace CSV", "traceCsv", -1.0f, has_trace,
               ContentText(state.language, "shell#export-trace-csv"));
  ExportButton(state, "Curve CSV", "curve", half, true, "The playground's loss and accuracy per epoch");
  ImGui::SameLine();
  ExportButton(state, "Data CSV", "data", -1.0f, takes_data, ContentText(state.language, "shell#export-data"));
  ExportButton(state, "Canvas PNG", "canvas", -1.0f, true, "A picture of the whole window");
  // The stepper's step, or (in the playground without its stepper) its training for N epochs.
  const Result<NetworkHolder> holder = CurrentNetworkHolder(state);
  const bool training = !has_trace && holder.ok() && holder.value() == NetworkHolder::kPlayground;
  if (training) {
    ImGui::TextDisabled("Training as Python:");
    ImGui::SetNextItemWidth(-1.0f);
    ImGui::SliderInt("##export-epochs", &files.export_epochs, 1, 100, "%d epochs", ImGuiSliderFlags_AlwaysClamp);
  } else {
    ImGui::TextDisabled("This step as Python:");
  }
  ExportButton(state, "NumPy", "pythonNumpy", half, has_trace || training,
               ContentText(state.language, training ? "shell#export-training" : "shell#export-python"));
  ImGui::SameLine();
  ExportButton(state, "PyTorch", "pythonTorch", -1.0f, has_trace || training,
               ContentText(state.language, training ? "shell#export-training-torch" : "shell#export-torch"));

  const float box_height = ImGui::GetTextLineHeight() * kPasteBoxLines + ImGui::GetStyle().FramePadding.y * 2.0f;
  ImGui::InputTextMultiline("##import-text", &files.paste_text, ImVec2(-1.0f, box_height));
  if (files.paste_text.empty() && !ImGui::IsItemActive()) {
    // ImGui 1.86's multiline box has no hint text: draw one where the text would be.
    const ImVec2 at(ImGui::GetItemRectMin().x + ImGui::GetStyle().FramePadding.x,
                    ImGui::GetItemRectMin().y + ImGui::GetStyle().FramePadding.y);
    ImGui::GetWindowDrawList()->AddText(at, ImGui::GetColorU32(ImGuiCol_TextDisabled),
                                        "paste a network or CSV here");
  }
  // A network file is JSON (it starts with '{'); anything else is read as CSV data.
  const size_t first = files.paste_text.find_first_not_of(" \t\r\n");
  const bool network = first != std::string::npos && files.paste_text[first] == '{';
  ImGui::BeginDisabled(files.paste_text.empty() || (network ? !has_network : !takes_data));
  if (ImGui::Button(network ? "Import pasted network" : "Import pasted data", ImVec2(-1.0f, 0.0f))) {
    if (network) {
      ImportNetwork(state, files.paste_text);
    } else {
      ImportData(state, files.paste_text);
    }
  }
  ImGui::EndDisabled();
  if (files.can_drop_files) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    WrappedText(ContentText(state.language, "shell#drop-files"));
    ImGui::PopStyleColor();
  }
  if (!files.message.empty()) WrappedText((files.message_is_error ? "⚠ " : "✓ ") + files.message);
  // The lesson list scrolls: news is scrolled into view.
  if (news) ImGui::SetScrollHereY(1.0f);
}

}  // namespace bp
