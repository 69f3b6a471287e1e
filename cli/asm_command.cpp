// `pipesim asm PROGRAM [-o out.bin]` and `pipesim disasm PROGRAM`: objdump-style listings.
#include <iostream>

#include "cli/command.hpp"
#include "cli/output_file.hpp"
#include "isa/disasm.hpp"
#include "sim/load/load.hpp"

namespace pipesim::cli {
namespace {

struct ListingOptions {
  std::string program;
  std::string output;
  bool no_aliases = false;
};

std::string text_bytes(const Program& p) {
  for (const Segment& s : p.segments)
    if (s.executable) return std::string(s.bytes.begin(), s.bytes.end());
  return {};
}

int list(const ListingOptions& o, bool write_binary) {
  if (write_binary) check_outputs({{"-o", o.output}}, {{"program", o.program}});
  LoadedProgram loaded = load_program_file(o.program);
  print_warnings(loaded.warnings);
  if (write_binary && !o.output.empty()) {
    write_output(o.output, text_bytes(loaded.program));
    return 0;
  }
  std::cout << listing(loaded.program,
                       o.no_aliases ? DisasmStyle::NoAliases : DisasmStyle::Aliases);
  return 0;
}

CLI::App* add_listing_options(CLI::App* app, ListingOptions& o) {
  app->add_option("program", o.program,
                  "Program: RISC-V assembly (.s), ELF executable, or raw .bin")
      ->required();
  app->add_flag("--no-aliases", o.no_aliases,
                "Show canonical instructions, not pseudo-instructions (objdump -M no-aliases)");
  return app;
}

}  // namespace

Command add_asm_command(CLI::App& parent) {
  auto o = std::make_shared<ListingOptions>();
  CLI::App* app = add_listing_options(
      parent.add_subcommand("asm", "Assemble a program and print its listing, or write its code"),
      *o);
  app->add_option("-o,--output", o->output,
                  "Write the machine code of .text (raw little-endian words) to FILE instead")
      ->type_name("FILE")
      ->check(file_name());
  return {app, [o] { return list(*o, true); }};
}

Command add_disasm_command(CLI::App& parent) {
  auto o = std::make_shared<ListingOptions>();
  CLI::App* app = add_listing_options(
      parent.add_subcommand("disasm", "Disassemble a program (ELF, .bin or assembled source)"), *o);
  return {app, [o] { return list(*o, false); }};
}

}  // namespace pipesim::cli
