// Helpers shared by the wasmref subcommands.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "wast/skip_list.h"

namespace wasm::cli {

enum class FileKind { Wat, Wasm, Wast, Unknown };

FileKind kind_of(std::string_view path);  // by extension
std::optional<std::string> read_file(const std::string& path);  // nullopt if unreadable
bool write_file(const std::string& path, std::string_view bytes);
// Reads and parses a skip list (`--skip-list FILE`); prints "FILE: error" and returns nullopt
// when the file is unreadable or malformed.
std::optional<std::vector<wast::SkipEntry>> load_skip_list(const std::string& path);

// Each subcommand: args exclude the subcommand name; returns the exit status.
int cmd_parse(const std::vector<std::string>& args);
int cmd_convert(const std::vector<std::string>& args);
int cmd_print(const std::vector<std::string>& args);
int cmd_validate(const std::vector<std::string>& args);
int cmd_run(const std::vector<std::string>& args);
int cmd_smith(const std::vector<std::string>& args);
int cmd_snapshot(const std::vector<std::string>& args);
int cmd_explore(const std::vector<std::string>& args);
int cmd_repl(const std::vector<std::string>& args);

bool wants_help(const std::vector<std::string>& args);

}  // namespace wasm::cli
