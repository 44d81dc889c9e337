// Numeric literals — text/values.rst (Integers, Floating-Point). Integers are checked against
// their range exactly; floats are rounded to nearest, ties to even, from the exact value of the
// literal (any number of digits), using Boost.Multiprecision for decimal literals.
#include "text/literals.h"

#include <algorithm>
#include <array>
#include <bit>
#include <boost/multiprecision/cpp_int.hpp>
#include <cfloat>
#include <charconv>
#include <cmath>
#include <cstring>

namespace wasm::text {
namespace {

using boost::multiprecision::cpp_int;

bool is_digit(char c) { return c >= '0' && c <= '9'; }
unsigned digit_value(char c) {
  if (is_digit(c)) return unsigned(c - '0');
  if (c >= 'a' && c <= 'f') return unsigned(c - 'a' + 10);
  return unsigned(c - 'A' + 10);
}

// Digit classes: bit 0 decimal, bit 1 hexadecimal.
constexpr std::array<uint8_t, 256> make_digit_classes() {
  std::array<uint8_t, 256> t{};
  for (int c = '0'; c <= '9'; ++c) t[size_t(c)] = 3;
  for (int c = 'a'; c <= 'f'; ++c) t[size_t(c)] = 2;
  for (int c = 'A'; c <= 'F'; ++c) t[size_t(c)] = 2;
  return t;
}
constexpr std::array<uint8_t, 256> kDigitClasses = make_digit_classes();

// spec: Tnum, Thexnum — digit ("_"? digit)*. Returns the end of the run starting at i, or i if
// there is no digit at i. A "_" must sit between two digits.
size_t scan_digits(std::string_view s, size_t i, bool hex) {
  const uint8_t mask = hex ? 2 : 1;
  auto digit = [&](size_t k) { return (kDigitClasses[uint8_t(s[k])] & mask) != 0; };
  size_t n = s.size();
  if (i >= n || !digit(i)) return i;
  for (++i;;) {
    while (i < n && digit(i)) ++i;
    if (i + 1 < n && s[i] == '_' && digit(i + 1)) {
      i += 2;
      continue;
    }
    return i;
  }
}

// A numeric token split into its parts (all views into the token, digits with '_').
struct Number {
  enum Kind : uint8_t { Dec, Hex, Inf, Nan, NanPayload } kind = Dec;
  bool has_sign = false, negative = false;
  bool has_point = false, has_exp = false, exp_negative = false;
  std::string_view mant_int, mant_frac, exp, payload;
};

// spec: Tsign, TuN, TsN, Tmant, Thexmant, Tfloat, Thexfloat, TfNmag — the union of their shapes.
bool split_number(std::string_view s, Number& n) {
  n = Number{};
  size_t i = 0;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    n.has_sign = true;
    n.negative = s[0] == '-';
    i = 1;
  }
  std::string_view rest = s.substr(i);
  if (rest == "inf") return n.kind = Number::Inf, true;
  if (rest == "nan") return n.kind = Number::Nan, true;
  if (rest.starts_with("nan:0x")) {
    n.kind = Number::NanPayload;
    n.payload = rest.substr(6);
    size_t end = scan_digits(rest, 6, true);
    return end != 6 && end == rest.size();
  }
  bool hex = rest.starts_with("0x");
  n.kind = hex ? Number::Hex : Number::Dec;
  size_t k = hex ? 2 : 0;
  size_t end = scan_digits(rest, k, hex);
  if (end == k) return false;
  n.mant_int = rest.substr(k, end - k);
  k = end;
  if (k < rest.size() && rest[k] == '.') {
    n.has_point = true;
    end = scan_digits(rest, k + 1, hex);
    n.mant_frac = rest.substr(k + 1, end - k - 1);
    k = end;
  }
  if (k < rest.size() &&
      (hex ? (rest[k] == 'p' || rest[k] == 'P') : (rest[k] == 'e' || rest[k] == 'E'))) {
    n.has_exp = true;
    ++k;
    if (k < rest.size() && (rest[k] == '+' || rest[k] == '-')) n.exp_negative = rest[k++] == '-';
    end = scan_digits(rest, k, false);
    if (end == k) return false;
    n.exp = rest.substr(k, end - k);
    k = end;
  }
  return k == rest.size();
}

// The value of a digit run (with '_'), or nullopt if it exceeds 64 bits.
std::optional<uint64_t> digits_value(std::string_view digits, unsigned base) {
  uint64_t v = 0;
  for (char c : digits) {
    if (c == '_') continue;
    uint64_t d = digit_value(c);
    if (v > (UINT64_MAX - d) / base) return std::nullopt;
    v = v * base + d;
  }
  return v;
}

// The integer value of a Nat/Int-shaped number's magnitude.
std::optional<uint64_t> magnitude(const Number& n) {
  if ((n.kind != Number::Dec && n.kind != Number::Hex) || n.has_point || n.has_exp) {
    return std::nullopt;
  }
  return digits_value(n.mant_int, n.kind == Number::Hex ? 16 : 10);
}

// ---------------------------------------------------------------------------------------------
// Floats

// spec: fN — p significand bits (with the implicit one), exponent range, storage width.
struct FloatFormat {
  int p;
  int emin, emax, bias;
  int bits;
  uint64_t sign_bit() const { return uint64_t(1) << (bits - 1); }
  uint64_t exp_mask() const { return ((uint64_t(1) << (bits - p)) - 1) << (p - 1); }
  uint64_t frac_mask() const { return (uint64_t(1) << (p - 1)) - 1; }
  uint64_t canonical_nan() const { return exp_mask() | uint64_t(1) << (p - 2); }
};
constexpr FloatFormat kF32{24, -126, 127, 127, 32};
constexpr FloatFormat kF64{53, -1022, 1023, 1023, 64};

// A decimal exponent's digits, saturated far beyond any finite result.
constexpr int64_t kExpLimit = int64_t(1) << 40;
int64_t exponent_value(const Number& n) {
  int64_t e = 0;
  for (char c : n.exp) {
    if (c == '_') continue;
    e = std::min(e * 10 + (c - '0'), kExpLimit);
  }
  return n.exp_negative ? -e : e;
}

// spec: $ieee_ — rounds (m + sticky·ε)·2^e2 to the format, ties to even, where `sticky` stands
// for a non-zero tail below m's last bit (then m has at least p + 2 bits). nullopt if the result
// is infinite (the literal is out of range).
std::optional<uint64_t> round_to_format(bool negative, uint64_t m, int64_t e2, bool sticky,
                                        const FloatFormat& f) {
  uint64_t sign = negative ? f.sign_bit() : 0;
  if (m == 0) return sign;
  int64_t width = std::bit_width(m);
  if (e2 + width - 1 > f.emax) return std::nullopt;
  // Drop bits below the precision of a normal number, or below the smallest subnormal.
  int64_t shift = std::max<int64_t>(width - f.p, (f.emin - f.p + 1) - e2);
  if (shift > width) return sign;  // below half the smallest subnormal
  uint64_t q;
  if (shift > 0) {
    q = shift == 64 ? 0 : m >> shift;
    uint64_t rem = shift == 64 ? m : m & ((uint64_t(1) << shift) - 1);
    uint64_t half = uint64_t(1) << (shift - 1);
    if (rem > half || (rem == half && (sticky || (q & 1)))) ++q;
  } else {
    q = m << -shift;
  }
  int64_t e = e2 + shift;  // the value is now q·2^e
  if (q >> f.p) {          // rounding carried into a new bit
    q >>= 1;
    ++e;
  }
  int64_t biased = (q >> (f.p - 1)) ? e + (f.p - 1) + f.bias : 0;
  if (biased >= 2 * f.bias + 1) return std::nullopt;
  return sign | uint64_t(biased) << (f.p - 1) | (q & f.frac_mask());
}

// spec: Thexfloat, Thexmant — the first 15 significant hex digits are exact in 60 bits, the rest
// only matter as a sticky bit.
std::optional<uint64_t> hex_float(const Number& n, const FloatFormat& f) {
  uint64_t m = 0;
  int kept = 0;
  int64_t scale = 0;  // binary exponent contributed by fraction and dropped digits
  bool sticky = false;
  auto add = [&](std::string_view digits, bool fraction) {
    for (char c : digits) {
      if (c == '_') continue;
      unsigned d = digit_value(c);
      if (fraction) scale -= 4;
      if (kept == 0 && d == 0) continue;
      if (kept < 15) {
        m = m * 16 + d;
        ++kept;
      } else {
        scale += 4;
        sticky |= d != 0;
      }
    }
  };
  add(n.mant_int, false);
  add(n.mant_frac, true);
  return round_to_format(n.negative, m, exponent_value(n) + scale, sticky, f);
}

// Reduces an exact value v·2^e2 to at most 63 bits plus a sticky bit.
std::optional<uint64_t> round_big(bool negative, const cpp_int& v, int64_t e2, bool sticky,
                                  const FloatFormat& f) {
  if (v == 0) return round_to_format(negative, 0, 0, false, f);
  int64_t width = int64_t(msb(v)) + 1;
  if (width <= 63) return round_to_format(negative, uint64_t(v), e2, sticky, f);
  int64_t drop = width - 63;
  sticky |= int64_t(lsb(v)) < drop;
  return round_to_format(negative, uint64_t(v >> unsigned(drop)), e2 + drop, sticky, f);
}

// Correctly rounded decimal digits·10^e10 for small cases (Clinger's fast path): both operands
// are exact in the target format, so one IEEE operation rounds correctly.
template <typename Float>
std::optional<uint64_t> fast_decimal(bool negative, std::string_view digits, int64_t e10,
                                     const FloatFormat& f) {
  constexpr bool is_f32 = sizeof(Float) == 4;
  constexpr size_t kMaxDigits = is_f32 ? 7 : 15;
  constexpr int64_t kMaxExp = is_f32 ? 10 : 22;
#if FLT_EVAL_METHOD == 0
  if (digits.size() <= kMaxDigits && e10 >= -kMaxExp && e10 <= kMaxExp) {
    uint64_t m = 0;
    for (char c : digits) m = m * 10 + uint64_t(c - '0');
    Float x = Float(m), p = 1;
    for (int64_t i = 0; i < (e10 < 0 ? -e10 : e10); ++i) p *= 10;
    x = e10 < 0 ? x / p : x * p;
    if (negative) x = -x;
    if constexpr (is_f32)
      return std::bit_cast<uint32_t>(x);
    else
      return std::bit_cast<uint64_t>(x);
  }
#endif
  (void)negative, (void)digits, (void)e10, (void)f;
  return std::nullopt;
}

// Correctly rounded digits·10^e10 by std::from_chars (exact in libstdc++), for finite non-zero
// results; an overflow or an underflow to zero is left to the exact path below.
template <typename Float>
std::optional<uint64_t> from_chars_decimal(bool negative, std::string_view digits, int64_t e10) {
  char buf[64];
  if (digits.size() > 40) return std::nullopt;
  std::memcpy(buf, digits.data(), digits.size());
  char* end = buf + digits.size();
  *end++ = 'e';
  end = std::to_chars(end, buf + sizeof buf, e10).ptr;
  Float x = 0;
  auto [ptr, ec] = std::from_chars(buf, end, x, std::chars_format::scientific);
  if (ec != std::errc() || ptr != end || x == 0 || !std::isfinite(x)) return std::nullopt;
  if (negative) x = -x;
  if constexpr (sizeof(Float) == 4)
    return std::bit_cast<uint32_t>(x);
  else
    return std::bit_cast<uint64_t>(x);
}

// spec: Tfloat, Tmant — exact big-integer arithmetic on at most 800 significant digits: every
// rounding boundary of f64 has fewer (at most 767), so a '1' standing in for a longer non-zero
// tail cannot move the result across one.
std::optional<uint64_t> decimal_float(const Number& n, const FloatFormat& f) {
  std::string digits;
  digits.reserve(n.mant_int.size() + n.mant_frac.size());
  int64_t e10 = exponent_value(n);
  for (char c : n.mant_int) {
    if (c != '_' && !(digits.empty() && c == '0')) digits += c;
  }
  for (char c : n.mant_frac) {
    if (c == '_') continue;
    --e10;
    if (!(digits.empty() && c == '0')) digits += c;
  }
  size_t nonzero = digits.find_last_not_of('0');
  if (nonzero == std::string::npos) return round_to_format(n.negative, 0, 0, false, f);
  e10 += int64_t(digits.size() - nonzero - 1);
  digits.resize(nonzero + 1);
  constexpr size_t kMaxDigits = 800;
  if (digits.size() > kMaxDigits) {
    e10 += int64_t(digits.size() - kMaxDigits - 1);
    digits.resize(kMaxDigits);
    digits += '1';
  }
  int64_t nd = int64_t(digits.size());
  if (nd - 1 + e10 > 310) return std::nullopt;                              // ≥ 10^310
  if (nd + e10 < -350) return round_to_format(n.negative, 0, 0, false, f);  // < 10^-350
  auto fast = f.bits == 32 ? fast_decimal<float>(n.negative, digits, e10, f)
                           : fast_decimal<double>(n.negative, digits, e10, f);
  if (fast) return fast;
  fast = f.bits == 32 ? from_chars_decimal<float>(n.negative, digits, e10)
                      : from_chars_decimal<double>(n.negative, digits, e10);
  if (fast) return fast;
  cpp_int m(digits);
  if (e10 >= 0) return round_big(n.negative, m * pow(cpp_int(10), unsigned(e10)), 0, false, f);
  cpp_int d = pow(cpp_int(10), unsigned(-e10));
  int64_t s = std::max<int64_t>(0, 64 + int64_t(msb(d)) - int64_t(msb(m)));
  cpp_int q, r;
  divide_qr(cpp_int(m << unsigned(s)), d, q, r);
  return round_big(n.negative, q, -s, r != 0, f);
}

// spec: TfN, TfNmag
std::optional<uint64_t> parse_float(std::string_view text, const FloatFormat& f) {
  Number number;
  if (!split_number(text, number)) return std::nullopt;
  const Number* n = &number;
  uint64_t sign = n->negative ? f.sign_bit() : 0;
  switch (n->kind) {
    case Number::Inf: return sign | f.exp_mask();
    case Number::Nan: return sign | f.canonical_nan();
    case Number::NanPayload: {
      auto payload = digits_value(n->payload, 16);
      if (!payload || *payload == 0 || *payload > f.frac_mask()) return std::nullopt;
      return sign | f.exp_mask() | *payload;
    }
    case Number::Hex: return hex_float(*n, f);
    case Number::Dec: return decimal_float(*n, f);
  }
  return std::nullopt;
}

std::string hex_digits(uint64_t v) {
  char buf[17];
  auto r = std::to_chars(buf, buf + sizeof buf, v, 16);
  return std::string(buf, r.ptr);
}

// Hex float notation, exact for every finite value: 0x1.8p+3, 0x0.000002p-126 (subnormal).
std::string print_hex_float(uint64_t bits, const FloatFormat& f) {
  std::string out = (bits & f.sign_bit()) ? "-0x" : "0x";
  uint64_t biased = (bits & f.exp_mask()) >> (f.p - 1);
  uint64_t frac = bits & f.frac_mask();
  if (biased == 0 && frac == 0) return out + "0p+0";
  out += biased == 0 ? '0' : '1';
  int frac_hex = (f.p - 1 + 3) / 4;
  uint64_t aligned = frac << (frac_hex * 4 - (f.p - 1));
  if (aligned != 0) {
    std::string digits = hex_digits(aligned);
    digits.insert(0, size_t(frac_hex) - digits.size(), '0');
    digits.erase(digits.find_last_not_of('0') + 1);
    out += '.' + digits;
  }
  int64_t e = biased == 0 ? f.emin : int64_t(biased) - f.bias;
  return out + (e < 0 ? "p-" : "p+") + std::to_string(e < 0 ? -e : e);
}

template <typename Float, typename Bits>
std::string print_float(Bits bits, const FloatFormat& f) {
  bool negative = bits & f.sign_bit();
  std::string sign = negative ? "-" : "";
  if ((bits & f.exp_mask()) == f.exp_mask()) {
    uint64_t frac = bits & f.frac_mask();
    if (frac == 0) return sign + "inf";
    if (frac == (f.canonical_nan() & f.frac_mask())) return sign + "nan";
    return sign + "nan:0x" + hex_digits(frac);
  }
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, std::bit_cast<Float>(bits));
  std::string out(buf, r.ptr);
  if (parse_float(out, f) == uint64_t(bits)) return out;
  return print_hex_float(bits, f);  // not reached with a correctly rounding parser
}

}  // namespace

