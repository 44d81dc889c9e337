// Writes seed corpora for the fuzz targets from .wast scripts: every module of every script,
// as a binary (OUT/binary/N.wasm: binary modules as they are, text modules encoded) and the
// source text of every text module (OUT/text/N.wat). Usage: seed_corpus SUITE_DIR OUT_DIR
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "binary/encode.h"
#include "text/script.h"

namespace fs = std::filesystem;

namespace {

void write(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), std::streamsize(bytes.size()));
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: seed_corpus SUITE_DIR OUT_DIR\n");
    return 2;
  }
  fs::path out(argv[2]);
  fs::create_directories(out / "binary");
  fs::create_directories(out / "text");
  size_t binaries = 0, texts = 0;
  for (const auto& entry : fs::recursive_directory_iterator(argv[1])) {
    if (!entry.is_regular_file() || entry.path().extension() != ".wast") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string source = buffer.str();
    auto script = wasm::text::parse_script(source);
    if (!script) continue;
    for (const auto& c : script->commands) {
      using Form = wasm::text::ScriptModule::Form;
      const auto& sm = c.module;
      if (c.kind != wasm::text::Command::Kind::Module && !c.has_module) continue;
      if (sm.form == Form::Binary) {
        write(out / "binary" / (std::to_string(binaries++) + ".wasm"), sm.bytes);
      } else if (sm.form == Form::Text) {
        std::string_view text = std::string_view(source).substr(sm.at.begin, sm.at.end - sm.at.begin);
        write(out / "text" / (std::to_string(texts++) + ".wat"), text);
        if (sm.error) continue;
        std::vector<uint8_t> bytes = wasm::binary::encode(sm.module);
        write(out / "binary" / (std::to_string(binaries++) + ".wasm"),
              std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
      }
    }
  }
  std::printf("%zu binary and %zu text seeds in %s\n", binaries, texts, argv[2]);
  return 0;
}
