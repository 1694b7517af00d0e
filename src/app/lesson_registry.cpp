// The one table of lessons, in the order of the tutorial: one line per lesson. Each lesson file
// defines `LessonInfo <Name>Lesson()`, its row: id, title, and its functions.
#include "app/lesson_registry.h"

namespace bp {

// The order of the lecture (content/en/course.md groups them in its parts and must list them in this
// order: tests/content_check.py checks it).
#define BP_LESSONS(LESSON)       \
  LESSON(Introduction)           \
  LESSON(Perceptron)             \
  LESSON(XorProblem)             \
  LESSON(BetterFeatures)         \
  LESSON(StackingLinear)         \
  LESSON(ForwardPropagation)     \
  LESSON(ActivationGallery)      \
  LESSON(TheLoss)                \
  LESSON(UniversalApproximation) \
  LESSON(WidthDepth)             \
  LESSON(Jacobian)               \
  LESSON(Composition)            \
  LESSON(Backpropagation)        \
  LESSON(WorkedExample)          \
  LESSON(Autodiff)               \
  LESSON(Expression)             \
  LESSON(GradientCheck)          \
  LESSON(LossSurface)            \
  LESSON(VanishingGradients)     \
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
