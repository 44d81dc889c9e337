// Turning a script's (module ...) into an AST: the front-end phase shared by `parse` and `run`.
#pragma once

#include <string>
#include <string_view>

#include "binary/decode.h"
#include "spec/ast.h"
#include "spec/error.h"
#include "spec/validate.h"
#include "text/script.h"

namespace wasm::wast {

// Proposals that change what is malformed or valid, so they are enabled on request
// (`wasmref ... --enable NAME`). Everything else of Wasm 3.0 and the threads proposal is on.
struct Features {
  bool module_linking = false;     // "module-linking"
  bool custom_page_sizes = false;  // "custom-page-sizes"
  bool custom_descriptors = false;  // "custom-descriptors" (relaxes br_on_cast's typing)
  bool shared_everything = false;   // "shared-everything-threads"
  // "module-linking-2020": module-linking plus the text forms of the June 2020 Explainer that
  // the later syntax rejects (text::TextOptions::paths).
  bool module_linking_paths = false;
};

binary::DecodeOptions decode_options(const Features& features);
ValidateOptions validate_options(const Features& features);
text::TextOptions text_options(const Features& features);

// Sets the feature named `name`; false if there is no such feature.
bool enable_feature(Features& features, std::string_view name);

// Parses (Text: already done by the script parser; Quote: parse_module) or decodes (Binary)
// the module. Errors keep the inner span; see describe_error for a printable location.
Result<Module> load_module(const text::ScriptModule& m, const Features& features);

// "file:line.col: message" for an error of `m`'s front end. Spans of quoted or binary modules
// are relative to their own text or bytes, so those errors name the (module ...) command's
// position and add the inner offset.
std::string describe_error(const Source& script, const text::ScriptModule& m, const Error& e);

}  // namespace wasm::wast
