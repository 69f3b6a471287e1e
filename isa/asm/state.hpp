// Everything the assembler builds while it reads the source: sections and their bytes, symbols,
// and fixups (operands whose value is only known after layout). Directives, instructions and
// layout all work on this one object.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "isa/asm/debug_lines.hpp"
#include "isa/asm/expr.hpp"
#include "isa/asm/lexer.hpp"
#include "isa/asm/source.hpp"
#include "isa/isa.hpp"

namespace pipesim::assembler {

// The output section of tests/asm/gnu.ld a section goes to, in address order; Unloaded for
// sections without the "a" flag (.debug_*, .comment, ...), which are neither placed nor built.
enum class Region : uint8_t { Text, Rodata, Data, Bss, Unloaded };

// One frag of gas (write.c relax_segment works on them): the bytes whose size is fixed, then a
// tail whose size may depend on addresses. gas starts a new frag after every branch or jal with
// a symbolic target, after .space/.fill and after an alignment; isa/asm/relax.cpp replays gas's
// relaxation over them to decide which conditional branches need 8 bytes.
struct Frag {
  enum class Tail : uint8_t { Branch, Align, Fixed };
  uint32_t start = 0;  // section offset of its first byte, in this run of the assembler
  uint32_t tail = 0;   // section offset of its tail, in this run
  Tail kind = Tail::Fixed;
  uint32_t size = 0;      // Fixed: bytes; Align: the alignment
  int64_t max_skip = -1;  // Align: most padding bytes (third operand of .balign), -1 none
  int branch = -1;        // Branch: its ordinal among the conditional branches of the file
  Expr target;            // Branch: the target as written
  Loc loc;                // Branch: the statement, for messages
};

struct Section {
  std::string name;
  Region region = Region::Text;
  std::vector<uint8_t> bytes;  // none in .bss: `zeros` counts them (a big .bss costs no memory)
  uint32_t align = 1;          // the largest alignment requested inside it, as gas records it
  uint32_t addr = 0;           // after layout
  struct Mark {
    uint32_t offset;
    Loc loc;  // the statement's first token
    bool insn;
  };
  std::vector<Mark> marks;  // what each statement emitted, for source lines and messages
  std::size_t zeros = 0;
  // What `.section name, "flags", @type, entsize` said (gas's letters, e.g. "aMS"; empty when
  // not given) and the entry size of a mergeable section ("M"), 0 otherwise. Set on the
  // section's first `.section` statement, as gas does.
  std::string flags;
  std::string type;  // "progbits", "nobits", … without '@'/'%'; empty when not given
  uint32_t entsize = 0;
  // After ld's merging of SHF_MERGE sections (merge_strings.hpp): where each original offset
  // went (pieces sorted by `from`), and whether every entry moved elsewhere so that ld drops the
  // section (it then takes no space and no alignment).
  struct Moved {
    uint32_t from;  // first original offset of the piece
    int sec;        // the section now holding it
    uint32_t to;    // its new offset there
    bool fixed;     // every offset of the piece goes to `to` (ld's fallback), not to + (o - from)
  };
  std::vector<Moved> moved;
  uint32_t raw_size = 0;  // the size before merging, when `moved` is not empty
  bool excluded = false;
  std::size_t size() const { return bytes.size() + zeros; }
  bool has_flag(char f) const { return flags.find(f) != std::string::npos; }
  std::vector<Frag> frags;  // closed frags in order; the last, open one starts at frag_start
  uint32_t frag_start = 0;
};

// A statement without its labels: tokens[0] is the mnemonic, directive or symbol name.
struct Stmt {
  int line = 0;
  std::vector<Token> toks;
  int file = 0;
  Loc loc(std::size_t i) const {
    return {
        line,
        i < toks.size() ? toks[i].col : toks.back().col + static_cast<int>(toks.back().text.size()),
        file};
  }
};

enum class FixKind : uint8_t {
  Imm,        // a plain immediate that must turn out to be a constant
  Branch,     // B-format target
  Jump,       // J-format target
  Hi20,       // %hi(expr)
  Lo12,       // %lo(expr)
  PcrelHi20,  // %pcrel_hi(expr), and the auipc of la/lla/lw sym/sw sym
  CallHi20,   // the auipc of call/tail: same value, but not a target for %pcrel_lo
  PcrelLo12,  // %pcrel_lo(label of the auipc), or the pair of a pseudo-instruction's auipc
  Data,       // .word/.half/.byte of an address
};

struct Fixup {
  FixKind kind = FixKind::Imm;
  int sec = 0;
  uint32_t off = 0;
  isa::Insn insn;     // the instruction to re-encode (unused for Data)
  unsigned size = 4;  // Data: bytes
  Expr expr;
  Loc loc;                    // the operand, for messages
  std::optional<Value> pair;  // PcrelLo12 from a pseudo-instruction: its auipc
  // '.' in the statement: where its first instruction is (the jal of a relaxed branch is 4
  // bytes after its statement's '.').
  uint32_t after_dot = 0;
  Value dot() const { return {off - after_dot, sec}; }
};

struct Symbol {
  enum class Kind : uint8_t { Label, Equ };
  Kind kind = Kind::Label;
  std::optional<Value> value;  // Equ: empty while its expression is still unresolved
  std::optional<Expr> expr;    // Equ defined in terms of symbols not defined yet
  Value dot;                   // Equ with expr: '.' where it was defined (gas binds it there)
  Loc loc;
  bool global = false;
  bool numeric = false;        // numeric local label ("1:"), never shown in listings
  bool weak = false;           // .weak: 0 if never defined, as ld resolves it
  bool local_binding = false;  // .local: a .comm of it is allocated in .bss, not COMMON
  bool common = false;         // .comm/.lcomm: defined when layout allocates it
  bool resolving = false;
  // What `expr` evaluated to, once known (only for evaluation: listings go by `value`), and the
  // evaluation in which it was found not known yet; together they evaluate each symbol of a
  // web of definitions once, not once per path to it. A definition never changes once made
  // (a `.set` of a defined symbol makes a new one, see State::bind), so neither can these.
  std::optional<Value> resolved;
  uint64_t unknown_in = 0;
  // Redefinitions (`.set`) before this one; and whether a statement refers to this definition
  // by name (it was not known yet then), so that it must be kept when the symbol is redefined.
  int version = 0;
  bool named = false;
};

// Most symbols one evaluation may go through, each defined by an expression naming the next
// (`.equ s0, s1 + 1`, `.equ s1, s2 + 1`, …, defined later); resolving them recurses once per
// symbol (docs/errors.md).
inline constexpr int kMaxSymbolDepth = 1000;
// Most bytes all sections may hold together: the memory pipesim gives a program
// (kMaxProgramMemory, sim/machine/arch_state.hpp), so that many sections cannot take gigabytes.
inline constexpr std::size_t kMaxProgramBytes = 256u << 20;
// Most bytes one section may hold: far more than either memory region holds; stops runaway
// .rept/.fill early.
inline constexpr std::size_t kMaxSection = 64u << 20;

// A .comm or .lcomm, in source order; align 0 means the default of its kind (commons.cpp).
struct Common {
  std::string name;
  uint32_t size = 0;
  uint32_t align = 0;
};

class State : public Resolver {
 public:
  explicit State(const Source& s);

