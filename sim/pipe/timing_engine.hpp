// The timing model's engine (internal to sim/pipe/timing_model.cpp and
// sim/pipe/timing_wrong_path.cpp): the pipeline's timing computed per instruction with
// recurrences (docs/timing-model.md). The hot steps are inline here, so that the committed path
// (Engine::run) and the wrong paths (Engine::wrong_path) both inline them; those of machines
// whose memory holds a stage are in sim/pipe/timing_memory.hpp.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <utility>
#include <vector>

#include "isa/isa.hpp"
#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/machine/arch_state.hpp"
#include "sim/machine/decode_cache.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/cache.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/held_io.hpp"
#include "sim/pipe/pipeline_rules.hpp"
#include "sim/pipe/predictor.hpp"
#include "sim/pipe/run_result.hpp"
#include "sim/pipe/stats.hpp"
#include "sim/pipe/timing_decoded.hpp"
#include "sim/pipe/timing_trace.hpp"

namespace pipesim::timing {

// What the pipeline looks up about an instruction at fetch.
struct Fetched {
  isa::Insn insn;
  isa::Unit kind = isa::Unit::System;
  uint8_t dst = 0;         // register written; 0 if none
  uint8_t src[2] = {};     // registers read; 0 if none
  bool in_decode = false;  // consumes its operands in decode (branch or jalr resolved there)
  bool fault = false;      // fetch or decode fault: executes nothing, resolves nothing
  bool word = false;       // a word was read from memory (an instruction cache sees the fetch)
};

// An instruction that has left decode: where it is at any later cycle follows from `x`.
struct Left {
  // The cycle it left the decode stage, plus the cycles it was held in the first execute stage
  // (a multi-cycle unit, an ecall waiting for writers): in any cycle c > x in which the stages
  // behind it are not frozen by it, it is in stage d + (c - x).
  uint64_t x = 0;
  uint8_t dst = 0;
  bool load = false;
};

// Where a committed instruction is after decode (Engine::leave_decode): it leaves decode at the
// end of cycle x and the first execute stage at the end of xe + 1 (Engine::resolve_cycle).
struct Timed {
  uint64_t x = 0, xe = 0;
  uint32_t forwards = 0;  // operands it takes from forwarding paths
};

struct Interval {  // cycles [a, b) in which the decode stage held an instruction
  uint64_t a = 0, b = 0;
};

struct Update {  // a predictor update, done in the cycle its branch or jump resolves
  uint64_t cycle;
  uint32_t pc, target;
  bool jump, taken;
};

constexpr uint64_t kNever = ~uint64_t{0};

// The two-issue machines (sim/pipe/timing_wide.cpp, docs/timing-model.md "Two-issue machines"):
// which ones the recurrences cover, and the run on one of them.
bool wide_supported(const PipelineConfig& c);
std::optional<MachineResult> run_wide(const PipelineConfig& c, const Program& program, HostIo& io,
                                      const RunLimits& limits);

// Parallel functional units (sim/pipe/timing_parallel.cpp, docs/timing-model.md "Parallel
// execute"): which machines, and the run on one of them.
bool parallel_supported(const PipelineConfig& c);
std::optional<MachineResult> run_parallel(const PipelineConfig& c, const Program& program,
                                          HostIo& io, const RunLimits& limits);

// A conditional branch's comparison, after the functional model executed it: true when it is
// taken, also to the next address (timing_model.cpp).
bool branch_condition(const Fetched& in, const Iss& iss);

// Do forwarding paths into the operand stage (decode when `in_decode`) from the stages after
// `nearest`, the first stage the nearest producer of an operand can be in when it is consumed,
// stop at some stage and not resume? Then only the nearest producer decides whether the operand
// is forwarded.
bool nearest_producer_decides(const PipelineRules& rules, bool in_decode, uint32_t nearest);

// A machine whose memory can hold a stage (caches, latencies above one cycle, one shared port)
// is one the timing model runs with the stage-hold rule of docs/timing-model.md ("Memory").
bool memory_timing_supported(const PipelineConfig& c);
bool memory_can_hold(const MemoryConfig& m);

class Engine {
 public:
  Engine(const PipelineConfig& c, const Program& program);

  std::optional<MachineResult> run(HostIo& io, const RunLimits& limits);
  // The same run publishing its cycles and instructions to `trace`, on the machines
  // timing_trace_supported() accepts; with `stop_after`, stopped as RunLimits::stop would stop it
  // after that many instructions (the untraced run that was stopped there). nullopt: declined.
  std::optional<MachineResult> run_traced(HostIo& io, const RunLimits& limits, TraceBuilder& trace,
                                          uint64_t stop_after);

