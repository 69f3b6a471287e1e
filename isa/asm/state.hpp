// Everything the assembler builds while it reads the source: sections and their bytes, symbols,
// and fixups (operands whose value is only known after layout). Directives, instructions and
// layout all work on this one object.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "isa/asm/expr.hpp"
#include "isa/asm/lexer.hpp"
#include "isa/asm/source.hpp"
#include "isa/isa.hpp"

namespace pipesim::assembler {

// The output section of tests/asm/gnu.ld a section goes to, in address order.
enum class Region : uint8_t { Text, Rodata, Data, Bss };

struct Section {
  std::string name;
  Region region = Region::Text;
  std::vector<uint8_t> bytes;
  uint32_t align = 1;  // the largest alignment requested inside it, as gas records it
  uint32_t addr = 0;   // after layout
  struct Mark {
    uint32_t offset;
    Loc loc;  // the statement's first token
    bool insn;
  };
  std::vector<Mark> marks;  // what each statement emitted, for source lines and messages
};

// A statement without its labels: tokens[0] is the mnemonic, directive or symbol name.
struct Stmt {
  int line = 0;
  std::vector<Token> toks;
  Loc loc(std::size_t i) const {
    return {line, i < toks.size() ? toks[i].col
                                  : toks.back().col + static_cast<int>(toks.back().text.size())};
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
  Value dot;                  // value of '.' in the statement
  Loc loc;                    // the operand, for messages
  std::optional<Value> pair;  // PcrelLo12 from a pseudo-instruction: its auipc
};

struct Symbol {
  enum class Kind : uint8_t { Label, Equ };
  Kind kind = Kind::Label;
  std::optional<Value> value;  // Equ: empty while its expression is still unresolved
  std::optional<Expr> expr;    // Equ defined in terms of symbols not defined yet
  Loc loc;
  bool global = false;
  bool numeric = false;  // numeric local label ("1:"), never shown in listings
  bool resolving = false;
};

class State : public Resolver {
 public:
  explicit State(const Source& s);

  const Source& src;
  std::vector<Section> sections;
  int cur = 0;  // index of the current section
  std::map<std::string, Symbol> symbols;
  std::vector<std::string> symbol_order;  // definition order, for stable listings
  std::vector<Fixup> fixups;
  std::vector<std::string> warnings;
  bool laid_out = false;

  Section& section() { return sections[static_cast<std::size_t>(cur)]; }
  Value here() const {
    return {static_cast<int64_t>(sections[static_cast<std::size_t>(cur)].bytes.size()), cur};
  }
  // Switches to (creating if needed) the named section; unknown names are an error at `at`.
  void switch_section(const std::string& name, Loc at);

  void define_label(const std::string& name, Loc at, bool numeric);
  void define_equ(const std::string& name, const Expr& e, Loc at);

  // Evaluates now (before layout unknown symbols give nullopt); '.' is `dot`.
  std::optional<Value> eval(const Expr& e, Value dot);
  // Evaluates now and insists on a constant (counts, sizes, alignments, li values).
  int64_t eval_constant(const Expr& e, const char* what);

  void emit(const std::vector<uint8_t>& bytes, Loc at, bool insn = false);
  void warn(Loc at, const std::string& message) { warnings.push_back(src.warning(at, message)); }

  // Resolver
  std::optional<Value> symbol(const Expr::Node& sym) override;
  std::string section_name(int sec) const override;
  std::optional<uint32_t> section_base(int sec) const override;

 private:
  Value dot_;
};

}  // namespace pipesim::assembler
