// Register history: replays the functional model, which is the reference for committed values.
#include "sim/report/register_history.hpp"

#include "sim/iss/iss.hpp"
#include "sim/machine/host_io.hpp"

namespace pipesim::report {

RegisterHistory register_history(const Program& program, uint64_t committed) {
  DiscardIo io;  // the registers are all it reports
  Iss iss(program, io);
  RegisterHistory h;
  h.initial = iss.state().regs.x;
  for (uint64_t i = 0; i < committed && !iss.halted(); ++i) {
    const Retired& r = iss.step();
    if (r.wrote_rd) h.writes.push_back({i, r.rd, r.rd_value});
  }
  return h;
}

}  // namespace pipesim::report