  const Source& src;
  std::vector<Section> sections;
  int cur = 0;  // index of the current section
  std::map<std::string, Symbol> symbols;
  std::vector<std::string> symbol_order;  // definition order, for stable listings
  std::deque<Fixup> fixups;               // a deque: no doubling copies, and fixups never move
  std::vector<std::string> warnings;
  ErrorList errors;  // what the assembler recovered from, to be thrown together at the end
  bool laid_out = false;
  // Branch relaxation (isa/asm/relax.cpp): which conditional branches, by ordinal, this run
  // emits as 8 bytes (an inverted branch over a `jal x0, target`), and how many it has seen.
  std::vector<bool> long_branches;
  int branches = 0;
  std::vector<Common> commons;
  int previous = 0;                                // the section before the last switch (.previous)
  std::vector<std::pair<int, int>> section_stack;  // .pushsection: cur and previous to restore
  bool ended = false;                              // .end: the rest of the source is ignored
  DebugLines debug_lines;                          // .file/.loc: C source lines

  Section& section() { return sections[static_cast<std::size_t>(cur)]; }
  Value here() const {
    return {static_cast<int64_t>(sections[static_cast<std::size_t>(cur)].size()), cur};
  }
  // Switches to (creating if needed) the named section. A name pipesim does not place is a
  // section that is not loaded unless its flags (or gas's default ones for the name) say
  // "a": that is an error at `at`. True when the section was created by this call.
  bool switch_section(const std::string& name, Loc at,
                      const std::optional<std::string>& flags = std::nullopt);

  void define_label(const std::string& name, Loc at, bool numeric);
  void define_equ(const std::string& name, const Expr& e, Loc at);
  // Binds an Ident token of a statement to the symbol's definition current now, as gas does
  // (it copies a symbol on `.set` when it is already defined, so that what was read before
  // keeps the old definition): to its value if known, else to the definition by name.
  void bind(Token& t);

  // Evaluates now (before layout unknown symbols give nullopt); '.' is `dot`.
  std::optional<Value> eval(const Expr& e, Value dot);
  // Evaluates now and insists on a constant (counts, sizes, alignments, li values).
  int64_t eval_constant(const Expr& e, const char* what);

  void emit(const std::vector<uint8_t>& bytes, Loc at, bool insn = false);
  // Ends the current section's open frag with tail `f` (its start is filled in); the next
  // frag starts at the current end of the section.
  void close_frag(Frag f);
  void warn(Loc at, const std::string& message) { warnings.push_back(src.warning(at, message)); }

  // Resolver
  std::optional<Value> symbol(const Expr::Node& sym) override;
  std::string section_name(int sec) const override;
  std::optional<uint32_t> section_base(int sec) const override;
  int64_t address(const Value& v) const override;

 private:
  // The definition a Sym node's name refers to ("name" is definition 0, "name^V<n>" definition
  // n); symbols.end() if there is none.
  std::map<std::string, Symbol>::iterator find(const std::string& ref);
  static std::string version_name(const std::string& name, int version);
  // "; did you mean 'loop'?" for an undefined name close to a defined one, else "".
  std::string label_hint(const std::string& name) const;

  Value dot_;
  uint64_t epoch_ = 1;  // counts evaluations (Symbol::unknown_in; 0 is none)
  int depth_ = 0;       // symbols being resolved, one inside another
  Loc outermost_;       // the reference that started resolving them
  std::size_t total_bytes_ = 0;
  mutable std::map<std::string, std::string> label_hints_;
};

}  // namespace pipesim::assembler
