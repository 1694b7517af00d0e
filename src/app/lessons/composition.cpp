// Lesson "A network is a composition": a small network as a chain of modules (core/modules.h), each
// with its forward value, what it keeps for the backward pass, its Jacobian and the gradient the
// backward pass hands on. The learner swaps activations, inserts and removes layers; the panel shows
// that ∂L/∂x is the reverse product of the Jacobians, and counts what storing the intermediates costs
// next to recomputing them, for this network and a wider and a deeper one.
// Its words: content/en/composition.md.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "app/session/app_state.h"
#include "app/session/format.h"
#include "app/session/json.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/widgets.h"
#include "core/modules.h"
#include "imgui.h"

namespace bp {

namespace {
constexpr int kWidth = 3;  // every hidden layer has three units, so the numbers fit
constexpr int kMaxHiddenLayers = 4;
constexpr double kInputLimit = 5.0;
const Activation kChoices[] = {Activation::kIdentity, Activation::kTanh, Activation::kSigmoid, Activation::kRelu};

struct CompositionState {
  std::vector<Activation> hidden{Activation::kTanh};  // one per hidden layer
  Activation output = Activation::kSigmoid;
  uint64_t seed = 4;
  Eigen::Vector2d x{0.5, -1.0};
  double t = 1.0;
  double batch = 32;  // the batch size of the memory counts
};

Mlp BuildNetwork(const CompositionState& s, int width, int layers) {
  MlpSpec spec;
  spec.sizes = {2};
  for (int l = 0; l < layers; ++l) {
    spec.sizes.push_back(width);
    spec.activations.push_back(s.hidden[std::min<size_t>(l, s.hidden.size() - 1)]);
  }
  spec.sizes.push_back(1);
  spec.activations.push_back(s.output);
  Result<Mlp> mlp = MakeMlp(spec, s.seed);
  return mlp.ok() ? mlp.value() : Mlp();
}
std::vector<Module> Chain(const CompositionState& s) {
  return ModulesOf(BuildNetwork(s, kWidth, static_cast<int>(s.hidden.size())));
}
ChainPass Run(const CompositionState& s, const std::vector<Module>& chain) {
  return RunChain(chain, s.x, Eigen::VectorXd::Constant(1, s.t));
}

std::string ModuleTitle(const Module& m, int linear_index) {
  if (m.kind == ModuleKind::kLinear) {
    return "W" + Sub(linear_index) + ", b" + Sub(linear_index) + " (" + std::to_string(m.outputs()) + "×" +
           std::to_string(m.inputs()) + ")";
  }
  return ActivationTitle(m.h);
}
std::string Column(const Eigen::VectorXd& v, int d) {
  std::string text;
  for (int i = 0; i < v.size(); ++i) text += (i ? "\n" : "") + Num(v(i), d);
  return text;
}
std::string Rows(const Eigen::MatrixXd& M, int d) {
  std::string text;
  for (int r = 0; r < M.rows(); ++r) {
    text += r ? "\n[" : "[";
    for (int c = 0; c < M.cols(); ++c) text += (c ? " " : "") + Num(M(r, c), d);
    text += "]";
  }
  return text;
}
std::string Count(int64_t n) { return Num(static_cast<double>(n), 12); }
}  // namespace

// The chain as a table, one row per module from the input down to the loss: the forward pass reads
// it top to bottom, the backward pass bottom to top.
void CompositionCanvas(AppState& state) {
  const CompositionState& s = state.lesson_states.Get<CompositionState>();
  const std::vector<Module> chain = Chain(s);
  if (chain.empty()) return;
  const ChainPass pass = Run(s, chain);
  const int d = std::min(state.precision, 4);
  const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY |
                                ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg;
  if (!ImGui::BeginTable("##chain", 5, flags, ImGui::GetContentRegionAvail())) return;
  ImGui::TableSetupScrollFreeze(1, 1);
  for (const char* head : {"module", "forward: value", "backward: ∂L/∂in", "kept", "Jacobian ∂out/∂in"}) {
    ImGui::TableSetupColumn(head);
  }
  ImGui::TableHeadersRow();
  auto cell = [](int column, const std::string& text) {
    ImGui::TableSetColumnIndex(column);
    ImGui::TextUnformatted(text.c_str());
  };
  ImGui::TableNextRow();
  cell(0, "x (input)");
  ImGui::PushFont(Fonts().mono);
  cell(1, Column(pass.values[0], d));
  cell(2, Column(pass.grads[0], d));
  ImGui::PopFont();
  for (size_t k = 0, linear = 0; k < chain.size(); ++k) {
    if (chain[k].kind == ModuleKind::kLinear) ++linear;
    ImGui::TableNextRow();
    cell(0, "↓ " + ModuleTitle(chain[k], static_cast<int>(linear)));
    ImGui::PushFont(Fonts().mono);
    cell(1, Column(pass.values[k + 1], d));
    cell(2, Column(pass.grads[k], d));
    cell(3, std::string(chain[k].kind == ModuleKind::kLinear ? "input: " : "z: ") +
                std::to_string(StoredForBackward(chain[k])));
    cell(4, Rows(ModuleJacobian(chain[k], pass.values[k]), std::min(d, 3)));
    ImGui::PopFont();
  }
  ImGui::TableNextRow();
  cell(0, "↓ L = ½(a − t)²");
  ImGui::PushFont(Fonts().mono);
  cell(1, "L = " + Num(pass.loss, d));
  cell(2, "∂L/∂a = " + Num(pass.grads.back()(0), d));
  cell(3, "t = " + Num(s.t, d));
  ImGui::PopFont();
  ImGui::EndTable();
}

void CompositionPanel(AppState& state) {
  CompositionState& s = state.lesson_states.Get<CompositionState>();
  const int d = state.precision;
  Say(state, "composition#intro");
  Say(state, "composition#try");
  ImGui::Separator();
  for (size_t l = 0; l < s.hidden.size() + 1; ++l) {
    Activation& h = l < s.hidden.size() ? s.hidden[l] : s.output;
    const std::string label = l < s.hidden.size() ? "h" + Sub(static_cast<int>(l) + 1) : "output h";
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(label.c_str());
    for (Activation choice : kChoices) {
      ImGui::SameLine();
      const std::string id = std::string(ActivationTitle(choice)) + "##" + label;
      if (ImGui::RadioButton(id.c_str(), h == choice)) h = choice;
    }
  }
  if (ImGui::Button("Insert a layer") && static_cast<int>(s.hidden.size()) < kMaxHiddenLayers) {
    s.hidden.push_back(s.hidden.back());
  }
  SameLineIfFits(ButtonWidth("Remove a layer"));
  if (ImGui::Button("Remove a layer") && s.hidden.size() > 1) s.hidden.pop_back();
  SameLineIfFits(ButtonWidth("New weights"));
  if (ImGui::Button("New weights")) s.seed += 1;
  const float field = ImGui::GetFontSize() * 5.0f;
  const char* const labels[3] = {"x₁", "x₂", "t"};
  double* const values[3] = {&s.x(0), &s.x(1), &s.t};
  for (int k = 0; k < 3; ++k) {
    if (k > 0) ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(labels[k]);
    ImGui::SameLine();
    NumberField(state, labels[k], values[k], -kInputLimit, kInputLimit, field);
  }
  if (!state.field_error.empty()) WarningText(state, "✗ " + state.field_error);

  const std::vector<Module> chain = Chain(s);
  if (chain.empty()) return;
  const ChainPass pass = Run(s, chain);
  const Eigen::MatrixXd J = ChainJacobian(chain, s.x);
  ImGui::Separator();
  Say(state, "composition#product", {{"count", std::to_string(chain.size())}});
  ImGui::PushFont(Fonts().mono);
  WrappedText("J" + Sub(static_cast<int>(chain.size())) + " ⋯ J₁ = " + Rows(J, d));
  WrappedText("∂L/∂a · J" + Sub(static_cast<int>(chain.size())) + " ⋯ J₁ = (" + Num(pass.grads.back()(0) * J(0, 0), d) +
              ", " + Num(pass.grads.back()(0) * J(0, 1), d) + ")");
  WrappedText("backward pass: ∂L/∂x = (" + Num(pass.grads[0](0), d) + ", " + Num(pass.grads[0](1), d) + ")");
  ImGui::PopFont();

  ImGui::Separator();
  Say(state, "composition#memory");
  ImGui::TextUnformatted("batch size");
  ImGui::SameLine();
  NumberField(state, "batch", &s.batch, 1, 4096, field);
  const int64_t batch = static_cast<int64_t>(s.batch);
  const int layers = static_cast<int>(s.hidden.size());
  struct Variant {
    std::string name;
    std::vector<Module> chain;
  };
  const Variant variants[] = {
      {"this network", chain},
      {"4× wider", ModulesOf(BuildNetwork(s, 4 * kWidth, layers))},
      {"4× deeper", ModulesOf(BuildNetwork(s, kWidth, 4 * layers))},
  };
  if (ImGui::BeginTable("##memory", 5, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
    for (const char* head : {"network", "parameters", "kept", "recompute: kept", "extra operations"}) {
      ImGui::TableSetupColumn(head);
    }
    ImGui::TableHeadersRow();
    for (const Variant& v : variants) {
      const MemoryCount count = CountMemory(v.chain, batch);
      ImGui::TableNextRow();
      const std::string cells[] = {v.name, Count(count.parameters), Count(count.stored), Count(count.checkpoint_kept),
                                   Count(count.recompute_ops)};
      for (int c = 0; c < 5; ++c) {
        ImGui::TableSetColumnIndex(c);
        ImGui::TextUnformatted(cells[c].c_str());
      }
    }
    ImGui::EndTable();
  }
  const MemoryCount count = CountMemory(chain, batch);
  Say(state, "composition#memory-read",
      {{"stored", Count(count.stored)},
       {"forward", Count(count.forward_ops)},
       {"recompute", Count(count.recompute_ops)},
       {"kept", Count(count.checkpoint_kept)}});
}

// ---- The lesson's part of the JS API ----
namespace {
Json LessonJson(const CompositionState& s) {
  const std::vector<Module> chain = Chain(s);
  if (chain.empty()) return Json();
  const ChainPass pass = Run(s, chain);
  const Eigen::MatrixXd J = ChainJacobian(chain, s.x);
  const MemoryCount one = CountMemory(chain, 1);
  const MemoryCount batch = CountMemory(chain, static_cast<int64_t>(s.batch));
  Json modules = Json::array();
  for (size_t k = 0; k < chain.size(); ++k) {
    const Module& m = chain[k];
    Json entry = {{"kind", m.kind == ModuleKind::kLinear ? "linear" : "activation"},
                  {"inputs", m.inputs()},
                  {"outputs", m.outputs()},
                  {"value", ToJson(pass.values[k + 1])},
                  {"gradIn", ToJson(pass.grads[k])},
                  {"jacobian", ToJson(ModuleJacobian(m, pass.values[k]))},
                  {"kept", StoredForBackward(m)}};
    if (m.kind == ModuleKind::kLinear) {
      entry["W"] = ToJson(m.W);
      entry["b"] = ToJson(m.b);
      entry["dW"] = ToJson(pass.modules[k].dW);
    } else {
      entry["activation"] = ActivationName(m.h);
    }
    modules.push_back(entry);
  }
  Json hidden = Json::array();
  for (Activation h : s.hidden) hidden.push_back(ActivationName(h));
  return {{"hidden", hidden},
          {"hiddenLayers", s.hidden.size()},
          {"output", ActivationName(s.output)},
          {"seed", s.seed},
          {"x", ToJson(Eigen::VectorXd(s.x))},
          {"t", s.t},
          {"loss", NumberOrNull(pass.loss)},
          {"dLdx", ToJson(pass.grads[0])},
          {"chainJacobian", ToJson(J)},
          {"modules", modules},
          {"parameters", one.parameters},
          {"storedPerSample", one.stored},
          {"batch", static_cast<int64_t>(s.batch)},
          {"stored", batch.stored},
          {"checkpointKept", batch.checkpoint_kept},
          {"recomputeOps", batch.recompute_ops},
          {"forwardOps", batch.forward_ops},
          {"keptRatio", static_cast<double>(batch.checkpoint_kept) / static_cast<double>(batch.stored)},
          // What a link carries (set=), as setChain takes it.
          {"linkSettings",
           {{"hidden", hidden},
            {"output", ActivationName(s.output)},
            {"x", ToJson(Eigen::VectorXd(s.x))},
            {"t", s.t},
            {"seed", s.seed},
            {"batch", static_cast<int64_t>(s.batch)}}}};
}

Json CompositionStateJson(const AppState& state) { return LessonJson(state.lesson_states.Get<CompositionState>()); }

Result<Activation> ReadChoice(const Json& value) {
  const Result<Activation> h =
      value.is_string() ? ParseActivation(value.get<std::string>()) : Result<Activation>::Error("");
  if (!h.ok() || std::find(std::begin(kChoices), std::end(kChoices), h.value()) == std::end(kChoices)) {
    return Result<Activation>::Error("activations: identity, tanh, sigmoid or relu");
  }
  return h;
}

// setChain {hidden: [names], output, x: [x1, x2], t, seed, batch}: every field optional, all checked
// before anything changes.
std::string CompositionCommand(AppState& state, const std::string& command, const Json& request) {
  CompositionState& s = state.lesson_states.Get<CompositionState>();
  if (command != "setChain") return "";
  CompositionState next = s;
  if (request.contains("hidden")) {
    const Json& hidden = request["hidden"];
    if (!hidden.is_array() || hidden.empty() || hidden.size() > static_cast<size_t>(kMaxHiddenLayers)) {
      return ErrorAnswer("hidden must list 1 to 4 activations, one per hidden layer");
    }
    next.hidden.clear();
    for (const Json& name : hidden) {
      const Result<Activation> h = ReadChoice(name);
      if (!h.ok()) return ErrorAnswer("hidden: " + h.error());
      next.hidden.push_back(h.value());
    }
  }
  if (request.contains("output")) {
    const Result<Activation> h = ReadChoice(request["output"]);
    if (!h.ok()) return ErrorAnswer("output: " + h.error());
    next.output = h.value();
  }
  auto finite_in = [](const Json& v, double limit) {
    return v.is_number() && std::isfinite(v.get<double>()) && std::fabs(v.get<double>()) <= limit;
  };
  if (request.contains("x")) {
    const Json& x = request["x"];
    if (!x.is_array() || x.size() != 2 || !finite_in(x[0], kInputLimit) || !finite_in(x[1], kInputLimit)) {
      return ErrorAnswer("x must be [x1, x2], numbers from -5 to 5");
    }
    next.x = Eigen::Vector2d(x[0].get<double>(), x[1].get<double>());
  }
  if (request.contains("t")) {
    if (!finite_in(request["t"], kInputLimit)) return ErrorAnswer("t must be a number from -5 to 5");
    next.t = request["t"].get<double>();
  }
  if (request.contains("seed")) {
    if (!request["seed"].is_number_unsigned() || request["seed"].get<uint64_t>() > 1000000) {
      return ErrorAnswer("seed must be a whole number from 0 to 1000000");
    }
    next.seed = request["seed"].get<uint64_t>();
  }
  if (request.contains("batch")) {
    const Json& b = request["batch"];
    if (!b.is_number_integer() || b.get<int64_t>() < 1 || b.get<int64_t>() > 4096) {
      return ErrorAnswer("batch must be a whole number from 1 to 4096");
    }
    next.batch = static_cast<double>(b.get<int64_t>());
  }
  s = next;
  return LessonStateAnswer(LessonJson(s));
}

// Nothing to set up: the chain stays as the learner left it.
void CompositionEnter(AppState&) {}
}  // namespace

LessonInfo CompositionLesson() {
  LessonInfo row = {"composition",    "A network is a composition", CompositionEnter,  nullptr, CompositionCanvas,
                    CompositionPanel, CompositionStateJson,         CompositionCommand};
  row.link_command = "setChain";
  return row;
}

}  // namespace bp
