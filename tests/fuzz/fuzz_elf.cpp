// libFuzzer harness: ELF files. Any bytes must load or throw pipesim::Error naming the file; a
// file that loads is placed in guest memory (which must refuse segments it cannot hold) and run
// for a few hundred instructions on the functional model.
#include <cstddef>
#include <cstdint>
#include <span>

#include "isa/elf.hpp"
#include "isa/error.hpp"
#include "sim/host_io.hpp"
#include "sim/iss/iss.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const pipesim::Program program = pipesim::load_elf(std::span(data, size), "fuzz.elf");
    pipesim::CapturedIo io;
    pipesim::Iss iss(program, io);
    iss.run(500);
  } catch (const pipesim::Error&) {
  }
  return 0;
}
