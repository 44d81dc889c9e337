// Skip lists: checked-in lists of script assertions that are not run, each with its reason.
// A line of the file is `path/suffix.wast:LINE  reason` (LINE: the line of the module or
// action, as failures print it) or `path/suffix.wast  reason` for a whole file; `#` starts a
// comment. Paths match as suffixes of the script's path.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace wasm::wast {

struct SkipEntry {
  std::string path_suffix;
  std::optional<uint32_t> line;  // absent: the whole file
  std::string reason;
};

// Parses a skip list; entries without a reason are rejected (nullopt, with `error` set).
std::optional<std::vector<SkipEntry>> parse_skip_list(std::string_view text, std::string& error);

// The entries that apply to `script_path`.
std::vector<SkipEntry> skips_for(const std::vector<SkipEntry>& list, std::string_view script_path);

}  // namespace wasm::wast
