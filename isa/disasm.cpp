// The disassembler (see disasm.hpp). Each instruction is rendered from its operand pattern:
// the format's pattern from the table (isa::info(op).fmt), or an alias row's pattern. Pattern
// letters are objdump's (opcodes/riscv-dis.c print_insn_args), so that the comments objdump
// adds for address-forming sequences (maybe_print_address) happen on the same operands.
#include "isa/disasm.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string_view>
#include <vector>

#include "isa/csr.hpp"
#include "isa/isa.hpp"

namespace pipesim {
namespace {

using isa::Fmt;
using isa::Op;

// Operand patterns, objdump's letters:
//   d rd   s rs1   t rs2   j I-immediate (decimal)   o(s) load/jalr offset   q(s) store offset
//   u U-immediate >> 12 (hex)   > shift amount (hex)   a jal target   p branch target
//   P,Q fence predecessor/successor sets   E CSR (name or hex number)   Z CSR 5-bit immediate
std::string_view format_pattern(Fmt f) {
  switch (f) {
    case Fmt::R:
      return "d,s,t";
    case Fmt::I:
      return "d,s,j";
    case Fmt::Shift:
      return "d,s,>";
    case Fmt::Load:
    case Fmt::Jalr:
      return "d,o(s)";
    case Fmt::S:
      return "t,q(s)";
    case Fmt::B:
      return "s,t,p";
    case Fmt::U:
      return "d,u";
    case Fmt::J:
      return "d,a";
    case Fmt::Fence:
      return "P,Q";
    case Fmt::Sys:
      return "";
    case Fmt::Csr:
      return "d,E,s";
    case Fmt::CsrI:
      return "d,E,Z";
  }
  return "";
}

// An alias applies when every given field has the given value (-1 / nullopt: any value).
// Rows of one Op are in objdump's priority order (the order of opcodes/riscv-opc.c, whose
// first matching entry objdump prints). `quirk` marks aliases that only reproduce objdump
// (register-immediate instructions printed under their register-register name); the short
// form skips them.
struct Alias {
  Op op;
  int8_t rd, rs1, rs2;
  std::optional<int32_t> imm;
  std::string_view mnemonic;
  std::string_view pattern;
  bool quirk = false;
};

constexpr int8_t kAny = -1;
constexpr int8_t kZero = 0, kRa = 1;

const Alias kAliases[] = {
    {Op::Jal, kZero, kAny, kAny, std::nullopt, "j", "a"},
    {Op::Jal, kRa, kAny, kAny, std::nullopt, "jal", "a"},
    {Op::Jalr, kZero, kRa, kAny, 0, "ret", ""},
    {Op::Jalr, kZero, kAny, kAny, 0, "jr", "s"},
    {Op::Jalr, kZero, kAny, kAny, std::nullopt, "jr", "o(s)"},
    {Op::Jalr, kRa, kAny, kAny, 0, "jalr", "s"},
    {Op::Jalr, kRa, kAny, kAny, std::nullopt, "jalr", "o(s)"},
    {Op::Jalr, kAny, kAny, kAny, 0, "jalr", "d,s"},
    {Op::Beq, kAny, kAny, kZero, std::nullopt, "beqz", "s,p"},
    {Op::Bne, kAny, kAny, kZero, std::nullopt, "bnez", "s,p"},
    {Op::Bge, kAny, kZero, kAny, std::nullopt, "blez", "t,p"},
    {Op::Bge, kAny, kAny, kZero, std::nullopt, "bgez", "s,p"},
    {Op::Blt, kAny, kAny, kZero, std::nullopt, "bltz", "s,p"},
    {Op::Blt, kAny, kZero, kAny, std::nullopt, "bgtz", "t,p"},
    {Op::Addi, kZero, kZero, kAny, 0, "nop", ""},
    {Op::Addi, kAny, kZero, kAny, std::nullopt, "li", "d,j"},
    {Op::Addi, kAny, kAny, kAny, 0, "mv", "d,s"},
    {Op::Addi, kAny, kAny, kAny, std::nullopt, "add", "d,s,j", true},
    {Op::Xori, kAny, kAny, kAny, -1, "not", "d,s"},
    {Op::Xori, kAny, kAny, kAny, std::nullopt, "xor", "d,s,j", true},
    {Op::Ori, kAny, kAny, kAny, std::nullopt, "or", "d,s,j", true},
    {Op::Andi, kAny, kAny, kAny, 255, "zext.b", "d,s", true},
    {Op::Andi, kAny, kAny, kAny, std::nullopt, "and", "d,s,j", true},
    {Op::Sltiu, kAny, kAny, kAny, 1, "seqz", "d,s"},
    {Op::Slli, kAny, kAny, kAny, std::nullopt, "sll", "d,s,>", true},
    {Op::Srli, kAny, kAny, kAny, std::nullopt, "srl", "d,s,>", true},
    {Op::Srai, kAny, kAny, kAny, std::nullopt, "sra", "d,s,>", true},
    {Op::Sub, kAny, kZero, kAny, std::nullopt, "neg", "d,t"},
    {Op::Slt, kAny, kAny, kZero, std::nullopt, "sltz", "d,s"},
    {Op::Slt, kAny, kZero, kAny, std::nullopt, "sgtz", "d,t"},
    {Op::Sltu, kAny, kZero, kAny, std::nullopt, "snez", "d,t"},
    {Op::Fence, kAny, kAny, kAny, 0xff, "fence", ""},
    // Zicsr (imm is the CSR number). objdump names the immediate forms after the register ones.
    {Op::Csrrs, kAny, kZero, kAny, 0xc00, "rdcycle", "d"},
    {Op::Csrrs, kAny, kZero, kAny, 0xc01, "rdtime", "d"},
    {Op::Csrrs, kAny, kZero, kAny, 0xc02, "rdinstret", "d"},
    {Op::Csrrs, kAny, kZero, kAny, 0xc80, "rdcycleh", "d"},
    {Op::Csrrs, kAny, kZero, kAny, 0xc81, "rdtimeh", "d"},
    {Op::Csrrs, kAny, kZero, kAny, 0xc82, "rdinstreth", "d"},
    {Op::Csrrs, kAny, kZero, kAny, std::nullopt, "csrr", "d,E"},
    {Op::Csrrw, kZero, kAny, kAny, std::nullopt, "csrw", "E,s"},
    {Op::Csrrs, kZero, kAny, kAny, std::nullopt, "csrs", "E,s"},
    {Op::Csrrc, kZero, kAny, kAny, std::nullopt, "csrc", "E,s"},
    {Op::Csrrwi, kZero, kAny, kAny, std::nullopt, "csrw", "E,Z", true},
    {Op::Csrrwi, kZero, kAny, kAny, std::nullopt, "csrwi", "E,Z"},
    {Op::Csrrsi, kZero, kAny, kAny, std::nullopt, "csrs", "E,Z", true},
    {Op::Csrrsi, kZero, kAny, kAny, std::nullopt, "csrsi", "E,Z"},
    {Op::Csrrci, kZero, kAny, kAny, std::nullopt, "csrc", "E,Z", true},
    {Op::Csrrci, kZero, kAny, kAny, std::nullopt, "csrci", "E,Z"},
    {Op::Csrrwi, kAny, kAny, kAny, std::nullopt, "csrrw", "d,E,Z", true},
    {Op::Csrrsi, kAny, kAny, kAny, std::nullopt, "csrrs", "d,E,Z", true},
    {Op::Csrrci, kAny, kAny, kAny, std::nullopt, "csrrc", "d,E,Z", true},
};

bool alias_matches(const Alias& a, const isa::Insn& in) {
  return a.op == in.op && (a.rd == kAny || a.rd == in.rd) && (a.rs1 == kAny || a.rs1 == in.rs1) &&
         (a.rs2 == kAny || a.rs2 == in.rs2) && (!a.imm || *a.imm == in.imm);
}

// Words objdump names although they are not instructions we execute (unimp is a write to the
// read-only cycle counter: it faults as an illegal instruction, which is its purpose).
constexpr uint32_t kUnimp = 0xc0001073;  // csrrw zero, cycle, zero: GNU as's `unimp`

// fence's encoding has fields RV32IM leaves reserved (fm, rd, rs1); objdump only prints
// `fence` when they are zero, and `fence.tso` for fm=1000 with pred=succ=rw.
constexpr uint32_t kFenceReserved = 0xf00f8f80;
constexpr uint32_t kFenceTso = 0x8330000f;

const char* const kFenceSets[16] = {"unknown", "w",  "r",  "rw",  "o",  "ow",  "or",  "orw",
                                    "i",       "iw", "ir", "irw", "io", "iow", "ior", "iorw"};

// objdump's name for an address: "<foo>", "<foo+0x8>", "<_start-0xfd0>" (the nearest symbol at
// or below, else the first symbol), or "" when there are no symbols. `vma` is 64-bit as in
// binutils: values past 4 GiB (a negative lui or auipc result) are above every symbol, and
// offsets are shown truncated to 32 bits.
std::string symbol_text(uint64_t vma, const std::map<uint32_t, std::string>* labels) {
  if (labels == nullptr || labels->empty()) return {};
  auto it = vma > 0xffffffffu ? labels->end() : labels->upper_bound(static_cast<uint32_t>(vma));
  if (it != labels->begin()) --it;
  const uint64_t sym = it->first;
  if (sym == vma) return fmt::format("<{}>", it->second);
  if (sym > vma) return fmt::format("<{}-0x{:x}>", it->second, static_cast<uint32_t>(sym - vma));
  return fmt::format("<{}+0x{:x}>", it->second, static_cast<uint32_t>(vma - sym));
}

// The text objdump prints for an address operand or comment: "10078 <foo>", or "0x10078" when
// there are no symbols.
std::string address_text(uint64_t vma, const std::map<uint32_t, std::string>* labels) {
  const uint32_t shown = static_cast<uint32_t>(vma);
  if (labels == nullptr || labels->empty()) return fmt::format("0x{:x}", shown);
  return fmt::format("{:x} {}", shown, symbol_text(vma, labels));
}

// A rendered instruction: mnemonic, operands and the address for a "# ..." comment.
struct Rendered {
  std::string_view mnemonic;
  std::vector<std::string> operands;
  std::optional<uint64_t> comment_addr;
  uint32_t target = 0;  // branch/jump target (for the short form)
  bool has_target = false;
  std::string raw;  // a directive instead of an instruction (".4byte\t0x...")
};

// State objdump keeps while walking a section (riscv_private_data in riscv-dis.c).
struct Tracking {
  std::array<uint64_t, 32>* hi_addr = nullptr;  // nullptr: no memory (single instruction)
  uint64_t gp = ~uint64_t{0};
};

constexpr uint64_t kNone = ~uint64_t{0};

uint64_t sext64(int32_t v) {
  return static_cast<uint64_t>(static_cast<int64_t>(v));
}

// objdump's maybe_print_address: decides whether `offset(base)` gets a "# address" comment.
void maybe_address(Tracking& t, unsigned base, int32_t offset, Rendered& r) {
  uint64_t addr;
  if (t.hi_addr != nullptr && (*t.hi_addr)[base] != kNone) {
    addr = (base != 0 ? (*t.hi_addr)[base] : 0) + sext64(offset);
    (*t.hi_addr)[base] = kNone;
  } else if (base == 3 && t.gp != kNone) {
    addr = t.gp + sext64(offset);
  } else if (base == 4 || base == 0) {
    addr = sext64(offset);
  } else {
    return;
  }
  r.comment_addr = addr;
}

Rendered render(uint32_t word, uint32_t pc, bool aliases, bool short_form, Tracking& t) {
  Rendered r;
  const isa::Insn in = isa::decode(word);
  if (word == kUnimp) {  // csrrw zero, cycle, zero: objdump prints GNU as's `unimp`
    r.mnemonic = "unimp";
    return r;
  }
  if (in.op == Op::Illegal || (in.op == Op::Fence && (word & kFenceReserved) != 0)) {
    if (word == kFenceTso) {
      r.mnemonic = "fence.tso";
      return r;
    }
    r.raw = fmt::format(".4byte{}0x{:x}", short_form ? " " : "\t", word);
    return r;
  }
  r.mnemonic = isa::mnemonic(in.op);
  std::string_view pattern = format_pattern(in.fmt());
  if (aliases) {
    for (const Alias& a : kAliases) {
      if ((short_form && a.quirk) || !alias_matches(a, in)) continue;
      r.mnemonic = a.mnemonic;
      pattern = a.pattern;
      break;
    }
  }
  const bool is_jalr = in.op == Op::Jalr;
  std::string cur;
  auto flush = [&] {
    r.operands.push_back(cur);
    cur.clear();
  };
  for (std::size_t k = 0; k < pattern.size(); ++k) {
    switch (pattern[k]) {
      case ',':
        flush();
        break;
      case '(':
      case ')':
        cur += pattern[k];
        break;
      case 'd':
        if (in.op == Op::Auipc && t.hi_addr != nullptr)
          (*t.hi_addr)[in.rd] = pc + sext64(in.imm);
        else if (in.op == Op::Lui && t.hi_addr != nullptr)
          (*t.hi_addr)[in.rd] = sext64(in.imm);
        cur += isa::abi_name(in.rd);
        break;
      case 's':
        if (is_jalr) maybe_address(t, in.rs1, in.imm, r);
        cur += isa::abi_name(in.rs1);
        break;
      case 't':
        cur += isa::abi_name(in.rs2);
        break;
      case 'o':
        // objdump checks the base for the offset and again for jalr's immediate (its 'o' case
        // falls through to 'j'); the second check only matters for tp/zero/gp bases.
        maybe_address(t, in.rs1, in.imm, r);
        [[fallthrough]];
      case 'j':
        if ((in.op == Op::Addi && in.rs1 != 0) || is_jalr) maybe_address(t, in.rs1, in.imm, r);
        cur += fmt::format("{}", in.imm);
        break;
      case 'q':
        maybe_address(t, in.rs1, in.imm, r);
        cur += fmt::format("{}", in.imm);
        break;
      case 'u':
        cur += fmt::format("0x{:x}", static_cast<uint32_t>(in.imm) >> 12);
        break;
      case '>':
        cur += fmt::format("0x{:x}", in.imm);
        break;
      case 'a':
      case 'p':
        r.target = pc + static_cast<uint32_t>(in.imm);
        r.has_target = true;
        cur += '\x01';  // placeholder, replaced by the caller's address format
        break;
      case 'P':
        cur += kFenceSets[(in.imm >> 4) & 15];
        break;
      case 'Q':
        cur += kFenceSets[in.imm & 15];
        break;
      case 'E':
        if (const auto name = isa::csr_name(static_cast<uint32_t>(in.imm)))
          cur += *name;
        else
          cur += fmt::format("0x{:x}", in.imm);
        break;
      case 'Z':
        cur += fmt::format("{}", in.rs1);  // CsrI keeps its immediate in rs1 (isa.hpp)
        break;
      default:
        break;
    }
  }
  if (!pattern.empty()) flush();
  return r;
}

std::string join(const Rendered& r, std::string_view mnemonic_sep, std::string_view operand_sep,
                 const std::string& target_text) {
  std::string out(r.mnemonic);
  for (std::size_t k = 0; k < r.operands.size(); ++k) {
    out += k == 0 ? mnemonic_sep : operand_sep;
    for (char c : r.operands[k]) {
      if (c == '\x01')
        out += target_text;
      else
        out += c;
    }
  }
  return out;
}

std::string objdump_text(uint32_t word, uint32_t pc, DisasmStyle style,
                         const std::map<uint32_t, std::string>* labels, Tracking& t) {
  const Rendered r = render(word, pc, style == DisasmStyle::Aliases, false, t);
  if (!r.raw.empty()) return r.raw;
  std::string out =
      join(r, "\t", ",", r.has_target ? address_text(r.target, labels) : std::string());
  if (r.comment_addr) out += " # " + address_text(*r.comment_addr, labels);
  return out;
}

uint64_t find_gp(const std::map<uint32_t, std::string>* labels) {
  if (labels != nullptr)
    for (const auto& [addr, name] : *labels)
      if (name == "__global_pointer$") return addr;
  return kNone;
}

}  // namespace

std::string disasm(uint32_t word, uint32_t pc, DisasmStyle style,
                   const std::map<uint32_t, std::string>* labels) {
  Tracking t;
  t.gp = find_gp(labels);
  return objdump_text(word, pc, style, labels, t);
}

std::string disasm_short(uint32_t word, uint32_t pc) {
  Tracking t;
  const Rendered r = render(word, pc, true, true, t);
  if (!r.raw.empty()) return r.raw;
  return join(r, " ", ", ", fmt::format("0x{:x}", r.target));
}

Disassembler::Disassembler(DisasmStyle style, const std::map<uint32_t, std::string>* labels)
    : style_(style), labels_(labels), gp_(find_gp(labels)) {
  hi_addr_.fill(kUnknown);
}

std::string Disassembler::next(uint32_t word, uint32_t pc) {
  Tracking t;
  t.hi_addr = &hi_addr_;
  t.gp = gp_;
  return objdump_text(word, pc, style_, labels_, t);
}

std::string listing(const Program& program, DisasmStyle style) {
  std::vector<const Segment*> segs;
  for (const Segment& s : program.segments)
    if (s.executable) segs.push_back(&s);
  std::sort(segs.begin(), segs.end(),
            [](const Segment* a, const Segment* b) { return a->addr < b->addr; });
  const std::map<uint32_t, std::string>* labels = &program.labels;
  Disassembler dis(style, labels);
  std::string out;
  for (const Segment* seg : segs) {
    out += fmt::format("\nDisassembly of section {}:\n", seg->name);
    const std::vector<uint8_t>& b = seg->bytes;
    const uint64_t size = b.size();
    // objdump drops leading zeros of addresses in groups of 4 digits, keeping at least one
    // (based on the section's end address), then shows the remaining leading zeros as spaces.
    const std::string end_text = fmt::format("{:08x}", static_cast<uint32_t>(seg->addr + size));
    std::size_t skip = end_text.find_first_not_of('0');
    if (skip == std::string::npos) skip = 0;
    skip = skip == 0 ? 0 : ((skip - 1) & ~std::size_t{3});
    auto addr_column = [&](uint32_t addr) {
      std::string s = fmt::format("{:08x}", addr).substr(skip);
      std::size_t k = 0;
      while (k + 1 < s.size() && s[k] == '0') s[k++] = ' ';
      return s;
    };
    // "00010000 <_start>:" starts the segment and each labelled address; objdump names a
    // start without symbols after its section.
    auto header = [&](uint32_t addr) {
      const std::string sym =
          labels->empty() ? fmt::format("<{}>", seg->name) : symbol_text(addr, labels);
      out += fmt::format("\n{:08x} {}:\n", addr, sym);
    };
    uint64_t off = 0;
    header(seg->addr);
    while (off < size) {
      const uint32_t addr = seg->addr + static_cast<uint32_t>(off);
      if (off != 0 && labels->count(addr)) header(addr);
      // Chunk end: the next label inside the segment (objdump disassembles symbol by symbol).
      uint64_t stop = size;
      const auto nl = labels->upper_bound(addr);
      if (nl != labels->end() && nl->first > addr && nl->first - seg->addr < size)
        stop = nl->first - seg->addr;
      // objdump's zero skipping: 8 or more zero bytes (or fewer than 3 at the chunk's end)
      // print as "...", in multiples of 4 unless they run to the end.
      uint64_t z = off;
      while (z < stop && b[z] == 0) ++z;
      if (z - off >= 8 || (z == stop && z - off < 3 && z > off)) {
        if (z != stop) z = off + ((z - off) & ~uint64_t{3});
        out += "\t...\n";
        off = z;
        continue;
      }
      if (off + 4 > stop) {
        // A tail shorter than an instruction: objdump shows it as bytes.
        std::string hex;
        for (uint64_t k = off; k < stop; ++k) hex += fmt::format("{:02x}", b[k]);
        out += fmt::format("{}:\t{:<18}\t.byte\t0x{}\n", addr_column(addr), hex, hex);
        off = stop;
        continue;
      }
      const uint32_t word = static_cast<uint32_t>(b[off]) | static_cast<uint32_t>(b[off + 1]) << 8 |
                            static_cast<uint32_t>(b[off + 2]) << 16 |
                            static_cast<uint32_t>(b[off + 3]) << 24;
      out +=
          fmt::format("{}:\t{:08x}          \t{}\n", addr_column(addr), word, dis.next(word, addr));
      off += 4;
    }
  }
  return out;
}

}  // namespace pipesim
