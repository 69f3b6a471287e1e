// The -march flag GNU as gets for a test source. A corpus file that needs an extension beyond
// RV32IM says so in its first line, e.g. "# gnu-as: -march=rv32im_zicsr_zifencei"; every other
// file is assembled with -march=rv32im. (pipesim's assembler accepts all its extensions always.)
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace pipesim::test {

inline std::string gnu_as_march(const std::filesystem::path& source) {
  std::ifstream in(source);
  std::string first;
  std::getline(in, first);
  const std::string tag = "# gnu-as: -march=";
  if (first.rfind(tag, 0) != 0) return "-march=rv32im";
  const std::string arch = first.substr(tag.size());
  // Only an architecture string: the flag goes into a shell command line.
  if (arch.empty() ||
      arch.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") != std::string::npos)
    return "-march=rv32im";
  return "-march=" + arch;
}

}  // namespace pipesim::test
