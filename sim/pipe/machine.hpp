// Runs a program on the machine a PipelineConfig describes (pipelined, single-cycle or
// multi-cycle) and reports how it went. The one entry point the command line and tests use.
#pragma once

#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/run_result.hpp"
#include "sim/pipe/stats.hpp"

namespace pipesim {

// Which engine runs a pipelined machine (`--engine`, docs/cli.md). Auto: the per-instruction
// timing model when it supports the machine and nobody watches cycles (no trace sink, no check),
// or only trace sinks on a machine whose traces it reproduces (timing_trace_supported), else the
// cycle model; Cycle: always the cycle model; Timing: the timing model or an error.
// Single-cycle and multi-cycle machines have one engine (EngineKind::Sequential): Auto and Cycle
// run it, Timing is refused.
enum class EngineChoice : uint8_t { Auto, Cycle, Timing };
const char* engine_choice_name(EngineChoice c);  // "auto", "cycle", "timing"
std::optional<EngineChoice> parse_engine_choice(std::string_view name);

// Why `choice` cannot run `config` (`watched`: trace sinks or a check are attached; `check`: a
// check is), as the message of the error run_machine would throw: "" when it can. Only Timing is
// ever refused.
std::string engine_refusal(const PipelineConfig& config, EngineChoice choice, bool watched,
                           bool check = false);

// Starts every trace sink of a run over, for a traced run the timing model declined part-way
// (run_machine): the caller rewinds its files and attaches new writers to them, and returns the
// sinks the cycle model then publishes to from its first cycle. Only a caller whose every sink can
// start over gives one (the CLI: files written through a temporary file, /dev/null); the old
// sinks are not used again.
using TraceRestart = std::function<std::vector<TraceSink*>()>;

// Runs to the end (exit, ebreak, fault or the cycle limit). With `check`, every committed
// instruction is compared with the functional model; with interlocks on a mismatch is a bug in
// pipesim and throws std::logic_error naming the cycle and instruction; with interlocks off the
// first mismatch is reported in `divergence` and the run continues. MachineResult::engine says
// which engine ran. With EngineChoice::Timing, throws pipesim::Error (the engine_refusal message)
// when the timing model cannot run it, or when it declines the run as it goes (nothing has been
// written to `io` then; the sinks may hold part of a trace). A traced run the timing model
// reproduces runs it once with `restart` (called if it declines, before the cycle model runs),
// twice without (untraced first, so that a decline leaves the sinks untouched).
MachineResult run_machine(const PipelineConfig& config, const Program& program, HostIo& io,
                          std::span<TraceSink* const> sinks, const RunLimits& limits, bool check,
                          EngineChoice engine = EngineChoice::Auto,
                          const TraceRestart& restart = {});

// The pipelined machine on the cycle-level model (sim/pipe/pipeline.hpp) always, even where
// run_machine would use the faster per-instruction timing model: tests compare the two.
MachineResult run_cycle_model(const PipelineConfig& config, const Program& program, HostIo& io,
                              std::span<TraceSink* const> sinks, const RunLimits& limits,
                              bool check);

}  // namespace pipesim
