// The timing model's engine for two-issue machines (internal to sim/pipe/timing_wide.cpp, the
// cycle loop and its inline steps, sim/pipe/timing_wide_ripes.cpp, Ripes' second decode stage
// and ecall, sim/pipe/timing_wide_path.cpp, wrong-path redirects, and
// sim/pipe/timing_wide_result.cpp, what a run returns): docs/timing-model.md "Two-issue
// machines".
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <utility>
#include <vector>

#include "sim/iss/iss.hpp"
#include "sim/pipe/held_io.hpp"
#include "sim/pipe/timing_engine.hpp"

namespace pipesim::timing {

constexpr uint32_t kWidth = 2;

// What a position of the fetch or decode stage holds.
enum class Holds : uint8_t { Bubble, Committed, Wrong };  // Wrong: on a path that never commits

// One position of the fetch or decode stage: an instruction, or a bubble and its cause. Four
// bytes, so that a stage of two moves as one word as the stages advance; what is known about
// the instruction itself is kept by fetch order (WideEngine::flight_[fetched]).
// (Indexes of flight_ are an enum, not uint8_t: a store of a character type may alias any
// object, so the compiler would read every member again after each slot written.)
enum class Flight : uint8_t {};
struct WSlot {
  Holds holds = Holds::Bubble;
  Flight fetched{};
  StallCause cause = StallCause::Fill;
  IssueReason reason = IssueReason::None;
  bool occupied() const { return holds != Holds::Bubble; }
  bool wrong() const { return holds == Holds::Wrong; }
};
using Stage = std::array<WSlot, kWidth>;

// An instruction in fetch or decode, by WSlot::fetched: written when it is fetched.
struct InFlight {
  const Fetched* f = nullptr;  // what fetch found (Engine::fetch's cache, or own_)
  uint32_t pc = 0;
  uint32_t actual = 0;      // committed: the pc that follows it
  Halt halt = Halt::None;   // committed: the run ends when it reaches the end stage
  bool trap = false;        // committed: an ecall that returns (flushes what follows at commit)
  bool redirects = false;   // committed branch or jump: fetch went on at the wrong address
  bool skip_write = false;  // wrong path: flushed before anything younger looks for it
  uint8_t path = 0;         // wrong path behind a trap or the halt: its index in Engine::path_
  // issue() has more to do than count: committed, it halts, traps or redirects; on a wrong
  // path, a branch or jump that resolves. (One test for most instructions.)
  bool acts = false;
};

static_assert(static_cast<uint8_t>(Holds::Bubble) == 0 && sizeof(WSlot) == 4);

inline WSlot bubble(StallCause cause, IssueReason reason = IssueReason::None) {
  return WSlot{Holds::Bubble, Flight{}, cause, reason};
}

// What a run compiles in (WideEngine::run_impl), as scalar machines without multi-cycle units pay
// nothing for them (Engine::run_impl): `whole` and `two_decode` are the machine's, and without
// `rare` neither Ripes' rules (control_last, system_alone, split_war, hazard_holds_group, its
// ecall, redirect_taken), `program_end: drain` nor forwarding paths on which the nearest
// producer does not decide are tested for; with it, each is looked up.
template <bool kWhole, bool kTwoDecode, bool kRare>
struct WideMode {
  static constexpr bool whole = kWhole, two_decode = kTwoDecode, rare = kRare;
};

// The bits of `from` as a To: C++20's bit_cast, which the playground's Emscripten 3.1.6 libc++
// lacks (compilers turn the copy into a move between registers).
template <class To, class From>
inline To bits_as(const From& from) {
  static_assert(sizeof(To) == sizeof(From));
  To to;
  std::memcpy(static_cast<void*>(&to), &from, sizeof to);
  return to;
}

// A stage as one word, position 0 in its low half, so that positions move by shifts.
static_assert(std::endian::native == std::endian::little && sizeof(Stage) == 8);
inline uint64_t word_of(const Stage& s) {
  return bits_as<uint64_t>(s);
}
inline Stage stage_of(uint64_t w) {
  return bits_as<Stage>(w);
}
// The word moved p positions towards position 0 (shr) or away from it (shl); by two, nothing is
// left.
inline uint64_t shr(uint64_t w, uint32_t p) {
  return p == 0 ? w : p == 1 ? w >> 32 : 0;
}
inline uint64_t shl(uint64_t w, uint32_t p) {
  return p == 0 ? w : p == 1 ? w << 32 : 0;
}

// The word with its positions from m on made alignment bubbles (a stage that waits whole).
inline uint64_t padded(uint64_t w, uint32_t m) {
  const uint64_t gap = bits_as<uint32_t>(bubble(StallCause::Issue, IssueReason::Alignment));
  return m == 0 ? gap | gap << 32 : m == 1 ? (w & 0xffffffff) | gap << 32 : w;
}

// The number of occupied positions at the front of s (WSlot::holds is each half's low byte).
inline uint32_t occupied_in(const Stage& s) {
  const uint64_t w = word_of(s);
  const uint32_t first = (w & 0xff) != 0, second = (w & 0xff00000000) != 0;
  return first + (first & second);  // (without branches)
}

class WideEngine {
 public:
  WideEngine(Engine& e, Iss& iss, HeldIo& held) : e_(e), iss_(iss), held_(held) {
    const IssueConfig& ic = e.cfg_.issue;
    for (uint32_t q = 0; q < kWidth; ++q) accepts_[q] = ic.accepts(q);
    aligned_ = ic.alignment == PacketAlignment::Aligned;
    whole_ = ic.alignment != PacketAlignment::Any;
    two_decode_ = e.d_ == 2;
    // Ripes' rules (docs/timing-model.md "Two-issue machines").
    control_last_ = ic.control_last;
    system_alone_ = ic.system_alone;
    split_war_ = ic.split_war;
    group_hold_ = ic.hazard_holds_group && e.cfg_.hazard_detection;
    redirect_taken_ = e.cfg_.branches.redirect_taken;
    keep_left_ = !e.nearest_decides_[0] || !e.nearest_decides_[1];
    drain_end_ = e.drain_ ? e.decode_cache_.code_end() : uint64_t{1} << 32;
    early_ecall_ = e.early_ecall_;
    // Engine's two tables in one, by how many cycles ago the producer left decode (c - x; it
    // is then in stage d + c - x): it may hold the consumer in decode, and (issuing now) it
    // forwards from the stage it is in when the consumer takes its operands (one further when
    // that is the execute stage). Gone from the pipeline, or no producer: neither.
    for (int load = 0; load < 2; ++load)
      for (int in_decode = 0; in_decode < 2; ++in_decode)
        for (uint32_t where = e.d_ + 1; where < e.n_; ++where) {
          const uint32_t then = where + (in_decode ? 0 : 1);
          look_[look_at(in_decode, load, where - e.d_)] =
              static_cast<uint8_t>((e.available_[load][in_decode][where] ? 0 : kHolds) |
                                   (then < e.n_ && e.forwards_[in_decode][then] ? kForwards : 0));
        }
    pair_next_.assign(e.fetch_cache_.size(), kNotAsked);
    rare_ = control_last_ || system_alone_ || split_war_ || group_hold_ || redirect_taken_ ||
            e.early_ecall_ || e.drain_ || keep_left_;
    // op_class() is out of line: the pairing check looks the answer up per pair of units.
    for (uint32_t a = 0; a < kUnits; ++a)
      for (uint32_t b = 0; b < kUnits; ++b)
        classes_fit_[a][b] = classes_fit(static_cast<isa::Unit>(a), static_cast<isa::Unit>(b));
  }
  std::optional<MachineResult> run(const RunLimits& limits);
  template <class M>
  std::optional<MachineResult> run_impl(const RunLimits& limits);

