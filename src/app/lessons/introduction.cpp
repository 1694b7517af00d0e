// Lesson 0, Introduction: where the perceptron came from, why perception is hard for machines,
// the two ways past the perceptron's limits, and why deep networks were hard to train at first.
#include "app/session/app_state.h"
#include "app/widgets/fonts.h"
#include "app/widgets/markdown_view.h"
#include "app/widgets/widgets.h"
#include "imgui.h"

namespace bp {

void IntroductionEnter(AppState&) {}

// The canvas: the lecture's three formulas and the path through the course (content/en/course.md);
// the panel: the story of the perceptron and what is ahead.
void IntroductionCanvas(AppState& state) {
  ImGui::Spacing();
  ImGui::PushFont(Fonts().heading);
  WrappedText(ContentText(state.language, "intro#formulas"));
  ImGui::PopFont();
  ImGui::Spacing();
  Say(state, "intro#path");
  for (const char* key : {"course#perceptron", "course#networks", "course#learning", "course#practice", "course#playground"}) {
    Say(state, key);
  }
}

void IntroductionPanel(AppState& state) {
  for (const char* key : {"intro#history", "intro#moravec", "intro#two-ways", "intro#decades", "intro#symbols"}) {
    Say(state, key);
  }
  ImGui::Separator();
  Say(state, "intro#try");
}

LessonInfo IntroductionLesson() {
  return {"intro", "Introduction", IntroductionEnter, nullptr, IntroductionCanvas, IntroductionPanel, nullptr, nullptr};
}

}  // namespace bp
