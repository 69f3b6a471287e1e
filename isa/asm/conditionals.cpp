// Conditional assembly. Each .if pushes a level; a level is active when its parent is and its
// condition held (or, after .else/.elseif, no earlier branch of it was taken). Conditions are
// evaluated only where the enclosing text is assembled, as gas does, so that a false branch may
// name symbols and macros that do not exist.
#include "isa/asm/conditionals.hpp"

#include <fmt/format.h>

#include <array>
#include <cctype>

#include "isa/asm/operands.hpp"

namespace pipesim::assembler {
namespace {

constexpr std::array<std::string_view, 16> kOpeners = {
    ".if",   ".ifdef", ".ifndef", ".ifnotdef", ".ifb",  ".ifnb", ".ifc",   ".ifnc",
    ".ifeq", ".ifne",  ".iflt",   ".ifle",     ".ifgt", ".ifge", ".ifeqs", ".ifnes"};

bool is_opener(std::string_view w) {
  for (std::string_view o : kOpeners)
    if (w == o) return true;
  return false;
}

std::string_view trim(std::string_view t) {
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return t;
}

// One operand of .ifc: text up to the comma, or a string in single quotes ('' is a quote), as
// gas reads it (double quotes are ordinary characters there).
std::string ifc_operand(std::string_view& raw) {
  raw = trim(raw);
  std::string out;
  if (!raw.empty() && raw.front() == '\'') {
    std::size_t i = 1;
    for (; i < raw.size(); ++i) {
      if (raw[i] != '\'') {
        out += raw[i];
      } else if (i + 1 < raw.size() && raw[i + 1] == '\'') {
        out += '\'', ++i;
      } else {
        break;
      }
    }
    raw.remove_prefix(i < raw.size() ? i + 1 : raw.size());
    raw = trim(raw);
    return out;
  }
  const std::size_t comma = raw.find(',');
  out = std::string(trim(raw.substr(0, comma)));
  raw.remove_prefix(comma == std::string_view::npos ? raw.size() : comma);
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool symbol_defined(const State& st, const std::string& name) {
  const auto it = st.symbols.find(name);
  return it != st.symbols.end() && (it->second.value || it->second.expr);
}

}  // namespace

bool is_conditional_directive(std::string_view w) {
  return is_opener(w) || w == ".elseif" || w == ".else" || w == ".endif";
}

bool Conditionals::condition(State& st, const Stmt& s, std::string_view raw) {
  const std::string d = lower(s.toks[0].text);
  const std::vector<Range> ops = split_operands(s, 1);
  const auto one = [&] {
    if (ops.size() != 1 || ops[0].empty())
      st.src.error(s.loc(0), fmt::format("'{}' takes 1 operand", d));
  };
  if (d == ".ifdef" || d == ".ifndef" || d == ".ifnotdef") {
    one();
    if (ops[0].e != ops[0].b + 1 || s.toks[ops[0].b].kind != Tok::Ident)
      st.src.error(s.loc(1), fmt::format("'{}' takes a symbol name", d));
    return symbol_defined(st, s.toks[ops[0].b].text) == (d == ".ifdef");
  }
  if (d == ".ifb" || d == ".ifnb") return trim(raw).empty() == (d == ".ifb");
  if (d == ".ifc" || d == ".ifnc") {
    const std::string a = ifc_operand(raw);
    if (raw.empty() || raw.front() != ',')
      st.src.error(s.loc(0), fmt::format("'{}' takes 2 "
                                         "operands",
                                         d));
    raw.remove_prefix(1);
    const std::string b = ifc_operand(raw);
    return (a == b) == (d == ".ifc");
  }
  if (d == ".ifeqs" || d == ".ifnes") {
    if (s.toks.size() != 4 || s.toks[1].kind != Tok::String || !s.toks[2].is(",") ||
        s.toks[3].kind != Tok::String)
      st.src.error(s.loc(0), fmt::format("'{}' takes 2 strings in double quotes", d));
    return (s.toks[1].text == s.toks[3].text) == (d == ".ifeqs");
  }
  one();
  const int64_t v = st.eval_constant(expr_operand(st, s, ops[0]), "condition");
  if (d == ".if" || d == ".elseif" || d == ".ifne") return v != 0;
  if (d == ".ifeq") return v == 0;
  if (d == ".iflt") return v < 0;
  if (d == ".ifle") return v <= 0;
  if (d == ".ifgt") return v > 0;
  return v >= 0;  // .ifge
}

bool Conditionals::handle(State& st, const Stmt& s, std::string_view raw) {
  const std::string d = lower(s.toks[0].text);
  if (is_opener(d)) {
    Level l;
    l.parent_active = active();
    l.at = s.loc(0);
    l.active = l.parent_active && condition(st, s, raw);
    l.taken = l.active;
    stack_.push_back(l);
    return true;
  }
  if (d != ".elseif" && d != ".else" && d != ".endif") return false;
  if (stack_.empty()) st.src.error(s.loc(0), fmt::format("'{}' without '.if'", d));
  Level& l = stack_.back();
  if (d == ".endif") {
    if (s.toks.size() > 1) st.src.error(s.loc(1), "'.endif' takes no operands");
    stack_.pop_back();
    return true;
  }
  if (l.in_else) st.src.error(s.loc(0), fmt::format("'{}' after '.else'", d));
  if (d == ".else") {
    if (s.toks.size() > 1) st.src.error(s.loc(1), "'.else' takes no operands");
    l.in_else = true;
    l.active = l.parent_active && !l.taken;
  } else {
    l.active = l.parent_active && !l.taken && condition(st, s, raw);
  }
  l.taken = l.taken || l.active;
  return true;
}

}  // namespace pipesim::assembler
