#include "isa/error.hpp"
#include "web/api/ops.hpp"

namespace pipesim::web {

Json check_op(const Json&) {
  throw Error("check: not yet");
}

}  // namespace pipesim::web