 private:
  struct MemTimes {  // the cycles an instruction enters and leaves the memory stage (kMem)
    uint64_t in = 0, out = 0;
  };
  struct Committed {  // when a committed instruction leaves stage 0, decode, execute (xe)
    uint64_t t0 = 0, x = 0, xe = 0;
    MemTimes times;  // kMem: the memory stage
    uint32_t pred = 0, forwards = 0;
  };
  // A committed instruction's way through a pipeline whose memory holds a stage (kMem), or
  // through one whose memory does not (also its cycle in decode, a).
  Committed time_memory(uint32_t pc, const Fetched& in, uint64_t& f, uint32_t addr, bool faults);
  template <bool kFeatures>
  void time_plain(uint32_t pc, const Fetched& in, uint64_t f, uint64_t& a, bool early_ecall,
                  Committed& t);
  void count_control(const Fetched& in, uint32_t pc, uint32_t actual);
  // The cycle a committed branch or jump resolves in.
  template <bool kMem>
  uint64_t resolve_at(const Fetched& in, const Committed& t) const {
    if constexpr (kMem) return resolve_cycle(in, t.x, t.times);
    return resolve_cycle(in, t.x, t.xe);
  }
  // The cycle after a redirect decided in cycle r by a committed instruction in which fetch
  // fills stage 0 again: the next one in which the stages ahead move (a held stage freezes
  // everything behind it).
  template <bool kMem>
  uint64_t refetch(uint64_t r, const Committed& t) const {
    if constexpr (kMem) return next_free_memory(r) + 1;
    return restart_after(r, t.x, t.xe);
  }
  MachineResult stopped(uint64_t end_cycle, uint32_t pc);
  MachineResult end_of_run(MachineResult result, HeldIo& held, HostIo& io, const RegFile& regs);
  MachineResult at_limit(uint64_t limit, uint32_t pc, const RegFile& regs);
  [[gnu::noinline]] bool past_limit(bool supported, uint32_t pc, uint64_t f);
  [[gnu::noinline]] MachineResult limit_result();
  struct Limit {
    uint64_t cycles = kNever - 1;  // the run's cycle limit (run_impl)
    bool past = false;             // an instruction timed does not commit by it
    uint32_t pc = 0;               // ... the first of them
    PipelineStats counts;          // ... and the counters before it
    HeldIo io;                     // the output of those committed by it (limit_result())
  };
  Limit limit_;
  MachineResult faulted(uint64_t end_cycle, const Fault& fault);
  MachineResult ended(uint64_t end_cycle, Halt halt, int exit_code, uint32_t pc);
  friend class WideEngine;          // the two-issue machines (sim/pipe/timing_wide.cpp)
  friend class ParallelEngine;      // parallel functional units (sim/pipe/timing_parallel.cpp)
  friend class NoInterlocksEngine;  // no hazard detection (sim/pipe/timing_no_interlocks.cpp)
  bool in_code(uint32_t addr, uint32_t size) const {
    for (const auto& [base, len] : code_)
      if (uint64_t{addr} + size > base && addr < uint64_t{base} + len) return true;
    return false;
  }
  // What fetch and decode find at pc. The code never changes (a store into it declines the
  // run), so the answer is kept per address of the first code segment.
  const Fetched& fetch(uint32_t pc, const Memory& mem) {
    const uint32_t offset = pc - code_base_;
    if (offset < code_size_ && (pc & 3) == 0) [[likely]] {
      CachedFetch& c = fetch_cache_[offset >> 2];
      if (!c.valid) [[unlikely]] {
        c.f = analyse(pc, mem);
        c.valid = true;
      }
      return c.f;
    }
    scratch_ = analyse(pc, mem);
    return scratch_;
  }
  // `quiet`: for the trace alone, which never declines (the untraced run did not look).
  Fetched analyse(uint32_t pc, const Memory& mem, bool quiet = false);
  uint32_t resolve_distance(const Fetched& f) const { return rules_.resolve_stage(f.insn.op) - d_; }
  // Blocking execute (docs/model.md): an instruction that leaves decode at the end of cycle x is
  // in the first execute stage from x + 1 to xe + 1, holding it (and freezing everything behind
  // it) in cycles x + 1 .. xe, and one stage further each cycle after: in stage s past the first
  // execute stage in cycle xe + (s - d). Where a branch or jump resolves:
  uint64_t resolve_cycle(const Fetched& f, uint64_t x, uint64_t xe) const {
    const uint32_t k = resolve_distance(f);
    return k == 0 ? x : k == 1 ? x + 1 : xe + k;
  }
  // The cycles a unit holds an instruction in the first execute stage beyond its first.
  uint32_t extra_cycles(const Fetched& f) const { return extra_[static_cast<size_t>(f.kind)]; }
  // The first cycle the instruction in decode may leave it: the stage ahead must be moving on
  // (a held execute stage freezes decode, and no hazard is looked at meanwhile).
  uint64_t exec_free() const {
    return left_count_ == 0 ? 0 : left_[(left_count_ - 1) & kLeftMask].x + 1;
  }
  // The cycle fetch restarts after a redirect decided in cycle r by an instruction held in the
  // first execute stage until xe: fetch waits while the stages behind are frozen.
  static uint64_t restart_after(uint64_t r, uint64_t x, uint64_t xe) {
    return (r > x && r <= xe ? xe + 1 : r) + 1;
  }
  void frontend(uint64_t f, uint64_t& t0, uint64_t& a);
  bool hazard(const Fetched& f, uint64_t c, StallCause& cause) const;
  // The scan both hazard() and hazard_at<true>() do; `where(k)` is the stage the k-th instruction
  // that left decode is in (n_ or more once it has left the pipeline).
  template <class Where>
  bool hazard_by(const Fetched& f, Where where, StallCause& cause) const;
  uint64_t decode(const Fetched& f, uint64_t a, uint64_t cutoff, bool committed);
  uint32_t count_forwards(const Fetched& f, uint64_t x) const;
  // The same for the committed path, from the last committed writer of each register.
  uint64_t decode_committed(const Fetched& f, uint64_t a);
  uint32_t count_forwards_committed(const Fetched& f, uint64_t x) const;
  // A load's or store's address, before it executes.
  static uint32_t access_address(const Fetched& in, const RegFile& regs) {
    return in.kind == isa::Unit::Load || in.kind == isa::Unit::Store
               ? regs[in.src[0]] + static_cast<uint32_t>(in.insn.imm)
               : 0;
  }
  [[gnu::always_inline]] void screen(const Fetched& in, const RegFile& regs);
  template <bool kFeatures>  // multi-cycle units or Ripes' ecall, program end (run())
  [[gnu::always_inline]] Timed leave_decode(const Fetched& in, uint64_t a, bool early_ecall);
  // kMem: the machine's memory can hold a stage (sim/pipe/timing_memory.hpp); kFeatures: it has
  // multi-cycle units or Ripes' rules. Without either the committed path compiles to the plain
  // 5-stage loop. (Both: only program_end: drain; timing_model_supports() refuses memory holds
  // with multi-cycle units or Ripes' ecall.)
  // kTrace: publishes to trace_ (only on the plain path: !kFeatures, !kMem).
  template <bool kFeatures, bool kMem, bool kTrace = false>
  std::optional<MachineResult> run_impl(HostIo& io, const RunLimits& limits);
  void push_left(uint64_t x, const Fetched& f) {
    left_[left_count_++ & kLeftMask] = Left{x, f.dst, f.kind == isa::Unit::Load};
  }
  void push_hold(uint64_t a, uint64_t b) {
    if (b <= a) return;
    // (Never seen: frontend() drops the ended ones before each fetch; a full ring would lose one.)
    if (hold_count_ - hold_first_ > kHoldMask) [[unlikely]]
      decline("too many decode and execute holds at once");
    holds_[hold_count_++ & kHoldMask] = Interval{a, b};
  }
  uint32_t predict(uint32_t pc, uint64_t f) {
    if (!use_predictor_) return pc + 4;
    apply_updates(f);
    return predictor_.predict(pc);
  }
  void queue_update(uint64_t cycle, uint32_t pc, bool jump, uint32_t target) {
    if (!use_predictor_) return;
    if (updates_count_ == updates_.size()) {
      decline("too many predictor updates in flight");
      return;
    }
    updates_[updates_count_++] = Update{cycle, pc, target, jump, target != pc + 4};
  }
  void apply_updates(uint64_t f);
  // kTrace: the path's instructions go to trace_, squashed by instruction `by` at the cutoff.
  template <bool kMem, bool kTrace = false>
  bool wrong_path_counted(uint32_t pc, uint64_t f, uint64_t cutoff, bool flushed_at_cutoff,
                          const Memory& mem, uint64_t by = kNoSeq);
  template <bool kMem = false, bool kTrace = false>
  bool wrong_path(uint32_t pc, uint64_t f, uint64_t cutoff, bool flushed_at_cutoff,
                  const Memory& mem, const RegFile& regs, uint64_t by = kNoSeq);
  template <bool kMem, bool kTrace>  // (wrong_path()'s paths that reach decode: timed one by one)
  bool wrong_path_timed(uint32_t pc, uint64_t f, uint64_t cutoff, bool flushed, const Memory& mem,
                        const RegFile& regs, uint64_t by);
  bool replay_path(size_t index, const Memory& mem, const RegFile& start, uint32_t& value,
                   uint32_t& a);
  bool wrong_path_target(size_t index, const Memory& mem, const RegFile& regs, uint32_t& target,
                         bool& taken);
  MemTimes wrong_path_memory(const Fetched& in, uint64_t x, uint64_t cut, const Memory& mem,
                             const RegFile& regs);
  std::optional<uint64_t> wrong_path_load(size_t index, uint64_t in, uint64_t cut,
                                          const Memory& mem, const RegFile& regs);
  // For machines without `branches.redirect_taken` (the two-issue engine), where only the
  // target matters.
  bool wrong_path_target(size_t index, const Memory& mem, const RegFile& regs, uint32_t& target) {
    bool taken = false;
    return wrong_path_target(index, mem, regs, target, taken);
  }
  MachineResult finish(uint64_t cycles, bool faulted);

