// Which source operands of an instruction pass through the forwarding paths under
// `forwarded_operands` (config.hpp): the one rule the cycle model applies
// (PipelineModel::forwarded_rs1/rs2) and explain describes (report/hazard_text.cpp).
#pragma once

#include "isa/isa.hpp"
#include "sim/config/config.hpp"

namespace pipesim {

// With `alu` a branch's comparator inputs and a store's data (rs2) come straight from the
// decode-stage read (Ripes' RV32_5S_NO_HZ wiring); every other operand is an ALU input.
inline bool forwards_rs1(ForwardedOperands f, isa::Unit k) {
  return f == ForwardedOperands::All || k != isa::Unit::Branch;
}
inline bool forwards_rs2(ForwardedOperands f, isa::Unit k) {
  return f == ForwardedOperands::All || (k != isa::Unit::Branch && k != isa::Unit::Store);
}

}  // namespace pipesim
