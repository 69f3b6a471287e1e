// Immediates: range checks against isa::imm_range, the %hi/%lo split (hi rounds so that the
// sign-extended lo adds back to the value), and the fixups for everything that needs addresses.
#include "isa/asm/emit.hpp"

#include <fmt/format.h>

#include <map>

namespace pipesim::assembler {
namespace {

using isa::Fmt;

int64_t hi20(int64_t v) {
  return ((static_cast<uint32_t>(v) + 0x800u) >> 12) & 0xfffffu;
}
int64_t lo12(int64_t v) {
  return static_cast<int32_t>(static_cast<uint32_t>(v) << 20) >> 20;
}

bool takes_lo(Fmt f) {
  return f == Fmt::I || f == Fmt::Load || f == Fmt::Jalr || f == Fmt::S;
}

std::string what_target(const Expr& e) {
  const Expr::Node& root = e.nodes.back();
  return root.kind == Expr::Kind::Sym ? fmt::format(" '{}'", root.written()) : "";
}

// The immediate operand of encode() for value v, or an error at `at`.
int32_t field(const State& st, isa::Op op, int64_t v, Loc at) {
  const Fmt f = isa::info(op).fmt;
  // Fence: imm_range bounds each ordering set; the caller packs two checked sets.
  if (f == Fmt::Fence) return static_cast<int32_t>(v);
  const isa::ImmRange r = isa::imm_range(f);
  const std::string_view m = isa::mnemonic(op);
  if (v < r.min || v > r.max) {
    // Branches to a label out of reach are relaxed (relax.cpp); a jal out of reach is an
    // error of the linker for GNU too ("relocation truncated to fit: R_RISCV_JAL").
    if (f == Fmt::B || f == Fmt::J)
      st.src.error(at, fmt::format("{} target out of range: offset {} is not in [{}, {}] ('{}' "
                                   "cannot reach it)",
                                   f == Fmt::B ? "branch" : "jump", v, r.min, r.max, m));
    if (f == Fmt::Shift)
      st.src.error(at, fmt::format("shift amount {} is out of range [0, 31]", v));
    st.src.error(at,
                 fmt::format("immediate {} is out of range [{}, {}] for '{}'", v, r.min, r.max, m));
  }
  if ((f == Fmt::B || f == Fmt::J) && (v & 1))
    st.src.error(at, fmt::format("{} target offset {} is odd", f == Fmt::B ? "branch" : "jump", v));
  return static_cast<int32_t>(f == Fmt::U ? v << 12 : v);
}

void put32(std::vector<uint8_t>& b, uint32_t off, uint32_t w) {
  for (unsigned k = 0; k < 4; ++k) b[off + k] = static_cast<uint8_t>(w >> (8 * k));
}

std::vector<uint8_t> word_bytes(uint32_t w) {
  return {static_cast<uint8_t>(w), static_cast<uint8_t>(w >> 8), static_cast<uint8_t>(w >> 16),
          static_cast<uint8_t>(w >> 24)};
}

// The branch taken exactly when `op` is not (gas flips the low bit of funct3).
isa::Op inverted(isa::Op op) {
  switch (op) {
    case isa::Op::Beq:
      return isa::Op::Bne;
    case isa::Op::Bne:
      return isa::Op::Beq;
    case isa::Op::Blt:
      return isa::Op::Bge;
    case isa::Op::Bge:
      return isa::Op::Blt;
    case isa::Op::Bltu:
      return isa::Op::Bgeu;
    case isa::Op::Bgeu:
      return isa::Op::Bltu;
    default:
      return op;  // not a conditional branch
  }
}

void add_fixup(State& st, FixKind kind, const isa::Insn& in, const Imm& imm) {
  Fixup fx;
  fx.kind = kind;
  fx.sec = st.cur;
  fx.off = static_cast<uint32_t>(st.here().v);
  fx.insn = in;
  fx.expr = *imm.expr;
  fx.loc = imm.loc;
  st.fixups.push_back(std::move(fx));
}

// A branch or jal to an expression: gas gives each its own frag. A conditional branch is 4
// bytes, or 8 (the inverted branch over `jal x0, target`) when relax.cpp says gas makes it so;
// a jal is always 4 bytes (gas leaves its reach to the linker).
void emit_relaxable(State& st, isa::Insn in, const Imm& imm, Loc at) {
  Frag frag;
  frag.tail = static_cast<uint32_t>(st.here().v);
  if (isa::info(in.op).fmt == Fmt::J) {
    add_fixup(st, FixKind::Jump, in, imm);
    st.emit(word_bytes(isa::encode(in)), at, true);
    frag.size = 4;
    return st.close_frag(std::move(frag));
  }
  frag.kind = Frag::Tail::Branch;
  frag.branch = st.branches++;
  frag.target = *imm.expr;
  frag.loc = at;
  const auto k = static_cast<std::size_t>(frag.branch);
  if (k < st.long_branches.size() && st.long_branches[k]) {
    isa::Insn over = in;
    over.op = inverted(in.op);
    over.imm = 8;
    st.emit(word_bytes(isa::encode(over)), at, true);
    const isa::Insn jump{isa::Op::Jal, 0, 0, 0, 0, 0};
    add_fixup(st, FixKind::Jump, jump, imm);
    st.fixups.back().after_dot = 4;
    st.emit(word_bytes(isa::encode(jump)), at, true);
  } else {
    add_fixup(st, FixKind::Branch, in, imm);
    st.emit(word_bytes(isa::encode(in)), at, true);
  }
  st.close_frag(std::move(frag));
}

}  // namespace

void emit_insn(State& st, isa::Op op, unsigned rd, unsigned rs1, unsigned rs2, const Imm& imm,
               Loc at) {
  const Fmt f = isa::info(op).fmt;
  isa::Insn in{
      op, static_cast<uint8_t>(rd), static_cast<uint8_t>(rs1), static_cast<uint8_t>(rs2), 0, 0};
  const Value dot = st.here();
  auto fixup = [&](FixKind kind) {
    Fixup fx;
    fx.kind = kind;
    fx.sec = dot.sec;
    fx.off = static_cast<uint32_t>(dot.v);
    fx.insn = in;
    fx.expr = *imm.expr;
    fx.loc = imm.loc;
    fx.pair = imm.pair;
    st.fixups.push_back(std::move(fx));
  };
  auto known = [&]() -> std::optional<int64_t> {
    const auto v = st.eval(*imm.expr, dot);
    if (v && v->absolute()) return v->v;
    return std::nullopt;
  };
  const std::string_view m = isa::mnemonic(op);
  if (!imm.expr) {
    in.imm = field(st, op, imm.value, imm.loc);
  } else {
    switch (imm.reloc) {
      case Reloc::None:
        if (f == Fmt::B || f == Fmt::J) return emit_relaxable(st, in, imm, at);
        if (auto v = known()) {
          in.imm = field(st, op, *v, imm.loc);
        } else {
          fixup(FixKind::Imm);
        }
        break;
      case Reloc::Hi:
        if (f != Fmt::U) st.src.error(imm.loc, fmt::format("'%hi' is not valid for '{}'", m));
        if (auto v = known()) {
          in.imm = field(st, op, hi20(*v), imm.loc);
        } else {
          fixup(FixKind::Hi20);
        }
        break;
      case Reloc::Lo:
        if (!takes_lo(f)) st.src.error(imm.loc, fmt::format("'%lo' is not valid for '{}'", m));
        if (auto v = known()) {
          in.imm = field(st, op, lo12(*v), imm.loc);
        } else {
          fixup(FixKind::Lo12);
        }
        break;
      case Reloc::PcrelHi:
        if (op != isa::Op::Auipc)
          st.src.error(imm.loc, fmt::format("'%pcrel_hi' is not valid for '{}'", m));
        fixup(imm.call ? FixKind::CallHi20 : FixKind::PcrelHi20);
        break;
      case Reloc::PcrelLo:
        if (!takes_lo(f))
          st.src.error(imm.loc, fmt::format("'%pcrel_lo' is not valid for '{}'", m));
        fixup(FixKind::PcrelLo12);
        break;
    }
  }
  st.emit(word_bytes(isa::encode(in)), at, true);
}

void emit_word(State& st, uint32_t w, Loc at) {
  st.emit(word_bytes(w), at, true);
}

void resolve_fixups(State& st) {
  auto address = [&](int sec, int64_t off) {
    return static_cast<int64_t>(st.sections[static_cast<std::size_t>(sec)].addr) + off;
  };
  auto target = [&](const Fixup& fx) { return final_value(*st.eval(fx.expr, fx.dot()), st); };
  // %pcrel_lo names the auipc, whose %pcrel_hi holds the real target.
  std::map<int64_t, const Fixup*> pcrel_hi;
  for (const Fixup& fx : st.fixups)
    if (fx.kind == FixKind::PcrelHi20) pcrel_hi[address(fx.sec, fx.off)] = &fx;

  // Each fixup's error is recorded and the next one resolved, to report every undefined
  // symbol and out-of-range target of the source in one run.
  for (const Fixup& fx : st.fixups) try {
      Section& sec = st.sections[static_cast<std::size_t>(fx.sec)];
      const int64_t pc = address(fx.sec, fx.off);
      if (fx.kind == FixKind::Data) {
        const int64_t v = target(fx);
        const uint64_t mask = fx.size >= 8 ? 0 : ~uint64_t{0} << (8 * fx.size);
        const uint64_t u = static_cast<uint64_t>(v);
        if ((u & mask) != 0 && (u & mask) != mask)
          st.warn(fx.loc, fmt::format("value {:#x} truncated to {:#x}", u, u & ~mask));
        for (unsigned k = 0; k < fx.size; ++k)
          sec.bytes[fx.off + k] = static_cast<uint8_t>(k < 8 ? u >> (8 * k) : 0);
        continue;
      }
      isa::Insn in = fx.insn;
      const std::string_view m = isa::mnemonic(in.op);
      switch (fx.kind) {
        case FixKind::Imm: {
          const Value v = *st.eval(fx.expr, fx.dot());
          if (!v.absolute())
            st.src.error(fx.loc, fmt::format("immediate of '{}' must be a constant, not an address "
                                             "(use %lo, %hi, %pcrel_hi or %pcrel_lo)",
                                             m));
          in.imm = field(st, in.op, v.v, fx.loc);
          break;
        }
        case FixKind::Branch:
        case FixKind::Jump:
          // An absolute target is an address, as ld takes it (R_RISCV_JAL against *ABS*).
          in.imm = field(st, in.op, target(fx) - pc, fx.loc);
          break;
        case FixKind::Hi20:
          in.imm = field(st, in.op, hi20(target(fx)), fx.loc);
          break;
        case FixKind::Lo12:
          in.imm = field(st, in.op, lo12(target(fx)), fx.loc);
          break;
        case FixKind::PcrelHi20:
        case FixKind::CallHi20:
          in.imm = field(st, in.op, hi20(target(fx) - pc), fx.loc);
          break;
        case FixKind::PcrelLo12: {
          // A pseudo-instruction's pair shares its target with the auipc; a user's %pcrel_lo
          // names the auipc, whose %pcrel_hi holds the target.
          if (fx.pair) {
            in.imm = field(st, in.op, lo12(target(fx) - final_value(*fx.pair, st)), fx.loc);
            break;
          }
          const int64_t auipc = target(fx);
          const auto hi = pcrel_hi.find(auipc);
          if (hi == pcrel_hi.end())
            st.src.error(
                fx.loc,
                fmt::format("%pcrel_lo{} does not name an auipc with %pcrel_hi",
                            what_target(fx.expr).empty() ? "" : " of" + what_target(fx.expr)));
          in.imm = field(st, in.op, lo12(target(*hi->second) - auipc), fx.loc);
          break;
        }
        case FixKind::Data:
          break;
      }
      put32(sec.bytes, fx.off, isa::encode(in));
    } catch (const SourceError& e) {
      st.errors.add(e);
    }
}

}  // namespace pipesim::assembler
