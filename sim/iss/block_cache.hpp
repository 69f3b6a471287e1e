// Pre-decoded basic blocks for the functional model's run(): straight-line instructions decoded
// once into a compact array, so a run executes a block without asking the decode cache about
// each instruction (docs/performance.md, "The functional model against qemu-user").
//
// A block starts at any pc a run reaches in the decode cache's range and ends after its first
// branch or jump, before a system instruction (ecall, ebreak, fence, fence.i, CSR access) or an
// illegal word, at the end of the range, or after kMaxLength instructions; what it leaves out
// runs one instruction at a time. Every instruction is fetched through the DecodeCache, so a store
// over one of them makes DecodeCache::invalidate() report it, and the caller then clears every
// block (self-modifying code is rare; exactness is not).
#pragma once

#include <cstdint>
#include <deque>
#include <vector>

#include "isa/isa.hpp"
#include "sim/machine/decode_cache.hpp"
#include "sim/machine/memory.hpp"

namespace pipesim {

// How the run loop executes one instruction of a block, picked when the block is decoded: each
// form is the instruction's own row of the table (isa::compute<Op>) with one fact about its
// fields known beforehand, so the loop does not test it for every instruction it runs.
enum class Form : uint8_t {
  Plain,       // rd, if the format has one, is not x0: written without a test
  NoRd,        // rd is x0: nothing written (an alu, mul or div row then does nothing at all)
  LoopBranch,  // a conditional branch whose target is its own block's first instruction
};
// BlockInsn::kind: the row's Op, plus kFormStride for each form after Plain (the end marker is
// Op::Illegal in the Plain form).
inline constexpr unsigned kFormStride = isa::kNumOps + 1;
inline constexpr unsigned kNumKinds = 3 * kFormStride;
constexpr uint8_t block_kind(isa::Op op, Form form) {
  return static_cast<uint8_t>(static_cast<unsigned>(op) +
                              kFormStride * static_cast<unsigned>(form));
}
static_assert(kNumKinds <= 256, "a kind fits in a byte");

// One instruction of a block: its kind (row and form), decoded fields (isa::Insn without the raw
// word, which only a fault reports, and faults are left to the exact path) and its address.
struct BlockInsn {
  uint8_t kind = block_kind(isa::Op::Illegal, Form::Plain);
  uint8_t rd = 0, rs1 = 0, rs2 = 0;
  int32_t imm = 0;
  uint32_t pc = 0;
};

// A block's instructions, then, unless its last one is a branch or jump, an end marker (kind
// Illegal, which is never in a block otherwise) whose pc is the next instruction's.
struct Block {
  const BlockInsn* insns = nullptr;
  uint64_t count = 0;  // instructions: at least 1 (the marker is not one), or kNoBlock
  // What find() answered for the pc after this block ends in a conditional branch not taken [0],
  // taken [1], or a jal [1] (its target is fixed), once the run loop has asked: it then skips
  // the lookup. Every link goes when the blocks are cleared, as the blocks do.
  mutable const Block* link[2] = {nullptr, nullptr};
};
// The count of the block find() answers where no block starts: more than any run may take (the
// limit is a uint64_t too), so the one test "does the block fit in the instructions left" also
// sends such a pc to the exact path.
inline constexpr uint64_t kNoBlock = ~uint64_t{0};
// What find() answers there (not a member: a moved BlockCache keeps pointing at it).
inline constexpr Block kNoBlockHere{nullptr, kNoBlock, {nullptr, nullptr}};

class BlockCache {
 public:
  static constexpr uint32_t kMaxLength = 128;
  // Past this many decoded instructions (12 MiB) everything is dropped and built again, so a
  // program that jumps into the middle of long runs of code everywhere cannot grow it unbounded.
  static constexpr size_t kMaxInsns = size_t{1} << 20;

  // Holds nothing until prepare(): the pipeline models step the functional model and never
  // use its blocks, so they do not pay for the table (8 bytes per word of code).
  explicit BlockCache(const DecodeCache& icache) : range_(icache.limit()), base_(icache.base()) {}
  void prepare() {
    if (limit_ != range_) [[unlikely]]
      allocate();
  }

  // The block starting at pc, built on first use; one of kNoBlock instructions if none starts
  // there (pc outside the decode cache's range or misaligned; a system instruction, an illegal
  // or unmapped word at pc) or before prepare().
  const Block* find(uint32_t pc, const Memory& mem, DecodeCache& icache) {
    const uint32_t offset = pc - base_;
    if (offset >= limit_ || (offset & 3)) return &kNoBlockHere;
    const Block*& slot = start_[offset >> 2];
    if (!slot) [[unlikely]]
      slot = build(pc, mem, icache);
    return slot;
  }

  // Forgets every block (after a store over a decoded instruction, or when they take too much).
  void clear();
  // How many times clear() has run: a link may be made only if find() did not clear.
  uint64_t clears() const { return clears_; }

 private:
  const Block* build(uint32_t pc, const Memory& mem, DecodeCache& icache);

  void allocate();

  uint32_t range_ = 0;               // the decode cache's range: [base_, base_ + range_)
  uint32_t base_ = 0, limit_ = 0;    // limit_ is 0 (no block anywhere) until prepare()
  std::vector<const Block*> start_;  // per word: its block, &kNoBlockHere, or nullptr
  std::vector<uint32_t> touched_;    // the words of start_ that are not nullptr
  std::deque<Block> blocks_;         // a deque: start_ points into it as it grows
  // Every block's instructions, in chunks that never move (blocks point into them).
  std::vector<std::vector<BlockInsn>> chunks_;
  size_t decoded_ = 0;  // instructions in chunks_
  uint64_t clears_ = 0;
};

}  // namespace pipesim
