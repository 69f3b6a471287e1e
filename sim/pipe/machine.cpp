#include "sim/pipe/machine.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "isa/error.hpp"
#include "sim/pipe/pipeline.hpp"
#include "sim/pipe/sequential.hpp"
#include "sim/pipe/timing_model.hpp"

namespace pipesim {

const char* engine_name(EngineKind e) {
  switch (e) {
    case EngineKind::Cycle:
      return "cycle";
    case EngineKind::Timing:
      return "timing";
    case EngineKind::Sequential:
      return "sequential";
  }
  return "?";
}

const char* engine_choice_name(EngineChoice c) {
  switch (c) {
    case EngineChoice::Auto:
      return "auto";
    case EngineChoice::Cycle:
      return "cycle";
    case EngineChoice::Timing:
      return "timing";
  }
  return "?";
}

std::optional<EngineChoice> parse_engine_choice(std::string_view name) {
  for (EngineChoice c : {EngineChoice::Auto, EngineChoice::Cycle, EngineChoice::Timing})
    if (name == engine_choice_name(c)) return c;
  return std::nullopt;
}

namespace {

// A machine without interlocks the timing model refuses: the features it lacks, followed by
// "without interlocks", if the same machine without them is supported; else empty.
std::string unsupported_without_interlocks(const PipelineConfig& config) {
  PipelineConfig c = config;
  fill_default_units(c);
  std::string names;
  auto add = [&names](std::string_view name) {
    names += fmt::format("{}{}", names.empty() ? "" : ", ", name);
  };
  if (c.issue.width != 1) {
    add(fmt::format("issue_width {}", c.issue.width));
    c.issue = IssueConfig{};
  }
  if (c.execute == ExecuteMode::Parallel) {
    add("execute: parallel");
    c.execute = ExecuteMode::Blocking;
  }
  const BranchPolicy p = c.branches.policy;
  if (p == BranchPolicy::Stall || p == BranchPolicy::Taken || p == BranchPolicy::Btfn) {
    add(fmt::format("branch policy {}", policy_name(p)));
    c.branches.policy = BranchPolicy::NotTaken;
  }
  const uint32_t depth = c.last_of(StageRole::Execute) - c.first_of(StageRole::Execute) + 1;
  bool units = false;
  for (FunctionalUnit& u : c.functional_units) {
    units = units || u.latency != depth;
    u.latency = depth;
  }
  if (units) add("functional units slower or faster than the execute stages");
  MemoryConfig& m = c.memory;
  for (const auto& [on, name] :
       {std::pair{m.icache.enabled || m.dcache.enabled, "caches"},
        {m.instruction_latency != 1 || m.data_latency != 1, "memory latency above 1 cycle"},
        {m.unified_memory_port, "unified_memory_port: true"}})
    if (on) add(name);
  m.icache.enabled = m.dcache.enabled = m.unified_memory_port = false;
  m.instruction_latency = m.data_latency = 1;
  if (c.ecall.wait_for_writers && c.ecall_stage() < c.end_stage) {
    add("an ecall waiting for the register writers");
    c.ecall.wait_for_writers = false;
  }
  if (c.end_stage != c.first_of(StageRole::Writeback)) {
    add("an end stage before write-back");
    c.end_stage = c.first_of(StageRole::Writeback);
  }
  if (names.empty() || !timing_model_supports(c)) return {};
  return fmt::format("{} without interlocks", names);
}

// The features of `config` the timing model does not handle, for the message that says so:
// "caches, branch policy taken". Only words for a message: timing_model_supports() alone
// decides. The features are named only when taking them away is enough for it to accept the
// machine, so the message cannot name a wrong reason if this list and the predicate drift apart.
std::string unsupported_features(const PipelineConfig& config) {
  PipelineConfig c = config;
  fill_default_units(c);
  std::string names;
  auto add = [&names](std::string_view name) {
    names += fmt::format("{}{}", names.empty() ? "" : ", ", name);
  };
  // Machines may end by draining and have Ripes' ecall in the first execute stage.
  const bool wide = c.issue.width != 1;
  const bool ripes_ecall =
      c.ecall.wait_for_writers && c.ecall_stage() == c.first_of(StageRole::Execute);
  if (!c.default_ecall() && !ripes_ecall) {
    add("Ripes' ecall (ecall)");
    c.ecall = EcallConfig{c.end_stage, false, true};
  }
  if (c.lane_restricted_forwarding()) {
    add("forwarding paths joining only some issue slots");
    for (ForwardPath& f : c.forwarding) f.from_lanes = f.to_lanes = ForwardPath::kEveryLane;
    c.issue.cross_lane_forwarding = true;
  }
  if (c.issue.width != 1) {
    add(fmt::format("issue_width {} with these issue rules", c.issue.width));
    c.issue = IssueConfig{};
  }
  if (!c.hazard_detection) {
    // Machines without interlocks have an engine of their own (timing_no_interlocks.cpp) that
    // takes fewer shapes: what it lacks is named when taking that away is enough.
    if (std::string lacks = unsupported_without_interlocks(config); !lacks.empty()) return lacks;
    add("hazard_detection: false");
    c.hazard_detection = true;
  }
  if (c.forwarded_operands != ForwardedOperands::All) {
    add("forwarded_operands: alu");
    c.forwarded_operands = ForwardedOperands::All;
  }
  const BranchPolicy p = c.branches.policy;
  if (p == BranchPolicy::Stall || p == BranchPolicy::Taken || p == BranchPolicy::Btfn) {
    add(fmt::format("branch policy {}", policy_name(p)));
    c.branches.policy = BranchPolicy::NotTaken;
  }
  // Memory that holds a stage is supported on one-issue blocking machines shaped like 5-stage
  // with one-cycle units and pipesim's ecall (timing_model.cpp): named only if
  // what is left is not supported, and then with the features it does not combine with when
  // the machine without them would be.
  const uint32_t depth = c.last_of(StageRole::Execute) - c.first_of(StageRole::Execute) + 1;
  const MemoryConfig& m = c.memory;
  const bool caches = m.icache.enabled || m.dcache.enabled;
  const bool latency = m.instruction_latency != 1 || m.data_latency != 1;
  if ((caches || latency || m.unified_memory_port) && !timing_model_supports(c)) {
    PipelineConfig plain = c;  // one-cycle units, pipesim's ecall
    for (FunctionalUnit& u : plain.functional_units) u.latency = depth;
    plain.ecall = EcallConfig{plain.end_stage, false, true};
    std::string memory;
    for (const auto& [on, name] : {std::pair{caches, "caches"},
                                   {latency, "memory latency above 1 cycle"},
                                   {m.unified_memory_port, "unified_memory_port: true"}})
      if (on) memory += fmt::format("{}{}", memory.empty() ? "" : ", ", name);
    add(timing_model_supports(plain)
            ? fmt::format("{} together with multi-cycle functional units or Ripes' ecall", memory)
            : memory);
    c.memory.icache.enabled = c.memory.dcache.enabled = c.memory.unified_memory_port = false;
    c.memory.instruction_latency = c.memory.data_latency = 1;
  }
  // Parallel units are supported on machines otherwise supported (timing_parallel.cpp): the
  // mode is named only if taking away everything else is not enough.
  if (c.execute == ExecuteMode::Parallel && !timing_model_supports(c)) {
    add("execute: parallel");
    c.execute = ExecuteMode::Blocking;
  }
  bool longer = false, shorter = false;
  for (FunctionalUnit& u : c.functional_units) {
    if (c.execute == ExecuteMode::Parallel) break;  // (any latency)
    longer = longer || u.latency > depth;
    shorter = shorter || u.latency < depth;
    u.latency = depth;
  }
  if (longer && wide) add("multi-cycle functional units");
  if (shorter) add("functional units shorter than the execute stages");
  const char* docs = "docs/timing-model.md lists the machines it supports";
  if (names.empty()) return docs;
  return timing_model_supports(c) ? names : fmt::format("{}; {}", names, docs);
}

constexpr const char* kUseOther = "use --engine auto or cycle";

std::string declined_message() {
  return fmt::format(
      "--engine timing: the timing model declined this run: it met something it does not "
      "reproduce exactly, such as the --max-cycles limit on a machine whose timing engine "
      "does not end runs there (docs/timing-model.md#the-cycle-limit), a store into the "
      "code, a counter read (rdcycle), fence.i or more than 1 MiB of guest output "
      "(PIPESIM_TM_DEBUG=1 says which); {}",
      kUseOther);
}

}  // namespace

std::string engine_refusal(const PipelineConfig& config, EngineChoice choice, bool watched,
                           bool check) {
  if (choice != EngineChoice::Timing) return {};
  if (config.kind != MachineKind::Pipelined)
    return fmt::format(
        "--engine timing: the timing model runs pipelined machines only, and {} is a {} machine "
        "(it has an engine of its own); {}",
        config.name, kind_name(config.kind), kUseOther);
  // Traces: on the plain scalar machines (timing_trace_supported); --check: never.
  if (check)
    return fmt::format(
        "--engine timing: --check compares the cycle model with the functional model (the timing "
        "model has no check); {}",
        kUseOther);
  if (watched && !timing_trace_supported(config))
    return fmt::format(
        "--engine timing: the timing model shows cycles (a diagram, trace or --html) only on the "
        "plain one-issue machines such as 5-stage (docs/timing-model.md#traces), and {} is not "
        "one; {}",
        config.name, kUseOther);
  if (!timing_model_supports(config))
    return fmt::format("--engine timing: the timing model does not support the machine {} ({}); {}",
                       config.name, unsupported_features(config), kUseOther);
  return {};
}

MachineResult run_machine(const PipelineConfig& config, const Program& program, HostIo& io,
                          std::span<TraceSink* const> sinks, const RunLimits& limits, bool check,
                          EngineChoice engine, const TraceRestart& restart) {
  const bool watched = !sinks.empty() || check;
  if (engine == EngineChoice::Timing) {
    if (std::string refusal = engine_refusal(config, engine, watched, check); !refusal.empty())
      throw Error(refusal);
  }
  if (config.kind != MachineKind::Pipelined) {
    MachineResult r = run_sequential(config, program, io, sinks, limits);
    r.engine = EngineKind::Sequential;
    return r;
  }
  // Nobody watches individual cycles: the per-instruction timing model gives the same result
  // (docs/timing-model.md). It declines runs it cannot reproduce exactly, before any guest output
  // (held back until the run completes). A trace must never be written half by one engine and
  // then by the other. With `restart` (every sink can start over) a traced run on a machine whose
  // traces it reproduces runs once, traced; on a decline the sinks start over and the cycle model
  // runs. Without, it runs twice: untraced first, and only if that completes, again publishing
  // to the sinks (deterministic: it completes again). The first run writes the guest output; the
  // second reports progress (the sinks make it the slow one). A stop (Ctrl-C, --timeout) during
  // the first stops the second at once: an empty trace, not minutes of tracing after a Ctrl-C.
  const bool traced = !sinks.empty() && !check && timing_trace_supported(config);
  if (engine != EngineChoice::Cycle && (!watched || traced) && timing_model_supports(config)) {
    if (traced && restart) {
      if (std::optional<MachineResult> r =
              run_timing_model_traced(config, program, io, sinks, limits)) {
        r->engine = EngineKind::Timing;
        return *r;
      }
      if (engine == EngineChoice::Timing) throw Error(declined_message());
      const std::vector<TraceSink*> fresh = restart();
      return run_cycle_model(config, program, io, fresh, limits, check);
    }
    RunLimits first = limits;
    if (traced) first.progress = nullptr;
    if (std::optional<MachineResult> r = run_timing_model(config, program, io, first)) {
      if (traced) {
        DiscardIo again;
        r = run_timing_model_traced(config, program, again, sinks, limits);
        if (!r) throw std::logic_error("the timing model declined a traced run it had completed");
      }
      r->engine = EngineKind::Timing;
      return *r;
    }
    if (engine == EngineChoice::Timing) throw Error(declined_message());
  }
  return run_cycle_model(config, program, io, sinks, limits, check);
}

MachineResult run_cycle_model(const PipelineConfig& config, const Program& program, HostIo& io,
                              std::span<TraceSink* const> sinks, const RunLimits& limits,
                              bool check) {
  PipelineModel model(config, program, io, sinks, check);
  MachineResult r = model.run(limits);
  r.engine = EngineKind::Cycle;
  return r;
}

}  // namespace pipesim
