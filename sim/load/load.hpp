// Reads a program file of any kind pipesim accepts: a RISC-V ELF executable (by its magic
// number), a raw binary (`.bin`: machine code placed at kTextBase), or assembly source.
#pragma once

#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "isa/program.hpp"

namespace pipesim {

struct LoadedProgram {
  Program program;
  std::vector<std::string> warnings;  // formatted assembler warnings, for the caller to show
  // The assembly source as read (empty for an ELF or a binary): reading the file a second time
  // could block on a FIFO or see a file changed since.
  std::string source;
};

// Throws pipesim::Error (or SourceError) if the file cannot be read or is not a valid program.
LoadedProgram load_program_file(const std::string& path);

// An assembly source already in memory (the file's bytes, or the playground's editor): assembled
// with `files` reading .include and .incbin (none: they are errors), checked to have
// instructions, named `path` in messages. Throws as load_program_file does.
LoadedProgram load_assembly(std::string source, const std::string& path,
                            const FileReader& files = {});

// Throws pipesim::Error "PATH: the program has no instructions to run …" unless an executable
// segment holds the entry point (an assembly source with no code, or only data).
void require_instructions(const Program& p, const std::string& path);

// The whole file as text (an assembly source); same errors and size limit as programs
// (sim/load/user_file.hpp).
std::string read_text_file(const std::string& path);

// What the assembler reads for .include and .incbin: files read as programs are (a directory,
// a device or a file over the size limit is refused with the reason), nullopt when none exists.
FileReader included_file_reader();

// A raw binary: the bytes become one executable segment at `base`, entry at `base`.
Program program_from_binary(std::vector<uint8_t> bytes, const std::string& path,
                            uint32_t base = kTextBase);

}  // namespace pipesim
