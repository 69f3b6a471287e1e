// The driver: reads statements in order, defines labels (numeric local labels get a fresh
// internal name per definition, as gas does), expands .rept bodies, and hands each statement
// to the directive or instruction code; then layout produces the Program.
#include "isa/assembler.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "isa/asm/directives.hpp"
#include "isa/asm/instructions.hpp"
#include "isa/asm/layout.hpp"
#include "isa/asm/lexer.hpp"
#include "isa/asm/relax.hpp"
#include "isa/asm/state.hpp"

namespace pipesim {
namespace assembler {
namespace {

bool is_directive(const Statement& s, const char* name) {
  const std::size_t k = body_start(s);
  return k < s.tokens.size() && s.tokens[k].kind == Tok::Ident && s.tokens[k].text == name;
}

// Bounds the work of .rept: the tokens of every repeated body times its count, summed over all
// .rept of the file (nested ones multiply), so that three nested `.rept 1000` around a statement
// that emits nothing cannot keep the assembler busy for hours. Ten million tokens take a few
// seconds; legitimate tables are far smaller.
constexpr uint64_t kMaxRepeatedTokens = 10'000'000;
// A .rept count above this is surely a mistake, whatever its body.
constexpr int64_t kMaxRepeatCount = 100'000;
// Most .rept inside .rept: run() and repeat() recurse once per level, so this bounds the stack
// (deeper nesting repeats nothing useful; the token bound above caps the work).
constexpr int kMaxRepeatDepth = 16;
// Most runs of the whole assembly while branch sizes settle (see assemble()): the second run
// normally confirms the first one's answer.
constexpr int kMaxAssemblyRuns = 4;

class Driver {
 public:
  explicit Driver(State& st) : st_(st) {}

  // The file's statements, read one at a time; a .rept body is gathered and then repeated. An
  // error ends its statement (or its .rept), not the file: it is recorded and reading goes on.
  void run(StatementReader& in) {
    Statement s;
    while (!st_.ended && next(in, s)) {
      guarded(s.after_semicolon, s.line, [&] {
        const std::size_t k = define_labels(s);
        if (k == s.tokens.size()) return;
        if (!is_directive(s, ".rept")) return statement(s, k);
        const Statement head = s;
        std::vector<Statement> body;
        for (int depth = 0;;) {
          if (!next(in, s)) no_endr(head);
          if (is_directive(s, ".rept")) ++depth;
          if (is_directive(s, ".endr") && depth-- == 0) break;
          body.push_back(s);
        }
        repeat(head, k, body, 0, body.size(), 0);
      });
    }
  }

 private:
  // The next statement of the file; a malformed token is recorded and the rest of its line
  // skipped.
  bool next(StatementReader& in, Statement& s) {
    while (true) {
      try {
        return in.next(s);
      } catch (const SourceError& e) {
        if (in.skip_line()) {  // a ';' came before the bad token
          st_.errors.add(with_comment_hint(e));
        } else {
          st_.errors.add(e);
        }
      }
    }
  }

  // Runs the work of one statement (on `line`, after a ';' or not); its error is recorded, and
  // assembly goes on after it.
  template <class Work>
  void guarded(bool after_semicolon, int line, Work&& work) {
    try {
      work();
    } catch (const SourceError& e) {
      // Not `cond ? hinted : e`: that copies e as a plain SourceError, losing a fatal one's type.
      const bool fatal = dynamic_cast<const FatalSourceError*>(&e) != nullptr;
      if (after_semicolon && e.line == line && !fatal) return st_.errors.add(with_comment_hint(e));
      st_.errors.add(e);
    }
  }

  static SourceError with_comment_hint(const SourceError& e) {
    return SourceError(
        e.file, e.line, e.column,
        std::string(e.what()) + " (in GNU syntax '#' starts a comment; ';' separates statements)",
        e.text);
  }

  // Statements [b, e) of a .rept body.
  void run(const std::vector<Statement>& stmts, std::size_t b, std::size_t e, int depth) {
    for (std::size_t i = b; i < e && !st_.ended; ++i) {
      const Statement& s = stmts[i];
      guarded(s.after_semicolon, s.line, [&] {
        const std::size_t k = define_labels(s);
        if (k == s.tokens.size()) return;
        if (!is_directive(s, ".rept")) return statement(s, k);
        const std::size_t rept = i;
        i = matching_endr(stmts, i, e);  // first: an error in repeat() must skip the body too
        repeat(s, k, stmts, rept + 1, i, depth);
      });
    }
  }

