// The driver: reads statements in order, defines labels (numeric local labels get a fresh
// internal name per definition, as gas does), expands .rept bodies, and hands each statement
// to the directive or instruction code; then layout produces the Program.
#include "isa/assembler.hpp"

#include <fmt/format.h>

#include "isa/asm/directives.hpp"
#include "isa/asm/instructions.hpp"
#include "isa/asm/layout.hpp"
#include "isa/asm/lexer.hpp"
#include "isa/asm/state.hpp"

namespace pipesim {
namespace assembler {
namespace {

bool is_label_at(const Statement& s, std::size_t i) {
  if (i + 1 >= s.tokens.size() || !s.tokens[i + 1].is(":")) return false;
  const Token& t = s.tokens[i];
  if (t.kind == Tok::Ident) return true;
  return t.kind == Tok::Number && t.text.find_first_not_of("0123456789") == std::string::npos;
}

// Index of the first token after the statement's labels.
std::size_t body_start(const Statement& s) {
  std::size_t i = 0;
  while (is_label_at(s, i)) i += 2;
  return i;
}

bool is_directive(const Statement& s, const char* name) {
  const std::size_t k = body_start(s);
  return k < s.tokens.size() && s.tokens[k].kind == Tok::Ident && s.tokens[k].text == name;
}

class Driver {
 public:
  Driver(State& st, const std::vector<Statement>& stmts) : st_(st), stmts_(stmts) {}

  void run(std::size_t b, std::size_t e, int depth) {
    for (std::size_t i = b; i < e; ++i) {
      const Statement& s = stmts_[i];
      const std::size_t k = define_labels(s);
      if (k == s.tokens.size()) continue;
      if (!is_directive(s, ".rept")) {
        statement(s, k);
        continue;
      }
      const std::size_t end = matching_endr(i, e);
      Stmt head = resolved(s, k);
      std::vector<Range> ops = split_operands(head, 1);
      if (ops.size() != 1 || ops[0].empty()) st_.src.error(head.loc(0), "'.rept' takes 1 operand");
      const int64_t n = st_.eval_constant(expr_operand(st_, head, ops[0]), "repeat count");
      if (n < 0 || n > 100000)
        st_.src.error(head.loc(1), fmt::format("invalid repeat count {}", n));
      if (depth > 16) st_.src.error(head.loc(0), "'.rept' nested too deeply");
      for (int64_t r = 0; r < n; ++r) run(i + 1, end, depth + 1);
      i = end;
    }
  }

 private:
  std::size_t matching_endr(std::size_t rept, std::size_t e) const {
    int depth = 0;
    for (std::size_t j = rept + 1; j < e; ++j) {
      if (is_directive(stmts_[j], ".rept")) ++depth;
      if (is_directive(stmts_[j], ".endr") && depth-- == 0) return j;
    }
    const Statement& s = stmts_[rept];
    st_.src.error({s.line, s.tokens[body_start(s)].col}, "'.rept' without '.endr'");
  }

  std::size_t define_labels(const Statement& s) {
    std::size_t i = 0;
    for (; is_label_at(s, i); i += 2) {
      const Token& t = s.tokens[i];
      const Loc at{s.line, t.col};
      if (t.kind == Tok::Ident) {
        st_.define_label(t.text, at, false);
      } else {
        const int n = ++local_count_[t.value];
        st_.define_label(local_name(t.value, n), at, true);
      }
    }
    return i;
  }

  static std::string local_name(int64_t label, int instance) {
    return fmt::format("{}^B{}", label, instance);  // '^' cannot appear in a source symbol
  }

  // The statement from token k on, with numeric local references bound to label instances.
  Stmt resolved(const Statement& s, std::size_t k) {
    Stmt out{s.line,
             std::vector<Token>(s.tokens.begin() + static_cast<std::ptrdiff_t>(k), s.tokens.end())};
    for (Token& t : out.toks) {
      if (t.kind != Tok::LocalRef) continue;
      const int n = local_count_[t.value];
      if (!t.forward && n == 0)
        st_.src.error({s.line, t.col}, fmt::format("undefined local label '{}'", t.text));
      t.symbol = local_name(t.value, t.forward ? n + 1 : n);
    }
    return out;
  }

  void statement(const Statement& s, std::size_t k) {
    const Stmt stmt = resolved(s, k);
    const Token& first = stmt.toks[0];
    if (first.kind != Tok::Ident)
      st_.src.error(stmt.loc(0),
                    fmt::format("expected an instruction or directive, found '{}'", first.text));
    if (stmt.toks.size() >= 2 && stmt.toks[1].is("=")) {
      std::size_t pos = 2;
      const Expr e = parse_expr(st_.src, stmt.line, stmt.toks, pos, stmt.toks.size());
      if (pos != stmt.toks.size())
        st_.src.error(stmt.loc(pos),
                      fmt::format("unexpected '{}' after expression", stmt.toks[pos].text));
      return st_.define_equ(first.text, e, stmt.loc(0));
    }
    if (first.text[0] == '.') return assemble_directive(st_, stmt);
    if (st_.section().region == Region::Bss)
      st_.src.error(stmt.loc(0),
                    fmt::format("instructions are not allowed in '{}'", st_.section().name));
    assemble_instruction(st_, stmt);
  }

  State& st_;
  const std::vector<Statement>& stmts_;
  std::map<int64_t, int> local_count_;
};

}  // namespace
}  // namespace assembler

AsmResult assemble(std::string_view source, const std::string& filename) {
  using namespace assembler;
  const Source src(source, filename);
  const std::vector<Statement> stmts = lex(src);
  State st(src);
  Driver(st, stmts).run(0, stmts.size(), 0);
  AsmResult r;
  r.program = build_program(st);
  r.program.path = filename;
  r.warnings = std::move(st.warnings);
  return r;
}

}  // namespace pipesim
