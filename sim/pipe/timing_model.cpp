// Shares its rules with the cycle model (sim/pipe/pipeline.cpp) through
// sim/pipe/pipeline_rules.hpp; the contract is in docs/CONTRIBUTING.md (engine contract). The
// recurrences are derived in docs/timing-model.md; the comments here name the rule of
// sim/pipe/pipeline.cpp each step reproduces.
#include "sim/pipe/timing_model.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include "isa/isa.hpp"
#include "isa/semantics.hpp"
#include "sim/iss/iss.hpp"
#include "sim/machine/decode_cache.hpp"
#include "sim/machine/mem_access.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/pipeline_rules.hpp"
#include "sim/pipe/predictor.hpp"
#include "sim/pipe/stats.hpp"

namespace pipesim {

using isa::Op;
using isa::Unit;

bool timing_model_supports(const PipelineConfig& c) {
  if (c.kind != MachineKind::Pipelined || c.execute != ExecuteMode::Blocking || !c.hazard_detection)
    return false;
  const auto n = static_cast<uint32_t>(c.stages.size());
  if (n < 3 || n > kMaxStages) return false;
  const uint32_t d = c.last_of(StageRole::Decode);
  const uint32_t fe = c.first_of(StageRole::Execute);
  if (d >= n || fe != d + 1 || c.first_of(StageRole::Fetch) != 0) return false;
  // Every stage takes one cycle: the only holds are data hazards in decode.
  const uint32_t exec_stages = c.last_of(StageRole::Execute) - fe + 1;
  PipelineConfig units = c;
  fill_default_units(units);
  for (const FunctionalUnit& u : units.functional_units)
    if (u.latency != exec_stages) return false;
  const MemoryConfig& m = c.memory;
  if (m.instruction_latency != 1 || m.data_latency != 1 || m.unified_memory_port ||
      m.icache.enabled || m.dcache.enabled)
    return false;
  const BranchConfig& b = c.branches;
  if (b.policy != BranchPolicy::NotTaken && b.policy != BranchPolicy::OneBit &&
      b.policy != BranchPolicy::TwoBit)
    return false;
  if (c.end_stage <= d || c.end_stage >= n) return false;
  for (uint32_t s : {b.resolve_stage, b.jal_stage, b.jalr_stage})
    if (s < d || s > c.end_stage) return false;
  for (const ForwardPath& f : c.forwarding)
    if (f.to != d && f.to != fe) return false;
  return true;
}

namespace {

// Guest output held back until the run is known to be exact (docs/timing-model.md). Only up to
// kHeldOutputMax bytes: a run that writes more declines, and the cycle model, which writes as
// instructions commit, runs it instead (guest output must not be held in memory whole).
class HeldIo : public HostIo {
 public:
  static constexpr std::size_t kHeldOutputMax = 1u << 20;
  void write(int fd, std::string_view bytes) override {
    if (bytes_.size() + bytes.size() > kHeldOutputMax) {
      overflowed_ = true;
      return;
    }
    if (runs_.empty() || runs_.back().first != fd) runs_.emplace_back(fd, 0);
    runs_.back().second += bytes.size();
    bytes_.append(bytes);
  }
  bool overflowed() const { return overflowed_; }
  // Hands what was held to `io`, in the order it was written.
  void release(HostIo& io) const {
    std::size_t at = 0;
    for (const auto& [fd, size] : runs_) {
      io.write(fd, std::string_view(bytes_).substr(at, size));
      at += size;
    }
  }