  // Tracing (timing_trace_engine.cpp): the facts of each instruction, handed to trace_ in fetch
  // order. seq numbers every instruction fetched, the squashed ones too.
  InsnRecord& trace_record(uint32_t pc, const Fetched& in, uint64_t f, uint64_t until);
  void trace_stages(InsnRecord& r, const Fetched& in, uint64_t x, uint64_t until) const;
  void trace_decode(const Fetched& in, uint64_t seq, uint64_t a, uint64_t x, uint64_t upto);
  void trace_forwards(const Fetched& in, uint64_t seq, uint64_t x, uint64_t upto, uint64_t cut);
  uint64_t trace_committed(uint32_t pc, const Fetched& in, uint64_t f, uint64_t a, uint64_t x,
                           bool commits, uint32_t forwards);
  void trace_path(InsnRecord& r, const Fetched& in, uint64_t a, uint64_t x, uint64_t cut,
                  bool flushed, uint64_t by);
  void trace_counted(uint32_t pc, uint64_t f, uint64_t cutoff, uint64_t fetched, bool flushed,
                     uint64_t by, const Memory& mem);
  void trace_redirect(uint64_t c, uint32_t stage, uint64_t seq, uint32_t target) {
    trace_->flush(c, stage, seq);
    trace_->event(
        c, Event{EventKind::Redirect, StallCause::Control, stage, 0, seq, kNoSeq, 0, target});
  }
  bool trace_commit(uint64_t c, uint64_t seq) {
    trace_->event(
        c, Event{EventKind::Commit, StallCause::Fill, rules_.end_stage, 0, seq, kNoSeq, 0, 0});
    return true;
  }
  // A committed one's redirect, then its commit in cycle `commit`: true.
  bool trace_redirect(uint64_t c, uint32_t stage, uint64_t seq, uint32_t target, uint64_t commit) {
    trace_redirect(c, stage, seq, target);
    return trace_commit(commit, seq);
  }
  bool trace_stop(bool look, const RunLimits& limits, uint64_t committed, uint64_t f,
                  uint64_t end_cycle, const ArchState& state);
  TraceBuilder* trace_ = nullptr;
  uint64_t halting_seq_ = kNoSeq;
  uint64_t stop_after_ = kNever;              // run_traced(): stop after this many instructions
  std::optional<MachineResult> stop_result_;  // ... and the result there
  uint64_t stop_cycle_ = 0;                   // the cycle it stopped in
  std::array<uint32_t, 8> unit_of_{};         // the functional unit of each class

