// A machine configuration as data: the shape of the pipeline and its policies. Loaded from JSON
// (configs/*.json, docs/config.md), validated once at load; the models only read it. The keys,
// their types and defaults are listed once, in the key table (config_keys.hpp); the member
// defaults below are those of a config built in code and agree with the table
// (tests/unit/config_keys_test.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "isa/isa.hpp"
#include "isa/misaligned.hpp"

namespace pipesim {

// Sizes the engines keep fixed arrays for; configuration validation refuses machines above them.
inline constexpr uint32_t kMaxStages = 16;
inline constexpr uint32_t kMaxUnitLanes = 64;  // parallel execute: unit positions in all
inline constexpr uint32_t kMaxIssueWidth = 4;  // instructions issued per cycle

// What a stage does. Several consecutive stages may share a role (IF1 IF2, MEM1 MEM2): the work
// of the role completes at the end of its last stage.
enum class StageRole : uint8_t { Fetch, Decode, Execute, Memory, Writeback };

struct StageConfig {
  std::string name;  // "IF", "ID", "EX", "MEM", "WB", "IF1", …: unique, shown in diagrams
  StageRole role = StageRole::Fetch;
  uint32_t latency_ps = 0;  // combinational delay of the stage's logic, > 0

  bool operator==(const StageConfig&) const = default;
};

// How the simulated machine executes instructions.
enum class MachineKind : uint8_t {
  Pipelined,    // one instruction enters per cycle, stages overlap
  SingleCycle,  // every instruction takes one (long) cycle: the longest instruction's path
  MultiCycle,   // unpipelined: one instruction at a time, one cycle per stage it passes
};

// A forwarding (bypass) path: the value an older instruction carries in the pipeline register at
// the end of stage `from` can be used by an instruction in stage `to`. Stage indices into
// PipelineConfig::stages. `from` is an execute, memory or writeback stage (not the last);
// `to` is the first execute stage, or the last decode stage (early branch compare).
struct ForwardPath {
  uint32_t from = 0;
  uint32_t to = 0;
  // On a superscalar machine, the issue slots (lanes) the path joins: bit l of `from_lanes` set
  // when it carries the values of producers in lane l, of `to_lanes` when it feeds consumers in
  // lane l. A value goes from lane a to lane b only through a path holding a and b. Loaded lists
  // name lanes below issue_width; kEveryLane (the default) is every lane.
  uint8_t from_lanes = kEveryLane;
  uint8_t to_lanes = kEveryLane;
  static constexpr uint8_t kEveryLane = (1u << kMaxIssueWidth) - 1;

  // Does the path carry a value from lane `a` into lane `b`?
  bool joins(uint32_t a, uint32_t b) const { return (from_lanes >> a & 1) && (to_lanes >> b & 1); }

  bool operator==(const ForwardPath&) const = default;
};

enum class BranchPolicy : uint8_t {
  Stall,     // fetch waits until each branch or jump is resolved
  NotTaken,  // keep fetching sequentially; flush on a taken branch
  Taken,     // predict every conditional branch taken once its target is known (decode)
  Btfn,      // backward taken, forward not taken (decided in decode)
  OneBit,    // 1-bit branch-history table + branch-target buffer, predicted at fetch
  TwoBit,    // 2-bit saturating counters + branch-target buffer, predicted at fetch
};

struct BranchConfig {
  BranchPolicy policy = BranchPolicy::NotTaken;
  uint32_t resolve_stage = 0;  // stage index where conditional branches are decided
  uint32_t jal_stage = 0;      // stage index where a jal's target is known
  uint32_t jalr_stage = 0;     // stage index where a jalr's target is known
  // The tables of a dynamic predictor; 0 for the static policies. A loaded 1-bit/2-bit config
  // without them gets the sizes the key table gives (config_keys.cpp).
  uint32_t bht_entries = 0;  // 1-bit/2-bit only: power of two, indexed by pc[..:2]
  uint32_t btb_entries = 0;  // 1-bit/2-bit only: power of two, direct-mapped, tagged
  uint32_t bht_initial = 0;  // initial counter value (0..1 for 1-bit, 0..3 for 2-bit)
  // not-taken only: a taken branch or a jump redirects fetch (flushing what was fetched behind
  // it) even when its target is the next address, as Ripes' datapaths do: they redirect on
  // "taken", not on "mispredicted".
  bool redirect_taken = false;

