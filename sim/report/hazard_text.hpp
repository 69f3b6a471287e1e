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

// "load-use on a0 from row 2 `lw a0, 0(t0)`, available after MEM".
std::string stall_reason(const Event& stall, const report::Recorder& rec,
                         const PipelineConfig& config, const InsnNamer& name);

// "row 5 `bnez t1, loop` redirected fetch in EX (a taken branch fetch had not predicted)".
std::string flush_reason(const Event& flush, const Event* redirect, const report::Recorder& rec,
                         const PipelineConfig& config, const InsnNamer& name);

// What would remove stalls of this cause on this machine (one sentence).
std::string stall_remedy(StallCause cause, const PipelineConfig& config);
// What would remove flushes caused by an instruction of this kind.
std::string flush_remedy(isa::Op flusher, const PipelineConfig& config);

}  // namespace pipesim::report
