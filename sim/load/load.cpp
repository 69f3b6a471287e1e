#include "sim/load/load.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "isa/assembler.hpp"
#include "isa/elf.hpp"
#include "isa/error.hpp"
#include "sim/load/sha256.hpp"
#include "sim/load/user_file.hpp"

namespace pipesim {
namespace {

bool ends_with(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

std::string read_text_file(const std::string& path) {
  return read_user_file(path, kProgramFile);
}

FileReader included_file_reader() {
  return [](const std::string& path) -> std::optional<std::string> {
    std::error_code ec;
    // symlink_status: a dangling link is a file that cannot be opened, not a missing one
    if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec))) return std::nullopt;
    return read_user_file(path, kProgramFile);
  };
}

Program program_from_binary(std::vector<uint8_t> bytes, const std::string& path, uint32_t base) {
  if (bytes.empty()) throw Error(fmt::format("{}: empty binary", path));
  // RV32IM has only 4-byte instructions (no compressed ones): a binary of another size is cut
  // short, and padding it would run bytes that were never written.
  if (bytes.size() % 4 != 0)
    throw Error(
        fmt::format("{}: a raw binary must hold whole 4-byte instructions; this one has "
                    "{} bytes",
                    path, bytes.size()));
  Program p;
  p.path = path;
  const auto size = static_cast<uint32_t>(bytes.size());
  p.segments.push_back(Segment{".text", base, std::move(bytes), size, true});
  p.entry = base;
  return p;
}

void require_instructions(const Program& p, const std::string& path) {
  // An empty source (or one with only data) would otherwise "run" into a fetch fault at the
  // entry point, which blames the program's execution for what is a mistake in the file.
  const bool runnable = std::any_of(p.segments.begin(), p.segments.end(), [&](const Segment& s) {
    return s.executable && p.entry >= s.addr && p.entry - s.addr < s.bytes.size();
  });
  if (!runnable)
    throw Error(fmt::format(
        "{}: the program has no instructions to run (nothing at its entry point 0x{:08x})", path,
        p.entry));
}

LoadedProgram load_assembly(std::string source, const std::string& path, const FileReader& files) {
  LoadedProgram out;
  out.source = std::move(source);
  AsmResult r = assemble(out.source, path, files);
  out.program = std::move(r.program);
  out.warnings = std::move(r.warnings);
  require_instructions(out.program, path);
  out.program.path = path;
  return out;
}

LoadedProgram load_program_file(const std::string& path) {
  std::vector<uint8_t> bytes = read_user_bytes(path, kProgramFile);
  LoadedProgram out;
  out.sha256 = sha256_hex({reinterpret_cast<const char*>(bytes.data()), bytes.size()});
  // A file named .elf is loaded as one even without the ELF magic, so that a wrong file says
  // "not an ELF file" rather than failing as assembly source.
  if (is_elf(bytes) || ends_with(path, ".elf")) {
    out.program = load_elf(bytes, path, &out.warnings);
  } else if (ends_with(path, ".bin")) {
    out.program = program_from_binary(std::move(bytes), path);
  } else {
    LoadedProgram assembled =
        load_assembly(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()), path,
                      included_file_reader());
    assembled.sha256 = std::move(out.sha256);
    return assembled;
  }
  out.program.path = path;
  return out;
}

}  // namespace pipesim
