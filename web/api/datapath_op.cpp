#include "isa/error.hpp"
#include "web/api/ops.hpp"

namespace pipesim::web {

Json datapath_op(const Json&) {
  throw Error("datapath: not yet");
}

}  // namespace pipesim::web
