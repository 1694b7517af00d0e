// The one table of lessons, in the order of the tutorial: one line per lesson. Each lesson file
// defines `LessonInfo <Name>Lesson()`, its row: id, title, and its functions.
#include "app/lesson_registry.h"

namespace bp {

#define BP_LESSONS(LESSON)       \
  LESSON(Introduction)           \
  LESSON(Perceptron)             \
  LESSON(XorProblem)             \
  LESSON(BetterFeatures)         \
  LESSON(StackingLinear)         \
  LESSON(ForwardPropagation)     \
  LESSON(ActivationGallery)      \
  LESSON(TheLoss)                \
  LESSON(Backpropagation)        \
  LESSON(WorkedExample)          \
  LESSON(Autodiff)               \
  LESSON(GradientCheck)          \
  LESSON(VanishingGradients)     \
  LESSON(UniversalApproximation) \
  LESSON(WidthDepth)             \
  LESSON(TrainingProblems)       \
  LESSON(RecurrentUnfolded)      \
  LESSON(Playground)

#define BP_DECLARE_LESSON(name) LessonInfo name##Lesson();
BP_LESSONS(BP_DECLARE_LESSON)

const LessonTable& LessonRegistry() {
#define BP_LESSON_ROW(name) name##Lesson(),
  static const LessonTable kLessons = {BP_LESSONS(BP_LESSON_ROW)};
  return kLessons;
}

}  // namespace bp
