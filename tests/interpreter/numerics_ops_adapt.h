// Adaptors from numerics.h functions to test Operators (stack in, stack out).
#pragma once

#include <type_traits>

#include "tests/interpreter/wast_mini.h"

namespace wasm::interp::test {

// A scalar lives in lane 0 of a V128; a V128 is itself.
template <typename T>
T get(const V128& v) {
  if constexpr (std::is_same_v<T, V128>) return v;
  else return numerics::lane<T>(v, 0);
}
template <typename T>
V128 put(T x) {
  if constexpr (std::is_same_v<T, V128>) {
    return x;
  } else {
    V128 v;
    numerics::set_lane<T>(v, 0, x);
    return v;
  }
}

template <typename X>
struct IsPartial : std::false_type {};
template <typename X>
struct IsPartial<numerics::Partial<X>> : std::true_type {};

// Pushes x as an R (bool -> i32 0/1); a Partial that failed becomes the trap.
template <typename R, typename X>
TrapKind push(Stack& s, X x) {
  if constexpr (IsPartial<X>::value) {
    if (!x) return x.error();
    s.push_back(put<R>(R(*x)));
  } else if constexpr (std::is_same_v<X, V128>) {
    s.push_back(x);
  } else {
    s.push_back(put<R>(R(x)));
  }
  return TrapKind::None;
}

template <typename A, typename R = A, typename Fn>
OpEntry un(Fn f) {
  return {[f](Stack& s, const Imms&) {
    A a = get<A>(s.back());
    s.pop_back();
    return push<R>(s, f(a));
  }};
}
template <typename A, typename R = A, typename Fn>
OpEntry bin(Fn f) {
  return {[f](Stack& s, const Imms&) {
    A b = get<A>(s.back());
    s.pop_back();
    A a = get<A>(s.back());
    s.pop_back();
    return push<R>(s, f(a, b));
  }};
}
template <typename A, typename R = A, typename Fn>
OpEntry tern(Fn f) {
  return {[f](Stack& s, const Imms&) {
    A c = get<A>(s.back());
    s.pop_back();
    A b = get<A>(s.back());
    s.pop_back();
    A a = get<A>(s.back());
    s.pop_back();
    return push<R>(s, f(a, b, c));
  }};
}

}  // namespace wasm::interp::test
