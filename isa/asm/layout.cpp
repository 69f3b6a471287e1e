// Layout, as ld does it with tests/asm/gnu.ld: the output sections .text (.text, .text.*),
// .rodata (.rodata*, .srodata*) from kTextBase, .data (.data*, .sdata*) and .bss (.bss*, .sbss*)
// from kDataBase. Input sections keep the order gas gives them (.text, .data, .bss first, then
// by first use); each is aligned to its own alignment and each output section to the largest
// of its inputs.
#include "isa/asm/layout.hpp"

#include <fmt/format.h>

#include "isa/asm/commons.hpp"
#include "isa/asm/directives.hpp"
#include "isa/asm/emit.hpp"
#include "isa/asm/merge_strings.hpp"

namespace pipesim::assembler {
namespace {

uint64_t align_up(uint64_t v, uint64_t a) {
  return (v + a - 1) / a * a;
}

struct Span {
  uint64_t start = 0, end = 0;
  bool empty() const { return start == end; }
};

Span place(State& st, Region region, uint64_t from) {
  uint64_t align = 1;
  for (const Section& s : st.sections)
    if (s.region == region && s.align > align) align = s.align;
  Span span{align_up(from, align), 0};
  uint64_t cur = span.start;
  for (Section& s : st.sections) {
    if (s.region != region) continue;
    if (s.excluded) {  // merged away: ld gives it neither space nor alignment
      s.addr = static_cast<uint32_t>(cur);
      continue;
    }
    cur = align_up(cur, s.align);
    s.addr = static_cast<uint32_t>(cur);
    cur += s.size();
  }
  span.end = cur;
  if (span.empty()) span = {from, from};
  return span;
}

// The first statement whose bytes reach `limit`, for the overflow message.
Loc first_reaching(const State& st, Region a, Region b, uint64_t limit) {
  for (const Section& s : st.sections) {
    if (s.region != a && s.region != b) continue;
    for (std::size_t k = 0; k < s.marks.size(); ++k) {
      const uint64_t end = k + 1 < s.marks.size() ? s.marks[k + 1].offset : s.size();
      if (s.addr + end > limit) return s.marks[k].loc;
    }
  }
  return {1, 1};
}

Segment segment(const State& st, const char* name, Span span, Region a, Region b, bool exec) {
  Segment seg;
  seg.name = name;
  seg.addr = static_cast<uint32_t>(span.start);
  seg.bytes.assign(span.end - span.start, 0);
  for (const Section& s : st.sections)
    if (s.region == a || s.region == b)
      std::copy(s.bytes.begin(), s.bytes.end(), seg.bytes.begin() + (s.addr - seg.addr));
  seg.mem_size = static_cast<uint32_t>(seg.bytes.size());
  seg.executable = exec;
  return seg;
}

}  // namespace

Program build_program(State& st) {
  allocate_commons(st);
  // gas pads the end of code sections to their alignment (with nops), not data sections.
  for (Section& s : st.sections)
    if (s.region == Region::Text) {
      const std::vector<uint8_t> pad = code_padding((s.align - s.bytes.size() % s.align) % s.align);
      s.bytes.insert(s.bytes.end(), pad.begin(), pad.end());
    }

  merge_strings(st);
  const Span text = place(st, Region::Text, kTextBase);
  const Span ro = place(st, Region::Rodata, text.end);
  if (ro.end > kDataBase)
    st.src.error(
        first_reaching(st, Region::Text, Region::Rodata, kDataBase),
        fmt::format("code and read-only data end at {:#x}, past the start of data at {:#x}", ro.end,
                    kDataBase));
  const Span data = place(st, Region::Data, kDataBase);
  const Span bss = place(st, Region::Bss, data.end);
  // The bytes themselves are bounded as they are emitted; this bounds the padding between
  // sections too (thousands of empty sections aligned to 64 KiB would take gigabytes).
  if (bss.end - kDataBase > kMaxProgramBytes)
    st.src.error(first_reaching(st, Region::Data, Region::Bss, kDataBase + kMaxProgramBytes),
                 fmt::format("data and .bss end at {:#x}, more than {} MiB past the start of data "
                             "at {:#x}, the most memory pipesim gives a program",
                             bss.end, kMaxProgramBytes >> 20, kDataBase));
  st.laid_out = true;

  for (const Section& s : st.sections)
    for (const Section::Mark& m : s.marks)
      if (m.insn && (s.addr + m.offset) % 4 != 0)
        st.src.error(m.loc, fmt::format("misaligned instruction at {:#x}: instructions must be "
                                        "4-byte aligned (in code '.align 2' does not pad; use "
                                        "'.balign 4, 0')",
                                        s.addr + m.offset));
  resolve_fixups(st);

  Program p;
  if (!text.empty())
    p.segments.push_back(segment(st, ".text", text, Region::Text, Region::Text, true));
  if (!ro.empty())
    p.segments.push_back(segment(st, ".rodata", ro, Region::Rodata, Region::Rodata, false));
  if (!data.empty()) {
    Segment seg = segment(st, ".data", data, Region::Data, Region::Data, false);
    if (!bss.empty()) seg.mem_size = static_cast<uint32_t>(bss.end - data.start);
    p.segments.push_back(std::move(seg));
  } else if (!bss.empty()) {
    Segment seg;
    seg.name = ".bss";
    seg.addr = static_cast<uint32_t>(bss.start);
    seg.mem_size = static_cast<uint32_t>(bss.end - bss.start);
    p.segments.push_back(std::move(seg));
  }

  // Listings prefer global names, then ordinary local ones, then .L names; numeric local
  // labels are never shown.
  std::map<uint32_t, int> rank;
  for (const std::string& name : st.symbol_order) {
    const Symbol& s = st.symbols.at(name);
    if (s.numeric || !s.value || s.value->absolute()) continue;
    if (st.sections[static_cast<std::size_t>(s.value->sec)].region == Region::Unloaded) continue;
    const auto addr = static_cast<uint32_t>(final_value(*s.value, st));
    p.symbols[name] = addr;
    if (s.kind != Symbol::Kind::Label) continue;
    const int r = s.global ? 0 : name.rfind(".L", 0) == 0 ? 2 : 1;
    auto it = rank.find(addr);
    if (it == rank.end() || r < it->second) {
      rank[addr] = r;
      p.labels[addr] = name;
    }
  }
  const auto start = p.symbols.find("_start");
  p.entry = start != p.symbols.end() ? start->second : kTextBase;
  for (const Section& s : st.sections)
    for (const Section::Mark& m : s.marks)
      if (m.insn) p.source_lines[s.addr + m.offset] = st.src.at(m.loc.file).main_line(m.loc.line);
  fill_source_map(st, p.c_source);
  return p;
}

}  // namespace pipesim::assembler
