// Plain-language sentences about stalls and flushes, and what would remove them: shared by the
// grader (reasons for wrong cells) and the explainer.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "sim/config/config.hpp"
#include "sim/pipe/events.hpp"
#include "sim/report/recorder.hpp"

namespace pipesim::report {

// Names an instruction inside a sentence, e.g. "row 2 `lw a0, 0(t0)`".
using InsnNamer = std::function<std::string(uint64_t seq)>;
// Names an instruction by its code and address: "`lw a0, 0(t0)` at 0x10008" ("?" if unknown).
InsnNamer code_namer(const report::Recorder& rec);

// The stage after which a producer's value can reach a consumer: its result stage with
// forwarding ("MEM" for a load on the 5-stage machine), the writeback stage without.
std::string value_ready_stage(const PipelineConfig& config, isa::Op producer);

// When a consumer can have the value: "available after MEM" with forwarding; without it (or for
// an operand that is not `forwarded`: forwarded_operands alu), the register file: "read by ID in
// the cycle WB writes it (...)" with a split-phase register file.
std::string value_ready_phrase(const PipelineConfig& config, isa::Op producer,
                               bool forwarded = true);

// "load-use on a0 from row 2 `lw a0, 0(t0)`, available after MEM".
std::string stall_reason(const Event& stall, const report::Recorder& rec,
                         const PipelineConfig& config, const InsnNamer& name);

// Why an issue slot went empty: "issue: it reads a0, which row 2 `add a0, a1, a2` writes in the
// same cycle; ...".
std::string issue_reason_sentence(IssueReason reason, const std::string& reg,
                                  const std::string& producer, const PipelineConfig& config);

// "row 5 `bnez t1, loop` redirected fetch in EX (a taken branch fetch had not predicted)".
std::string flush_reason(const Event& flush, const Event* redirect, const report::Recorder& rec,
                         const PipelineConfig& config, const InsnNamer& name);

// What would remove stalls of this cause on this machine (one sentence).
std::string stall_remedy(StallCause cause, const PipelineConfig& config);
// What would remove flushes caused by an instruction of this kind.
std::string flush_remedy(isa::Op flusher, const PipelineConfig& config);

// --- ecall: one rule for every output (docs/model.md, "Control hazards") ---
// pipesim's ecall is a trap taken when it completes in the end stage. It reads a7 and its
// arguments there, after every older instruction has written back, so it never waits for them
// in decode; an exit ecall ends the run, any other flushes what was fetched behind it and fetch
// restarts at the instruction after it. A textbook derivation that treats a7 as an ordinary
// source register draws stalls before it; these sentences say why there are none.

// The rule in one sentence: "ecall is a trap: it reads a7 and its arguments (a0, a1, a2) ...";
// on a machine with a configured `ecall` rule (Ripes' presets), that rule.
std::string ecall_rule_sentence(const PipelineConfig& config);

// The diagram legend's lines about ecall (each under 90 columns, starting "ecall:"): the
// no-stall rule, and with `shows_flush` the flush of what was fetched behind it; or the
// configured rule's.
std::string ecall_legend(const PipelineConfig& config, bool shows_flush);

// The stall a textbook pipeline would draw before ecall `ecall_seq`: one that reads a7 and the
// arguments a0..a2 in decode like any source register, with this machine's forwarding and
// register file. cycles = 0 when there would be none.
struct TextbookEcallStall {
  uint64_t cycles = 0;
  uint64_t producer = kNoSeq;  // the nearest committed instruction that makes it wait
  uint8_t reg = 0;             // the register it writes
};
TextbookEcallStall textbook_ecall_stall(const report::Recorder& rec, const PipelineConfig& config,
                                        uint64_t ecall_seq);

// "no stall before `ecall` at 0x10020: a textbook pipeline would hold it 2 cycles in ID for a7
// from `li a7, 93` at 0x1001c, but ecall is a trap: ..." (with the rule); without a textbook
// stall, "there is no stall before ecall: " and the rule. For check feedback on a cell where a
// student drew a stall at or before an ecall, and for explain and the HTML tooltip.
std::string ecall_no_stall_sentence(const report::Recorder& rec, const PipelineConfig& config,
                                    uint64_t ecall_seq, const InsnNamer& name);

}  // namespace pipesim::report