  // Memory that holds stages (sim/pipe/timing_memory.hpp): a stage that holds freezes every
  // stage behind it, so each instruction's stage times follow from the freeze intervals of the
  // older ones (docs/timing-model.md, "Memory: latencies, one port, caches").
  [[gnu::always_inline]] bool memory_stage0(uint32_t pc, const Fetched& in, uint64_t& f,
                                            uint64_t cutoff, bool committed, uint64_t& busy);
  void memory_frontend(uint64_t busy, uint64_t& t0, uint64_t& a);
  uint64_t next_unfrozen(uint64_t c) const;
  uint64_t unfrozen_between(uint64_t a, uint64_t b) const;
  uint64_t next_free_memory(uint64_t c) const;
  bool port_busy(uint64_t c) const;
  [[gnu::always_inline]] uint64_t decode_memory(const Fetched& f, uint64_t a, uint64_t cutoff,
                                                bool committed);
  uint32_t stage_at(uint64_t k, uint64_t c) const;
  MemTimes memory_stage(const Fetched& f, uint64_t x, uint32_t cycles, bool committed);
  uint32_t data_access_cycles(const Fetched& f, uint32_t addr, bool faults);
  uint64_t resolve_cycle(const Fetched& f, uint64_t x, const MemTimes& t) const;
  void prune_memory(uint64_t f);
  template <bool kMem>
  bool hazard_at(const Fetched& f, uint64_t c, StallCause& cause) const;
  template <bool kMem>
  uint32_t forwards_at(const Fetched& f, uint64_t x, bool committed) const;
  bool hazard_committed_memory(const Fetched& f, uint64_t c, StallCause& cause) const;
  void push_interval(std::array<Interval, 32>& ring, uint64_t first, uint64_t& count, uint64_t a,
                     uint64_t b) {
    if (b <= a) return;
    if (count - first == ring.size()) decline("too many holds in flight");
    ring[count++ & 31] = Interval{a, b};
  }
  bool mem_ = false;          // memory can hold a stage: the kMem paths
  bool simple_fetch_ = true;  // every fetch takes one cycle and has memory to itself
  bool data_side_ = false;    // a data access can take several cycles, the port or a cache
  uint32_t m_ = 0;            // the first memory stage (= d + 2)
  uint32_t mem_to_end_ = 0;   // end stage - m_
  std::optional<Cache> icache_, dcache_;
  std::array<MemTimes, 64> left_mem_{};  // with left_: when each entered and left memory
  std::array<uint64_t, 32> reg_k_{};    // committed path: 1 + left_ index of each register's writer
  std::array<Interval, 32> freezes_{};  // cycles the memory stage held an instruction
  uint64_t freeze_count_ = 0, freeze_first_ = 0;
  std::array<Interval, 32> port_{};  // cycles a load or store had the shared port
  uint64_t port_count_ = 0, port_first_ = 0;

