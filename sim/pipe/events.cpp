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
    case StallCause::Issue:
      return "issue";
  }
  return "?";
}

const char* issue_reason_name(IssueReason r) {
  switch (r) {
    case IssueReason::None:
      return "";
    case IssueReason::Dependent:
      return "dependent";
    case IssueReason::SlotClass:
      return "slot_class";
    case IssueReason::MemoryPort:
      return "memory_port";
    case IssueReason::Branch:
      return "branch";
    case IssueReason::Alignment:
      return "alignment";
    case IssueReason::ReadPorts:
      return "read_ports";
    case IssueReason::WritePorts:
      return "write_ports";
  }
  return "?";
}

}  // namespace pipesim
