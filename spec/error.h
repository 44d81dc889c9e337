// Errors: data at the public boundary, an exception inside front ends and the validator.
#pragma once

#include <cstdint>
#include <string>
#include <type_traits>
#include <utility>
#include <variant>

#include "spec/source.h"

namespace wasm {

// Phases mirror the script assertions (assert_malformed, assert_invalid, ...).
enum class Phase : uint8_t { Malformed, Invalid, Unlinkable, Trap, Exhaustion, Exception };

struct Error {
  Phase phase = Phase::Malformed;
  Span at;
  std::string message;  // starts with the conformance suite's string
};

// Thrown by front ends and the validator internally; never crosses a public API.
struct ErrorException {
  Error error;
};

[[noreturn]] inline void fail(Phase phase, Span at, std::string message) {
  throw ErrorException{Error{phase, at, std::move(message)}};
}

// Result<T>: a value or an Error (std::expected is C++23).
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  const T& operator*() const { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

// Runs f(); turns an ErrorException into an Error result.
template <typename F>
auto catch_error(F&& f) -> Result<decltype(f())> {
  try {
    return f();
  } catch (ErrorException& e) {
    return std::move(e.error);
  }
}

// cat("unknown local ", x): a tiny string builder (GCC 12 has no std::format).
template <typename... Args>
std::string cat(const Args&... args) {
  std::string out;
  auto add = [&out](const auto& a) {
    using A = std::decay_t<decltype(a)>;
    if constexpr (std::is_arithmetic_v<A> && !std::is_same_v<A, char> && !std::is_same_v<A, bool>)
      out += std::to_string(a);
    else
      out += a;
  };
  (add(args), ...);
  return out;
}

// Lower-case hexadecimal digits of n, without a prefix.
inline std::string hex(uint64_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s;
  do {
    s.insert(s.begin(), kDigits[n & 0xF]);
    n >>= 4;
  } while (n != 0);
  return s;
}

}  // namespace wasm
