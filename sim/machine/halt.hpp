// Why a run ended: shared by the functional model and every timing engine.
#pragma once

#include <cstdint>

namespace pipesim {

enum class Halt : uint8_t { None, Exit, Ebreak, Fault, Limit };
const char* halt_name(Halt h);  // "exit", "ebreak", "fault", "limit" (JSON "halt" values)

}  // namespace pipesim
