// .file/.loc (see debug_lines.hpp). gas's dwarf2dbg.c is the reference: file numbers are
// assigned by `.file N`, a `.loc` naming an unassigned number is an error, and each `.loc`
// becomes a line-table row at the address of the next instruction.
#include "isa/asm/debug_lines.hpp"

#include <fmt/format.h>

#include <limits>
#include <string_view>

#include "isa/asm/state.hpp"

namespace pipesim::assembler {
namespace {

const Token& tok(const State& st, const Stmt& s, std::size_t i, const char* what) {
  if (i >= s.toks.size())
    st.src.error(s.loc(i), fmt::format("'{}' expects {}", s.toks[0].text, what));
  return s.toks[i];
}

// A non-negative number token (gas allows no expressions in these operands either).
uint64_t number(const State& st, const Stmt& s, std::size_t i, const char* what) {
  const Token& t = tok(st, s, i, what);
  if (t.kind != Tok::Number || t.value < 0)
    st.src.error(s.loc(i), fmt::format("'{}' expects {}", s.toks[0].text, what));
  return static_cast<uint64_t>(t.value);
}

std::string join(const std::string& dir, const std::string& name) {
  if (dir.empty() || name.empty() || name[0] == '/') return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

}  // namespace

void file_directive(State& st, const Stmt& s) {
  if (s.toks.size() >= 2 && s.toks[1].kind == Tok::String) return;  // `.file "x.c"`
  const uint64_t n = number(st, s, 1, "a file number and a file name");
  const Token& first = tok(st, s, 2, "a file name");
  if (first.kind != Tok::String) st.src.error(s.loc(2), "'.file' expects a file name as a string");
  std::size_t next = 3;
  std::string name = first.text;
  if (next < s.toks.size() && s.toks[next].kind == Tok::String)
    name = join(first.text, s.toks[next++].text);
  // DWARF 5's checksum of the file: `md5 0x…` (pipesim does not use it).
  if (next < s.toks.size() && s.toks[next].kind == Tok::Ident && s.toks[next].text == "md5")
    next += 2;
  if (next < s.toks.size())
    st.src.error(s.loc(next),
                 fmt::format("unexpected '{}' after the file name", s.toks[next].text));
  if (name.empty()) st.src.error(s.loc(2), "'.file' needs a non-empty file name");
  st.debug_lines.files[n] = name;
}

void loc_directive(State& st, const Stmt& s) {
  DebugLines& d = st.debug_lines;
  const uint64_t file = number(st, s, 1, "a file number and a line number");
  if (!d.files.contains(file))
    st.src.error(s.loc(1),
                 fmt::format("unassigned file number {} (no '.file {}' before)", file, file));
  const uint64_t line = number(st, s, 2, "a line number");
  if (line > std::numeric_limits<uint32_t>::max())
    st.src.error(s.loc(2), fmt::format("line number {} is too large", line));
  std::size_t i = 3;
  if (i < s.toks.size() && s.toks[i].kind == Tok::Number) number(st, s, i++, "a column");
  // gas's view: 0 after code, else the previous .loc's view + 1 (several rows at one address).
  const std::size_t size = st.section().size();
  const int64_t view = d.last_sec == st.cur && d.last_size == size ? d.last_view + 1 : 0;
  d.last_sec = st.cur, d.last_size = size, d.last_view = view;
  while (i < s.toks.size()) {
    const Token& t = s.toks[i];
    const std::string_view o = t.kind == Tok::Ident ? std::string_view(t.text) : "";
    if (o == "prologue_end" || o == "epilogue_begin") {
      ++i;
    } else if (o == "is_stmt" || o == "isa" || o == "discriminator") {
      number(st, s, i + 1, "a number after it");
      i += 2;
    } else if (o == "view") {
      // `view 0`, `view -0` (gas's "reset the view") or `view .LVU3` (defines the symbol).
      std::size_t v = i + 1;
      if (v < s.toks.size() && s.toks[v].is("-")) ++v;
      const Token& vt = tok(st, s, v, "a view number or symbol after 'view'");
      if (vt.kind == Tok::Ident) {
        Expr e;
        e.nodes.push_back({});
        e.nodes.back().value = view;
        e.loc = s.loc(v);
        st.define_equ(vt.text, e, s.loc(v));
      } else if (vt.kind != Tok::Number) {
        st.src.error(s.loc(v), "'view' expects a number or a symbol");
      }
      i = v + 1;
    } else {
      st.src.error(s.loc(i), fmt::format("unknown '.loc' option '{}'", t.text));
    }
  }
  // gas makes no row for line 0 (dwarf2_gen_line_info): the previous row goes on.
  if (line == 0) return;
  d.rows.push_back({st.cur, st.section().marks.size(), file, static_cast<uint32_t>(line)});
}

void fill_source_map(const State& st, SourceMap& out) {
  const DebugLines& d = st.debug_lines;
  if (d.rows.empty()) return;
  std::map<uint64_t, uint32_t> index;  // .file number -> index in out.files
  for (const auto& [n, name] : d.files) {
    index[n] = static_cast<uint32_t>(out.files.size());
    out.files.push_back(name);
  }
  for (std::size_t sec = 0; sec < st.sections.size(); ++sec) {
    const Section& s = st.sections[sec];
    const DebugLines::Row* current = nullptr;
    std::size_t r = 0;
    for (std::size_t m = 0; m < s.marks.size(); ++m) {
      // Rows are in source order, so a section's rows come with increasing marks.
      for (; r < d.rows.size(); ++r) {
        const DebugLines::Row& row = d.rows[r];
        if (row.sec != static_cast<int>(sec)) continue;
        if (row.mark > m) break;
        current = &row;
      }
      if (!s.marks[m].insn || current == nullptr || current->line == 0) continue;
      out.lines[s.addr + s.marks[m].offset] = {index.at(current->file), current->line};
    }
  }
}

}  // namespace pipesim::assembler
