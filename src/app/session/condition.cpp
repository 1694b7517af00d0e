// The condition language (see condition.h).
#include "app/session/condition.h"

#include <cctype>
#include <cstdlib>

#include "app/session/format.h"

namespace bp {

namespace {
struct Reader {
  const std::string& text;
  size_t at = 0;
  void Space() {
    while (at < text.size() && std::isspace(static_cast<unsigned char>(text[at]))) ++at;
  }
  std::string Where() const { return "at character " + std::to_string(at + 1); }
  std::string Word() {
    Space();
    const size_t start = at;
    while (at < text.size() && (std::isalnum(static_cast<unsigned char>(text[at])) || text[at] == '_' || text[at] == '.'))
      ++at;
    return text.substr(start, at - start);
  }
};
}  // namespace

Result<Condition> ParseCondition(const std::string& text) {
  using R = Result<Condition>;
  Condition condition;
  condition.text = text;
  Reader r{text};
  std::vector<Comparison> all_of;
  while (true) {
    Comparison c;
    c.field = r.Word();
    if (c.field.empty() || std::isdigit(static_cast<unsigned char>(c.field[0])))
      return R::Error(r.Where() + ": expected a field name, as in `epochs >= 1000`");
    r.Space();
    for (const char* op : {"<=", ">=", "==", "!=", "<", ">"}) {
      if (text.compare(r.at, std::string(op).size(), op) == 0) {
        c.op = op;
        r.at += c.op.size();
        break;
      }
    }
    if (c.op.empty()) return R::Error(r.Where() + ": expected one of < <= > >= == != after '" + Printable(c.field) + "'");
    r.Space();
    const char* start = text.c_str() + r.at;
    char* end = nullptr;
    c.value = std::strtod(start, &end);
    if (end == start || !std::isfinite(c.value))
      return R::Error(r.Where() + ": expected a number after '" + c.op + "'");
    r.at += static_cast<size_t>(end - start);
    all_of.push_back(c);
    const size_t before = r.at;
    const std::string joint = r.Word();
    if (joint.empty()) {
      r.Space();
      if (r.at < text.size()) return R::Error(r.Where() + ": expected `and`, `or` or the end");
      break;
    }
    if (joint == "or") {
      condition.any_of.push_back(std::move(all_of));
      all_of.clear();
    } else if (joint != "and") {
      r.at = before;
      r.Space();
      return R::Error(r.Where() + ": expected `and` or `or`, found '" + Printable(joint) + "'");
    }
  }
  condition.any_of.push_back(std::move(all_of));
  return R::Ok(condition);
}

const Json* FindField(const Json& context, const std::string& path) {
  const Json* at = &context;
  size_t start = 0;
  while (true) {
    const size_t dot = path.find('.', start);
    const std::string name = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    // Inside a part that is null now (no test points yet, no stepper): null, so no comparison holds.
    if (at->is_null()) {
      static const Json kNull;
      return &kNull;
    }
    if (!at->is_object() || !at->contains(name)) return nullptr;
    at = &(*at)[name];
    if (dot == std::string::npos) return at;
    start = dot + 1;
  }
}

Result<bool> EvaluateCondition(const Condition& condition, const Json& context) {
  using R = Result<bool>;
  bool any = false;
  for (const std::vector<Comparison>& all_of : condition.any_of) {
    bool all = true;
    for (const Comparison& c : all_of) {
      const Json* field = FindField(context, c.field);
      if (field == nullptr) return R::Error("no field '" + Printable(c.field) + "' in this lesson's state");
      double value = 0.0;
      if (field->is_boolean()) {
        value = field->get<bool>() ? 1.0 : 0.0;
      } else if (field->is_number()) {
        value = field->get<double>();
      } else if (field->is_null()) {
        all = false;  // a non-finite number: no comparison holds
        continue;
      } else {
        return R::Error("the field '" + Printable(c.field) + "' is not a number or true/false");
      }
      const bool holds = c.op == "<"    ? value < c.value
                         : c.op == "<=" ? value <= c.value
                         : c.op == ">"  ? value > c.value
                         : c.op == ">=" ? value >= c.value
                         : c.op == "==" ? value == c.value
                                        : value != c.value;
      all = all && holds;
    }
    any = any || all;
  }
  return R::Ok(any);
}

}  // namespace bp
