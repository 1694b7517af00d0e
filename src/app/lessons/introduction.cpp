// Lesson 0, Introduction: where the perceptron came from, why perception is hard for machines,
// the two ways past the perceptron's limits, and why deep networks were hard to train at first.
#include "app/session/app_state.h"
#include "app/widgets/fonts.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

void IntroductionEnter(AppState&) {}

void IntroductionCanvas(AppState&) {
  ImGui::Spacing();
  ImGui::PushFont(Fonts().heading);
  ImGui::TextUnformatted("a = h(W x + b)      δ = ∂L/∂z      θ ← θ − η ∂L/∂θ");
  ImGui::PopFont();
  ImGui::Spacing();
  WrappedText(
      "In 1958 Frank Rosenblatt built the perceptron: it multiplies each input by a weight, adds them up with a "
      "bias, and answers 1 when the sum is above a threshold. It learns one example at a time, nudging its "
      "weights whenever it is wrong.");
  ImGui::Spacing();
  WrappedText(
      "Moravec's paradox: what people find hard (logic, arithmetic, chess) is easy for a computer, and what we do "
      "without thinking (seeing a face, walking) is hard. Reasoning follows rules; perception must make sense of "
      "huge amounts of noisy sensor data.");
  ImGui::Spacing();
  WrappedText(
      "A single perceptron can only draw a straight line between two classes, so it fails on XOR. There are two "
      "ways out: give it better input features, or stack perceptrons into layers with non-linear activations. "
      "This tutorial takes the second path, one number at a time.");
  ImGui::Spacing();
  WrappedText(
      "Multi-layer networks were hard to train for decades: too little computing power, too little data, "
      "networks that memorised their training set (overfitting), and gradients that faded away in deep stacks "
      "(vanishing gradients). You will meet each of these problems on the canvas.");
}

void IntroductionPanel(AppState&) {
  WrappedText(
      "Greek letters and symbols you will see: θ (parameters), σ (sigmoid), η (learning rate), "
      "δ (error signal), ∂ (partial derivative), Σ (sum), ŷ (prediction), z₁⁽¹⁾ (neuron 1, layer 1).");
  ImGui::Separator();
  WrappedText("Try this: open lesson 1 in the list on the left.");
}

LessonInfo IntroductionLesson() {
  return {"intro", "Introduction", IntroductionEnter, nullptr, IntroductionCanvas, IntroductionPanel, nullptr, nullptr};
}

}  // namespace bp
