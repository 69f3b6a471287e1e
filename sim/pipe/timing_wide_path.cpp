// Wrong paths on the two-issue timing model (docs/timing-model.md "Two-issue machines", rule 5):
// a wrong-path branch or jump that resolves before its path is flushed. (Out of the cycle loop's
// file: it is rare.)
#include <algorithm>

#include "sim/pipe/timing_wide.hpp"

namespace pipesim::timing {

// A wrong-path branch or jump resolved before its path is flushed redirects fetch like a
// committed one, to where the path's own values send it.
void WideEngine::issue_wrong_control(uint32_t p, uint64_t c, uint64_t resolved, bool& stop) {
  const InFlight& s = at(id_[p]);
  const uint64_t cutoff = std::min(end_, redirect_cycle_);
  if (resolved >= cutoff) return;
  uint32_t target = 0;
  if (!path_active_ || path_redirect_cycle_ != kNever ||
      !e_.wrong_path_target(s.path, iss_.state().mem, path_regs_, target) || (target & 3)) {
    e_.decline("a wrong-path branch or jump resolves in a way not modelled");
    return;
  }
  if (target == s.pc + 4) {
    if (redirect_taken_) e_.decline("a wrong-path branch or jump to the next address");
    return;
  }
  if (resolved == c) {
    flush(id_, p + 1);
    flush(mid_, 0);
    flush(if_, 0);
    fetch_pc_ = target;
    e_.path_count_ = size_t{s.path} + 1;
    stop = true;
  } else {
    path_redirect_cycle_ = resolved;
    path_redirect_target_ = target;
    path_redirect_keep_ = size_t{s.path} + 1;
    path_partners_ = 0;
  }
}

}  // namespace pipesim::timing
