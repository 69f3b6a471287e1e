// Macro and repetition text, following gas's macro.c: bodies are lines, arguments are text, and
// an expansion substitutes text before the result is read as source.
#include "isa/asm/macros.hpp"

#include <fmt/format.h>

#include <cctype>

namespace pipesim::assembler {
namespace {

bool name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '$';
}
// Characters between which gas keeps a blank (its input scrubber drops the others), so that
// `m a b` has two arguments but `m a + b` one.
bool word_char(char c) {
  return name_char(c) || c == '"' || c == '\'' || c == '\\';
}
bool blank(char c) {
  return c == ' ' || c == '\t';
}

std::string_view trim(std::string_view t) {
  while (!t.empty() && blank(t.front())) t.remove_prefix(1);
  while (!t.empty() && blank(t.back())) t.remove_suffix(1);
  return t;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Copies the quoted string starting at t[i] (quotes included) to out; returns the index after it.
std::size_t copy_quoted(std::string_view t, std::size_t i, std::string& out) {
  const char q = t[i];
  out += t[i++];
  for (bool escaped = false; i < t.size(); ++i) {
    out += t[i];
    if (t[i] == q && !escaped) return i + 1;
    escaped = t[i] == '\\' && !escaped;
  }
  return i;
}

// The text with blanks removed except one between two words, strings untouched.
std::string scrub(std::string_view t) {
  std::string out;
  for (std::size_t i = 0; i < t.size();) {
    if (t[i] == '"') {
      i = copy_quoted(t, i, out);
    } else if (blank(t[i])) {
      while (i < t.size() && blank(t[i])) ++i;
      if (!out.empty() && i < t.size() && word_char(out.back()) && word_char(t[i])) out += ' ';
    } else {
      out += t[i++];
    }
  }
  return out;
}

// One argument of scrubbed text from t[i]: a string in double quotes loses its quotes (gas's
// getstring), anything else runs to a comma or a blank outside brackets.
std::size_t one_argument(std::string_view t, std::size_t i, std::string& out) {
  if (i < t.size() && t[i] == '"') {
    while (i < t.size() && t[i] == '"') {
      ++i;
      for (bool escaped = false; i < t.size(); ++i) {
        if (t[i] == '"' && !escaped) {
          if (i + 1 < t.size() && t[i + 1] == '"') {
            out += '"', ++i;
            continue;
          }
          break;
        }
        escaped = t[i] == '\\' && !escaped;
        out += t[i];
      }
      if (i < t.size()) ++i;
    }
    return i;
  }
  int depth = 0;
  while (i < t.size() && (depth > 0 || (t[i] != ',' && t[i] != ' '))) {
    if (t[i] == '"' || t[i] == '\'') {
      const std::size_t end = t[i] == '"' ? copy_quoted(t, i, out) : i + 1;
      if (t[i] == '\'') out += t[i];
      i = end;
      continue;
    }
    if (t[i] == '(' || t[i] == '[') ++depth;
    if ((t[i] == ')' || t[i] == ']') && depth > 0) --depth;
    out += t[i++];
  }
  return i;
}

// The value after `name=`: read as an argument is (a string in double quotes loses them).
std::string value_after(const std::string& arg, std::size_t eq) {
  std::string v;
  one_argument(std::string_view(arg).substr(eq + 1), 0, v);
  return v;
}

}  // namespace

std::string first_word(std::string_view line) {
  std::size_t i = 0;
  while (true) {
    while (i < line.size() && blank(line[i])) ++i;
    const std::size_t start = i;
    while (i < line.size() && name_char(line[i])) ++i;
    if (i > start && i < line.size() && line[i] == ':') {
      ++i;  // a label
      continue;
    }
    return lower(line.substr(start, i - start));
  }
}

std::optional<Body> read_body(StatementReader& in, const Source& src, bool macro) {
  Body b;
  int depth = 0;
  std::string_view text;
  for (int line = 0; in.next_line(text, line);) {
    const std::string w = first_word(text);
    if (macro ? w == ".macro" : (w == ".rept" || w == ".irp" || w == ".irpc")) ++depth;
    if (w == (macro ? ".endm" : ".endr") && depth-- == 0) return b;
    b.text.append(text).push_back('\n');
    b.lines.push_back(src.origin_line(line));
  }
  return std::nullopt;
}

std::string_view text_after(const Source& src, const Statement& s, std::size_t k) {
  const std::string_view line = src.at(s.file).line(s.line);
  std::size_t i = static_cast<std::size_t>(s.tokens[k].col - 1) + s.tokens[k].text.size();
  const std::size_t start = std::min(i, line.size());
  std::string ignored;
  for (i = start; i < line.size();) {
    if (line[i] == '"') {
      i = copy_quoted(line, i, ignored);
      continue;
    }
    if (line[i] == ';' || line[i] == '#' || line.substr(i, 2) == "//") break;
    ++i;
  }
  return line.substr(start, std::min(i, line.size()) - start);
}

Arguments split_arguments(std::string_view text) {
  Arguments a;
  a.text = scrub(trim(text));
  const std::string_view t = a.text;
  if (t.empty()) return a;
  for (std::size_t i = 0;;) {
    a.starts.push_back(i);
    std::string v;
    i = one_argument(t, i, v);
    a.values.push_back(std::move(v));
    if (i >= t.size()) break;
    ++i;  // the comma or blank after it
  }
  return a;
}

std::vector<MacroParam> parse_params(const State& st, std::string_view text, Loc at) {
  std::vector<MacroParam> out;
  for (const std::string& p : split_arguments(text).values) {
    if (!out.empty() && out.back().vararg)
      st.src.error(at,
                   fmt::format("'{}': only the last parameter may be ':vararg'", out.back().name));
    MacroParam m;
    const std::size_t eq = p.find('=');
    std::string_view spec = std::string_view(p).substr(0, eq);
    if (eq != std::string::npos) m.fallback = value_after(p, eq);
    const std::size_t colon = spec.find(':');
    if (colon != std::string_view::npos) {
      const std::string_view q = spec.substr(colon + 1);
      if (q == "req") {
        m.required = true;
      } else if (q == "vararg") {
        m.vararg = true;
      } else {
        st.src.error(at, fmt::format("invalid qualifier ':{}' of macro parameter", q));
      }
      spec = spec.substr(0, colon);
    }
    m.name = std::string(spec);
    bool valid = !m.name.empty() && !std::isdigit(static_cast<unsigned char>(m.name[0]));
    for (char c : m.name) valid = valid && name_char(c);
    if (!valid) st.src.error(at, fmt::format("invalid macro parameter '{}'", p));
    for (const MacroParam& o : out)
      if (o.name == m.name)
        st.src.error(at, fmt::format("macro parameter '{}' appears twice", m.name));
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<std::string> bind_arguments(const State& st, const std::string& name, const Macro& m,
                                        const Arguments& args, Loc at) {
  const std::size_t n = m.params.size();
  std::vector<std::string> values(n);
  std::vector<bool> given(n, false);
  std::size_t pos = 0;
  for (std::size_t i = 0; i < args.values.size(); ++i) {
    const std::string& a = args.values[i];
    const std::size_t eq = a.find('=');
    std::size_t k = n;
    if (eq != std::string::npos)
      for (std::size_t j = 0; j < n; ++j)
        if (m.params[j].name == a.substr(0, eq)) k = j;
    if (k < n) {
      values[k] = value_after(a, eq), given[k] = true;
      continue;
    }
    if (pos >= n)
      st.src.error(at, fmt::format("too many arguments for macro '{}' (it takes {})", name, n));
    if (m.params[pos].vararg) {
      values[pos] = std::string(trim(std::string_view(args.text).substr(args.starts[i])));
      given[pos] = true;
      break;
    }
    values[pos] = a, given[pos] = true;
    ++pos;
  }
  for (std::size_t j = 0; j < n; ++j) {
    if (given[j] && !values[j].empty()) continue;
    if (m.params[j].required)
      st.src.error(at, fmt::format("missing value for required parameter '{}' of macro '{}'",
                                   m.params[j].name, name));
    values[j] = m.params[j].fallback;
  }
  return values;
}

std::string substitute(std::string_view body, const std::vector<std::string>& names,
                       const std::vector<std::string>& values, int counter) {
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size();) {
    if (body[i] != '\\' || i + 1 >= body.size()) {
      out += body[i++];
      continue;
    }
    const char c = body[i + 1];
    if (c == '(') {  // `\(text)` is the text itself: `\()` joins a parameter to what follows
      const std::size_t close = body.find(')', i + 2);
      const std::size_t end = close == std::string_view::npos ? body.size() : close;
      out.append(body.substr(i + 2, end - i - 2));
      i = end == body.size() ? end : end + 1;
    } else if (c == '@') {
      out += std::to_string(counter);
      i += 2;
    } else if (name_char(c) && !std::isdigit(static_cast<unsigned char>(c))) {
      std::size_t e = i + 1;
      while (e < body.size() && name_char(body[e])) ++e;
      const std::string_view word = body.substr(i + 1, e - i - 1);
      std::size_t k = 0;
      while (k < names.size() && names[k] != word) ++k;
      out.append(k < names.size() ? std::string_view(values[k]) : body.substr(i, e - i));
      i = e;
    } else {
      out += body[i++];
    }
  }
  return out;
}

uint64_t count_tokens(std::string_view text) {
  uint64_t n = 0;
  std::string ignored;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (blank(c) || c == '\n' || c == '\r') {
      ++i;
    } else if (c == '#' || text.substr(i, 2) == "//") {
      const std::size_t nl = text.find('\n', i);
      i = nl == std::string_view::npos ? text.size() : nl;
    } else if (c == '"') {
      i = copy_quoted(text, i, ignored), ++n;
    } else if (name_char(c)) {
      while (i < text.size() && name_char(text[i])) ++i;
      ++n;
    } else {
      ++i, ++n;
    }
  }
  return n;
}

}  // namespace pipesim::assembler
