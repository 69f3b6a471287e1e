// Decodes each instruction once. Entries cover the program's executable segments and are
// dropped when the program stores into them (self-modifying code stays correct); fetches from
// anywhere else are decoded every time.
#pragma once

#include <cstdint>
#include <vector>

#include "isa/isa.hpp"
#include "isa/program.hpp"
#include "sim/machine/fault.hpp"
#include "sim/machine/memory.hpp"

namespace pipesim {

class DecodeCache {
 public:
  explicit DecodeCache(const Program& program);

  // The decoded instruction at pc, or nullptr if pc is unmapped. pc must be 4-byte aligned.
  const isa::Insn* fetch(const Memory& mem, uint32_t pc) {
    if (pc - base_ < limit_) {  // pc is aligned, so this is index < entries_.size()
      Entry& e = entries_[(pc - base_) >> 2];
      if (!e.valid) {
        auto word = mem.load(pc, 4);
        if (!word) return nullptr;
        e.insn = isa::decode(*word);
        e.valid = true;
      }
      return &e.insn;
    }
    auto word = mem.load(pc, 4);
    if (!word) return nullptr;
    scratch_ = isa::decode(*word);
    return &scratch_;
  }

  // Call after every store: forgets the entries the bytes [addr, addr + size) overlap. True if
  // one of them had been decoded (fetched) since the last store to it.
  bool invalidate(uint32_t addr, unsigned size) {
    bool dropped = false;
    if (addr - base_ < limit_) {
      for (uint32_t a = (addr - base_) & ~3u; a < addr - base_ + size && (a >> 2) < entries_.size();
           a += 4) {
        dropped = dropped || entries_[a >> 2].valid;
        entries_[a >> 2].valid = false;
      }
    }
    return dropped;
  }

  // Whether a fetch from pc goes through an entry (pc in an executable segment), so that a store
  // over it is seen by invalidate().
  bool covers(uint32_t pc) const { return pc - base_ < limit_; }
  // That range: [base(), base() + limit()).
  uint32_t base() const { return base_; }
  uint32_t limit() const { return limit_; }

  // The address right after the program's last instruction: past the last word of its
  // executable segments that is not zero (0 if it has no code). Fixed at load.
  uint32_t code_end() const { return code_end_; }

 private:
  struct Entry {
    isa::Insn insn;
    bool valid = false;
  };
  uint32_t base_ = 0;
  uint32_t limit_ = 0;  // bytes covered
  uint32_t code_end_ = 0;
  std::vector<Entry> entries_;
  isa::Insn scratch_;
};

// Whether a fetch fault is the program running off the end of its code (it has no exit or
// ebreak): nothing there to fetch, or an all-zero word, right after its last instruction. Looked
// at only when a fetch faults; the message then says so (describe()).
inline bool fetch_past_code(const Fault& f, const DecodeCache& cache) {
  const bool nothing_there =
      f.kind == FaultKind::FetchAccess || (f.kind == FaultKind::IllegalInstruction && f.word == 0);
  return nothing_there && cache.code_end() != 0 && f.pc == cache.code_end();
}

}  // namespace pipesim