  bool operator==(const BranchConfig&) const = default;
};

// The instruction classes functional units execute (bits of FunctionalUnit::classes).
enum class OpClass : uint8_t {
  Alu = 1,     // integer arithmetic and logic, lui/auipc, fence, ecall/ebreak
  Mul = 2,     // mul, mulh, mulhsu, mulhu
  Div = 4,     // div, divu, rem, remu
  Mem = 8,     // load/store address calculation
  Branch = 16  // conditional branches, jal, jalr
};
inline constexpr uint8_t kAllOpClasses = 31;
OpClass op_class(isa::Unit u);

// A functional unit of the execute stage (`functional_units` in JSON). With no list in the
// config there is one unit, "ALU", for every class with latency = the number of execute stages.
struct FunctionalUnit {
  std::string name;       // unique, shown in diagrams (parallel execute) and traces
  uint8_t classes = 0;    // OpClass bits; every class is executed by exactly one unit
  uint32_t latency = 1;   // cycles an operation spends in the unit (1: result usable next cycle)
  bool pipelined = true;  // accepts a new operation every cycle; false: busy until done
  uint32_t count = 1;     // identical instances (two dividers = two kettles)

  bool operator==(const FunctionalUnit&) const = default;
};

enum class ExecuteMode : uint8_t {
  Blocking,  // a multi-cycle operation holds the execute stage and everything behind it
  Parallel,  // in-order issue from decode into separate unit pipelines, out-of-order completion
             // (Hennessy & Patterson, Appendix C.5); needs exactly one execute stage
};

enum class Replacement : uint8_t { Lru, Fifo, Random };
enum class WritePolicy : uint8_t {
  WriteBack,     // write-back + write-allocate
  WriteThrough,  // write-through + no-write-allocate
};

// An L1 cache (`memory.icache` / `memory.dcache`). Absent: every access takes the memory's
// latency.
struct CacheConfig {
  bool enabled = false;
  uint32_t size_bytes = 0;  // total data capacity: power of two
  uint32_t line_bytes = 0;  // power of two, >= 4
  uint32_t ways = 1;        // associativity; size / (line * ways) sets, a power of two
  Replacement replacement = Replacement::Lru;
  WritePolicy write_policy = WritePolicy::WriteBack;  // dcache only
  uint32_t hit_latency = 1;                           // cycles of an access that hits
  uint32_t miss_penalty = 10;                         // extra cycles of a miss (line fill)
  uint32_t seed = 1;                                  // random replacement: fixed seed

  uint32_t sets() const { return enabled ? size_bytes / (line_bytes * ways) : 0; }
  bool operator==(const CacheConfig&) const = default;
};

struct MemoryConfig {
  uint32_t instruction_latency = 1;  // cycles a fetch takes without an instruction cache
  uint32_t data_latency = 1;         // cycles a load/store access takes without a data cache
  bool unified_memory_port = false;  // fetch and data access share one port; fetch loses
  CacheConfig icache, dcache;
  // What a misaligned load or store does; allowed, it costs what an aligned one does, plus a
  // second data-cache access when it crosses a cache line (docs/model.md).
  Misaligned misaligned = Misaligned::Fault;

