// The message a configuration refused at load gives, for tests of config validation.
#pragma once

#include <string>
#include <vector>

#include "isa/error.hpp"
#include "sim/config/config_load.hpp"

namespace pipesim::test {

// What load_config(preset, sets) throws as a pipesim::Error; "" when it loads.
inline std::string config_error(const std::string& preset, const std::vector<std::string>& sets) {
  try {
    (void)load_config(preset, sets);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

}  // namespace pipesim::test
