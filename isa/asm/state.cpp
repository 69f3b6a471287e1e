// Sections and symbols: creation, definition rules and lookup.
#include "isa/asm/state.hpp"

#include <algorithm>

#include "isa/asm/suggest.hpp"

#include <fmt/format.h>

namespace pipesim::assembler {
namespace {

bool named(const std::string& name, std::string_view base) {
  return name == base || (name.size() > base.size() && name.compare(0, base.size(), base) == 0 &&
                          name[base.size()] == '.');
}

std::optional<Region> region_of(const std::string& name) {
  if (named(name, ".text")) return Region::Text;
  if (named(name, ".rodata") || named(name, ".srodata")) return Region::Rodata;
  if (named(name, ".data") || named(name, ".sdata")) return Region::Data;
  if (named(name, ".bss") || named(name, ".sbss")) return Region::Bss;
  return std::nullopt;
}

// Names gas gives the "a" flag when `.section` gives no flags (obj-elf.c's special sections),
// beyond the ones pipesim places.
bool loaded_by_default(const std::string& name) {
  static constexpr std::string_view kNames[] = {
      ".init_array", ".fini_array", ".preinit_array", ".tdata",   ".tbss", ".init",
      ".fini",       ".rodata1",    ".data1",         ".dynamic", ".got",  ".plt"};
  for (std::string_view n : kNames)
    if (named(name, n)) return true;
  return false;
}

Section new_section(const std::string& name, Region region, uint32_t align) {
  Section s;
  s.name = name;
  s.region = region;
  s.align = align;
  return s;
}

}  // namespace

State::State(const Source& s) : src(s) {
  // gas creates these three first, so ld meets them first in the object file; on RISC-V .text
  // is 4-byte aligned from the start (no compressed instructions).
  sections.push_back(new_section(".text", Region::Text, 4));
  sections.push_back(new_section(".data", Region::Data, 1));
  sections.push_back(new_section(".bss", Region::Bss, 1));
}

bool State::switch_section(const std::string& name, Loc at,
                           const std::optional<std::string>& flags) {
  for (std::size_t i = 0; i < sections.size(); ++i)
    if (sections[i].name == name) {
      previous = cur;
      cur = static_cast<int>(i);
      return false;
    }
  auto region = region_of(name);
  if (!region) {
    const bool loaded = flags ? flags->find('a') != std::string::npos : loaded_by_default(name);
    if (loaded)
      src.error(at, fmt::format("unsupported section '{}' (pipesim places .text*, .rodata*, "
                                ".srodata*, .data*, .sdata*, .bss* and .sbss*)",
                                name));
    region = Region::Unloaded;
  }
  previous = cur;
  sections.push_back(new_section(name, *region, 1));
  cur = static_cast<int>(sections.size()) - 1;
  return true;
}

void State::define_label(const std::string& name, Loc at, bool numeric) {
  auto [it, fresh] = symbols.try_emplace(name);
  Symbol& s = it->second;
  if (!fresh && (s.value || s.expr))
    src.error(at, fmt::format("symbol '{}' is already defined (line {})", name, s.loc.line));
  s.kind = Symbol::Kind::Label;
  s.value = here();
  s.loc = at;
  s.numeric = numeric;
  symbol_order.push_back(name);
}

void State::define_equ(const std::string& name, const Expr& e, Loc at) {
  auto [it, fresh] = symbols.try_emplace(name);
  if (!fresh && it->second.kind == Symbol::Kind::Label && it->second.value)
    src.error(at, fmt::format("symbol '{}' is already defined as a label (line {})", name,
                              it->second.loc.line));
  // Evaluated now, if it can be: its symbols were bound when the statement was read (bind).
  std::optional<Value> v = eval(e, here());
  Symbol& s = it->second;
  if (fresh || !s.value) symbol_order.push_back(name);
  if (!fresh && (s.value || s.expr)) {
    // A redefinition: what refers to the old definition by name keeps it under a name no
    // source can write. Definition 0 may have been named before it existed ("y" in `.equ x,
    // y + 4` before y's first definition), so it is always kept.
    if (s.version == 0 || s.named) symbols.emplace(version_name(name, s.version), std::move(s));
    Symbol next;
    next.version = s.version + 1;
    next.global = s.global;
    s = std::move(next);
  }
  s.kind = Symbol::Kind::Equ;
  s.value = v;
  s.expr = v ? std::nullopt : std::optional<Expr>(e);
  s.dot = here();
  s.loc = at;
  s.resolved.reset();
  s.unknown_in = 0;
}

std::optional<Value> State::eval(const Expr& e, Value dot) {
  const Value saved = dot_;
  dot_ = dot;
  ++epoch_;
  std::optional<Value> v = evaluate(src, e, *this);
  dot_ = saved;
  return v;
}

int64_t State::eval_constant(const Expr& e, const char* what) {
  const std::optional<Value> v = eval(e, here());
  if (!v) {
    // Name the first symbol that is not known yet.
    for (const Expr::Node& n : e.nodes)
      if (n.kind == Expr::Kind::Sym && !symbol(n))
        src.error(n.loc,
                  fmt::format("{} must be a constant; '{}' is not defined yet", what, n.written()));
    src.error(e.loc, fmt::format("{} must be a constant", what));
  }
  if (!v->absolute())
    src.error(e.loc, fmt::format("{} must be a constant, not an address in {}", what,
                                 section_name(v->sec)));
  return v->v;
}

void State::close_frag(Frag f) {
  Section& s = section();
  f.start = s.frag_start;
  s.frags.push_back(std::move(f));
  s.frag_start = static_cast<uint32_t>(s.size());
}

void State::emit(const std::vector<uint8_t>& bytes, Loc at, bool insn) {
  Section& s = section();
  if (s.size() + bytes.size() > kMaxSection)
    src.fatal(at, fmt::format("section '{}' grows beyond {} MiB", s.name, kMaxSection >> 20));
  if (total_bytes_ + bytes.size() > kMaxProgramBytes)
    src.fatal(at, fmt::format("the sections grow beyond {} MiB in all, the most memory pipesim "
                              "gives a program",
                              kMaxProgramBytes >> 20));
  total_bytes_ += bytes.size();
  // One mark per statement: the operands of `.word 1, 2, 3` share it (a mark per value would
  // take four times the memory of the data).
  const bool same = !s.marks.empty() && !insn && !s.marks.back().insn &&
                    s.marks.back().loc.line == at.line && s.marks.back().loc.col == at.col;
  if (!same) s.marks.push_back({static_cast<uint32_t>(s.size()), at, insn});
  if (s.region == Region::Bss) {
    s.zeros += bytes.size();  // all zero: put() and data() refuse anything else there
  } else {
    s.bytes.insert(s.bytes.end(), bytes.begin(), bytes.end());
  }
}

void State::bind(Token& t) {
  const auto it = symbols.find(t.text);
  if (it == symbols.end()) return;  // not defined yet: its first definition, under its name
  Symbol& s = it->second;
  const std::optional<Value>& known = s.value ? s.value : s.resolved;
  if (known) {
    t.bound = true;
    t.value = known->v;
    t.bound_sec = known->sec;
    return;
  }
  s.named = true;
  if (s.version > 0) t.symbol = version_name(t.text, s.version);
}

std::map<std::string, Symbol>::iterator State::find(const std::string& ref) {
  const std::size_t mark = ref.find("^V");
  if (mark == std::string::npos) {
    // Definition 0, which is the current one unless the symbol was redefined.
    auto it = symbols.find(ref);
    if (it == symbols.end() || it->second.version == 0) return it;
    return symbols.find(version_name(ref, 0));
  }
  auto it = symbols.find(ref.substr(0, mark));
  if (it != symbols.end() && version_name(it->first, it->second.version) == ref) return it;
  return symbols.find(ref);
}

std::string State::version_name(const std::string& name, int version) {
  return fmt::format("{}^V{}", name, version);  // '^' cannot appear in a source symbol
}

std::optional<Value> State::symbol(const Expr::Node& n) {
  if (n.name == ".") return dot_;
  if (n.bound) {
    if (n.sec != kAbsolute && sections[static_cast<std::size_t>(n.sec)].region == Region::Unloaded)
      src.error(n.loc, fmt::format("'{}' is in section '{}', which is not loaded: it has no "
                                   "address in the program",
                                   n.written(), section_name(n.sec)));
    return Value{n.value, n.sec};
  }
  auto it = find(n.name);
  if (it == symbols.end() || (!it->second.value && !it->second.expr)) {
    if (!laid_out) return std::nullopt;
    if (it != symbols.end() && it->second.weak) return Value{0, kAbsolute};  // as ld does
    if (n.local) src.error(n.loc, fmt::format("undefined local label '{}'", n.written()));
    src.error(n.loc, fmt::format("undefined symbol '{}'{}", n.written(), label_hint(n.written())));
  }
  Symbol& s = it->second;
  if (s.value && s.value->sec != kAbsolute &&
      sections[static_cast<std::size_t>(s.value->sec)].region == Region::Unloaded)
    src.error(n.loc, fmt::format("'{}' is in section '{}', which is not loaded: it has no "
                                 "address in the program",
                                 n.written(), section_name(s.value->sec)));
  if (s.value) return s.value;
  if (s.resolved) return s.resolved;
  if (s.unknown_in == epoch_) return std::nullopt;  // already tried in this evaluation
  if (s.resolving)
    src.error(n.loc, fmt::format("symbol '{}' is defined in terms of itself", n.written()));
  // Reported at the reference that started the chain: the statement being assembled.
  if (depth_ == 0) outermost_ = n.loc;
  if (depth_ >= kMaxSymbolDepth)
    src.error(outermost_,
              fmt::format("symbol definitions nested too deeply (limit {})", kMaxSymbolDepth));
  // Undone on the way out, by an error too: the assembler goes on after errors, and a symbol
  // left marked as resolving would later seem defined in terms of itself.
  struct Resolving {
    Symbol& s;
    int& depth;
    Value& dot;
    Value use_dot;
    ~Resolving() { s.resolving = false, --depth, dot = use_dot; }
  } resolving{s, depth_, dot_, dot_};
  s.resolving = true;
  ++depth_;
  dot_ = s.dot;
  std::optional<Value> v = evaluate(src, *s.expr, *this);
  if (!v) {
    s.unknown_in = epoch_;
  } else if (v->absolute()) {
    s.value = v;
  } else {
    s.resolved = v;  // listings show only what `value` holds, as before
  }
  return v;
}

std::string State::label_hint(const std::string& name) const {
  // Once per name: a .rept of a jump to a mistyped label makes thousands of the same error.
  if (const auto it = label_hints_.find(name); it != label_hints_.end()) return it->second;
  std::vector<std::string_view> known;
  for (const auto& [k, sym] : symbols)  // not internal names (numeric labels, redefinitions)
    if (!sym.numeric && k.find('^') == std::string::npos) known.push_back(k);
  return label_hints_[name] = did_you_mean(name, known);
}

std::string State::section_name(int sec) const {
  return sec == kAbsolute ? "*ABS*" : sections[static_cast<std::size_t>(sec)].name;
}

std::optional<uint32_t> State::section_base(int sec) const {
  if (!laid_out) return std::nullopt;
  return sections[static_cast<std::size_t>(sec)].addr;
}

}  // namespace pipesim::assembler

namespace pipesim::assembler {

int64_t State::address(const Value& v) const {
  const Section& s = sections[static_cast<std::size_t>(v.sec)];
  if (s.moved.empty() || v.v < 0) return v.v + s.addr;
  // ld maps an offset at or past the end of a merged section to the end of what is left of it.
  if (v.v >= s.raw_size) return s.addr + (s.excluded ? 0 : s.size()) + (v.v - s.raw_size);
  auto it = std::upper_bound(s.moved.begin(), s.moved.end(), static_cast<uint32_t>(v.v),
                             [](uint32_t off, const Section::Moved& m) { return off < m.from; });
  --it;
  const Section& to = sections[static_cast<std::size_t>(it->sec)];
  const int64_t within =
      it->fixed ? (v.v - it->from) % std::max<uint32_t>(s.entsize, 1) : v.v - it->from;
  return to.addr + it->to + within;
}

}  // namespace pipesim::assembler