  bool operator==(const MemoryConfig&) const = default;
};

// What running off the end of the code does (`program_end`).
enum class ProgramEnd : uint8_t {
  Fault,  // the word after the code is fetched like any other and faults when it commits
  Drain,  // the program ends there: the instructions before it complete, and the run ends when
          // the last of them has left the end stage (Ripes' convention)
};

// Which operands pass through the forwarding multiplexers into the execute stage
// (`forwarded_operands`). Ripes' RV32_5S_NO_HZ wires only the ALU's inputs through them: its
// branch comparator and a store's data take the value read in decode.
enum class ForwardedOperands : uint8_t {
  All,  // every source operand: ALU inputs, the branch comparator and store data
  Alu,  // only the ALU inputs (load/store base and the jalr base included); the branch
        // comparator and store data (rs2) use the register file's value read in decode
};

// How an ecall traps (`ecall`). pipesim's own rule: it performs its system call when it reaches
// the end stage, after every older instruction has written back, and a non-exit ecall squashes
// what was fetched behind it. Ripes' models take the trap earlier (docs/config.md, "Ecall").
struct EcallConfig {
  // Stage index where the system call is performed: the end stage once loaded (0, never valid,
  // in a config built in code means the end stage too: PipelineConfig::ecall_stage).
  uint32_t stage = 0;
  bool wait_for_writers = false;  // held there while a later stage holds an instruction that
                                  // writes a register (x0 included)
  bool flush = true;              // a non-exit ecall squashes what was fetched behind it
  bool operator==(const EcallConfig&) const = default;
};

// The instruction classes of `class_stages` (a multi-cycle machine's path per class).
enum class InsnClass : uint8_t {
  Alu,  // register-register and immediate ALU, lui, mul/div, CSR reads
  Auipc,
  Load,
  Store,
  Branch,
  Jal,
  Jalr,
  System,  // ecall, ebreak, fence, fence.i
};
inline constexpr std::size_t kNumInsnClasses = 8;
InsnClass insn_class_of(const isa::Insn& insn);

// Where an issue packet may start (`issue.alignment`).
enum class PacketAlignment : uint8_t {
  Any,      // any consecutive instructions: an instruction left behind pairs with the next one
  Aligned,  // packets are aligned to 4 × issue_width bytes and never merge (Patterson & Hennessy)
  Packet,   // a packet is the issue_width words from wherever fetch is; packets never merge (Ripes)
};

// An in-order superscalar machine (`issue_width` > 1, `issue`): fetch and decode bring up to
// `width` instructions per cycle and decode issues up to `width` of them, in program order, to
// the issue slots that accept their classes (docs/model.md, "Superscalar issue").
struct IssueConfig {
  uint32_t width = 1;
  // OpClass bits each issue slot accepts; `width` entries once loaded (a config built in code
  // may leave it empty: every slot accepts every class).
  std::vector<uint8_t> slots;
  PacketAlignment alignment = PacketAlignment::Any;
  uint32_t memory_per_cycle = 1;    // loads and stores issued per cycle
  uint32_t branches_per_cycle = 1;  // branches and jumps issued per cycle
  uint32_t read_ports = 2;          // register-file read ports (2 × width when loaded)
  uint32_t write_ports = 1;         // register-file write ports (width when loaded)
  // A result forwards to the other slots, not only its own. `false` is shorthand for every
  // forwarding path joining each lane only to itself (ForwardPath::from_lanes, to_lanes).
  bool cross_lane_forwarding = true;
  // Ripes' dual-issue rules (docs/config.md "Issue"); all off by default.
  bool control_last = false;        // a branch or jump issues last in its group
  bool system_alone = false;        // ecall and ebreak issue alone
  bool split_war = false;           // no issue with an older instruction of the group that reads
                                    // the register this one writes (write-after-read)
  bool hazard_holds_group = false;  // a data hazard of any instruction holds the whole group
  bool younger_first_slot = false;  // a younger instruction takes the first slot that accepts it,
                                    // moving an older one to another free slot that accepts it

  // The OpClass bits slot `s` accepts.
  uint8_t accepts(uint32_t s) const { return s < slots.size() ? slots[s] : kAllOpClassesBits; }
  static constexpr uint8_t kAllOpClassesBits = 31;
  bool operator==(const IssueConfig&) const = default;
};

// One position of a functional unit in parallel execute mode, as traces show it: a pipelined
// unit of latency L has L positions per instance, a unit that is busy until done has one.
struct UnitLane {
  std::string name;       // "ALU", "MUL1".."MUL3", "DIV"; with count > 1: "DIV#1", "MUL#2.3"
  uint32_t unit = 0;      // index into PipelineConfig::functional_units
  uint32_t instance = 0;  // 0 .. count-1
  uint32_t position = 0;  // 0 .. latency-1 for pipelined units, else 0

  bool operator==(const UnitLane&) const = default;
};

struct PipelineConfig {
  std::string name;  // preset name or file name
  std::string description;
  MachineKind kind = MachineKind::Pipelined;
  std::vector<StageConfig> stages;  // in order; roles appear in the order fetch, decode,
                                    // execute, memory, writeback, each at least once
  uint32_t latch_overhead_ps = 0;   // pipeline-register delay added to the clock period

  // Pipelined machines only:
  std::vector<ForwardPath> forwarding;  // empty: no forwarding
  bool split_phase_regfile = true;      // writeback writes in the first half-cycle, decode reads
                                        // in the second: a value written this cycle is read
  bool hazard_detection = true;         // false: no interlocks, stale values are used
  ForwardedOperands forwarded_operands = ForwardedOperands::All;
  BranchConfig branches;
  uint32_t end_stage = 0;  // the run ends in the cycle its halting instruction is in this stage
                           // (normally the last stage; QtRVSim ends in MEM)

