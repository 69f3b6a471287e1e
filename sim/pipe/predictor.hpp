// Dynamic branch prediction: a branch-history table of 1- or 2-bit counters and a direct-mapped,
// tagged branch-target buffer, both indexed by pc[..:2]. Consulted at fetch, trained when a
// branch or jump resolves.
#pragma once

#include <cstdint>
#include <vector>

namespace pipesim {

class BranchPredictor {
 public:
  // bits: 1 or 2 (0 disables the predictor: every lookup misses).
  BranchPredictor(unsigned bits, uint32_t bht_entries, uint32_t btb_entries, uint32_t initial)
      : bits_(bits),
        bht_(bits ? bht_entries : 0, static_cast<uint8_t>(initial)),
        btb_(bits ? btb_entries : 0) {}

  // Where fetch goes after the instruction at pc: the BTB target if the BTB knows pc and the
  // instruction is a jump or its counter says taken; pc + 4 otherwise.
  uint32_t predict(uint32_t pc) const {
    if (btb_.empty()) return pc + 4;
    const BtbEntry& e = btb_[index(pc, btb_.size())];
    if (!e.valid || e.pc != pc) return pc + 4;
    if (e.is_jump) return e.target;
    return taken(bht_[index(pc, bht_.size())]) ? e.target : pc + 4;
  }

  // Trains the tables with a resolved outcome. Taken branches and all jumps enter the BTB.
  void update(uint32_t pc, bool is_jump, bool was_taken, uint32_t target) {
    if (btb_.empty()) return;
    if (!is_jump) {
      uint8_t& c = bht_[index(pc, bht_.size())];
      const uint8_t max = static_cast<uint8_t>((1u << bits_) - 1);
      if (was_taken && c < max) ++c;
      if (!was_taken && c > 0) --c;
    }
    if (was_taken) btb_[index(pc, btb_.size())] = BtbEntry{true, is_jump, pc, target};
  }

 private:
  struct BtbEntry {
    bool valid = false;
    bool is_jump = false;
    uint32_t pc = 0;
    uint32_t target = 0;
  };
  static std::size_t index(uint32_t pc, std::size_t n) { return (pc >> 2) & (n - 1); }
  // 1-bit: 1 = taken. 2-bit: 2 and 3 = taken (weakly, strongly).
  bool taken(uint8_t counter) const { return counter >= (1u << (bits_ - 1)); }

  unsigned bits_;
  std::vector<uint8_t> bht_;
  std::vector<BtbEntry> btb_;
};

}  // namespace pipesim