  // The .rept `head` (its body starting at token k) over the statements [b, e).
  void repeat(const Statement& head_stmt, std::size_t k, const std::vector<Statement>& stmts,
              std::size_t b, std::size_t e, int depth) {
    Stmt head = resolved(head_stmt, k);
    std::vector<Range> ops = split_operands(head, 1);
    if (ops.size() != 1 || ops[0].empty()) st_.src.error(head.loc(0), "'.rept' takes 1 operand");
    const int64_t n = st_.eval_constant(expr_operand(st_, head, ops[0]), "repeat count");
    if (n < 0 || n > kMaxRepeatCount)
      st_.src.error(head.loc(1), fmt::format("invalid repeat count {}", n));
    if (depth >= kMaxRepeatDepth) st_.src.error(head.loc(0), "'.rept' nested too deeply");
    uint64_t tokens = 1;  // an empty body still costs a little per repetition
    for (std::size_t i = b; i < e; ++i) tokens += stmts[i].tokens.size();
    repeated_tokens_ += static_cast<uint64_t>(n) * tokens;
    if (repeated_tokens_ > kMaxRepeatedTokens)
      st_.src.fatal(head.loc(0), fmt::format("'.rept' repeats too much: more than {} tokens in "
                                             "all repeated bodies (limit {})",
                                             kMaxRepeatedTokens, kMaxRepeatedTokens));
    for (int64_t r = 0; r < n; ++r) run(stmts, b, e, depth + 1);
  }

  std::size_t matching_endr(const std::vector<Statement>& stmts, std::size_t rept,
                            std::size_t e) const {
    int depth = 0;
    for (std::size_t j = rept + 1; j < e; ++j) {
      if (is_directive(stmts[j], ".rept")) ++depth;
      if (is_directive(stmts[j], ".endr") && depth-- == 0) return j;
    }
    no_endr(stmts[rept]);
  }

  [[noreturn]] void no_endr(const Statement& s) const {
    st_.src.error({s.line, s.tokens[body_start(s)].col}, "'.rept' without '.endr'");
  }

  std::size_t define_labels(const Statement& s) {
    std::size_t i = 0;
    for (; is_label_at(s, i); i += 2) {
      const Token& t = s.tokens[i];
      const Loc at{s.line, t.col};
      try {  // a label defined twice is reported, and its statement still assembled
        if (t.kind == Tok::Ident) {
          st_.define_label(t.text, at, false);
        } else {
          const int n = ++local_count_[t.value];
          st_.define_label(local_name(t.value, n), at, true);
        }
      } catch (const SourceError& e) {
        st_.errors.add(e);
      }
    }
    return i;
  }

  static std::string local_name(int64_t label, int instance) {
    return fmt::format("{}^B{}", label, instance);  // '^' cannot appear in a source symbol
  }

  // The statement from token k on, with numeric local references bound to label instances and
  // symbols to their current definitions.
  Stmt resolved(const Statement& s, std::size_t k) {
    Stmt out{s.line,
             std::vector<Token>(s.tokens.begin() + static_cast<std::ptrdiff_t>(k), s.tokens.end())};
    for (Token& t : out.toks) {
      if (t.kind == Tok::Ident) st_.bind(t);
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
    if (st_.section().region == Region::Unloaded)
      st_.src.error(stmt.loc(0), fmt::format("instructions in '{}', a section that is not "
                                             "loaded, are not supported",
                                             st_.section().name));
    assemble_instruction(st_, stmt);
  }

  State& st_;
  std::map<int64_t, int> local_count_;
  uint64_t repeated_tokens_ = 0;
};

}  // namespace
}  // namespace assembler

AsmResult assemble(std::string_view source, const std::string& filename) {
  using namespace assembler;
  const Source src(source, filename);
  // Branch sizes depend on addresses, and addresses on branch sizes: the first run makes every
  // branch short, relax.cpp then says which gas makes long, and when that differs the source
  // is assembled again with those long (programs without far branches take one run). A run
  // with errors is relaxed too, so that layout does not report branches gas would lengthen.
  std::vector<bool> plan;
  for (int run = 1;; ++run) {
    StatementReader in(src);
    State st(src);
    st.long_branches = plan;
    AsmResult r;
    try {
      Driver(st).run(in);
      std::vector<bool> relaxed;
      try {
        relaxed = long_branches(st);
      } catch (const SourceError& e) {
        st.errors.add(e);
        relaxed = plan;
      }
      const bool none_long = std::find(relaxed.begin(), relaxed.end(), true) == relaxed.end();
      if (relaxed != plan && !(plan.empty() && none_long)) {
        // Only `. - label` constants that span a branch can make a second answer differ.
        if (run == kMaxAssemblyRuns)
          src.error({1, 1}, fmt::format("branch sizes do not settle in {} runs of the assembler "
                                        "(an expression that measures code across a branch?)",
                                        kMaxAssemblyRuns));
        plan = std::move(relaxed);
        continue;
      }
      // Layout runs after errors too: it finds the undefined symbols and out-of-range targets
      // of the statements that did assemble (resolve_fixups goes on after each).
      try {
        r.program = build_program(st);
      } catch (const SourceError& e) {
        st.errors.add(e);  // the layout itself failed (sections overlap): nothing more to find
      }
    } catch (const ErrorList::Stop& stop) {
      st.errors.throw_if_any(stop.too_many);
    }
    st.errors.throw_if_any(false);
    r.program.path = filename;
    r.warnings = std::move(st.warnings);
    return r;
  }
}

}  // namespace pipesim
