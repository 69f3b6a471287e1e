// assemble: the program's warnings and its instructions, one listing row per word of code with
// the source line it came from, for the editor's gutter and the diagram's labels.
#include "isa/disasm.hpp"
#include "web/api/ops.hpp"
#include "web/api/request_args.hpp"

namespace pipesim::web {

Json assemble_op(const Json& request) {
  const LoadedProgram loaded = program_arg(request);
  const Program& p = loaded.program;
  Json listing = Json::array();
  for (const Segment& seg : p.segments) {
    if (!seg.executable) continue;
    for (std::size_t off = 0; off + 4 <= seg.bytes.size(); off += 4) {
      const uint32_t pc = seg.addr + static_cast<uint32_t>(off);
      const uint32_t word = uint32_t(seg.bytes[off]) | uint32_t(seg.bytes[off + 1]) << 8 |
                            uint32_t(seg.bytes[off + 2]) << 16 | uint32_t(seg.bytes[off + 3]) << 24;
      const auto line = p.source_lines.find(pc);
      listing.push_back({{"pc", pc},
                         {"line", line == p.source_lines.end() ? Json() : Json(line->second)},
                         {"text", disasm_short(word, pc)}});
    }
  }
  return {{"warnings", loaded.warnings}, {"instructions", listing.size()}, {"listing", listing}};
}

}  // namespace pipesim::web
