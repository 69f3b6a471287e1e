// Sentences about hazards. Wording follows Patterson & Hennessy's vocabulary (RAW, load-use,
// forwarding, flush, structural hazard) so students meet the words of their textbook.
#include "sim/report/hazard_text.hpp"

#include "sim/config/forwarded_operands.hpp"

#include <fmt/format.h>

#include "sim/report/text.hpp"

namespace pipesim::report {

namespace {

isa::Op op_of(const report::Recorder& rec, uint64_t seq) {
  const InsnRecord* r = rec.find(seq);
  return r ? r->op : isa::Op::Illegal;
}

std::string stage_name(const PipelineConfig& c, uint32_t stage) {
  return stage < c.stages.size() ? c.stages[stage].name : fmt::format("stage {}", stage);
}

}  // namespace

InsnNamer code_namer(const report::Recorder& rec) {
  return [&rec](uint64_t seq) {
    const InsnRecord* r = rec.find(seq);
    return r ? fmt::format("`{}` at 0x{:x}", report::insn_text(*r), r->pc) : std::string("?");
  };
}

std::string value_ready_stage(const PipelineConfig& config, isa::Op producer) {
  if (config.forwarding.empty())
    return stage_name(config, config.first_of(StageRole::Writeback)) +
           " (no forwarding: it goes through the register file)";
  const bool load = isa::info(producer).unit == isa::Unit::Load;
  return stage_name(config, config.last_of(load ? StageRole::Memory : StageRole::Execute));
}

std::string value_ready_phrase(const PipelineConfig& config, isa::Op producer, bool forwarded) {
  if (!config.forwarding.empty() && forwarded)
    return "available after " + value_ready_stage(config, producer);
  // Without forwarding the value goes through the register file. With a split-phase register
  // file writeback writes in the first half of the cycle and decode reads in the second, so
  // the consumer reads it during the producer's writeback cycle, not after it.
  const std::string why = config.forwarding.empty()
                              ? "no forwarding"
                              : "an operand forwarded_operands alu does not forward";
  const std::string wb = stage_name(config, config.first_of(StageRole::Writeback));
  const std::string id = stage_name(config, config.last_of(StageRole::Decode));
  if (config.split_phase_regfile)
    return fmt::format(
        "read by {} in the cycle {} writes it ({}: it goes through the register file, written "
        "in the first half of the cycle and read in the second)",
        id, wb, why);
  return fmt::format(
      "available after {} ({}: it goes through the register file, which {} reads before {} "
      "writes it in a cycle)",
      wb, why, id, wb);
}

namespace {

// Does the stalled instruction take this register through the forwarding paths
// (forwarded_operands.hpp, the rule the cycle model applies)?
bool operand_forwarded(const Event& e, const report::Recorder& rec, const PipelineConfig& config) {
  const InsnRecord* r = rec.find(e.seq);
  if (!r) return true;
  const isa::Insn insn = isa::decode(r->word);
  const isa::Unit unit = isa::info(insn.op).unit;
  const ForwardedOperands f = config.forwarded_operands;
  // Waiting on a register read both ways, it waits for the register file.
  return !(insn.rs1 == e.reg && !forwards_rs1(f, unit)) &&
         !(insn.rs2 == e.reg && !forwards_rs2(f, unit));
}

}  // namespace

std::string issue_reason_sentence(IssueReason reason, const std::string& reg,
                                  const std::string& producer, const PipelineConfig& config) {
  const IssueConfig& ic = config.issue;
  switch (reason) {
    case IssueReason::Dependent:
      return fmt::format(
          "issue: it reads {}, which {} writes in the same cycle; two dependent "
          "instructions do not issue together",
          reg, producer);
    case IssueReason::SlotClass:
      return "issue: no free issue slot accepts its class this cycle";
    case IssueReason::MemoryPort:
      return fmt::format("issue: {} load{} or store{} per cycle, already issued",
                         ic.memory_per_cycle, ic.memory_per_cycle == 1 ? "" : "s",
                         ic.memory_per_cycle == 1 ? "" : "s");
    case IssueReason::Branch:
      return fmt::format(
          "issue: {} branch or jump per cycle, or a taken branch ended the fetch "
          "packet",
          ic.branches_per_cycle);
    case IssueReason::Alignment:
      return fmt::format("issue: fetch packets are aligned to {} bytes and do not merge",
                         4 * ic.width);
    case IssueReason::ReadPorts:
      return fmt::format("issue: the register file's {} read ports are in use", ic.read_ports);
    case IssueReason::WritePorts:
      return fmt::format("issue: the register file's {} write port{} in use", ic.write_ports,
                         ic.write_ports == 1 ? " is" : "s are");
    case IssueReason::None:
      break;
  }
  return "issue: an issue slot went empty";
}

std::string stall_reason(const Event& e, const report::Recorder& rec, const PipelineConfig& config,
                         const InsnNamer& name) {
  const bool has_producer = e.other != kNoSeq;
  const std::string producer = has_producer ? name(e.other) : "an older instruction";
  const std::string reg = e.reg ? std::string(isa::abi_name(e.reg)) : "a register";
  switch (e.cause) {
    case StallCause::Raw:
      return fmt::format(
          "RAW on {} from {}, {}", reg, producer,
          value_ready_phrase(config, op_of(rec, e.other), operand_forwarded(e, rec, config)));
    case StallCause::LoadUse:
      return fmt::format(
          "load-use on {} from {}, {}", reg, producer,
          value_ready_phrase(config, op_of(rec, e.other), operand_forwarded(e, rec, config)));
    case StallCause::Structural:
      return has_producer
                 ? fmt::format("structural hazard: {} is using the unit or port it needs", producer)
                 : "structural hazard: the unit or port it needs is busy";
    case StallCause::Waw:
      return fmt::format("WAW on {} with {}: register writes must happen in program order", reg,
                         producer);
    case StallCause::Memory:
      return "waiting for memory (a cache miss or a slow memory access)";
    case StallCause::Control:
      return fmt::format("waiting until {} is resolved", producer);
    case StallCause::Issue:
      return issue_reason_sentence(e.reason, reg, producer, config);
    case StallCause::Fill:
      break;
  }
  return "the pipeline is filling";
}

std::string flush_reason(const Event& flush, const Event* redirect, const report::Recorder& rec,
                         const PipelineConfig& config, const InsnNamer& name) {
  if (flush.other == kNoSeq) return "it was squashed";
  const isa::Op op = op_of(rec, flush.other);
  const std::string who = name(flush.other);
  const std::string where = redirect ? " in " + stage_name(config, redirect->stage) : "";
  if (op == isa::Op::FenceI)
    return fmt::format(
        "{} completed: everything fetched after it is refetched, so that it sees "
        "the code as stores before the fence left it",
        who);
  switch (isa::info(op).unit) {
    case isa::Unit::Branch:
      return fmt::format("{} redirected fetch{}: fetch had gone the other way", who, where);
    case isa::Unit::Jump:
      return fmt::format("{} redirected fetch to its target{}, known only there", who, where);
    case isa::Unit::System:
      // With a configured rule that does not flush (Ripes'), only the end of the run does.
      if (op == isa::Op::Ecall && !config.ecall.flush)
        return fmt::format(
            "{} ended the run when it reached {} (an exit, or a fault): what was fetched behind "
            "it never completes",
            who, stage_name(config, config.end_stage));
      if (op == isa::Op::Ecall)
        return fmt::format(
            "{} is a trap: when it completes in {}, everything fetched behind it is squashed and "
            "fetch restarts at the instruction after it, as when a trap handler returns",
            who, stage_name(config, config.end_stage));
      return fmt::format("{} traps when it completes: everything fetched after it is squashed",
                         who);
    default:
      break;
  }
  return fmt::format("{} squashed it{}", who, where);
}

std::string stall_remedy(StallCause cause, const PipelineConfig& config) {
  switch (cause) {
    case StallCause::Raw:
      if (config.forwarding.empty())
        return "forwarding (a bypass from EX/MEM and MEM/WB into EX, as on 5-stage) would remove "
               "most of it; otherwise move independent instructions between producer and consumer";
      return "move independent instructions between the producer and the consumer (reordering), or "
             "decide branches later where forwarding reaches them";
    case StallCause::LoadUse:
      if (config.forwarding.empty())
        return "forwarding from MEM/WB into EX would cut each to one cycle; schedule an "
               "independent instruction between the load and its use for the rest";
      return "no forwarding path can help (the value exists only after the memory access): "
             "schedule an independent instruction between the load and its use (reordering, "
             "loop unrolling)";
    case StallCause::Structural:
      return "another unit or port would remove it (separate instruction and data memories or "
             "caches, a pipelined or second functional unit), or spacing the conflicting "
             "instructions apart";
    case StallCause::Waw:
      return "writing a different register (renaming by hand) removes the ordering constraint";
    case StallCause::Memory:
      return "a cache (or a larger one), or accesses with better locality";
    case StallCause::Control:
      return "predicting instead of waiting (predict not-taken, a 2-bit predictor) lets fetch "
             "continue";
    case StallCause::Issue:
      return "pair independent instructions the machine can issue together (the compiler's "
             "scheduling: pipesim schedule), or give the machine more issue slots, ports or "
             "forwarding between slots";
    case StallCause::Fill:
      break;
  }
  return "filling is inherent: it is paid once per run";
}

std::string flush_remedy(isa::Op flusher, const PipelineConfig& config) {
  if (flusher == isa::Op::FenceI)
    return "inherent to fence.i: execute it only after the code has actually been changed";
  switch (isa::info(flusher).unit) {
    case isa::Unit::Branch:
      if (config.branches.policy == BranchPolicy::TwoBit ||
          config.branches.policy == BranchPolicy::OneBit)
        return "a better predictor (more history, a larger table) or deciding the branch "
               "earlier; fewer branches (loop unrolling) also help";
      return "a branch predictor (e.g. 5-stage-2bit), deciding branches earlier "
             "(5-stage-branch-in-id) or fewer branches (loop unrolling) would remove flushes";
    case isa::Unit::Jump:
      return "a branch-target buffer (5-stage-2bit) predicts jump targets at fetch; inlining "
             "removes calls and returns";
    case isa::Unit::System:
      return "inherent to a trap: do fewer system calls (e.g. print once)";
    default:
      break;
  }
  return "fewer control-flow changes";
}

}  // namespace pipesim::report
