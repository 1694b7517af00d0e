// Progress in its stored form (see progress.h).
#include "app/session/progress.h"

#include <cmath>

#include "app/session/json.h"

namespace bp {

std::string ProgressToJson(const ProgressState& progress) {
  Json questions = Json::object();
  for (const auto& [key, q] : progress.questions) {
    if (!q.answered && !q.waiting) continue;
    Json entry = {{"right", q.right}, {"answered", q.answered}};
    if (q.choice >= 0) entry["choice"] = q.choice;
    if (q.choice < 0 && std::isfinite(q.value)) entry["value"] = q.value;
    questions[key] = entry;
  }
  Json goals = Json::object();
  for (const auto& [key, met] : progress.goals) {
    if (met) goals[key] = true;
  }
  return Dump(Json{{"version", kProgressVersion}, {"questions", questions}, {"goals", goals}});
}

std::string ProgressFromJson(const std::string& text, ProgressState* progress) {
  const Json json = Json::parse(text, nullptr, false);
  if (json.is_discarded() || !json.is_object()) return "it is not JSON";
  if (!json.contains("version") || !json["version"].is_number_integer() ||
      json["version"].get<long long>() != kProgressVersion) {
    return "it is of another version of the app";
  }
  if (!json.contains("questions") || !json["questions"].is_object() || !json.contains("goals") ||
      !json["goals"].is_object()) {
    return "it lacks its questions or goals";
  }
  ProgressState read;
  for (const auto& [key, entry] : json["questions"].items()) {
    if (!entry.is_object() || !entry.contains("right") || !entry["right"].is_boolean()) return "an answer is damaged";
    QuestionProgress q;
    q.right = entry["right"].get<bool>();
    q.answered = !entry.contains("answered") || (entry["answered"].is_boolean() && entry["answered"].get<bool>());
    q.waiting = !q.answered;
    if (entry.contains("choice")) {
      if (!entry["choice"].is_number_integer() || entry["choice"].get<long long>() < 0 ||
          entry["choice"].get<long long>() > 16)
        return "an answer's choice is damaged";
      q.choice = entry["choice"].get<int>();
    }
    if (entry.contains("value")) {
      if (!entry["value"].is_number()) return "an answer's number is damaged";
      q.value = entry["value"].get<double>();
    }
    read.questions[key] = q;
  }
  for (const auto& [key, met] : json["goals"].items()) {
    if (!met.is_boolean()) return "a goal is damaged";
    read.goals[key] = met.get<bool>();
  }
  // Merged: what the learner did before the stored text arrived (the first frames) stays.
  for (auto& [key, q] : read.questions) progress->questions.emplace(key, q);
  for (auto& [key, met] : read.goals) progress->goals[key] = progress->goals[key] || met;
  return "";
}

}  // namespace bp
