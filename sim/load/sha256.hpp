// SHA-256 (FIPS 180-4) of a byte string, as lowercase hex: what `sha256sum` prints. A sweep
// records it for every program and configuration file it runs, so that results computed from
// different versions of a file are never merged into one table (docs/sweeps.md).
#pragma once

#include <string>
#include <string_view>

namespace pipesim {

std::string sha256_hex(std::string_view bytes);

}  // namespace pipesim
