// libFuzzer harness: machine configurations. The input up to the first NUL byte is a JSON
// configuration file (written to a scratch file and loaded as `--config FILE` would); each
// NUL-separated piece after it is a `--set PATH=VALUE`. Loading must succeed or throw
// pipesim::Error; a configuration that loads must survive the JSON round trip.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "isa/error.hpp"
#include "sim/pipe/config_load.hpp"

namespace {

// One scratch file per fuzzing process, rewritten for every input.
const std::string& scratch_path() {
  static const std::string path = [] {
    std::string tmpl = "/tmp/pipesim-fuzz-config-XXXXXX.json";
    const int fd = mkstemps(tmpl.data(), 5);
    if (fd < 0) std::abort();
    ::close(fd);
    return tmpl;
  }();
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  std::vector<std::string> sets;
  for (std::size_t at = nul; at != std::string::npos && at < input.size();) {
    const std::size_t next = input.find('\0', at + 1);
    sets.push_back(input.substr(at + 1, next == std::string::npos ? next : next - at - 1));
    at = next;
  }
  const std::string& path = scratch_path();
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  std::fwrite(input.data(), 1, std::min(nul, input.size()), f);
  std::fclose(f);
  try {
    const pipesim::PipelineConfig c = pipesim::load_config(path, sets);
    // The resolved form must load again (it is what --json records).
    (void)pipesim::config_from_json(nlohmann::json::parse(pipesim::config_to_json(c).dump()),
                                    "round-trip");
  } catch (const pipesim::Error&) {
  }
  return 0;
}
