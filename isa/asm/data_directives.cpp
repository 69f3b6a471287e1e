// Directives that put bytes into the current section: integers of every width (.byte to .octa,
// .dc.*), floating point (.float, .double, .dc.s/.d/.x), strings (.ascii, .string8/16/32),
// LEB128, repeated blocks (.dcb.*, .ds.*, .space, .fill), alignment padding and .org. Sizes and
// fill rules are gas's (binutils 2.40, read.c), checked against it by tests/asm/corpus/4*.s.
#include <fmt/format.h>

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>

#include "isa/asm/directive_context.hpp"
#include "isa/asm/directives.hpp"
#include "isa/asm/x87_extended.hpp"

namespace pipesim::assembler {
namespace {

// Integer data: the value truncated to `size` bytes, or a fixup when it is an address.
void data(const Ctx& c, unsigned size) {
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
      std::vector<uint8_t> bytes = little_endian(u, size);
      // Wider than 64 bits (.octa): gas sign-extends a negative constant.
      for (unsigned k = 8; k < size; ++k) bytes[k] = v->v < 0 ? 0xff : 0;
      put(c.st, c.s, bytes);
      continue;
    }
    if (c.st.section().region == Region::Bss)
      c.fail(r.b, fmt::format("'{}' can only hold zeros", c.st.section().name));
    if (size > 8) c.fail(r.b, fmt::format("'{}' needs a constant", c.name()));
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

// .ascii/.asciz/.string (width 1) and .string16/.string32: each character widened to `width`
// little-endian bytes, then (if terminated) a zero character of the same width.
void strings(const Ctx& c, bool terminate, unsigned width) {
  for (const Range& r : c.ops) {
    if (r.e != r.b + 1 || c.s.toks[r.b].kind != Tok::String)
      c.fail(r.b, fmt::format("'{}' expects a string", c.name()));
    std::vector<uint8_t> bytes;
    for (char ch : c.s.toks[r.b].text) {
      bytes.push_back(static_cast<uint8_t>(ch));
      bytes.insert(bytes.end(), width - 1, 0);
    }
    if (terminate) bytes.insert(bytes.end(), width, 0);
    put(c.st, c.s, bytes);
  }
}

int64_t checked_size(const Ctx& c, std::size_t op, int64_t n, int64_t unit) {
  if (n < 0) c.fail(c.ops[op].b, fmt::format("invalid size {}", n));
  if (n > kMaxDirectiveBytes / unit)
    c.fail(c.ops[op].b,
           fmt::format("size {} is too large: one directive reserves at most 16 MiB", n * unit));
  return n * unit;
}

// gas puts .space/.fill bytes in a frag's tail (rs_fill): branch relaxation must know.
Frag fill_frag(const State& st, int64_t bytes) {
  Frag f;
  f.tail = static_cast<uint32_t>(st.here().v);
  f.size = static_cast<uint32_t>(bytes);
  return f;
}

// .space/.skip/.zero (unit 1) and .ds.* (count units of `unit` bytes): the fill value is
// stored in each unit, as gas's s_space does.
void space(const Ctx& c, unsigned unit) {
  c.count(1, 2);
  const int64_t n = checked_size(c, 0, c.constant(0, "size"), unit);
  const int64_t fill = c.has(1) ? c.constant(1, "fill value") : 0;
  const std::vector<uint8_t> one = little_endian(static_cast<uint64_t>(fill), unit);
  std::vector<uint8_t> all;
  all.reserve(static_cast<std::size_t>(n));
  for (int64_t k = 0; k < n / unit; ++k) all.insert(all.end(), one.begin(), one.end());
  const Frag tail = fill_frag(c.st, n);
  put(c.st, c.s, all);
  if (n > 0) c.st.close_frag(tail);
}

void fill(const Ctx& c) {
  c.count(1, 3);
  const int64_t repeat = c.constant(0, "repeat count");
  const int64_t size = c.has(1) ? c.constant(1, "size") : 1;
  const int64_t value = c.has(2) ? c.constant(2, "fill value") : 0;
  if (repeat < 0 || repeat > kMaxDirectiveBytes)
    c.fail(c.ops[0].b, fmt::format("invalid repeat count {}", repeat));
  if (size < 0 || size > 8) c.fail(c.ops[1].b, fmt::format("invalid .fill size {} (0 to 8)", size));
  if (repeat * size > kMaxDirectiveBytes)
    c.fail(c.ops[0].b, fmt::format("size {} is too large: one directive reserves at most 16 MiB",
                                   repeat * size));
  if (repeat == 0 || size == 0) return;  // no bytes, and no loop of 16 million empty steps
  // gas takes the value as 4 bytes; larger sizes get zeros in the upper bytes.
  std::vector<uint8_t> one =
      little_endian(static_cast<uint32_t>(value), static_cast<unsigned>(size));
  std::vector<uint8_t> all;
  all.reserve(static_cast<std::size_t>(repeat * size));
  for (int64_t k = 0; k < repeat; ++k) all.insert(all.end(), one.begin(), one.end());
  const Frag tail = fill_frag(c.st, repeat * size);
  put(c.st, c.s, all);
  c.st.close_frag(tail);
}

// .p2align/.align (power of two) and .balign (bytes): [fill [, max skip]]; the w/l forms
// (pattern 2 or 4) fill with a 2- or 4-byte pattern, and the padding must be a multiple of it
// (gas's error). Without a fill value the w/l forms pad as the plain ones (gas warns).
void align(const Ctx& c, bool power, unsigned pattern) {
  c.count(1, 3);
  if (pattern > 1 && !c.has(1)) c.st.warn(c.s.loc(0), "expected fill pattern missing");
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
  // gas (riscv_frag_align_code): in code, without a fill value, aligning to no more than the
  // instruction size only records the alignment; it does not pad. Any other alignment is a
  // frag's tail (rs_align), which branch relaxation must know; it is closed after the padding.
  Frag tail;
  tail.kind = Frag::Tail::Align;
  tail.tail = static_cast<uint32_t>(sec.size());
  tail.size = a;
  if (c.has(2)) tail.max_skip = c.constant(2, "maximum skip");
  const bool frag = !(sec.region == Region::Text && !c.has(1) && a <= 4);
  const bool skipped = c.has(2) && static_cast<int64_t>(pad) > tail.max_skip;
  if (!skipped && a > sec.align) sec.align = a;
  if (!frag) return;
  if (!skipped && pad != 0) {
    if (c.has(1)) {
      const auto f = static_cast<uint64_t>(c.constant(1, "fill value"));
      if (pad % pattern != 0)
        c.fail(0, fmt::format("alignment padding ({} bytes) not a multiple of {}", pad, pattern));
      std::vector<uint8_t> out;
      const std::vector<uint8_t> one = little_endian(f, pattern);
      while (out.size() < pad) out.insert(out.end(), one.begin(), one.end());
      put(c.st, c.s, out);
    } else {
      c.st.emit(sec.region == Region::Text ? code_padding(pad) : std::vector<uint8_t>(pad),
                c.s.loc(0));
    }
  }
  c.st.close_frag(tail);
}

// One operand, as gas for RISC-V takes (its own s_riscv_leb128).
void leb128(const Ctx& c, bool is_signed) {
  c.count(1, 1);
  for (std::size_t i = 0; i < c.ops.size(); ++i) {
    int64_t v = c.constant(i, is_signed ? "'.sleb128' value" : "'.uleb128' value");
    auto u = static_cast<uint64_t>(v);
    std::vector<uint8_t> out;
    for (;;) {
      const auto low = static_cast<uint8_t>(u & 0x7f);
      u >>= 7;
      if (is_signed) v >>= 7;
      const bool done =
          is_signed ? ((v == 0 && !(low & 0x40)) || (v == -1 && (low & 0x40))) : u == 0;
      out.push_back(done ? low : static_cast<uint8_t>(low | 0x80));
      if (done) break;
    }
    put(c.st, c.s, out);
  }
}

// IEEE floating point of `size` bytes (4 single, 8 double, 10 x87 extended, as gas's 'x').
std::vector<uint8_t> float_bytes(const Ctx& c, std::size_t i, unsigned size) {
  std::string t = c.text(i);
  std::string num = t;
  std::string sign;
  while (!num.empty() && (num[0] == '-' || num[0] == '+')) {
    if (num[0] == '-') sign = sign.empty() ? "-" : "";
    num.erase(0, 1);
  }
  // gas's optional flonum prefix: 0f1.5, 0d1.5, 0e1.5 ...
  if (num.size() > 2 && num[0] == '0' && std::strchr("fFdDeErRsSxXpPhH", num[1]) != nullptr &&
      (std::isdigit(static_cast<unsigned char>(num[2])) || num[2] == '.' || num[2] == '-' ||
       num[2] == '+'))
    num.erase(0, 2);
  num = sign + num;
  const bool digits_only = num.find_first_not_of("0123456789.eE+-") == std::string::npos;
  const bool special = num == "inf" || num == "-inf" || num == "nan" || num == "-nan" ||
                       num == "infinity" || num == "-infinity";
  if (num.empty() || (!digits_only && !special))
    c.fail(c.ops[i].b, fmt::format("invalid floating-point number '{}'", t));
  if (size == 10) {
    // Not through long double: that is x87's format only on x86 hosts (x87_extended.hpp).
    const auto x = x87_extended_bytes(num);
    if (!x) c.fail(c.ops[i].b, fmt::format("invalid floating-point number '{}'", t));
    return {x->begin(), x->end()};
  }
  errno = 0;
  char* end = nullptr;
  std::vector<uint8_t> out(size);
  if (size == 4) {
    const float f = std::strtof(num.c_str(), &end);
    std::memcpy(out.data(), &f, 4);
  } else {
    const double d = std::strtod(num.c_str(), &end);
    std::memcpy(out.data(), &d, 8);
  }
  if (end == nullptr || *end != '\0')
    c.fail(c.ops[i].b, fmt::format("invalid floating-point number '{}'", t));
  return out;
}

void floats(const Ctx& c, unsigned size) {
  for (std::size_t i = 0; i < c.ops.size(); ++i) put(c.st, c.s, float_bytes(c, i, size));
}

// .dcb.<size> count [, value]: count copies of the value (a float for .s/.d/.x).
void dcb(const Ctx& c, unsigned size, bool is_float) {
  c.count(1, 2);
  const int64_t n = checked_size(c, 0, c.constant(0, "repeat count"), size) / size;
  std::vector<uint8_t> one(size);
  if (c.has(1))
    one = is_float ? float_bytes(c, 1, size)
                   : little_endian(static_cast<uint64_t>(c.constant(1, "value")), size);
  std::vector<uint8_t> all;
  for (int64_t k = 0; k < n; ++k) all.insert(all.end(), one.begin(), one.end());
  const Frag tail = fill_frag(c.st, n * size);
  put(c.st, c.s, all);
  if (n > 0) c.st.close_frag(tail);
}

// .org target [, fill]: moves '.' forward to `target` (a constant offset in the section, or an
// address in it), filling with the byte.
void org(const Ctx& c) {
  c.count(1, 2);
  const Expr e = expr_operand(c.st, c.s, c.ops[0]);
  const auto v = c.st.eval(e, c.st.here());
  if (!v) c.fail(c.ops[0].b, "'.org' needs a value known at this point");
  if (!v->absolute() && v->sec != c.st.cur)
    c.fail(c.ops[0].b,
           fmt::format("'.org' into another section ('{}')", c.st.section_name(v->sec)));
  const auto size = static_cast<int64_t>(c.st.section().size());
  if (v->v < size)
    c.fail(c.ops[0].b, fmt::format("'.org' moves backwards (from offset {} to {})", size, v->v));
  const int64_t n = checked_size(c, 0, v->v - size, 1);
  const int64_t f = c.has(1) ? c.constant(1, "fill value") : 0;
  const Frag tail = fill_frag(c.st, n);
  put(c.st, c.s, std::vector<uint8_t>(static_cast<std::size_t>(n), static_cast<uint8_t>(f)));
  c.st.close_frag(tail);  // gas: an rs_org frag
}

void nop(const Ctx& c) {
  c.count(0, 0);
  if (c.st.section().region == Region::Bss)
    c.fail(0, fmt::format("instructions are not allowed in '{}'", c.st.section().name));
  c.st.emit({0x13, 0x00, 0x00, 0x00}, c.s.loc(0), c.st.section().region == Region::Text);
}

// .insn value and .insn 4, value: a 32-bit instruction given by its encoding. The formats with
// fields (.insn r ..., .insn i ...) are refused: pipesim has no encoder outside its table.
void insn(const Ctx& c) {
  // A format name is an identifier followed by an operand, not by an operator.
  if (!c.ops.empty() && c.ops[0].e > c.ops[0].b + 1 && c.s.toks[c.ops[0].b].kind == Tok::Ident &&
      c.s.toks[c.ops[0].b + 1].kind != Tok::Punct)
    c.fail(c.ops[0].b,
           "only '.insn value' and '.insn 4, value' are supported (the formats "
           "with fields are not; write the instruction itself)");
  c.count(1, 2);
  const std::size_t v_op = c.ops.size() - 1;
  const int64_t v = c.constant(v_op, "instruction");
  const int64_t length = c.ops.size() == 2 ? c.constant(0, "length") : 4;
  if ((v & 3) != 3 || length == 2)
    c.fail(c.ops[v_op].b, "compressed (16-bit) instructions are not supported");
  if (length != 4 || (v & 0x1f) == 0x1f || v < 0 || v > 0xffffffff)
    c.fail(c.ops[v_op].b, fmt::format("value conflicts with instruction length {}", length));
  if (c.st.section().region == Region::Bss)
    c.fail(0, fmt::format("instructions are not allowed in '{}'", c.st.section().name));
  c.st.emit(little_endian(static_cast<uint64_t>(v), 4), c.s.loc(0),
            c.st.section().region == Region::Text);
}

Directive ints(std::string_view name, unsigned size) {
  return {name, [size](const Ctx& c) { data(c, size); }, true};
}

}  // namespace

std::string Ctx::text(std::size_t i) const {
  const Range r = ops[i];
  if (r.empty()) fail(r.b, "missing operand");
  // The statement's own input: a .rept or macro body is a Source of its own, whose columns do
  // not fit the main file's line of the same number.
  const std::string_view line = st.src.at(s.file).line(s.line);
  const auto from = std::min(static_cast<std::size_t>(s.toks[r.b].col - 1), line.size());
  const Token& last = s.toks[r.e - 1];
  // The end of the last token: its text is as written except for strings and %relocs.
  std::size_t to = static_cast<std::size_t>(last.col - 1) + last.text.size();
  if (last.kind == Tok::String || last.kind == Tok::Reloc || to > line.size()) to = line.size();
  std::string out(line.substr(from, to - from));
  while (!out.empty() && std::isspace(static_cast<unsigned char>(out.back()))) out.pop_back();
  return out;
}

void put(State& st, const Stmt& s, const std::vector<uint8_t>& bytes) {
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

const std::vector<Directive>& data_directives() {
  auto str = [](std::string_view n, bool term, unsigned width) {
    return Directive{n, [term, width](const Ctx& c) { strings(c, term, width); }, true};
  };
  auto flt = [](std::string_view n, unsigned size) {
    return Directive{n, [size](const Ctx& c) { floats(c, size); }, true};
  };
  auto ds = [](std::string_view n, unsigned unit) {
    return Directive{n, [unit](const Ctx& c) { space(c, unit); }, true};
  };
  auto block = [](std::string_view n, unsigned size, bool is_float) {
    return Directive{n, [size, is_float](const Ctx& c) { dcb(c, size, is_float); }, true};
  };
  auto al = [](std::string_view n, bool power, unsigned pattern) {
    return Directive{n, [power, pattern](const Ctx& c) { align(c, power, pattern); }, true};
  };
  static const std::vector<Directive> t = {
      ints(".byte", 1),
      ints(".dc.b", 1),
      ints(".half", 2),
      ints(".hword", 2),
      ints(".short", 2),
      ints(".2byte", 2),
      ints(".dc", 2),
      ints(".dc.w", 2),
      ints(".word", 4),
      ints(".int", 4),
      ints(".long", 4),
      ints(".4byte", 4),
      ints(".dc.l", 4),
      ints(".dc.a", 4),  // an address: 4 bytes on RV32
      ints(".dword", 8),
      ints(".quad", 8),
      ints(".8byte", 8),
      ints(".octa", 16),
      flt(".float", 4),
      flt(".single", 4),
      flt(".dc.s", 4),
      flt(".double", 8),
      flt(".dc.d", 8),
      flt(".dc.x", 10),
      str(".ascii", false, 1),
      str(".asciz", true, 1),
      str(".string", true, 1),
      str(".string8", true, 1),
      str(".string16", true, 2),
      str(".string32", true, 4),
      {".sleb128", [](const Ctx& c) { leb128(c, true); }, true},
      {".uleb128", [](const Ctx& c) { leb128(c, false); }, true},
      {".zero", [](const Ctx& c) { c.count(1, 1), space(c, 1); }, true},
      ds(".space", 1),
      ds(".skip", 1),
      ds(".ds.b", 1),
      ds(".ds", 2),
      ds(".ds.w", 2),
      ds(".ds.l", 4),
      ds(".ds.s", 4),
      ds(".ds.d", 8),
      ds(".ds.x", 12),
      ds(".ds.p", 12),
      block(".dcb", 2, false),
      block(".dcb.b", 1, false),
      block(".dcb.w", 2, false),
      block(".dcb.l", 4, false),
      block(".dcb.s", 4, true),
      block(".dcb.d", 8, true),
      block(".dcb.x", 10, true),
      {".fill", fill, true},
      al(".align", true, 1),  // on RISC-V .align n means 2^n bytes
      al(".p2align", true, 1),
      al(".p2alignw", true, 2),
      al(".p2alignl", true, 4),
      al(".balign", false, 1),
      al(".balignw", false, 2),
      al(".balignl", false, 4),
      {".org", org, true},
      {".nop", nop, true},
      {".insn", insn, true},
  };
  return t;
}

}  // namespace pipesim::assembler
