// The timing engines' handles to the functional model's decoded copies of the code: the engines
// decode each instruction to time it, and then execute it through one of these
// (Iss::step_decoded()) so the functional model does not look the word up and dispatch on its
// opcode again (docs/timing-model.md, "How the engines run the functional model").
#pragma once

#include <cstdint>
#include <vector>

#include "sim/iss/iss.hpp"

namespace pipesim::timing {

class DecodedCode {
 public:
  // One handle per word of [base, base + size) (the engine's fetch cache's range).
  void cover(uint32_t base, uint32_t size) {
    base_ = base;
    size_ = size;
    handles_.assign(size / 4, Iss::Decoded{});
  }
  // Executes the committed instruction at the functional model's pc. A handle that is not the
  // pc's or is stale (a store over the code; the engines decline those anyway) is made again by
  // step_decoded(); outside the range the functional model steps as usual.
  void execute(Iss& iss) {
    const uint32_t offset = iss.state().pc - base_;
    if (offset < size_) [[likely]]
      return iss.step_decoded(handles_[offset >> 2]);
    iss.step_quietly();
  }

 private:
  uint32_t base_ = 0, size_ = 0;
  std::vector<Iss::Decoded> handles_;
};

}  // namespace pipesim::timing
