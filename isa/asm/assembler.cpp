// The driver's reading loop (see driver.hpp): statements come from the innermost input; skipped
// conditional text is looked at line by line; macro, repetition and include directives open new
// inputs (driver_expand.cpp); everything else goes to the directive or instruction code, and
// then layout produces the Program.
#include "isa/asm/driver.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "isa/asm/directives.hpp"
#include "isa/asm/instructions.hpp"
#include "isa/asm/layout.hpp"
#include "isa/asm/relax.hpp"

namespace pipesim {
namespace assembler {
namespace {

std::string lower(const std::string& s) {
  std::string out = s;
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Most runs of the whole assembly while branch sizes settle (see assemble()): the second run
// normally confirms the first one's answer.
constexpr int kMaxAssemblyRuns = 4;

std::string local_name(int64_t label, int instance) {
  return fmt::format("{}^B{}", label, instance);  // '^' cannot appear in a source symbol
}

}  // namespace

void Driver::run() {
  frames_.push_back(std::make_unique<Frame>(
      Frame{Frame::Kind::File, root_, StatementReader(root_), conds_.depth()}));
  while (!frames_.empty() && !st_.ended) {
    Frame& f = *frames_.back();
    if (!conds_.active()) skip_text(f);
    Statement s;
    if (!next(f.in, s)) {
      guarded(false, 0, [&] { leave(); });
      continue;
    }
    // An error ends its statement, not the file: it is recorded and reading goes on.
    guarded(s.after_semicolon, s.line, [&] { handle(s, f); });
  }
}

// The next statement of an input; a malformed token is recorded and the rest of its line
// skipped.
bool Driver::next(StatementReader& in, Statement& s) {
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
void Driver::guarded(bool after_semicolon, int line, Work&& work) {
  try {
    work();
  } catch (const SourceError& e) {
    // Not `cond ? hinted : e`: that copies e as a plain SourceError, losing a fatal one's type.
    const bool fatal = dynamic_cast<const FatalSourceError*>(&e) != nullptr;
    if (after_semicolon && e.line == line && !fatal) return st_.errors.add(with_comment_hint(e));
    st_.errors.add(e);
  }
}

SourceError Driver::with_comment_hint(const SourceError& e) {
  return SourceError(
      e.file, e.line, e.column,
      std::string(e.what()) + " (in GNU syntax '#' starts a comment; ';' separates statements)",
      e.text);
}

// Inside a branch not taken, whole lines are passed over without tokenizing them (gas only looks
// for the conditional directives there), up to the next line that may change the state.
void Driver::skip_text(Frame& f) {
  std::string_view text;
  int line = 0;
  for (auto l = f.in.peek_line(); l && !is_conditional_directive(first_word(*l));
       l = f.in.peek_line())
    f.in.next_line(text, line);
}

// At the end of an input: conditionals opened in it must be closed in it.
void Driver::leave() {
  const bool open = conds_.depth() > frames_.back()->conds;
  frames_.pop_back();  // first: the error below must not leave the input on the stack
  if (open) st_.src.error(conds_.innermost(), "'.if' without '.endif'");
}

void Driver::handle(const Statement& s, Frame& f) {
  const std::size_t body = body_start(s);
  const bool named = body < s.tokens.size() && s.tokens[body].kind == Tok::Ident;
  const std::string word = named ? lower(s.tokens[body].text) : "";
  if (is_conditional_directive(word)) {
    conds_.handle(st_, resolved(s, body), text_after(root_, s, body));
    return;
  }
  if (!conds_.active()) return;
  const std::size_t k = define_labels(s);
  if (k == s.tokens.size()) return;
  if (!named || !expand(s, k, word, f)) statement(s, k);
}

// Directives that open or change inputs, and macro invocations: true when s was one.
bool Driver::expand(const Statement& s, std::size_t k, const std::string& word, Frame& f) {
  if (word == ".macro") {
    define_macro(s, k, f);
  } else if (word == ".endm") {
    st_.src.error(resolved(s, k).loc(0), "'.endm' without '.macro'");
  } else if (word == ".exitm") {
    exit_macro(s, k);
  } else if (word == ".purgem") {
    purge(s, k);
  } else if (word == ".rept" || word == ".irp" || word == ".irpc") {
    repeat(s, k, word, f);
  } else if (word == ".include") {
    include(s, k, f);
  } else if (word == ".incbin") {
    incbin(s, k, f);
  } else if (word == ".noaltmacro") {
  } else if (word == ".altmacro") {
    st_.src.error(resolved(s, k).loc(0),
                  "'.altmacro' is not supported by pipesim's assembler (write the macros in "
                  "gas's default syntax: `\\param`, no `%expr` or `<text>` arguments)");
  } else if (const auto m = macros_.find(word); m != macros_.end() && word[0] != '.') {
    invoke(s, k, m->second);
  } else {
    return false;
  }
  return true;
}

int Driver::depth(Frame::Kind kind) const {
  int n = 0;
  for (const auto& f : frames_) n += f->kind == kind;
  return n;
}

std::size_t Driver::define_labels(const Statement& s) {
  std::size_t i = 0;
  for (; is_label_at(s, i); i += 2) {
    const Token& t = s.tokens[i];
    const Loc at{s.line, t.col, s.file};
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

// The statement from token k on, with numeric local references bound to label instances and
// symbols to their current definitions.
Stmt Driver::resolved(const Statement& s, std::size_t k) {
  Stmt out{s.line,
           std::vector<Token>(s.tokens.begin() + static_cast<std::ptrdiff_t>(k), s.tokens.end()),
           s.file};
  for (Token& t : out.toks) {
    if (t.kind == Tok::Ident) st_.bind(t);
    if (t.kind != Tok::LocalRef) continue;
    const int n = local_count_[t.value];
    if (!t.forward && n == 0)
      st_.src.error({s.line, t.col, s.file}, fmt::format("undefined local label '{}'", t.text));
    t.symbol = local_name(t.value, t.forward ? n + 1 : n);
  }
  return out;
}

void Driver::statement(const Statement& s, std::size_t k) {
  const Stmt stmt = resolved(s, k);
  const Token& first = stmt.toks[0];
  if (first.kind != Tok::Ident)
    st_.src.error(stmt.loc(0),
                  fmt::format("expected an instruction or directive, found '{}'", first.text));
  if (stmt.toks.size() >= 2 && stmt.toks[1].is("=")) {
    std::size_t pos = 2;
    const Expr e = parse_expr(st_.src, stmt.line, stmt.toks, pos, stmt.toks.size(), stmt.file);
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

}  // namespace assembler

AsmResult assemble(std::string_view source, const std::string& filename, const FileReader& files) {
  using namespace assembler;
  Source src(source, filename);
  // Branch sizes depend on addresses, and addresses on branch sizes: the first run makes every
  // branch short, relax.cpp then says which gas makes long, and when that differs the source
  // is assembled again with those long (programs without far branches take one run). A run
  // with errors is relaxed too, so that layout does not report branches gas would lengthen.
  std::vector<bool> plan;
  for (int run = 1;; ++run) {
    State st(src);
    st.long_branches = plan;
    AsmResult r;
    try {
      Driver(st, src, files).run();
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
