// Text made per instruction address for the trace writers, kept by pc (direct-mapped): a loop's
// instructions are disassembled (and their labels formatted) once, not once per dynamic instance.
#pragma once

#include <array>
#include <cstdint>

namespace pipesim::report {

template <class T>
class PcCache {
 public:
  // The value for the instruction `word` at `pc`, made by make(pc, word) when not known yet
  // (or when the word at pc has changed: self-modifying code).
  template <class Make>
  const T& get(uint32_t pc, uint32_t word, Make&& make) {
    Entry& e = entries_[(pc >> 2) % entries_.size()];
    if (e.pc != pc || e.word != word) {
      e.pc = pc;
      e.word = word;
      e.value = make(pc, word);
    }
    return e.value;
  }

 private:
  struct Entry {
    uint32_t pc = 1, word = 0;  // pc 1 is never an instruction address: an empty entry
    T value{};
  };
  std::array<Entry, 1024> entries_;
};

}  // namespace pipesim::report
