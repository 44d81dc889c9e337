// The front-end phase of a script's modules (see wast/load.h).
#include "wast/load.h"

#include <span>

#include "binary/decode.h"
#include "text/parse.h"

namespace wasm::wast {

binary::DecodeOptions decode_options(const Features& features) {
  binary::DecodeOptions options;
  options.module_linking = features.module_linking;
  options.custom_page_sizes = features.custom_page_sizes;
  options.shared_everything = features.shared_everything;
  return options;
}

ValidateOptions validate_options(const Features& features) {
  ValidateOptions options;
  options.custom_descriptors = features.custom_descriptors;
  options.module_linking = features.module_linking;
  options.shared_everything = features.shared_everything;
  return options;
}

text::TextOptions text_options(const Features& features) {
  text::TextOptions options;
  options.paths = features.module_linking_paths;
  return options;
}

bool enable_feature(Features& features, std::string_view name) {
  if (name == "module-linking") {
    features.module_linking = true;
  } else if (name == "module-linking-2020") {
    features.module_linking = true;
    features.module_linking_paths = true;
  } else if (name == "custom-page-sizes") {
    features.custom_page_sizes = true;
  } else if (name == "custom-descriptors") {
    features.custom_descriptors = true;
  } else if (name == "shared-everything-threads") {
    features.shared_everything = true;
  } else {
    return false;
  }
  return true;
}

Result<Module> load_module(const text::ScriptModule& m, const Features& features) {
  using Form = text::ScriptModule::Form;
  switch (m.form) {
    case Form::Text:
      if (m.error) return *m.error;
      return m.module;
    case Form::Binary: {
      auto bytes = std::span(reinterpret_cast<const uint8_t*>(m.bytes.data()), m.bytes.size());
      return binary::decode(bytes, decode_options(features));
    }
    case Form::Quote: return text::parse_module(m.bytes, text_options(features));
  }
  return Error{Phase::Malformed, m.at, "unknown module form"};
}

std::string describe_error(const Source& script, const text::ScriptModule& m, const Error& e) {
  using Form = text::ScriptModule::Form;
  switch (m.form) {
    case Form::Text:
      return format_location(script, e.at.begin) + ": " + e.message;
    case Form::Binary:
      return cat(format_location(script, m.at.begin), ": (binary module @0x",
                 hex(e.at.begin), "): ", e.message);
    case Form::Quote: {
      Source inner{"(quoted module)", m.bytes, false};
      return cat(format_location(script, m.at.begin), ": ", format_location(inner, e.at.begin),
                 ": ", e.message);
    }
  }
  return e.message;
}

}  // namespace wasm::wast
