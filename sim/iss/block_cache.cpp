#include "sim/iss/block_cache.hpp"

#include "isa/semantics.hpp"

namespace pipesim {

// Room for this many blocks of the greatest length per chunk.
static constexpr size_t kChunkInsns = 64 * (BlockCache::kMaxLength + 1);

void BlockCache::allocate() {
  start_.assign((range_ + 3) / 4, nullptr);
  limit_ = range_;
}

void BlockCache::clear() {
  for (uint32_t word : touched_) start_[word] = nullptr;
  touched_.clear();
  blocks_.clear();
  chunks_.clear();
  decoded_ = 0;
  ++clears_;
}

// Whether an instruction may be part of a block: everything but system instructions (they read
// the instruction count or halt, so they run one at a time) and illegal words (they fault).
static bool runs_in_block(isa::Op op) {
  return op != isa::Op::Illegal && isa::info(op).unit != isa::Unit::System;
}
static bool ends_block(isa::Op op) {
  const isa::Unit unit = isa::info(op).unit;
  return unit == isa::Unit::Branch || unit == isa::Unit::Jump;
}
// The form of the instruction `in` at `at` in the block that starts at `start`.
static Form form_of(const isa::Insn& in, uint32_t at, uint32_t start) {
  const isa::OpInfo& row = isa::info(in.op);
  if (isa::writes_rd(row.fmt) && in.rd == 0) return Form::NoRd;
  if (row.unit == isa::Unit::Branch &&
      isa::jump_target(in.op, 0, static_cast<uint32_t>(in.imm), at) == start)
    return Form::LoopBranch;
  return Form::Plain;
}

const Block* BlockCache::build(uint32_t pc, const Memory& mem, DecodeCache& icache) {
  if (decoded_ + kMaxLength + 1 > kMaxInsns) clear();
  touched_.push_back((pc - base_) >> 2);
  if (chunks_.empty() || chunks_.back().size() + kMaxLength + 1 > kChunkInsns) {
    chunks_.emplace_back();
    chunks_.back().reserve(kChunkInsns);  // never reallocated: blocks point into it
  }
  std::vector<BlockInsn>& chunk = chunks_.back();
  const size_t first = chunk.size();
  uint32_t at = pc;
  bool ended = false;
  while (!ended && at - pc < kMaxLength * 4 && icache.covers(at)) {
    const isa::Insn* in = icache.fetch(mem, at);
    if (!in || !runs_in_block(in->op)) break;
    chunk.push_back(
        BlockInsn{block_kind(in->op, form_of(*in, at, pc)), in->rd, in->rs1, in->rs2, in->imm, at});
    ended = ends_block(in->op);
    at += 4;
  }
  const uint32_t count = static_cast<uint32_t>(chunk.size() - first);
  if (count == 0) return &kNoBlockHere;
  if (!ended) chunk.push_back(BlockInsn{block_kind(isa::Op::Illegal, Form::Plain), 0, 0, 0, 0, at});
  decoded_ += chunk.size() - first;
  return &blocks_.emplace_back(Block{&chunk[first], count});
}

}  // namespace pipesim
