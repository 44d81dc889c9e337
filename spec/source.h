// Source locations: one Span type for text and binary input (byte offsets into the buffer).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace wasm {

struct Span {
  uint32_t begin = 0, end = 0;
};

// A named input buffer; positions become "file:line.col" (text) or "file:0x1f" (binary) only
// when printed.
struct Source {
  std::string name;
  std::string_view bytes;
  bool is_binary = false;
};

// The 1-based line of a text offset.
uint32_t line_of(const Source& source, uint32_t offset);

// "name:line.col" for text (1-based line and column), "name:0xOFFSET" for binary.
std::string format_location(const Source& source, uint32_t offset);

}  // namespace wasm
