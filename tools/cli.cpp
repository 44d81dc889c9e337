// Helpers shared by the wasmref subcommands (see tools/cli.h).
#include "tools/cli.h"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace wasm::cli {

FileKind kind_of(std::string_view path) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  if (ends_with(".wat")) return FileKind::Wat;
  if (ends_with(".wasm")) return FileKind::Wasm;
  if (ends_with(".wast")) return FileKind::Wast;
  return FileKind::Unknown;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(buffer).str();
}

std::optional<std::vector<wast::SkipEntry>> load_skip_list(const std::string& path) {
  std::optional<std::string> text = read_file(path);
  std::string error = text ? "" : "cannot read file";
  auto list = text ? wast::parse_skip_list(*text, error) : std::nullopt;
  if (!list) std::fprintf(stderr, "%s: %s\n", path.c_str(), error.c_str());
  return list;
}

bool write_file(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), std::streamsize(bytes.size()));
  return bool(out);
}

bool wants_help(const std::vector<std::string>& args) {
  for (const std::string& a : args)
    if (a == "--help" || a == "-h") return true;
  return false;
}

}  // namespace wasm::cli
