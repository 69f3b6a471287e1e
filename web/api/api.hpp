// The playground's API (docs/web.md): one function, JSON text in, JSON text out, so that the
// WebAssembly build (web/bind/) and native tests call exactly the same code. The page shows what
// this computes; nothing of the model is reimplemented in JavaScript.
//
// A request is {"api": 1, "op": NAME, ...arguments}; the reply is {"api": 1, "ok": true, ...} or
// {"api": 1, "ok": false, "error": message, "errors": [...]} (assembler and config errors with
// their positions). call() never throws: every failure becomes a reply.
#pragma once

#include <string>
#include <string_view>

namespace pipesim::web {

// The version of the request and reply formats; a change that breaks a page built against an
// older one bumps it.
inline constexpr int kApiVersion = 1;

std::string call(std::string_view request);

}  // namespace pipesim::web
