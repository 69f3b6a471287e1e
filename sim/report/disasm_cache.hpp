// Disassembly by pc for the trace writers (direct-mapped): a loop's instructions are
// disassembled once, not once per dynamic instance.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "isa/disasm.hpp"

namespace pipesim::report {

class DisasmCache {
 public:
  const std::string& text(uint32_t pc, uint32_t word) {
    Entry& e = entries_[(pc >> 2) % entries_.size()];
    if (e.pc != pc || e.word != word) {
      e.pc = pc;
      e.word = word;
      e.text = disasm_short(word, pc);
    }
    return e.text;
  }

 private:
  struct Entry {
    uint32_t pc = 1, word = 0;  // pc 1 is never an instruction address: an empty entry
    std::string text;
  };
  std::array<Entry, 1024> entries_;
};

}  // namespace pipesim::report