  IssueConfig issue;  // pipelined machines: instructions issued per cycle and the pairing rules
  ProgramEnd program_end = ProgramEnd::Fault;
  EcallConfig ecall;  // pipelined machines

  // Functional units and memory (pipelined and multi-cycle machines; see docs/config.md).
  std::vector<FunctionalUnit> functional_units;  // never empty after loading
  ExecuteMode execute = ExecuteMode::Blocking;
  MemoryConfig memory;

  // Multi-cycle machines only: an instruction skips stages it does not use (memory for
  // non-memory instructions, writeback for instructions that write no register).
  bool skip_unused_stages = true;
  // Multi-cycle machines only: the stages each instruction class passes (bit s: stage s), given
  // as data (Ripes' multi-cycle FSM, docs/config.md); 0 = the class follows skip_unused_stages.
  std::array<uint32_t, kNumInsnClasses> class_stages{};

  // Derived at load (do not set in JSON): indices of the first/last stage of each role
  // (stages.size() if no stage has the role, which validation rules out).
  uint32_t first_of(StageRole r) const;
  uint32_t last_of(StageRole r) const;
  bool forwards(uint32_t from, uint32_t to) const;
  // The lane pairs the paths from stage `from` into stage `to` join: bit
  // a * kMaxIssueWidth + b set when a producer in lane a forwards into a consumer in lane b
  // (with issue.cross_lane_forwarding false only a == b). 0: no such path.
  uint16_t forward_lanes(uint32_t from, uint32_t to) const;
  // Does a forwarding path of a superscalar machine skip a pair of its lanes (lane lists, or
  // issue.cross_lane_forwarding false)? The timing model declines such machines.
  bool lane_restricted_forwarding() const;
  uint32_t clock_period_ps() const;      // see docs/config.md: depends on kind
  uint32_t unit_for(isa::Unit u) const;  // index of the functional unit executing u's class
  uint32_t ecall_stage() const { return ecall.stage == 0 ? end_stage : ecall.stage; }
  // pipesim's own ecall rule (the end stage, no wait, a flush), not one of Ripes'.
  bool default_ecall() const {
    return ecall_stage() == end_stage && !ecall.wait_for_writers && ecall.flush;
  }
  std::vector<UnitLane> unit_lanes() const;  // parallel execute: every unit position, in order
  // "MUL2": the name of position `position` (0-based) of instance `instance` of a unit.
  std::string lane_name(uint32_t unit, uint32_t instance, uint32_t position) const;

  // Field-by-field equality (a config survives config_to_json -> config_from_json unchanged).
  bool operator==(const PipelineConfig&) const = default;
};

// Gives a config with no functional units (one built in code) the loader's default: one "ALU"
// for every class, latency = the number of execute stages.
void fill_default_units(PipelineConfig& c);

// `c` run sequentially: the same stages, functional units and memory as a single-cycle or
// multi-cycle machine ("NAME (single-cycle)"), so `compare` measures what pipelining buys.
PipelineConfig sequential_baseline(const PipelineConfig& c, MachineKind kind);

const char* role_name(StageRole r);       // "fetch", "decode", …
const char* policy_name(BranchPolicy p);  // "stall", "not-taken", "taken", "btfn", "1-bit", "2-bit"
const char* kind_name(MachineKind k);     // "pipelined", "single-cycle", "multi-cycle"
const char* execute_mode_name(ExecuteMode m);   // "blocking", "parallel"
const char* replacement_name(Replacement r);    // "lru", "fifo", "random"
const char* write_policy_name(WritePolicy w);   // "write-back", "write-through"
const char* misaligned_name(Misaligned m);      // "fault", "allow"
const char* op_class_name(OpClass c);           // "alu", "mul", "div", "mem", "branch"
const char* alignment_name(PacketAlignment a);  // "any", "aligned", "packet"
const char* program_end_name(ProgramEnd e);     // "fault", "drain"
const char* insn_class_name(InsnClass c);       // "alu", "auipc", ..., "system"
// "all", "alu"
const char* forwarded_operands_name(ForwardedOperands f);

}  // namespace pipesim
