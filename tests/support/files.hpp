// Whole-file reads and writes for tests, byte for byte (no newline translation, no size cap:
// the files are the tests' own or pipesim's outputs). Reading a file that cannot be opened throws,
// which fails the test case with the path: a missing output never reads as "".
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace pipesim::test {

inline std::ifstream open_for_reading(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("test: cannot open " + p.string());
  return in;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in = open_for_reading(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::vector<uint8_t> read_bytes(const std::filesystem::path& p) {
  std::ifstream in = open_for_reading(p);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Writes `text` to `p` (replacing it); returns the path, for building command lines.
inline std::string write_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

}  // namespace pipesim::test
