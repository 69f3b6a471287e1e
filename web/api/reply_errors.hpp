// A failed request's reply: {"api", "ok": false, "error": the first message, "errors": [...]}
// with one entry {file, line, col, message, text} per assembler error (text: the offending
// source line) and per configuration problem (file "config", message naming the JSON path).
#pragma once

#include <exception>

#include <nlohmann/json.hpp>

namespace pipesim::web {

// The reply for the exception being handled (call only inside a catch block).
nlohmann::json failure_reply(const std::exception& e);

}  // namespace pipesim::web
