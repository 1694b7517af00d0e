// The one table of lessons, in the order of the tutorial.
#include "app/lesson_registry.h"

#include <cstring>

namespace bp {

// Each lesson file defines these three functions (see lesson_registry.h).
#define BP_DECLARE_LESSON(name)        \
  void name##Enter(AppState& state);   \
  void name##Canvas(AppState& state);  \
  void name##Panel(AppState& state);
#define BP_LESSON_ROW(id, title, name) \
  { id, title, name##Enter, nullptr, name##Canvas, name##Panel }
// Lessons that also advance something every frame (training, pending changes) define name##Update.
#define BP_DECLARE_LESSON_WITH_UPDATE(name) \
  BP_DECLARE_LESSON(name)                  \
  void name##Update(AppState& state);
#define BP_LESSON_ROW_WITH_UPDATE(id, title, name) \
  { id, title, name##Enter, name##Update, name##Canvas, name##Panel }

BP_DECLARE_LESSON(Introduction)
BP_DECLARE_LESSON(ForwardPropagation)
BP_DECLARE_LESSON(TheLoss)
BP_DECLARE_LESSON(Backpropagation)
BP_DECLARE_LESSON(WorkedExample)
BP_DECLARE_LESSON_WITH_UPDATE(Autodiff)
BP_DECLARE_LESSON_WITH_UPDATE(GradientCheck)
BP_DECLARE_LESSON_WITH_UPDATE(Perceptron)
BP_DECLARE_LESSON_WITH_UPDATE(XorProblem)
BP_DECLARE_LESSON_WITH_UPDATE(BetterFeatures)
BP_DECLARE_LESSON_WITH_UPDATE(StackingLinear)
BP_DECLARE_LESSON(ActivationGallery)
BP_DECLARE_LESSON(VanishingGradients)
BP_DECLARE_LESSON_WITH_UPDATE(UniversalApproximation)
BP_DECLARE_LESSON_WITH_UPDATE(WidthDepth)
BP_DECLARE_LESSON_WITH_UPDATE(TrainingProblems)
BP_DECLARE_LESSON(RecurrentUnfolded)
BP_DECLARE_LESSON_WITH_UPDATE(Playground)

const std::vector<LessonInfo>& Lessons() {
  static const std::vector<LessonInfo> kLessons = {
      BP_LESSON_ROW("intro", "Introduction", Introduction),
      BP_LESSON_ROW_WITH_UPDATE("perceptron", "The perceptron", Perceptron),
      BP_LESSON_ROW_WITH_UPDATE("xor", "XOR breaks the perceptron", XorProblem),
      BP_LESSON_ROW_WITH_UPDATE("features", "Two ways out: features", BetterFeatures),
      BP_LESSON_ROW_WITH_UPDATE("stacking-linear", "Stacking linear layers", StackingLinear),
      BP_LESSON_ROW("forward", "Forward propagation", ForwardPropagation),
      BP_LESSON_ROW("activations", "Activation functions", ActivationGallery),
      BP_LESSON_ROW("loss", "Cost functions: the loss", TheLoss),
      BP_LESSON_ROW("backprop", "Backpropagation", Backpropagation),
      BP_LESSON_ROW("worked-example", "The worked example", WorkedExample),
      BP_LESSON_ROW_WITH_UPDATE("autodiff", "Autodiff graph", Autodiff),
      BP_LESSON_ROW_WITH_UPDATE("gradient-check", "Gradient check", GradientCheck),
      BP_LESSON_ROW("vanishing-gradients", "Vanishing gradients", VanishingGradients),
      BP_LESSON_ROW_WITH_UPDATE("universal-approximation", "Universal approximation", UniversalApproximation),
      BP_LESSON_ROW_WITH_UPDATE("width-depth", "Width vs depth", WidthDepth),
      BP_LESSON_ROW_WITH_UPDATE("training-problems", "Training problems", TrainingProblems),
      BP_LESSON_ROW("rnn", "Recurrent nets, unfolded", RecurrentUnfolded),
      BP_LESSON_ROW_WITH_UPDATE("playground", "Playground", Playground),
  };
  return kLessons;
}

int FindLesson(const char* id) {
  const std::vector<LessonInfo>& lessons = Lessons();
  for (size_t i = 0; i < lessons.size(); ++i) {
    if (std::strcmp(lessons[i].id, id) == 0) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace bp
