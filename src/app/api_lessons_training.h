// The JSON API's part for the lessons that train networks live (universal approximation, width vs
// depth, training problems) and the unfolded recurrent net: their key numbers and commands, used by
// LessonStateJson / HandleLessonCommand in api_lessons.cpp.
#pragma once

#include <string>

#include "app/api_json.h"

namespace bp {

Json UniversalLessonJson(const AppState& state);
std::string UniversalCommand(AppState& state, const std::string& command, const Json& request);
Json WidthDepthLessonJson(const AppState& state);
std::string WidthDepthCommand(AppState& state, const std::string& command, const Json& request);
Json TrainingProblemsJson(const AppState& state);
std::string TrainingProblemsCommand(AppState& state, const std::string& command, const Json& request);
Json RecurrentJson(const AppState& state);
std::string RecurrentCommand(AppState& state, const std::string& command, const Json& request);

}  // namespace bp
