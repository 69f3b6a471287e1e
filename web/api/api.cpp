// Dispatch of the playground's requests (api.hpp) to the operations (ops.hpp).
#include "web/api/api.hpp"

#include <exception>
#include <map>
#include <new>

#include <nlohmann/json.hpp>

#include "web/api/ops.hpp"
#include "web/api/reply_errors.hpp"

namespace pipesim::web {
namespace {

using Op = Json (*)(const Json& request);

Json version(const Json&) {
  return {{"pipesim", PIPESIM_VERSION}};
}

const std::map<std::string, Op>& operations() {
  static const std::map<std::string, Op> ops = {
      {"version", version}, {"presets", presets_op}, {"assemble", assemble_op},
      {"run", run_op},      {"explain", explain_op}, {"compare", compare_op},
      {"check", check_op},  {"state", state_op},     {"datapath", datapath_op},
  };
  return ops;
}

Json failure(const std::string& message) {
  return {{"api", kApiVersion}, {"ok", false}, {"error", message}, {"errors", Json::array()}};
}

}  // namespace

std::string call(std::string_view request) {
  Json reply;
  try {
    const Json req = Json::parse(request);
    if (!req.is_object() || !req.contains("op") || !req["op"].is_string())
      return failure("a request is a JSON object with \"op\"").dump();
    if (req.contains("api") && req["api"] != kApiVersion)
      return failure("this is version " + std::to_string(kApiVersion) + " of the API").dump();
    const auto it = operations().find(req["op"].get<std::string>());
    if (it == operations().end())
      return failure("unknown op \"" + req["op"].get<std::string>() + "\"").dump();
    reply = it->second(req);
    reply["api"] = kApiVersion;
    reply["ok"] = true;
    // Replies carry the guest's bytes and the user's text: never let a stray byte throw here.
    return reply.dump(-1, ' ', false, Json::error_handler_t::replace);
  } catch (const Json::parse_error& e) {
    return failure(std::string("the request is not JSON: ") + e.what()).dump();
  } catch (const std::bad_alloc&) {
    return failure("out of memory").dump();
  } catch (const std::exception& e) {
    return failure_reply(e).dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

}  // namespace pipesim::web