NumShape num_shape(std::string_view text) {
  // Fast path for the common plain decimals (0, 42, -1): sign? digit+ without '_'.
  size_t digits_at = !text.empty() && (text[0] == '+' || text[0] == '-') ? 1 : 0;
  if (text.size() > digits_at &&
      std::all_of(text.begin() + long(digits_at), text.end(), is_digit)) {
    return digits_at ? NumShape::Int : NumShape::Nat;
  }
  Number number;
  if (!split_number(text, number)) return NumShape::None;
  const Number* n = &number;
  if (n->kind != Number::Dec && n->kind != Number::Hex) return NumShape::Float;
  if (n->has_point || n->has_exp) return NumShape::Float;
  return n->has_sign ? NumShape::Int : NumShape::Nat;
}

// The common plain decimals (0, 42, -1, +7): sign? digit{1,19}, without '_'. Sets `negative`
// and returns the magnitude, or nullopt for any other shape.
std::optional<uint64_t> plain_decimal(std::string_view text, bool& negative) {
  size_t i = !text.empty() && (text[0] == '+' || text[0] == '-') ? 1 : 0;
  if (text.size() <= i || text.size() - i > 19) return std::nullopt;
  uint64_t v = 0;
  for (size_t k = i; k < text.size(); ++k) {
    if (!is_digit(text[k])) return std::nullopt;
    v = v * 10 + uint64_t(text[k] - '0');
  }
  negative = text[0] == '-';
  return v;
}

