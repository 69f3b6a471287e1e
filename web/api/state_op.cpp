// state: the architectural state after N committed instructions (the functional model: what
// the pipeline has committed by then is the same), for the page's register and memory panels
// at the diagram's cursor.
#include <algorithm>

#include "isa/error.hpp"
#include "sim/iss/iss.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/run_defaults.hpp"
#include "web/api/ops.hpp"
#include "web/api/request_args.hpp"

namespace pipesim::web {

Json state_op(const Json& request) {
  const LoadedProgram loaded = program_arg(request);
  const auto n = request.find("instructions");
  if (n == request.end() || !n->is_number_unsigned())
    throw Error("\"instructions\" (how many have committed) must be a whole number");
  const uint64_t instructions = std::min<uint64_t>(n->get<uint64_t>(), kDefaultMaxInstructions);
  const auto addr_arg = request.find("addr");
  uint32_t addr = 0;
  if (addr_arg != request.end()) {
    if (!addr_arg->is_number_unsigned() || addr_arg->get<uint64_t>() > UINT32_MAX)
      throw Error("\"addr\" must be an address (0 to 0xffffffff)");
    addr = addr_arg->get<uint32_t>();
  }
  const uint64_t length =
      request.contains("length") ? count_arg(request, "length", 1, kMaxStateBytes) : 0;
  if (uint64_t(addr) + length > uint64_t(UINT32_MAX) + 1)
    throw Error("\"addr\" + \"length\" go past the end of memory");

  DiscardIo io;
  Iss iss(loaded.program, io);
  if (instructions > 0) iss.run(instructions);
  const ArchState& st = iss.state();
  Json regs = Json::array();
  for (unsigned r = 0; r < 32; ++r) regs.push_back(st.regs[r]);
  Json memory = Json::array();  // null: an unmapped byte
  for (uint64_t i = 0; i < length; ++i) {
    const auto byte = st.mem.load_byte(static_cast<uint32_t>(addr + i));
    memory.push_back(byte ? Json(*byte) : Json());
  }
  return {{"pc", st.pc},
          {"regs", regs},
          {"addr", addr},
          {"memory", memory},
          {"instructions", iss.instructions()},
          {"halted", iss.halted()}};
}

}  // namespace pipesim::web
