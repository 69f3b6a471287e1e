// A fresh temporary directory for one test, removed with everything in it at the end.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace pipesim::test {

struct TempDir {
  std::filesystem::path path;
  explicit TempDir(const std::string& prefix = "pipesim-test") {
    std::string tmpl = (std::filesystem::temp_directory_path() / (prefix + "-XXXXXX")).string();
    if (mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed: " + tmpl);
    path = tmpl;
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string operator/(const std::string& name) const { return (path / name).string(); }

  // The folder `name` in the directory, emptied (made if need be): one per test section.
  std::filesystem::path fresh_folder(const std::string& name) const {
    const std::filesystem::path dir = path / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
  }

  // Writes `text` (bytes as given) to the file `name` in the directory; returns its path.
  std::string file(const std::string& name, const std::string& text) const {
    std::ofstream(path / name, std::ios::binary) << text;
    return (path / name).string();
  }

  // Names in the directory that look like pipesim's temporary output files
  // (".NAME.tmp-XXXXXX", see write_output): what a killed or failed write may leave behind.
  std::vector<std::string> temp_files() const {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(path)) {
      const std::string n = e.path().filename().string();
      if (n.find(".tmp-") != std::string::npos) out.push_back(n);
    }
    return out;
  }
};

// A temporary directory shared by the whole test process (removed when it exits), for tests that
// write a few small files with names of their own.
inline const TempDir& process_temp_dir() {
  static const TempDir dir("pipesim-test");
  return dir;
}

// Writes `text` to the file `name` in process_temp_dir(); returns its path.
inline std::string temp_file(const std::string& name, const std::string& text) {
  return process_temp_dir().file(name, text);
}

}  // namespace pipesim::test