 private:
  std::string bytes_;
  std::vector<std::pair<int, std::size_t>> runs_;  // (fd, bytes) of consecutive writes
  bool overflowed_ = false;
};

// What the pipeline looks up about an instruction at fetch.
struct Fetched {
  isa::Insn insn;
  Unit kind = Unit::System;
  uint8_t dst = 0;         // register written; 0 if none
  uint8_t src[2] = {};     // registers read; 0 if none
  bool in_decode = false;  // consumes its operands in decode (branch or jalr resolved there)
  bool fault = false;      // fetch or decode fault: executes nothing, resolves nothing
};

// An instruction that has left decode: where it is at any later cycle follows from `x`.
struct Left {
  uint64_t x = 0;  // the cycle it left the decode stage
  uint8_t dst = 0;
  bool load = false;
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

class Engine {
 public:
  Engine(const PipelineConfig& c, const Program& program)
      : cfg_(c),
        rules_(c),
        n_(rules_.num_stages),
        d_(rules_.last_decode),
        to_end_(rules_.end_stage - d_),
        to_mem_(rules_.first_memory - d_),
        decode_cache_(program),
        predictor_(make_predictor(c.branches)),
        use_predictor_(c.branches.policy != BranchPolicy::NotTaken),
        program_(program) {
    const uint32_t fe = rules_.first_execute;  // = d_ + 1 (timing_model_supports)
    const uint32_t result[2] = {rules_.result_stage(Unit::Alu), rules_.result_stage(Unit::Load)};
    // The rules as tables: may a consumer in decode leave while its producer is at `where`
    // (nothing past decode is held, so the producer moves on every cycle), and does a producer
    // at `where` forward into the operand stage?
    for (int load = 0; load < 2; ++load)
      for (int in_decode = 0; in_decode < 2; ++in_decode)
        for (uint32_t where = d_ + 1; where < n_; ++where) {
          const uint32_t to = in_decode ? d_ : fe;
          available_[load][in_decode][where] =
              rules_.value_available(where, where + (to - d_), result[load], to);
        }
    for (int in_decode = 0; in_decode < 2; ++in_decode)
      for (uint32_t where = d_ + 1; where < n_; ++where)
        forwards_[in_decode][where] = rules_.forwards_from_stage(where, in_decode ? d_ : fe);
    for (int in_decode = 0; in_decode < 2; ++in_decode) {
      nearest_decides_[in_decode] = true;
      // The nearest producer of an operand consumed in execute is at least in stage d + 2.
      for (uint32_t where = d_ + (in_decode ? 2 : 3); where < n_; ++where)
        if (forwards_[in_decode][where] && !forwards_[in_decode][where - 1])
          nearest_decides_[in_decode] = false;
    }
    // Whole pages: memory is mapped by page, and fetches run past the end of the code.
    constexpr uint32_t kPage = Memory::kPageSize;
    for (const Segment& s : program.segments)
      if (s.executable) {
        const uint32_t base = s.addr & ~(kPage - 1);
        code_.push_back({base, ((s.addr + s.mem_size + kPage - 1) & ~(kPage - 1)) - base});
      }
    if (!code_.empty()) {
      code_base_ = code_[0].first;
      code_size_ = code_[0].second;
      fetch_cache_.resize(code_size_ / 4);
    }
  }

  std::optional<MachineResult> run(HostIo& io, const RunLimits& limits);

