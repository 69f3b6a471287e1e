// Dispatch of the playground's requests (api.hpp) to the operations.
#include "web/api/api.hpp"

#include <exception>
#include <functional>
#include <map>

#include <nlohmann/json.hpp>

namespace pipesim::web {
namespace {

using Json = nlohmann::json;
using Op = std::function<Json(const Json& request)>;

Json version(const Json&) { return {{"pipesim", PIPESIM_VERSION}}; }

const std::map<std::string, Op>& operations() {
  static const std::map<std::string, Op> ops = {
      {"version", version},
  };
  return ops;
}

Json failure(const std::string& message) {
  return {{"api", kApiVersion}, {"ok", false}, {"error", message}};
}

}  // namespace

std::string call(std::string_view request) {
  Json reply;
  try {
    const Json req = Json::parse(request);
    if (!req.is_object() || !req.contains("op") || !req["op"].is_string())
      return failure("a request is a JSON object with \"op\"").dump();
    const auto it = operations().find(req["op"].get<std::string>());
    if (it == operations().end())
      return failure("unknown op \"" + req["op"].get<std::string>() + "\"").dump();
    reply = it->second(req);
    reply["api"] = kApiVersion;
    reply["ok"] = true;
  } catch (const std::exception& e) {
    return failure(e.what()).dump();
  }
  return reply.dump();
}

}  // namespace pipesim::web
