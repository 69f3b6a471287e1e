// Directives, one small handler each. Unknown directives that only annotate the object file are
// accepted (or warned about); ones that would change the code in ways pipesim does not emulate
// (macros, conditionals, relaxation, compressed code) are errors.
#include "isa/asm/directives.hpp"

#include <fmt/format.h>

#include <functional>
#include <string_view>

#include "isa/asm/debug_lines.hpp"
#include "isa/asm/operands.hpp"

namespace pipesim::assembler {
namespace {

struct Ctx {
  State& st;
  const Stmt& s;
  std::vector<Range> ops;
  const std::string& name() const { return s.toks[0].text; }
  [[noreturn]] void fail(std::size_t tok, const std::string& msg) const {
    st.src.error(s.loc(tok), msg);
  }
  void count(std::size_t lo, std::size_t hi) const {
    if (ops.size() < lo || ops.size() > hi)
      fail(0, lo == hi ? fmt::format("'{}' takes {} operand{}, not {}", name(), lo,
                                     lo == 1 ? "" : "s", ops.size())
                       : fmt::format("'{}' takes {} to {} operands, not {}", name(), lo, hi,
                                     ops.size()));
  }
  bool has(std::size_t i) const { return i < ops.size() && !ops[i].empty(); }
  int64_t constant(std::size_t i, const char* what) const {
    return st.eval_constant(expr_operand(st, s, ops[i]), what);
  }
  const std::string& ident(std::size_t i) const {
    if (ops[i].e != ops[i].b + 1 || s.toks[ops[i].b].kind != Tok::Ident)
      fail(ops[i].b, fmt::format("'{}' expects a symbol name", name()));
    return s.toks[ops[i].b].text;
  }
};

void put(State& st, const Stmt& s, std::vector<uint8_t> bytes) {
  if (st.section().region == Region::Bss)
    for (uint8_t b : bytes)
      if (b != 0)
        st.src.error(s.loc(1), fmt::format("'{}' can only hold zeros", st.section().name));
  st.emit(bytes, s.loc(0));
}

std::vector<uint8_t> little_endian(uint64_t v, unsigned size) {
  std::vector<uint8_t> b(size);
  for (unsigned k = 0; k < size; ++k) b[k] = static_cast<uint8_t>(k < 8 ? v >> (8 * k) : 0);
  return b;
}

void data(const Ctx& c, unsigned size) {
  if (c.ops.empty()) return;
  for (const Range& r : c.ops) {
    const Expr e = expr_operand(c.st, c.s, r);
    const Value dot = c.st.here();
    const auto v = c.st.eval(e, dot);
    if (v && v->absolute()) {
      // The same truncation rule (and message) as gas's emit_expr.
      const uint64_t mask = size >= 8 ? 0 : ~uint64_t{0} << (8 * size);
      const uint64_t u = static_cast<uint64_t>(v->v);
      if ((u & mask) != 0 && (u & mask) != mask)
        c.st.warn(c.s.loc(r.b), fmt::format("value {:#x} truncated to {:#x}", u, u & ~mask));
      put(c.st, c.s, little_endian(u, size));
      continue;
    }
    if (c.st.section().region == Region::Bss)
      c.fail(r.b, fmt::format("'{}' can only hold zeros", c.st.section().name));
    Fixup fx;
    fx.kind = FixKind::Data;
    fx.sec = dot.sec;
    fx.off = static_cast<uint32_t>(dot.v);
    fx.size = size;
    fx.expr = e;
    fx.loc = c.s.loc(r.b);
    c.st.fixups.push_back(std::move(fx));
    c.st.emit(std::vector<uint8_t>(size), c.s.loc(0));
  }
}

void strings(const Ctx& c, bool terminate) {
  for (const Range& r : c.ops) {
    if (r.e != r.b + 1 || c.s.toks[r.b].kind != Tok::String)
      c.fail(r.b, fmt::format("'{}' expects a string", c.name()));
    const std::string& t = c.s.toks[r.b].text;
    std::vector<uint8_t> bytes(t.begin(), t.end());
    if (terminate) bytes.push_back(0);
    put(c.st, c.s, bytes);
  }
}

void space(const Ctx& c) {
  c.count(1, 2);
  const int64_t n = c.constant(0, "size");
  if (n < 0) c.fail(c.ops[0].b, fmt::format("invalid size {}", n));
  if (n > (1 << 24))
    c.fail(c.ops[0].b,
           fmt::format("size {} is too large: one directive reserves at most 16 MiB", n));
  const int64_t fill = c.has(1) ? c.constant(1, "fill value") : 0;
  put(c.st, c.s, std::vector<uint8_t>(static_cast<std::size_t>(n), static_cast<uint8_t>(fill)));
}

void fill(const Ctx& c) {
  c.count(1, 3);
  const int64_t repeat = c.constant(0, "repeat count");
  const int64_t size = c.has(1) ? c.constant(1, "size") : 1;
  const int64_t value = c.has(2) ? c.constant(2, "fill value") : 0;
  if (repeat < 0 || repeat > (1 << 24))
    c.fail(c.ops[0].b, fmt::format("invalid repeat count {}", repeat));
  if (size < 0 || size > 8) c.fail(c.ops[1].b, fmt::format("invalid .fill size {} (0 to 8)", size));
  if (repeat * size > (1 << 24))
    c.fail(c.ops[0].b, fmt::format("size {} is too large: one directive reserves at most 16 MiB",
                                   repeat * size));
  if (repeat == 0 || size == 0) return;  // no bytes, and no loop of 16 million empty steps
  // gas takes the value as 4 bytes; larger sizes get zeros in the upper bytes.
  std::vector<uint8_t> one =
      little_endian(static_cast<uint32_t>(value), static_cast<unsigned>(size));
  std::vector<uint8_t> all;
  all.reserve(static_cast<std::size_t>(repeat * size));
  for (int64_t k = 0; k < repeat; ++k) all.insert(all.end(), one.begin(), one.end());
  put(c.st, c.s, all);
}

// .p2align/.align (power of two) and .balign (bytes): [fill [, max skip]].
void align(const Ctx& c, bool power) {
  c.count(1, 3);
  const int64_t n = c.constant(0, "alignment");
  int64_t bytes = 0;
  if (power) {
    if (n < 0 || n > 16)
      c.fail(c.ops[0].b, fmt::format("alignment 2^{} is not supported (0 to 16)", n));
    bytes = int64_t{1} << n;
  } else {
    if (n < 0 || (n & (n - 1)) != 0)
      c.fail(c.ops[0].b, fmt::format("alignment {} is not a power of 2", n));
    if (n > 65536)
      c.fail(c.ops[0].b, fmt::format("alignment {} is not supported (at most 65536)", n));
    bytes = n == 0 ? 1 : n;
  }
  Section& sec = c.st.section();
  const auto a = static_cast<uint32_t>(bytes);
  const std::size_t pad = (a - sec.size() % a) % a;
  if (c.has(2) && static_cast<int64_t>(pad) > c.constant(2, "maximum skip")) return;
  if (a > sec.align) sec.align = a;
  // gas (riscv_frag_align_code): in code, without a fill value, aligning to no more than the
  // instruction size only records the alignment; it does not pad.
  if (sec.region == Region::Text && !c.has(1) && a <= 4) return;
  if (pad == 0) return;
  if (c.has(1)) {
    const auto f = static_cast<uint8_t>(c.constant(1, "fill value"));
    return put(c.st, c.s, std::vector<uint8_t>(pad, f));
  }
  c.st.emit(sec.region == Region::Text ? code_padding(pad) : std::vector<uint8_t>(pad), c.s.loc(0));
}

void equ(const Ctx& c) {
  c.count(2, 2);
  const std::string& n = c.ident(0);
  if (c.name() == ".equiv" && c.st.symbols.count(n) && c.st.symbols.at(n).value)
    c.fail(c.ops[0].b, fmt::format("symbol '{}' is already defined", n));
  c.st.define_equ(n, expr_operand(c.st, c.s, c.ops[1]), c.s.loc(c.ops[0].b));
}

// `.section name [, "flags" [, @type [, entsize]]]`: recorded on the section when it is created.
void section_attributes(const Ctx& c, Section& sec) {
  if (c.ops.size() < 2) return;
  const Token& f = c.s.toks[c.ops[1].b];
  if (c.ops[1].e != c.ops[1].b + 1 || f.kind != Tok::String)
    c.fail(c.ops[1].b, "expected section flags as a string, e.g. \"aw\"");
  sec.flags = f.text;
  if (c.ops.size() < 3) return;
  const Range r = c.ops[2];
  // The lexer keeps '@' in the type's token ("@progbits"); gas also accepts '%' before it.
  std::string type;
  for (std::size_t i = r.b; i < r.e; ++i)
    if (c.s.toks[i].kind == Tok::Ident) type = c.s.toks[i].text;
  while (!type.empty() && (type[0] == '@' || type[0] == '%')) type.erase(0, 1);
  sec.type = type;
  if (sec.has_flag('M') && c.has(3)) {
    const int64_t n = c.constant(3, "entry size");
    if (n <= 0 || n > 0x10000) c.fail(c.ops[3].b, fmt::format("invalid entry size {}", n));
    sec.entsize = static_cast<uint32_t>(n);
  }
}

void option(const Ctx& c) {
  c.count(1, 2);
  const std::string& o = c.ident(0);
  if (o == "rvc") c.fail(c.ops[0].b, "compressed instructions are not supported (.option rvc)");
  if (o == "relax") c.fail(c.ops[0].b, "linker relaxation is not supported (.option relax)");
  if (o == "pic") c.fail(c.ops[0].b, "position-independent code is not supported (.option pic)");
  if (o == "norvc" || o == "norelax" || o == "nopic" || o == "push" || o == "pop") return;
  c.st.warn(c.s.loc(c.ops[0].b), fmt::format("ignoring '.option {}'", o));
}

using Handler = std::function<void(const Ctx&)>;

void nothing(const Ctx&) {}

const std::vector<std::pair<std::string_view, Handler>>& table() {
  auto to = [](const char* sec) {
    return [sec](const Ctx& c) { c.count(0, 0), c.st.switch_section(sec, c.s.loc(0)); };
  };
  static const std::vector<std::pair<std::string_view, Handler>> t = {
      {".text", to(".text")},
      {".data", to(".data")},
      {".bss", to(".bss")},
      {".rodata", to(".rodata")},
      {".section",
       [](const Ctx& c) {
         if (c.ops.empty() || c.ops[0].empty()) c.fail(0, "'.section' needs a section name");
         const Token& t = c.s.toks[c.ops[0].b];
         if (c.ops[0].e != c.ops[0].b + 1 || (t.kind != Tok::Ident && t.kind != Tok::String))
           c.fail(c.ops[0].b, "invalid section name");
         const bool fresh = c.st.switch_section(t.text, c.s.loc(c.ops[0].b));
         if (fresh) section_attributes(c, c.st.section());
       }},
      {".globl",
       [](const Ctx& c) {
         for (std::size_t i = 0; i < c.ops.size(); ++i) c.st.symbols[c.ident(i)].global = true;
       }},
      {".equ", equ},
      {".set", equ},
      {".equiv", equ},
      {".word", [](const Ctx& c) { data(c, 4); }},
      {".4byte", [](const Ctx& c) { data(c, 4); }},
      {".long", [](const Ctx& c) { data(c, 4); }},
      {".half", [](const Ctx& c) { data(c, 2); }},
      {".2byte", [](const Ctx& c) { data(c, 2); }},
      {".short", [](const Ctx& c) { data(c, 2); }},
      {".byte", [](const Ctx& c) { data(c, 1); }},
      {".dword", [](const Ctx& c) { data(c, 8); }},
      {".8byte", [](const Ctx& c) { data(c, 8); }},
      {".quad", [](const Ctx& c) { data(c, 8); }},
      {".ascii", [](const Ctx& c) { strings(c, false); }},
      {".asciz", [](const Ctx& c) { strings(c, true); }},
      {".string", [](const Ctx& c) { strings(c, true); }},
      {".zero", [](const Ctx& c) { c.count(1, 1), space(c); }},
      {".space", space},
      {".skip", space},
      {".fill", fill},
      {".align", [](const Ctx& c) { align(c, true); }},  // on RISC-V .align n means 2^n bytes
      {".p2align", [](const Ctx& c) { align(c, true); }},
      {".balign", [](const Ctx& c) { align(c, false); }},
      {".option", option},
      // Object-file annotations with no effect on the loaded program.
      {".type", nothing},
      {".size", nothing},
      {".file", [](const Ctx& c) { file_directive(c.st, c.s); }},
      {".loc", [](const Ctx& c) { loc_directive(c.st, c.s); }},
      {".ident", nothing},
      {".attribute", nothing},
      {".local", nothing},
      {".endr", [](const Ctx& c) { c.fail(0, "'.endr' without '.rept'"); }},
  };
  return t;
}

// Directives that change what gets assembled in ways pipesim does not reproduce.
constexpr std::string_view kUnsupported[] = {
    ".macro", ".endm",   ".irp",     ".irpc",        ".if",         ".ifdef",        ".ifndef",
    ".else",  ".elseif", ".endif",   ".include",     ".incbin",     ".org",          ".comm",
    ".lcomm", ".weak",   ".end",     ".pushsection", ".popsection", ".previous",     ".subsection",
    ".float", ".double", ".sleb128", ".uleb128",     ".insn",       ".cfi_startproc"};

}  // namespace

std::vector<uint8_t> code_padding(std::size_t n) {
  std::vector<uint8_t> out;
  if (n % 2 == 1) out.push_back(0);
  if (n % 4 >= 2) out.insert(out.end(), {0x01, 0x00});  // c.nop
  for (std::size_t k = 0; k < n / 4; ++k) out.insert(out.end(), {0x13, 0x00, 0x00, 0x00});
  return out;
}

void assemble_directive(State& st, const Stmt& s) {
  std::string name = s.toks[0].text;
  if (name == ".global") name = ".globl";
  for (const auto& [n, handler] : table())
    if (n == name) return handler(Ctx{st, s, split_operands(s, 1)});
  for (std::string_view n : kUnsupported)
    if (n == name)
      st.src.error(s.loc(0), fmt::format("'{}' is not supported by pipesim's assembler", name));
  st.warn(s.loc(0), fmt::format("unknown directive '{}' ignored", name));
}

}  // namespace pipesim::assembler
