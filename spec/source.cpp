// Formatting of source locations (see spec/source.h).
#include "spec/source.h"

#include <cstdio>

namespace wasm {

uint32_t line_of(const Source& source, uint32_t offset) {
  uint32_t line = 1;
  for (uint32_t i = 0; i < offset && i < source.bytes.size(); ++i) line += source.bytes[i] == '\n';
  return line;
}

std::string format_location(const Source& source, uint32_t offset) {
  char buf[64];
  if (source.is_binary) {
    std::snprintf(buf, sizeof buf, ":0x%x", offset);
    return source.name + buf;
  }
  uint32_t line = 1, col = 1;
  for (uint32_t i = 0; i < offset && i < source.bytes.size(); ++i) {
    if (source.bytes[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  std::snprintf(buf, sizeof buf, ":%u.%u", line, col);
  return source.name + buf;
}

}  // namespace wasm
