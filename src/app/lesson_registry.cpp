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
  { id, title, name##Enter, name##Canvas, name##Panel }

BP_DECLARE_LESSON(Introduction)
BP_DECLARE_LESSON(ForwardPropagation)
BP_DECLARE_LESSON(TheLoss)
BP_DECLARE_LESSON(Backpropagation)
BP_DECLARE_LESSON(WorkedExample)
BP_DECLARE_LESSON(Autodiff)
BP_DECLARE_LESSON(GradientCheck)

const std::vector<LessonInfo>& Lessons() {
  static const std::vector<LessonInfo> kLessons = {
      BP_LESSON_ROW("intro", "Introduction", Introduction),
      BP_LESSON_ROW("forward", "Forward propagation", ForwardPropagation),
      BP_LESSON_ROW("loss", "The loss", TheLoss),
      BP_LESSON_ROW("backprop", "Backpropagation", Backpropagation),
      BP_LESSON_ROW("worked-example", "The worked example", WorkedExample),
      BP_LESSON_ROW("autodiff", "Autodiff graph", Autodiff),
      BP_LESSON_ROW("gradient-check", "Gradient check", GradientCheck),
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
