// Skip lists (see wast/skip_list.h).
#include "wast/skip_list.h"

#include "spec/error.h"

namespace wasm::wast {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

}  // namespace

std::optional<std::vector<SkipEntry>> parse_skip_list(std::string_view text, std::string& error) {
  std::vector<SkipEntry> entries;
  uint32_t number = 0;
  while (!text.empty()) {
    size_t eol = text.find('\n');
    std::string_view line = trim(text.substr(0, eol));
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    size_t space = line.find_first_of(" \t");
    std::string_view target = line.substr(0, space);
    std::string_view reason = space == std::string_view::npos ? "" : trim(line.substr(space));
    if (reason.empty()) {
      error = cat("skip list line ", number, ": an entry needs a reason");
      return std::nullopt;
    }
    SkipEntry e;
    e.reason = reason;
    size_t colon = target.rfind(':');
    if (colon != std::string_view::npos) {
      uint32_t n = 0;
      std::string_view digits = target.substr(colon + 1);
      for (char d : digits) {
        if (d < '0' || d > '9' || n > 100'000'000) {
          error = cat("skip list line ", number, ": bad line number");
          return std::nullopt;
        }
        n = n * 10 + uint32_t(d - '0');
      }
      e.line = n;
      target = target.substr(0, colon);
    }
    e.path_suffix = target;
    entries.push_back(std::move(e));
  }
  return entries;
}

std::vector<SkipEntry> skips_for(const std::vector<SkipEntry>& list, std::string_view script_path) {
  std::vector<SkipEntry> out;
  for (const SkipEntry& e : list)
    if (ends_with(script_path, e.path_suffix)) out.push_back(e);
  return out;
}

}  // namespace wasm::wast