  const PipelineConfig& cfg_;
  const PipelineRules rules_;
  uint32_t n_, d_, to_end_, to_mem_;
  DecodeCache decode_cache_;
  BranchPredictor predictor_;
  bool use_predictor_;
  const Program& program_;
  std::vector<std::pair<uint32_t, uint32_t>> code_;  // pages of executable segments: base, size
  struct CachedFetch {
    Fetched f;
    bool valid = false;
  };
  uint32_t code_base_ = 0, code_size_ = 0;  // the first code segment's pages: fetch_cache_
  std::vector<CachedFetch> fetch_cache_;
  DecodedCode decoded_;  // what the functional model executes (fetch_cache_'s range)
  Fetched scratch_;
  bool available_[2][2][kMaxStages] = {};  // [load][in_decode][producer stage]
  bool forwards_[2][kMaxStages] = {};      // [in_decode][producer stage]

  static constexpr uint64_t kLeftMask = 63;
  std::array<Left, kLeftMask + 1> left_{};
  std::array<uint64_t, kLeftMask + 1> left_seq_{};  // tracing: each one's seq
  uint64_t left_count_ = 0;
  // Decode holds and execute-stage holds (each freezes the stages behind decode).
  static constexpr uint64_t kHoldMask = 63;
  std::array<Interval, kHoldMask + 1> holds_{};
  uint64_t hold_count_ = 0, hold_first_ = 0;
  struct PathInsn {
    uint32_t pc;
    Fetched in;
  };
  std::array<PathInsn, 64> path_{};  // the wrong path being fetched, in order
  size_t path_count_ = 0;
  std::array<Update, 32> updates_{};
  size_t updates_count_ = 0;
  // Committed path: Left::x of the last writer of each register (0: none yet).
  std::array<uint64_t, 32> reg_x_{};
  uint64_t committed_xe_ = 0;  // Left::x of the last committed instruction (exec_free())
  std::array<bool, 32> reg_load_{};
  // Per instruction class (isa::Unit): cycles its unit holds the first execute stage beyond one.
  std::array<uint32_t, 8> extra_{};
  // Ripes' ecall (config `ecall`): performed in the first execute stage once no later stage
  // holds a register writer (x0 included). writers_gone_: the first cycle in which no
  // committed-path register writer is past decode and still in the pipeline.
  bool early_ecall_ = false;
  uint64_t writers_gone_ = 0;
  // program_end: drain. The run ends when an instruction's next pc is the end of the code
  // (DecodeCache::code_end) and nothing can be fetched there (PipelineModel::runs_off_code).
  bool drain_ = false;
  bool runs_off_code(uint32_t next_pc, const Memory& mem) {
    return drain_ && next_pc == decode_cache_.code_end() &&
           fetch_and_decode(decode_cache_, mem, next_pc).fault.past_code;
  }
  // The committed path: the instruction just run (which halted the run with `h` or not) ends it
  // by running off the code.
  bool drains_after(Halt h, const ArchState& s) {
    if (!drain_) [[likely]]
      return false;
    return h == Halt::None && runs_off_code(s.pc, s.mem);
  }
  // Forwarding paths from stages d+1.. into each operand stage stop at some stage and do not
  // resume: then the nearest producer decides whether a forward happens.
  bool nearest_decides_[2] = {};
  PipelineStats st_;
  bool ok_ = true;  // false: declined, the caller runs the cycle model
  // PIPESIM_TM_DEBUG=1 in the environment says why (docs/timing-model.md): for developers.
  void decline(const char* why) {
    if (ok_ && std::getenv("PIPESIM_TM_DEBUG"))
      std::fprintf(stderr, "timing model declines: %s\n", why);
    ok_ = false;
  }
};

// The stages before decode move together in every cycle the decode stage does not hold an
// instruction (a stall freezes everything behind it). An instruction fetched into stage 0 for
// cycle `f` leaves stage 0 at the end of t0 and enters decode in cycle a.
inline void Engine::frontend(uint64_t f, uint64_t& t0, uint64_t& a) {
  while (hold_first_ < hold_count_ && holds_[hold_first_ & kHoldMask].b <= f) ++hold_first_;
  if (hold_first_ == hold_count_) {  // no hold ahead: one stage per cycle
    t0 = f;
    a = f + d_;
    return;
  }
  uint64_t c = f;
  uint64_t need = d_;
  t0 = kNever;
  for (uint64_t k = hold_first_; k < hold_count_; ++k) {
    const Interval& h = holds_[k & kHoldMask];
    if (h.b <= c) continue;
    if (h.a > c) {
      if (t0 == kNever) t0 = c;
      if (h.a - c >= need) break;
      need -= h.a - c;
    }
    c = h.b;
  }
  if (t0 == kNever) t0 = c;
  a = c + need;
}

// find_data_hazard() for an instruction in decode in cycle c: the nearest older instruction
// still in the pipeline that writes a source register, and whether its value can be had.
template <class Where>
inline bool Engine::hazard_by(const Fetched& f, Where where_of, StallCause& cause) const {
  for (uint8_t reg : f.src) {
    if (reg == 0) continue;
    for (uint64_t k = left_count_; k > 0; --k) {
      const uint64_t where = where_of(k - 1);
      if (where >= n_) break;  // it and everything older have left the pipeline
      const Left& p = left_[(k - 1) & kLeftMask];
      if (p.dst != reg) continue;
      if (!available_[p.load][f.in_decode][where]) {
        cause = data_hazard_cause(p.load);
        return true;
      }
      break;
    }
  }
  return false;
}

inline bool Engine::hazard(const Fetched& f, uint64_t c, StallCause& cause) const {
  return hazard_by(
      f, [&](uint64_t k) -> uint64_t { return d_ + (c - left_[k & kLeftMask].x); }, cause);
}

// Holds the instruction in decode from cycle a while it has a data hazard; returns the cycle it
// leaves, or `cutoff` if it is still there when it is flushed. Each held cycle is a stall event
// (the stage ahead is always free: nothing past decode is ever held); the bubble it leaves
// reaches the end stage with the same cause unless a flush turns it into a control bubble,
// which happens exactly to bubbles of instructions that do not commit.
inline uint64_t Engine::decode(const Fetched& f, uint64_t a, uint64_t cutoff, bool committed) {
  for (uint64_t c = a;; ++c) {
    if (c >= cutoff) return cutoff;
    StallCause cause;
    if (!hazard(f, c, cause)) return c;
    ++st_.stall_events[static_cast<size_t>(cause)];
    if (committed) ++st_.stall_cycles[static_cast<size_t>(cause)];
  }
}

}  // namespace pipesim::timing
