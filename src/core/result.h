// Result<T>: the value of a fallible operation, or a sentence saying what was wrong.
// The web build runs without exceptions, so input from a user, a URL or a file is
// validated where it enters and reported through this type instead of a throw.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace bp {

template <typename T>
class Result {
 public:
  static Result Ok(T value) { return Result(std::move(value), std::string()); }
  static Result Error(std::string message) { return Result(std::nullopt, std::move(message)); }

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T& operator*() const& { return *value_; }
  T& operator*() & { return *value_; }
  const T* operator->() const { return &*value_; }
  T* operator->() { return &*value_; }
  const std::string& error() const { return error_; }

 private:
  Result(std::optional<T> value, std::string error) : value_(std::move(value)), error_(std::move(error)) {}
  std::optional<T> value_;
  std::string error_;
};

// For operations that return nothing but can fail.
struct Status {
  std::string error;  // empty when ok
  bool ok() const { return error.empty(); }
  explicit operator bool() const { return ok(); }
  static Status Ok() { return {}; }
  static Status Error(std::string message) { return {std::move(message)}; }
};

}  // namespace bp