 private:
  // What a run returns: one that ended (after its last cycle, cycles = end_) or one stopped by
  // RunLimits::stop at the start of cycle c (timing_wide_result.cpp).
  MachineResult ended();
  bool can_stop() const;
  MachineResult stopped(uint64_t c);
  void uncount(PipelineStats& st, const WSlot& s) const;
  template <class M>
  void fetch_group(uint32_t room);
  template <class M>
  void fetch_one(WSlot& s);
  template <class M>
  void step_committed(Flight i);
  bool held(const Fetched& f, uint64_t c, StallCause& cause, uint32_t& forwards) const;
  template <bool kRipes = true>  // false: a machine without Ripes' rules (WideMode::rare)
  IssueReason pair_reason(const Fetched& older, const Fetched& d) const;
  template <bool kRipes>
  IssueReason pair_of(const WSlot& older, const WSlot& d);
  template <class M>
  bool evaluate_decode(uint64_t c);
  template <class M>
  void issue(uint32_t p, const Fetched& in, uint64_t c, uint32_t forwards, bool& stop);
  void issue_wrong_control(uint32_t p, uint64_t c, uint64_t resolved, bool& stop);
  void flush(Stage& stage, uint32_t from);
  void emit(const WSlot& s, uint64_t c, bool behind_trap);
  void emit_bubbles(const WSlot& s, uint32_t count, bool behind_trap);
  bool first_waits(const Fetched& f, uint64_t c, WSlot& hold, bool& second_issues,
                   uint32_t& second_forwards);
  template <class M>
  void advance(uint32_t n, uint32_t k);
  template <class M>
  uint32_t advance_two_decode(uint32_t n, uint32_t k);
  uint32_t advance_two_decode_merging(uint32_t n, uint32_t k);
  void pass_on(Stage& st, Stage& next, uint32_t& room);
  bool ecall_waits(const WSlot& s, uint64_t c) const;
  void ecall_partner(uint64_t c);
  void redirects(uint64_t c);
  uint64_t skip_wait(uint64_t c, uint64_t limit);
  bool classes_fit(isa::Unit a, isa::Unit b) const {
    const auto ca = static_cast<uint8_t>(op_class(a)), cb = static_cast<uint8_t>(op_class(b));
    return ((accepts_[0] & ca) && (accepts_[1] & cb)) || ((accepts_[1] & ca) && (accepts_[0] & cb));
  }

