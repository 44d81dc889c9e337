// Helpers shared by the wasmref subcommands.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wasm::cli {

enum class FileKind { Wat, Wasm, Wast, Unknown };

FileKind kind_of(std::string_view path);  // by extension
std::optional<std::string> read_file(const std::string& path);  // nullopt if unreadable
bool write_file(const std::string& path, std::string_view bytes);

// Each subcommand: args exclude the subcommand name; returns the exit status.
int cmd_parse(const std::vector<std::string>& args);
int cmd_convert(const std::vector<std::string>& args);
int cmd_print(const std::vector<std::string>& args);
int cmd_validate(const std::vector<std::string>& args);
int cmd_run(const std::vector<std::string>& args);
int cmd_smith(const std::vector<std::string>& args);

bool wants_help(const std::vector<std::string>& args);

}  // namespace wasm::cli