 private:
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
  Fetched analyse(uint32_t pc, const Memory& mem);
  uint32_t resolve_distance(const Fetched& f) const { return rules_.resolve_stage(f.insn.op) - d_; }
  void frontend(uint64_t f, uint64_t& t0, uint64_t& a);
  bool hazard(const Fetched& f, uint64_t c, StallCause& cause) const;
  uint64_t decode(const Fetched& f, uint64_t a, uint64_t cutoff, bool committed);
  uint32_t count_forwards(const Fetched& f, uint64_t x) const;
  // The same for the committed path, from the last committed writer of each register.
  uint64_t decode_committed(const Fetched& f, uint64_t a);
  uint32_t count_forwards_committed(const Fetched& f, uint64_t x) const;
  void push_left(uint64_t x, const Fetched& f) {
    left_[left_count_++ & kLeftMask] = Left{x, f.dst, f.kind == Unit::Load};
  }
  void push_hold(uint64_t a, uint64_t b) {
    if (b > a) holds_[hold_count_++ & kHoldMask] = Interval{a, b};
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
  bool wrong_path(uint32_t pc, uint64_t f, uint64_t cutoff, bool flushed_at_cutoff,
                  const Memory& mem, const RegFile& regs);
  bool wrong_path_target(size_t index, const Memory& mem, const RegFile& regs, uint32_t& target);
  MachineResult finish(uint64_t cycles, bool faulted);

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
  Fetched scratch_;
  bool available_[2][2][kMaxStages] = {};  // [load][in_decode][producer stage]
  bool forwards_[2][kMaxStages] = {};      // [in_decode][producer stage]

  static constexpr uint64_t kLeftMask = 63;
  std::array<Left, kLeftMask + 1> left_{};
  uint64_t left_count_ = 0;
  static constexpr uint64_t kHoldMask = 31;
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
  // Committed path: the cycle the last writer of each register left decode (0: none yet).
  std::array<uint64_t, 32> reg_x_{};
  std::array<bool, 32> reg_load_{};
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

Fetched Engine::analyse(uint32_t pc, const Memory& mem) {
  Fetched f;
  const FetchOutcome fetched = fetch_and_decode(decode_cache_, mem, pc);
  f.fault = static_cast<bool>(fetched.fault);
  if (const isa::Insn* in = fetched.insn) {
    // Memory outside the code may change under a fetch that the functional model made later.
    if (!in_code(pc, 4)) decline("a fetch outside the code pages");
    f.insn = *in;
    f.kind = in->unit();
    f.dst = dest_reg(*in);
  }
  f.src[0] = source_reg1(f.insn);
  f.src[1] = source_reg2(f.insn);
  f.in_decode = rules_.operand_stage(f.kind, f.insn.op) == d_;
  return f;
}

// The stages before decode move together in every cycle the decode stage does not hold an
// instruction (a stall freezes everything behind it). An instruction fetched into stage 0 for
// cycle `f` leaves stage 0 at the end of t0 and enters decode in cycle a.
void Engine::frontend(uint64_t f, uint64_t& t0, uint64_t& a) {
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
bool Engine::hazard(const Fetched& f, uint64_t c, StallCause& cause) const {
  for (uint8_t reg : f.src) {
    if (reg == 0) continue;
    for (uint64_t k = left_count_; k > 0; --k) {
      const Left& p = left_[(k - 1) & kLeftMask];
      const uint64_t where = d_ + (c - p.x);
      if (where >= n_) break;  // it and everything older have left the pipeline
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

// Holds the instruction in decode from cycle a while it has a data hazard; returns the cycle it
// leaves, or `cutoff` if it is still there when it is flushed. Each held cycle is a stall event
// (the stage ahead is always free: nothing past decode is ever held); the bubble it leaves
// reaches the end stage with the same cause unless a flush turns it into a control bubble,
// which happens exactly to bubbles of instructions that do not commit.
uint64_t Engine::decode(const Fetched& f, uint64_t a, uint64_t cutoff, bool committed) {
  for (uint64_t c = a;; ++c) {
    if (c >= cutoff) return cutoff;
    StallCause cause;
    if (!hazard(f, c, cause)) return c;
    ++st_.stall_events[static_cast<size_t>(cause)];
    if (committed) ++st_.stall_cycles[static_cast<size_t>(cause)];
  }
}

// operand(): per source register, the nearest older producer in the pipeline whose latch has a
// forwarding path into the operand stage, when the instruction executes.
uint32_t Engine::count_forwards(const Fetched& f, uint64_t x) const {
  const uint64_t c = x + (f.in_decode ? 0 : 1);
  uint32_t count = 0;
  for (uint8_t reg : f.src) {
    if (reg == 0) continue;
    for (uint64_t k = left_count_; k > 0; --k) {
      const Left& p = left_[(k - 1) & kLeftMask];
      const uint64_t where = d_ + (c - p.x);
      if (where >= n_) break;
      if (p.dst == reg && forwards_[f.in_decode][where]) {
        ++count;
        break;
      }
    }
  }
  return count;
}

uint64_t Engine::decode_committed(const Fetched& f, uint64_t a) {
  for (uint64_t c = a;; ++c) {
    StallCause cause = StallCause::Raw;
    bool held = false;
    for (uint8_t reg : f.src) {
      if (reg == 0 || reg_x_[reg] == 0) continue;
      const uint64_t where = d_ + (c - reg_x_[reg]);
      if (where < n_ && !available_[reg_load_[reg]][f.in_decode][where]) {
        cause = data_hazard_cause(reg_load_[reg]);
        held = true;
        break;
      }
    }
    if (!held) return c;
    ++st_.stall_events[static_cast<size_t>(cause)];
    ++st_.stall_cycles[static_cast<size_t>(cause)];
  }
}

uint32_t Engine::count_forwards_committed(const Fetched& f, uint64_t x) const {
  if (!nearest_decides_[f.in_decode]) return count_forwards(f, x);
  const uint64_t c = x + (f.in_decode ? 0 : 1);
  uint32_t count = 0;
  for (uint8_t reg : f.src) {
    if (reg == 0 || reg_x_[reg] == 0) continue;
    const uint64_t where = d_ + (c - reg_x_[reg]);
    if (where < n_ && forwards_[f.in_decode][where]) ++count;
  }
  return count;
}

// Predictor updates done in cycles before `f` (the fetch for cycle f happens at the end of
// cycle f - 1), in cycle order, older instruction first within a cycle.
void Engine::apply_updates(uint64_t f) {
  while (updates_count_ > 0) {
    size_t best = updates_count_;
    for (size_t i = 0; i < updates_count_; ++i)
      if (updates_[i].cycle < f &&
          (best == updates_count_ || updates_[i].cycle < updates_[best].cycle))
        best = i;
    if (best == updates_count_) return;
    const Update u = updates_[best];
    for (size_t i = best + 1; i < updates_count_; ++i) updates_[i - 1] = updates_[i];
    --updates_count_;
    predictor_.update(u.pc, u.jump, u.taken, u.target);
  }
}

// Fetches down a path that never commits, from `pc` into stage 0 for cycle f, up to the fetch
// for cycle `cutoff` (the cycle the path is flushed, or the run ends). These instructions count
// as fetched (and flushed unless the run ends), their decode stalls before the cutoff count as
// stall events, and a jal among them resolved before the cutoff redirects and trains the
// predictor. Returns false on what the recurrences do not model.
// Where a wrong-path branch or jump goes: the pipeline executes the path in order with the
// values it forwards, which are those of sequential execution from `regs` (the state before the
// path: a trap's own register write happens only when it commits, after the path is flushed).
bool Engine::wrong_path_target(size_t index, const Memory& mem, const RegFile& start,
                               uint32_t& target) {
  RegFile regs = start;
  for (size_t i = 0;; ++i) {
    const PathInsn& p = path_[i];
    if (p.in.fault) return false;
    const isa::Insn& in = p.in.insn;
    const uint32_t a = regs[p.in.src[0]];
    const uint32_t b =
        isa::operand_b_is_rs2(in.fmt()) ? regs[p.in.src[1]] : static_cast<uint32_t>(in.imm);
    uint32_t value = isa::compute(in, a, b, p.pc);
    if (i == index) {
      target = p.pc + 4;
      if (p.in.kind == Unit::Jump || value) target = isa::jump_target(in, a, p.pc);
      return true;
    }
    if (p.in.kind == Unit::Load) {
      const LoadResult r = guest_load(mem, isa::info(in.op).mem, value);
      if (r.fault != FaultKind::None) return false;
      value = r.value;
    }
    regs.write(p.in.dst, value);
  }
}

bool Engine::wrong_path(uint32_t pc, uint64_t f, uint64_t cutoff, bool flushed_at_cutoff,
                        const Memory& mem, const RegFile& regs) {
  while (hold_first_ < hold_count_ && holds_[hold_first_ & kHoldMask].b <= f) ++hold_first_;
  if (f + d_ >= cutoff && hold_first_ == hold_count_) {
    // The usual case: nothing on the path reaches decode before the cutoff, so what it holds
    // does not matter; one instruction is fetched per cycle up to the cutoff.
    const uint64_t fetched = f <= cutoff ? cutoff - f + 1 : 0;
    st_.fetched += fetched;
    if (flushed_at_cutoff) st_.flushed += fetched;
    return true;
  }
  const uint64_t base = left_count_;
  path_count_ = 0;
  size_t nested_path = 0;
  uint64_t fetched = 0, nested_flushed = 0, group = 0;
  bool nested = false;  // a wrong-path branch or jump redirects fetch in cycle nested_cutoff
  uint64_t nested_cutoff = 0, nested_base = 0;
  uint32_t nested_target = 0;
  for (;;) {
    if (nested && f > nested_cutoff) {
      nested_flushed += group;
      left_count_ = nested_base;
      path_count_ = nested_path;
      f = nested_cutoff + 1;
      pc = nested_target;
      nested = false;
    }
    if (f > cutoff || !ok_) break;
    ++fetched;
    ++group;
    const Fetched& in = fetch(pc, mem);
    if (path_count_ == path_.size()) {
      decline("a long wrong path");
      break;
    }
    path_[path_count_++] = PathInsn{pc, in};
    const uint32_t pred = predict(pc, f);
    uint64_t t0 = 0, a = 0;
    frontend(f, t0, a);
    const uint64_t cut = nested ? nested_cutoff : cutoff;
    if (a < cut) {
      const uint64_t x = decode(in, a, cut, false);
      push_hold(a, x);
      if (x < cut) {
        push_left(x, in);
        if (left_count_ - base > 32) decline("a long wrong path");
        if (in.kind == Unit::Store && x + to_mem_ < cut)
          decline("a wrong-path store reaches memory");
        if (is_control(in.kind) && !in.fault && x + resolve_distance(in) < cut) {
          // Resolved before the flush: trains the predictor, and redirects if mispredicted.
          uint32_t target = 0;
          if (!wrong_path_target(path_count_ - 1, mem, regs, target) || nested || (target & 3)) {
            decline("a wrong-path branch or jump resolves in a way not modelled");
          } else {
            const uint64_t r = x + resolve_distance(in);
            queue_update(r, pc, in.kind == Unit::Jump, target);
            if (target != pred) {
              nested = true;
              nested_cutoff = r;
              nested_target = target;
              nested_base = left_count_;
              nested_path = path_count_;
              group = 0;
            }
          }
        }
      }
    }
    pc = pred;
    f = t0 + 1;
  }
  st_.fetched += fetched;
  st_.flushed += flushed_at_cutoff ? fetched : nested_flushed;
  left_count_ = base;
  return ok_;
}

std::optional<MachineResult> Engine::run(HostIo& io, const RunLimits& limits) {
  HeldIo held;
  Iss iss(program_, held);
  MachineResult result;
  uint64_t f = 1;  // the cycle the next instruction is in stage 0
  uint64_t end_cycle = 0;
  uint64_t committed = 0;
  RegFile before_trap;
  for (;;) {
    if ((committed & (RunLimits::kStopCheckCycles - 1)) == 0 && limits.progress)
      limits.progress->store(end_cycle, std::memory_order_relaxed);
    if ((committed & (RunLimits::kStopCheckCycles - 1)) == 0 && limits.stop &&
        limits.stop->load(std::memory_order_relaxed)) {
      result = finish(end_cycle, false);
      result.halt = Halt::Limit;
      result.stopped = true;
      result.pc = iss.state().pc;
      break;
    }
    const uint32_t pc = iss.state().pc;
    const Fetched in = fetch(pc, iss.state().mem);  // a copy: wrong_path() fetches too
    // A trap's register write is not seen by the path fetched behind it (flushed at commit).
    if (in.insn.op == Op::Ecall) before_trap = iss.state().regs;
    if (in.kind == Unit::Store) {
      // A store into the code (self-modifying code) would change what fetch sees, depending on
      // when: the cycle model handles that.
      const uint32_t addr = iss.state().regs[in.src[0]] + static_cast<uint32_t>(in.insn.imm);
      if (in_code(addr, 4)) decline("a store into the code pages");
    }
    iss.step_quietly();
    // Only an ecall writes: no need to look after any other instruction (the hot loop).
    if (in.insn.op == Op::Ecall && held.overflowed())
      decline("more guest output than is held back");
    const Halt halt = iss.halt();
    const RegFile& path_regs = in.insn.op == Op::Ecall ? before_trap : iss.state().regs;
    const uint32_t pred = predict(pc, f);
    uint64_t t0 = 0, a = 0;
    frontend(f, t0, a);
    const uint64_t x = decode_committed(in, a);
    push_hold(a, x);
    const uint32_t forwards = count_forwards_committed(in, x);
    push_left(x, in);
    if (in.dst != 0) {
      reg_x_[in.dst] = x;
      reg_load_[in.dst] = in.kind == Unit::Load;
    }
    end_cycle = x + to_end_;
    if (end_cycle > limits.max_cycles) decline("the cycle limit");
    if (!ok_) return std::nullopt;
    uint64_t next_f = t0 + 1;
    ++st_.fetched;
    if (halt == Halt::Fault) {
      const Fault& fault = iss.fault();
      if (fault.kind == FaultKind::FetchMisaligned && is_control(in.kind) && !in.fault) {
        // A jump to a misaligned address faults where it resolves: the path behind it is
        // flushed there and fetch stops.
        if (!wrong_path(pred, next_f, x + resolve_distance(in), true, iss.state().mem, path_regs))
          return std::nullopt;
      } else if (!wrong_path(pred, next_f, end_cycle, false, iss.state().mem, path_regs)) {
        return std::nullopt;
      }
      result = finish(end_cycle, true);
      result.halt = Halt::Fault;
      result.fault = fault;
      result.pc = fault.pc;
      break;
    }
    ++committed;
    ++st_.instructions;
    st_.forwards += forwards;
    if (halt != Halt::None) {
      if (!wrong_path(pred, next_f, end_cycle, false, iss.state().mem, path_regs))
        return std::nullopt;
      result = finish(end_cycle, false);
      result.halt = halt;
      result.exit_code = iss.exit_code();
      result.pc = pc;
      break;
    }
    const uint32_t actual = iss.state().pc;
    if (is_control(in.kind)) {
      if (in.kind == Unit::Branch) {
        ++st_.branches;
        if (actual != pc + 4) ++st_.taken_branches;
      } else {
        ++st_.jumps;
      }
      const uint64_t resolved = x + resolve_distance(in);
      queue_update(resolved, pc, in.kind == Unit::Jump, actual);
      if (actual != pred) {
        ++st_.mispredictions;
        if (!wrong_path(pred, next_f, resolved, true, iss.state().mem, path_regs))
          return std::nullopt;
        next_f = resolved + 1;
      }
    } else if (in.insn.op == Op::Ecall) {
      // A trap: everything fetched behind it is flushed when it commits.
      if (!wrong_path(pred, next_f, end_cycle, true, iss.state().mem, path_regs))
        return std::nullopt;
      next_f = end_cycle + 1;
    }
    f = next_f;
  }
  held.release(io);
  result.regs = iss.state().regs;
  return result;
}

// Every cycle the end stage holds an instruction in its first cycle or a bubble: fill bubbles
// ahead of the first instruction, data-hazard bubbles of committed instructions, and control
// bubbles (flushes) for all the rest.
MachineResult Engine::finish(uint64_t cycles, bool faulted) {
  MachineResult r;
  st_.cycles = cycles;
  st_.clock_period_ps = cfg_.clock_period_ps();
  if (cycles > 0) {
    st_.fill_cycles = cfg_.end_stage;
    const uint64_t data = st_.stall_cycles[static_cast<size_t>(StallCause::Raw)] +
                          st_.stall_cycles[static_cast<size_t>(StallCause::LoadUse)];
    st_.stall_cycles[static_cast<size_t>(StallCause::Control)] =
        cycles - st_.fill_cycles - st_.instructions - (faulted ? 1 : 0) - data;
  }
  r.stats = st_;
  return r;
}

}  // namespace

std::optional<MachineResult> run_timing_model(const PipelineConfig& config, const Program& program,
                                              HostIo& io, const RunLimits& limits) {
  Engine engine(config, program);
  return engine.run(io, limits);
}

}  // namespace pipesim
