// The small condition language of goals and predict-the-experiment questions (docs/content.md):
// `field op number` with op one of < <= > >= == !=, combined with `and` / `or` (`and` binds tighter;
// no parentheses). A field names a value of the lesson's state as the API gives it — getState()'s
// lessonState, a dotted path for nested objects (`wide.testLoss`), or `step.<name>` for the stepper;
// true/false compare as 1/0, and a null (a non-finite number) makes its comparison false.
#pragma once

#include <string>
#include <vector>

#include "app/session/json.h"
#include "core/result.h"

namespace bp {

struct Comparison {
  std::string field;
  std::string op;  // "<", "<=", ">", ">=", "==", "!="
  double value = 0.0;
};

struct Condition {
  std::string text;
  std::vector<std::vector<Comparison>> any_of;  // or of ands
};

// Errors name the character and what was expected: "at character 9: expected a number after '>='".
Result<Condition> ParseCondition(const std::string& text);
// Errors: a field the state does not have ("no field 'epoch' in this lesson's state"), or one that is
// not a number or true/false.
Result<bool> EvaluateCondition(const Condition& condition, const Json& context);
// The value a dotted path names in `context`, or null when there is none.
const Json* FindField(const Json& context, const std::string& path);

}  // namespace bp