  Engine& e_;
  Iss& iss_;
  HeldIo& held_;
  static constexpr uint32_t kUnits = static_cast<uint32_t>(isa::Unit::System) + 1;  // the last
  std::array<uint8_t, kWidth> accepts_{};
  bool classes_fit_[kUnits][kUnits] = {};
  static constexpr uint8_t kHolds = 1, kForwards = 2;  // look_: bits; kForwards >> 1 == 1
  // look_[look_at(in_decode, load, c - x)], x the cycle the producer left decode (it is in stage
  // d + c - x < n): c - x in the high bits, so that it comes of one subtraction (writer_mark).
  // From kGone cycles ago on (gone from the pipeline, or no producer), nothing.
  static constexpr uint64_t kGone = 15, kAgo = 64, kLoadBit = 16, kDecodeBit = 32;
  static_assert(kMaxStages <= kGone + 1 && kDecodeBit + kLoadBit < kAgo);
  static constexpr uint64_t look_at(bool in_decode, bool load, uint64_t ago) {
    return ago * kAgo + (in_decode ? kDecodeBit : 0) + (load ? kLoadBit : 0);
  }
  uint8_t look_[(kGone + 1) * kAgo] = {};
  // Per register, writer_mark() of its last writer that has left decode (0: none yet, as if
  // long gone): now_mark(c) - writer_mark(x, load) is look_at(false, load, c - x).
  static uint64_t now_mark(uint64_t c) { return (c + kGone) * kAgo; }
  static uint64_t writer_mark(uint64_t x, bool load) { return now_mark(x) - (load ? kLoadBit : 0); }
  using Writers = std::array<uint64_t, 32>;
  Writers reg_x_{};
  bool aligned_ = false;     // a fetch packet ends at the 8-byte boundary
  bool whole_ = false;       // packets never merge before issue (alignment aligned or packet)
  bool two_decode_ = false;  // IF ID II: a second decode stage (mid_) before issue
  bool control_last_ = false, system_alone_ = false, split_war_ = false, group_hold_ = false;
  bool redirect_taken_ = false;
  bool rare_ = false;  // run_impl's WideMode::rare
  // pair_reason() of the instruction at each address of Engine::fetch's cache (by offset / 4)
  // and the one after it, asked once: the rules look at nothing but the two instructions.
  static constexpr uint8_t kNotAsked = 0xff;
  std::vector<uint8_t> pair_next_;
  // Engine::left_ is read only by Engine::count_forwards, which forwards() calls only where the
  // nearest producer does not decide: elsewhere it need not be kept.
  bool keep_left_ = true;
  Stage if_{}, mid_{}, id_{};  // fetch, the first of two decode stages, issue
  uint32_t fetch_pc_ = 0;
  bool wrong_mode_ = false;           // fetch has passed a taken control, a trap or the halt
  uint64_t redirect_cycle_ = kNever;  // a committed branch, jump or trap flushes then
  uint32_t redirect_target_ = 0;
  uint64_t trap_issue_ = kNever;  // the cycle a trap issued (until its flush)
  Writers trap_reg_x_{};
  // Behind a trap or the halt the wrong path is executed (Engine::path_, from path_regs_) so
  // that its branches and jumps go where the cycle model sends them.
  bool path_active_ = false;
  RegFile path_regs_;
  uint64_t path_redirect_cycle_ = kNever;  // a wrong-path branch or jump flushes in execute then
  uint32_t path_redirect_target_ = 0;
  size_t path_redirect_keep_ = 0;
  uint32_t path_partners_ = 0;    // issued with it, younger: flushed in execute with the rest
  uint64_t end_ = kNever;         // the last cycle, once the halting instruction issued
  uint64_t halt_issue_ = kNever;  // the cycle it issued
  // Ripes' ecall (Engine::early_ecall_): it performs its call in the first execute stage once
  // no register writer is left past it, so it is held in decode until the last group with one
  // (issued in last_writer_) has gone; an exit flushes fetch and decode there (exit_flush_).
  // (An instruction with a dst writes rd: fmt() is looked up only for those without.)
  bool early_ecall_ = false;  // Engine::early_ecall_ (one load fewer per issue)
  uint64_t last_writer_ = 0;
  bool exit_flush_ = false;
  bool partner_pending_ = false;  // an ecall waits: partner_ goes beside it when it issues
  bool partner_event_ = false;    // partner_ is an instruction held (a stall event)
  WSlot partner_{};
  bool drained_ = false;  // program_end drain: the run ends as an exit with code 0
  // program_end drain: the only address whose instruction can run off the code
  // (Engine::runs_off_code); without drain, none.
  uint64_t drain_end_ = uint64_t{1} << 32;
  uint32_t halt_pc_ = 0;
  Halt halt_ = Halt::None;
  // The (at most four) instructions in fetch and decode, by WSlot::fetched.
  std::array<InFlight, 8> flight_{};
  // By WSlot::fetched: what fetch found when Engine::fetch could not keep it (outside its cache).
  std::array<Fetched, 8> own_{};
  // By WSlot::fetched, committed: the register it writes and that register's value before, so
  // that a stopped run can take back what the functional model ran ahead of issue.
  std::array<std::pair<uint16_t, uint32_t>, 8> before_{};
  // Instructions fetched so far (PipelineStats::fetched; its low bits index flight_).
  uint64_t fetched_next_ = 0;
  static size_t index(Flight i) { return static_cast<size_t>(i); }
  InFlight& at(const WSlot& s) { return flight_[index(s.fetched)]; }
  const InFlight& at(const WSlot& s) const { return flight_[index(s.fetched)]; }
  const Fetched& fx(const WSlot& s) const { return *flight_[index(s.fetched)].f; }
};

// find_data_hazard() from the last writer of each source register that has left decode and,
// if it is not held, Engine::count_forwards_committed() for it issuing in cycle c (one pass).
[[gnu::always_inline]] inline bool WideEngine::held(const Fetched& f, uint64_t c, StallCause& cause,
                                                    uint32_t& forwards) const {
  // (Both sources at once, no loop: x0 never has a writer.)
  const uint64_t now = now_mark(c), row = f.in_decode ? kDecodeBit : 0;
  const uint64_t at0 = std::min(now - reg_x_[f.src[0]], kGone * kAgo) + row;
  const uint64_t at1 = std::min(now - reg_x_[f.src[1]], kGone * kAgo) + row;
  const uint32_t look0 = look_[at0], look1 = look_[at1];
  forwards = (look0 >> 1) + (look1 >> 1);
  if ((look0 | look1) & kHolds) [[unlikely]] {
    cause = data_hazard_cause((((look0 & kHolds) ? at0 : at1) & kLoadBit) != 0);
    return true;
  }
  return false;
}

// pair_check() for the younger of two: the first rule that keeps `d` from issuing with `older`.
template <bool kRipes>
[[gnu::always_inline]] inline IssueReason WideEngine::pair_reason(const Fetched& older,
                                                                  const Fetched& d) const {
  const IssueConfig& ic = e_.cfg_.issue;
  if (older.dst != 0 && (older.dst == d.src[0] || older.dst == d.src[1]))
    return IssueReason::Dependent;
  // Ripes' rules (PipelineModel::group_rule), in its order.
  if (kRipes && control_last_ && is_control(older.kind)) return IssueReason::Branch;
  if (kRipes && system_alone_ && (older.kind == isa::Unit::System || d.kind == isa::Unit::System))
    return IssueReason::SlotClass;
  if (kRipes && split_war_ && d.dst != 0 && (older.src[0] == d.dst || older.src[1] == d.dst))
    return IssueReason::Dependent;
  if (!classes_fit_[static_cast<uint8_t>(older.kind)][static_cast<uint8_t>(d.kind)])
    return IssueReason::SlotClass;
  auto memory = [](const Fetched& x) {
    return x.kind == isa::Unit::Load || x.kind == isa::Unit::Store;
  };
  if (memory(d) && static_cast<uint32_t>(memory(older)) >= ic.memory_per_cycle)
    return IssueReason::MemoryPort;
  if (is_control(d.kind) && static_cast<uint32_t>(is_control(older.kind)) >= ic.branches_per_cycle)
    return IssueReason::Branch;
  auto reads = [](const Fetched& x) { return uint32_t{x.src[0] != 0} + (x.src[1] != 0); };
  if (reads(older) + reads(d) > ic.read_ports) return IssueReason::ReadPorts;
  if (uint32_t{older.dst != 0} + (d.dst != 0) > ic.write_ports) return IssueReason::WritePorts;
  return IssueReason::None;
}

// pair_reason() for two slots of decode, from pair_next_ when the older is in the cached code.
// The two are always consecutive instructions (`d` at the older's pc + 4): fetch is sequential
// between redirects, and every redirect flushes all that was fetched before it and has not issued
// (so their pcs are not compared). At the code's last word the younger is outside the cache.
template <bool kRipes>
[[gnu::always_inline]] inline IssueReason WideEngine::pair_of(const WSlot& older, const WSlot& d) {
  const InFlight& a = at(older);
  const uint64_t offset = uint32_t{a.pc - e_.code_base_};
  if (offset + 4 >= e_.code_size_ || (a.pc & 3) != 0) [[unlikely]]
    return pair_reason<kRipes>(*a.f, fx(d));
  uint8_t& known = pair_next_[offset >> 2];
  if (known == kNotAsked) [[unlikely]]
    known = static_cast<uint8_t>(pair_reason<kRipes>(*a.f, fx(d)));
  return static_cast<IssueReason>(known);
}

// emit() for `count` slots of one bubble (what an issue group did not fill, charged to its hold).
[[gnu::always_inline]] inline void WideEngine::emit_bubbles(const WSlot& s, uint32_t count,
                                                            bool behind_trap) {
  PipelineStats& st = e_.st_;
  if (behind_trap) {
    st.stall_cycles[static_cast<size_t>(StallCause::Control)] += count;
  } else if (s.cause == StallCause::Fill) {
    st.fill_cycles += count;
  } else {
    st.stall_cycles[static_cast<size_t>(s.cause)] += count;
    if (s.cause == StallCause::Issue) st.issue_reasons[static_cast<size_t>(s.reason)] += count;
  }
}

// Ripes' rules for the oldest instruction in decode, f, after its own hazard check: does the
// group wait (`hazard_holds_group`: a data hazard of the second of a pair holds both; Ripes'
// ecall waiting for the writers ahead of it)? Then `hold` is what the slots are charged.
// (`second_issues`: the pair was found to issue together, the second's forwards counted.)
[[gnu::always_inline]] inline bool WideEngine::first_waits(const Fetched& f, uint64_t c,
                                                           WSlot& hold, bool& second_issues,
                                                           uint32_t& second_forwards) {
  StallCause cause;
  if (group_hold_ && id_[1].occupied() && pair_of<true>(id_[0], id_[1]) == IssueReason::None) {
    if (held(fx(id_[1]), c, cause, second_forwards)) {
      hold = bubble(cause);
      return true;
    }
    second_issues = true;
  }
  if (f.insn.op == isa::Op::Ecall && early_ecall_ && ecall_waits(id_[0], c)) [[unlikely]] {
    if (!partner_pending_) ecall_partner(c);
    hold = bubble(StallCause::Raw);
    return true;
  }
  return false;
}

}  // namespace pipesim::timing
