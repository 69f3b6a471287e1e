// libFuzzer harness: assembly source text. Any input must assemble or throw pipesim::Error (a
// SourceError with a place in the file); anything else (a crash, a sanitizer report, another
// exception, a hang) is a bug. A program that assembles is also disassembled, as `pipesim asm`
// would.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "isa/assembler.hpp"
#include "isa/disasm.hpp"
#include "isa/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  try {
    const pipesim::AsmResult r = pipesim::assemble(source, "fuzz.s");
    (void)pipesim::listing(r.program, pipesim::DisasmStyle::Aliases);
  } catch (const pipesim::Error&) {
    // A clear error: what the user sees. Fine.
  }
  return 0;
}
