#include "web/api/reply_errors.hpp"

#include <fmt/format.h>

#include <string>

#include "isa/error.hpp"
#include "isa/source_errors.hpp"
#include "sim/config/config_load.hpp"
#include "web/api/api.hpp"

namespace pipesim::web {
namespace {

using Json = nlohmann::json;

Json source_error(const SourceError& e) {
  return {{"file", e.file},
          {"line", e.line},
          {"col", e.column},
          {"message", printable_message(e.what())},
          {"text", printable_message(e.text)}};
}

Json config_problem(const std::string& problem) {
  return {{"file", "config"}, {"line", 0}, {"col", 0}, {"message", problem}, {"text", ""}};
}

}  // namespace

Json failure_reply(const std::exception& e) {
  std::string error = e.what();
  Json errors = Json::array();
  if (const auto* all = dynamic_cast<const SourceErrors*>(&e)) {
    for (const SourceError& one : all->errors) errors.push_back(source_error(one));
  } else if (const auto* one = dynamic_cast<const SourceError*>(&e)) {
    errors.push_back(source_error(*one));
  } else if (const auto* config = dynamic_cast<const ConfigError*>(&e)) {
    for (const std::string& p : config->problems) errors.push_back(config_problem(p));
  }
  if (const auto* first = dynamic_cast<const SourceError*>(&e))
    error = fmt::format("{}:{}:{}: {}", first->file, first->line, first->column,
                        printable_message(first->what()));
  return {{"api", kApiVersion}, {"ok", false}, {"error", error}, {"errors", errors}};
}

}  // namespace pipesim::web
