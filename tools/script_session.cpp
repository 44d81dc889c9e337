// Command-line script text and its session (tools/script_session.h).
#include "tools/script_session.h"

#include <algorithm>
#include <cctype>

#include "spec/match.h"
#include "text/printer.h"
#include "text/script.h"

namespace wasm::cli {
namespace {

// The first token of a text after white space and comments starts with "(module".
bool starts_with_module(const std::string& s) {
  size_t i = 0;
  while (i < s.size()) {
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      ++i;
    } else if (s.compare(i, 2, ";;") == 0) {
      i = s.find('\n', i);
      if (i == std::string::npos) return false;
    } else if (s.compare(i, 2, "(;") == 0) {  // block comments nest
      int depth = 0;
      do {
        if (s.compare(i, 2, "(;") == 0)
          ++depth, i += 2;
        else if (s.compare(i, 2, ";)") == 0)
          --depth, i += 2;
        else
          ++i;
      } while (depth > 0 && i < s.size());
    } else {
      break;
    }
  }
  if (s.compare(i, 7, "(module") != 0) return false;
  return i + 7 == s.size() || !std::isalnum(static_cast<unsigned char>(s[i + 7]));
}

std::optional<std::string> argument_text(const TypeStore& types, const ValType& t,
                                         const std::string& arg) {
  if (!arg.empty() && arg.front() == '(') return arg;
  switch (t.kind) {
    case ValKind::I32: return "(i32.const " + arg + ")";
    case ValKind::I64: return "(i64.const " + arg + ")";
    case ValKind::F32: return "(f32.const " + arg + ")";
    case ValKind::F64: return "(f64.const " + arg + ")";
    case ValKind::V128: return "(v128.const " + arg + ")";
    case ValKind::Ref: break;
    default: return std::nullopt;
  }
  // The bottom of the parameter's hierarchy: a null every nullable type of it accepts.
  if (arg == "null" && t.ref.nullable)
    return cat("(ref.null ", to_string(bot_heaptype(types, t.ref.heap)), ")");
  if (t.ref.heap.kind == HeapKind::Extern && !arg.empty() &&
      std::all_of(arg.begin(), arg.end(), [](char c) { return std::isdigit(uint8_t(c)); }))
    return "(ref.extern " + arg + ")";
  return std::nullopt;
}

}  // namespace

std::string script_text_of_file(FileKind kind, const std::string& content) {
  switch (kind) {
    case FileKind::Wasm: return "(module binary " + text::quote(content) + ")\n";
    case FileKind::Wat:
      // The parentheses go on the first and last lines, so that lines keep their numbers.
      return starts_with_module(content) ? content : "(module " + content + "\n)\n";
    default: return content;
  }
}

InvokeText invoke_text(const TypeStore& types, const std::string& name, const FuncType& type,
                       const std::vector<std::string>& args) {
  if (args.size() != type.params.size())
    return {"", cat("export \"", name, "\" takes ", type.params.size(), " argument",
                    type.params.size() == 1 ? "" : "s", " ", to_string(type.params), ", given ",
                    args.size())};
  std::string text = "(invoke " + text::quote(name);
  for (size_t i = 0; i < args.size(); ++i) {
    std::optional<std::string> arg = argument_text(types, type.params[i], args[i]);
    if (!arg)
      return {"", cat("argument ", i + 1, " of \"", name, "\": '", args[i],
                      "' is not a value of type ", to_string(type.params[i]),
                      type.params[i].is_ref() ? " (references: null, an extern number, or a "
                                                "script value in parentheses)"
                                              : "")};
    text += " " + *arg;
  }
  return {text + ")", ""};
}

wast::RunReport ScriptSession::run_text(const std::string& name, std::string text) {
  const std::string& kept = texts_.emplace_back(std::move(text));
  const Source& source = sources_.emplace_back(Source{name, kept, false});
  Result<text::Script> script = text::parse_script(kept, text_options_);
  if (!script) return parse_error_report(source, script.error());
  return session_.run(source, *script);
}

std::optional<wast::RunReport> ScriptSession::run_file(const std::string& path) {
  std::optional<std::string> content = read_file(path);
  if (!content) return std::nullopt;
  return run_text(path, script_text_of_file(kind_of(path), *content));
}

wast::RunReport parse_error_report(const Source& source, const Error& error) {
  wast::RunReport r;
  auto [line, column] = wast::line_column(source, error.at.begin);
  r.checks.push_back({line, column, "script", false, error.message});
  r.failed = 1;
  r.log = cat(format_location(source, error.at.begin), ": ", error.message, "\n");
  return r;
}

}  // namespace wasm::cli
