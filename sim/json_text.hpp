// Writing JSON with nlohmann. Strings pipesim does not control (file names, guest output, --set
// values) may hold bytes that are not UTF-8, which JSON cannot carry; nlohmann's default is to
// throw type_error.316, which would end the run as an internal error. Each ill-formed sequence
// becomes U+FFFD instead, as put_json_string (sim/report/trace_text_out.hpp) does for the traces.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace pipesim {

// `indent` as for dump(): -1 is compact, N puts each member on its own line, indented by N.
template <class Json>
std::string json_text(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

}  // namespace pipesim