// spec: TuN
std::optional<uint64_t> parse_u64(std::string_view text) {
  bool negative = false;
  if (!text.empty() && is_digit(text[0])) {
    if (auto v = plain_decimal(text, negative)) return v;
  }
  Number n;
  if (!split_number(text, n) || n.has_sign) return std::nullopt;
  return magnitude(n);
}

std::optional<uint32_t> parse_u32(std::string_view text) {
  auto v = parse_u64(text);
  if (!v || *v > UINT32_MAX) return std::nullopt;
  return uint32_t(*v);
}

// spec: TiN, TsN, $inv_signed_
std::optional<uint64_t> parse_int(std::string_view text, int bits) {
  if (bits < 1 || bits > 64) return std::nullopt;
  bool negative = false;
  auto v = plain_decimal(text, negative);
  if (!v) {
    Number n;
    if (!split_number(text, n)) return std::nullopt;
    v = magnitude(n);
    if (!v) return std::nullopt;
    negative = n.negative;
  }
  uint64_t mask = bits == 64 ? UINT64_MAX : (uint64_t(1) << bits) - 1;
  if (negative) {
    if (*v > uint64_t(1) << (bits - 1)) return std::nullopt;
    return (0 - *v) & mask;
  }
  if (*v > mask) return std::nullopt;
  return *v;
}

std::optional<uint32_t> parse_f32(std::string_view text) {
  auto v = parse_float(text, kF32);
  if (!v) return std::nullopt;
  return uint32_t(*v);
}

std::optional<uint64_t> parse_f64(std::string_view text) { return parse_float(text, kF64); }

const char* literal_error(std::string_view text, bool /*is_float*/) {
  return num_shape(text) == NumShape::None ? "unknown operator" : "constant out of range";
}

std::string print_f32(uint32_t bits) { return print_float<float>(bits, kF32); }
std::string print_f64(uint64_t bits) { return print_float<double>(bits, kF64); }

}  // namespace wasm::text
