#include "sim/pipe/events.hpp"

namespace pipesim {

const char* cause_name(StallCause c) {
  switch (c) {
    case StallCause::Fill:
      return "fill";
    case StallCause::Raw:
      return "raw";
    case StallCause::LoadUse:
      return "load_use";
    case StallCause::Control:
      return "control";
    case StallCause::Structural:
      return "structural";
    case StallCause::Waw:
      return "waw";
    case StallCause::Memory:
      return "memory";
  }
  return "?";
}

}  // namespace pipesim
