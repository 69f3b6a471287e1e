#include "sim/json/strict_reader.hpp"

#include "isa/error.hpp"
#include "isa/source_errors.hpp"

namespace pipesim {

std::string json_pointer_token(const std::string& key) {
  std::string out;
  for (char c : excerpt(key)) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

void fail_at_json_path(const std::string& file, const std::string& at, const std::string& what) {
  throw Error(printable_message(file + ": " + (at.empty() ? "/" : at) + ": " + what));
}

}  // namespace pipesim
