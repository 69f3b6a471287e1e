// The ecall rule in words (hazard_text.hpp): the model's timing, told the same way by the
// diagram legend, explain, check feedback and the HTML tooltip.
#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "sim/report/hazard_text.hpp"

namespace pipesim::report {

namespace {

std::string stage_name(const PipelineConfig& c, uint32_t stage) {
  return stage < c.stages.size() ? c.stages[stage].name : fmt::format("stage {}", stage);
}

// The registers an ecall reads (as classroom/insn_effects.cpp): the service number and the
// arguments pipesim's system calls take.
constexpr std::array<uint8_t, 4> kEcallReads = {17, 10, 11, 12};  // a7, a0, a1, a2

// Committed instructions between a producer and its consumer (1: right before it) that a
// textbook pipeline needs to read the value without waiting; the shortfall is its stall.
uint64_t textbook_distance(const PipelineConfig& c, isa::Op producer) {
  if (!c.forwarding.empty()) {
    // Forwarded into the first execute stage from the end of the stage that makes the value.
    const bool load = isa::info(producer).unit == isa::Unit::Load;
    const uint32_t ready = c.last_of(load ? StageRole::Memory : StageRole::Execute);
    const uint32_t needed = c.first_of(StageRole::Execute);
    return ready >= needed ? ready - needed + 1 : 1;
  }
  // Read in decode from the register file that writeback writes (in the same cycle when the
  // register file is split-phase).
  const uint32_t wb = c.first_of(StageRole::Writeback), id = c.last_of(StageRole::Decode);
  return (wb > id ? wb - id : 0) + (c.split_phase_regfile ? 0 : 1);
}

// A configured `ecall` rule other than pipesim's (Ripes' presets: docs/config.md "ecall"): where
// the system call is done, whether it waits for older writers, whether it flushes.
std::string configured_ecall_sentence(const PipelineConfig& config) {
  const std::string at = stage_name(config, config.ecall_stage());
  const std::string end = stage_name(config, config.end_stage);
  std::string out = fmt::format("ecall performs its system call in {}, ", at);
  out += config.ecall.wait_for_writers
             ? "held there while a later stage holds an instruction that writes a register (x0 "
               "included; the wait counts as raw)"
             : "without waiting: it reads a7 and its arguments (a0, a1, a2) as the register file "
               "holds them then, before older instructions have written back";
  out += fmt::format("; an exit ecall ends the run when it reaches {}, and ", end);
  out += config.ecall.flush ? "any other flushes what was fetched behind it"
                            : "what was fetched behind it goes on (no flush)";
  return out;
}

}  // namespace

std::string ecall_rule_sentence(const PipelineConfig& config) {
  if (!config.default_ecall()) return configured_ecall_sentence(config);
  const std::string end = stage_name(config, config.end_stage);
  const std::string id = stage_name(config, config.last_of(StageRole::Decode));
  return fmt::format(
      "ecall is a trap: it reads a7 and its arguments (a0, a1, a2) from the register file when "
      "it completes in {}, after every older instruction has written back, so it never waits "
      "for them in {}; an exit ecall ends the run there, and any other flushes what was fetched "
      "behind it and fetch restarts at the instruction after it",
      end, id);
}

std::string ecall_legend(const PipelineConfig& config, bool shows_flush) {
  if (!config.default_ecall()) {
    const std::string at = stage_name(config, config.ecall_stage());
    std::string out = config.ecall.wait_for_writers
                          ? fmt::format(
                                "ecall: system call in {}, held while a later stage holds "
                                "a register writer (raw)\n",
                                at)
                          : fmt::format(
                                "ecall: system call in {}, no wait: it reads a7, a0.. "
                                "before older writes land\n",
                                at);
    out += fmt::format(
        "ecall: an exit ends the run in {}; {}\n", stage_name(config, config.end_stage),
        config.ecall.flush ? "any other flushes what was fetched behind it" : "no flush behind it");
    return out;
  }
  const std::string end = stage_name(config, config.end_stage);
  std::string out = fmt::format(
      "ecall: a trap; it reads a7, a0.. in {}, after older writes: no stall before it\n", end);
  if (shows_flush)
    out += "ecall: a non-exit ecall flushes what was fetched behind it; fetch restarts after it\n";
  return out;
}

TextbookEcallStall textbook_ecall_stall(const Recorder& rec, const PipelineConfig& config,
                                        uint64_t ecall_seq) {
  TextbookEcallStall out;
  // Only pipesim's own rule never stalls an ecall; a configured one says what it does itself.
  if (config.kind != MachineKind::Pipelined || !config.hazard_detection || config.stages.empty() ||
      !config.default_ecall())
    return out;
  // The widest window any producer can need: every stage.
  const uint64_t window = config.stages.size() + 1;
  std::array<bool, 32> seen{};
  uint64_t distance = 0;
  for (uint64_t seq = ecall_seq; seq-- > 0 && distance < window;) {
    const InsnRecord* r = rec.find(seq);
    if (!r || !r->committed) continue;
    ++distance;
    const isa::Insn insn = isa::decode(r->word);
    if (!isa::writes_rd(insn.fmt()) || insn.rd == 0 || seen[insn.rd]) continue;
    seen[insn.rd] = true;
    if (std::find(kEcallReads.begin(), kEcallReads.end(), insn.rd) == kEcallReads.end()) continue;
    const uint64_t need = textbook_distance(config, r->op);
    if (need > distance && need - distance > out.cycles) out = {need - distance, seq, insn.rd};
  }
  return out;
}

std::string ecall_no_stall_sentence(const Recorder& rec, const PipelineConfig& config,
                                    uint64_t ecall_seq, const InsnNamer& name) {
  const TextbookEcallStall t = textbook_ecall_stall(rec, config, ecall_seq);
  if (t.cycles == 0) return "there is no stall before ecall: " + ecall_rule_sentence(config);
  return fmt::format(
      "no stall before {}: a textbook pipeline would hold it {} cycle{} in {} for {} from {}, "
      "but {}",
      name(ecall_seq), t.cycles, t.cycles == 1 ? "" : "s",
      stage_name(config, config.last_of(StageRole::Decode)), isa::abi_name(t.reg), name(t.producer),
      ecall_rule_sentence(config));
}

}  // namespace pipesim::report
