// The functional model (instruction-set simulator): executes one instruction at a time with no
// notion of time. It is the golden reference the pipeline model is checked against.
#pragma once

#include <atomic>
#include <cstdint>

#include "isa/isa.hpp"
#include "isa/misaligned.hpp"
#include "isa/program.hpp"
#include "sim/iss/block_cache.hpp"
#include "sim/machine/arch_state.hpp"
#include "sim/machine/decode_cache.hpp"
#include "sim/machine/fault.hpp"
#include "sim/machine/halt.hpp"
#include "sim/machine/host_io.hpp"

namespace pipesim {

// What one retired instruction did: enough to compare two models step by step (Spike's commit
// log) and to feed outputs.
struct Retired {
  uint32_t pc = 0;
  isa::Insn insn;
  bool wrote_rd = false;  // false also for writes to x0
  uint8_t rd = 0;
  uint32_t rd_value = 0;
  bool is_load = false, is_store = false;
  uint32_t mem_addr = 0;
  uint32_t mem_value = 0;  // value loaded (after extension) or stored (low bytes)
  uint32_t next_pc = 0;
};

class Iss {
 public:
  // `misaligned`: what a misaligned load or store does (a machine's memory.misaligned).
  Iss(const Program& program, HostIo& io, Misaligned misaligned = Misaligned::Fault);

  // Executes one instruction unless halted. After a fault, exit or ebreak halted() is true.
  const Retired& step();
  // The same without recording what it did (last() keeps the previous record): for models that
  // only need the state afterwards.
  void step_quietly();

  // A handle to the functional model's decoded copy of the instruction at one pc, for a timing
  // model that keeps one per word of its code (empty until first used). step_decoded() executes
  // the instruction at the pc through it, as step_quietly() would, without looking the word up in
  // the decode cache and dispatching on its opcode again (the handle holds the executor of its
  // row of isa/rv32im.def). A handle is current only for its pc and until a store overwrites
  // decoded code (code_version_); otherwise step_decoded() decodes again, and where there is
  // nothing to hold (a misaligned pc, one outside the decode cache's range, an unmapped word) it
  // runs step_quietly(). So a stale copy is never executed.
  struct Decoded {
    const isa::Insn* insn = nullptr;  // the decode cache's entry (it stays put)
    void (*run)(Iss&, const isa::Insn&, uint32_t pc) = nullptr;  // execute<op> (no record)
    uint64_t version = ~uint64_t{0};                             // code_version_ when made
    uint32_t pc = 0;
  };
  void step_decoded(Decoded& d);
  // Steps until halted or `max_instructions` have retired in total (then halt() == Limit).
  void run(uint64_t max_instructions);
  // The same, also ending (halt() == Limit, instructions() < max_instructions) once `stop` is
  // set (by a signal handler or a timer); it is looked at every kStopCheckInstructions, and then
  // the instructions so far are stored in `progress` (if given) for a progress line.
  void run(uint64_t max_instructions, const std::atomic<bool>* stop,
           std::atomic<uint64_t>* progress = nullptr);
  static constexpr uint64_t kStopCheckInstructions = 4096;

  bool halted() const { return halt_ != Halt::None; }
  Halt halt() const { return halt_; }
  int exit_code() const { return exit_code_; }
  const Fault& fault() const { return fault_; }
  uint64_t instructions() const { return instret_; }  // retired, including the halting one
  const ArchState& state() const { return state_; }
  const Retired& last() const { return last_; }

  // The cycle counter a counter read (rdcycle, rdtime) sees from now on: a machine model that
  // keeps time sets it before each instruction (docs/isa.md, "Counters and fence.i"). Until it
  // is set the functional model has no cycles and reads what a single-cycle machine without
  // stalls would: cycle = instret + 1 (instruction k, counting from 0, runs in cycle k + 1).
  void set_cycle(uint64_t cycle) {
    cycle_ = cycle;
    has_cycle_ = true;
  }

 private:
  using Executor = decltype(Decoded::run);
  template <isa::Op kOp>
  static void execute_quietly(Iss& iss, const isa::Insn& in, uint32_t pc);
  static void execute_illegal(Iss& iss, const isa::Insn& in, uint32_t pc);
  bool redecode(Decoded& d);
  // After a store over a decoded instruction: every block and every Decoded handle is stale.
  void code_overwritten() {
    blocks_.clear();
    ++code_version_;
  }

  void stop_with(FaultKind kind, uint32_t word, uint32_t addr);
  void stop_fetching(FaultKind kind, uint32_t word);  // a fetch fault at the pc
  // One instruction; kRecord fills last_ (step() does, run() does not need it).
  template <bool kRecord>
  void step_impl();
  template <isa::Op kOp, bool kRecord>
  void execute(const isa::Insn& in, uint32_t pc);
  // run()'s fast path runs whole pre-decoded blocks (their instructions all retire unless one of
  // them needs the exact path above: a fault, a misaligned access, a store over decoded code).
  // What one instruction of a block did:
  enum class InBlock : uint8_t {
    Next,            // done: on to the next instruction of the block (or the block's end)
    Exact,           // nothing done: step_impl() runs it
    StoredIntoCode,  // done, and it overwrote a decoded instruction: the blocks are stale
    Again,           // a loop branch taken: the block runs again (pc and count not updated)
  };
  template <isa::Op kOp, Form kForm>
  InBlock execute_in_block(const BlockInsn& in);
  void leave_block(const Block& block, const BlockInsn* in, InBlock how);

  ArchState state_;
  DecodeCache icache_;
  BlockCache blocks_;  // built by run() only (step() and the pipelines do not use it)
  HostIo& io_;
  Misaligned misaligned_;
  Retired last_;
  Halt halt_ = Halt::None;
  int exit_code_ = 0;
  Fault fault_;
  uint64_t instret_ = 0;
  uint64_t cycle_ = 0;
  bool has_cycle_ = false;
  uint64_t code_version_ = 0;  // stores over decoded instructions so far
};

// Inline: the timing models call it once per instruction.
inline void Iss::step_decoded(Decoded& d) {
  if (d.version != code_version_ || d.pc != state_.pc) [[unlikely]]
    if (!redecode(d)) return step_quietly();
  if (!halted()) [[likely]]
    d.run(*this, *d.insn, d.pc);
}

}  // namespace pipesim
