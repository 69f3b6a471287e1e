// The WebAssembly module's only export: the playground's JSON API (web/api/api.hpp) as
// Module.call(request) -> reply, both JSON text. Strings cross as UTF-8, which is what the API
// reads and writes.
#include <emscripten/bind.h>

#include <string>

#include "web/api/api.hpp"

namespace {

std::string call(const std::string& request) {
  return pipesim::web::call(request);
}

}  // namespace

EMSCRIPTEN_BINDINGS(pipesim) {
  emscripten::function("call", &call);
}
