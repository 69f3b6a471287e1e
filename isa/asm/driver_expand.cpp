// The directives that open inputs: .macro definitions and their invocations (.exitm, .purgem),
// .rept/.irp/.irpc, and .include/.incbin. Expansions are text (macros.hpp) that the driver reads
// as a Source of its own, whose lines map back to the lines of the body in its file, so that
// an error inside an expansion names the body line, as gas does.
#include <fmt/format.h>

#include <algorithm>

#include "isa/asm/driver.hpp"
#include "isa/asm/operands.hpp"
#include "isa/error.hpp"

namespace pipesim::assembler {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int anchor_of(const Source& src, int line) {
  return src.in_main_file() ? 0 : src.main_line(line);
}

}  // namespace

void Driver::push(Frame::Kind kind, std::string text, std::string file, std::vector<int> lines,
                  int anchor, int times) {
  const Source& src =
      root_.at(root_.add(std::move(text), std::move(file), std::move(lines), anchor, times));
  frames_.push_back(
      std::make_unique<Frame>(Frame{kind, src, StatementReader(src), conds_.depth()}));
}

void Driver::charge(Loc at, const std::string& what, uint64_t tokens, std::size_t bytes) {
  repeated_tokens_ += tokens;
  if (repeated_tokens_ > kMaxRepeatedTokens)
    st_.src.fatal(at, fmt::format("{} repeats too much: more than {} tokens in all repeated "
                                  "bodies (limit {})",
                                  what, kMaxRepeatedTokens, kMaxRepeatedTokens));
  expanded_bytes_ += bytes;
  if (expanded_bytes_ > kMaxExpansionBytes)
    st_.src.fatal(at, fmt::format("{} expands too much: more than {} MiB of text in all "
                                  "expansions (limit {} MiB)",
                                  what, kMaxExpansionBytes >> 20, kMaxExpansionBytes >> 20));
}

void Driver::define_macro(const Statement& s, std::size_t k, Frame& f) {
  const Stmt head = resolved(s, k);
  if (head.toks.size() < 2 || head.toks[1].kind != Tok::Ident)
    st_.src.error(head.loc(1), "'.macro' takes a name");
  const std::string name = lower(head.toks[1].text);
  std::string_view rest = text_after(root_, s, k + 1);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  if (!rest.empty() && rest.front() == ',') rest.remove_prefix(1);
  Macro m;
  m.params = parse_params(st_, rest, head.loc(1));
  std::optional<Body> body = read_body(f.in, f.src, true);
  if (!body) st_.src.error(head.loc(0), "'.macro' without '.endm'");
  if (macros_.count(name) != 0)
    st_.src.error(head.loc(1), fmt::format("macro '{}' is already defined", head.toks[1].text));
  m.body = std::move(*body);
  m.file = f.src.file();
  m.anchor = anchor_of(f.src, s.line);
  macros_.emplace(name, std::move(m));
}

void Driver::invoke(const Statement& s, std::size_t k, const Macro& m) {
  const Stmt head = resolved(s, k);
  const std::string& name = head.toks[0].text;
  if (depth(Frame::Kind::Macro) >= kMaxMacroDepth)
    st_.src.fatal(head.loc(0), fmt::format("macro '{}' nested too deeply (limit {} expansions "
                                           "inside one another; does it invoke itself?)",
                                           name, kMaxMacroDepth));
  const Arguments args = split_arguments(text_after(root_, s, k));
  const std::vector<std::string> values = bind_arguments(st_, name, m, args, head.loc(0));
  std::vector<std::string> names;
  for (const MacroParam& p : m.params) names.push_back(p.name);
  std::string text = substitute(m.body.text, names, values, macro_count_++);
  charge(head.loc(0), fmt::format("macro '{}'", name), count_tokens(text) + 1, text.size());
  push(Frame::Kind::Macro, std::move(text), m.file, m.body.lines, m.anchor);
}

// .exitm: leaves the innermost macro expansion, and the repetitions and conditionals in it.
void Driver::exit_macro(const Statement& s, std::size_t k) {
  const Stmt head = resolved(s, k);
  if (depth(Frame::Kind::Macro) == 0) st_.src.error(head.loc(0), "'.exitm' outside a macro");
  while (frames_.back()->kind != Frame::Kind::Macro) frames_.pop_back();
  conds_.truncate(frames_.back()->conds);
  frames_.pop_back();
}

void Driver::purge(const Statement& s, std::size_t k) {
  const Stmt head = resolved(s, k);
  if (head.toks.size() != 2 || head.toks[1].kind != Tok::Ident)
    st_.src.error(head.loc(0), "'.purgem' takes a macro name");
  if (macros_.erase(lower(head.toks[1].text)) == 0)
    st_.src.error(head.loc(1), fmt::format("no macro '{}' to purge", head.toks[1].text));
}

void Driver::repeat(const Statement& s, std::size_t k, const std::string& word, Frame& f) {
  const Stmt head = resolved(s, k);
  const std::string& d = head.toks[0].text;
  std::vector<std::string> values;  // .irp/.irpc: the value of each repetition
  std::string param;
  int64_t n = 0;
  if (word == ".rept") {
    const std::vector<Range> ops = split_operands(head, 1);
    if (ops.size() != 1 || ops[0].empty()) st_.src.error(head.loc(0), "'.rept' takes 1 operand");
    n = st_.eval_constant(expr_operand(st_, head, ops[0]), "repeat count");
    if (n < 0 || n > kMaxRepeatCount)
      st_.src.error(head.loc(1), fmt::format("invalid repeat count {}", n));
  } else {
    Arguments args = split_arguments(text_after(root_, s, k));
    if (args.values.empty() || args.values[0].empty())
      st_.src.error(head.loc(0), fmt::format("'{}' takes a parameter name", d));
    param = args.values[0];
    if (word == ".irp") {
      values.assign(args.values.begin() + 1, args.values.end());
    } else {
      for (std::size_t i = 1; i < args.values.size(); ++i)
        for (char c : args.values[i]) values.emplace_back(1, c);
    }
    if (values.empty()) values.emplace_back();  // no values: the body once, the parameter blank
    n = static_cast<int64_t>(values.size());
  }
  if (depth(Frame::Kind::Repeat) >= kMaxRepeatDepth)
    st_.src.fatal(head.loc(0), fmt::format("'{}' nested too deeply", d));
  const std::optional<Body> body = read_body(f.in, f.src, false);
  if (!body) st_.src.error(head.loc(0), fmt::format("'{}' without '.endr'", d));
  const uint64_t tokens = count_tokens(body->text) + 1;  // an empty body still costs a little
  if (word == ".rept") {
    // The body once, read n times over: no copy per repetition. Its lines, read n times, are
    // bounded like tokens (blank lines cost no tokens but take reading; line numbers are int).
    const uint64_t lines = static_cast<uint64_t>(n) * body->lines.size();
    charge(head.loc(0), fmt::format("'{}'", d), std::max(static_cast<uint64_t>(n) * tokens, lines),
           body->text.size());
    push(Frame::Kind::Repeat, body->text, f.src.file(), body->lines, anchor_of(f.src, s.line),
         static_cast<int>(n));
    return;
  }
  charge(head.loc(0), fmt::format("'{}'", d), static_cast<uint64_t>(n) * tokens, 0);
  std::string text;
  std::vector<int> lines;
  for (const std::string& v : values) {
    text += substitute(body->text, {param}, {v}, macro_count_);
    lines.insert(lines.end(), body->lines.begin(), body->lines.end());
  }
  charge(head.loc(0), fmt::format("'{}'", d), 0, text.size());
  push(Frame::Kind::Repeat, std::move(text), f.src.file(), std::move(lines),
       anchor_of(f.src, s.line));
}

// The file `name` names, relative to the directory of the file being read, then to the current
// directory (gas looks in the current directory and the -I directories).
std::string Driver::read_file(const Stmt& head, const std::string& name, const Frame& f,
                              std::string& path) {
  const std::string& d = head.toks[0].text;
  if (!files_)
    st_.src.error(head.loc(0), fmt::format("'{}' cannot read files here (the program is not "
                                           "assembled from a file)",
                                           d));
  std::vector<std::string> candidates;
  const std::string& from = f.src.file();
  const std::size_t slash = from.rfind('/');
  if (!name.empty() && name[0] != '/' && slash != std::string::npos)
    candidates.push_back(from.substr(0, slash + 1) + name);
  candidates.push_back(name);
  for (const std::string& c : candidates) {
    std::optional<std::string> text;
    try {
      text = files_(c);
    } catch (const Error& e) {
      st_.src.error(head.loc(1), e.what());
    }
    if (text) {
      path = c;
      return std::move(*text);
    }
  }
  st_.src.error(head.loc(1),
                fmt::format("cannot find '{}'{}", name,
                            candidates.size() > 1 ? fmt::format(" (looked for '{}' and '{}')",
                                                                candidates[0], candidates[1])
                                                  : ""));
}

void Driver::include(const Statement& s, std::size_t k, Frame& f) {
  const Stmt head = resolved(s, k);
  if (head.toks.size() != 2 || head.toks[1].kind != Tok::String)
    st_.src.error(head.loc(0), "'.include' takes a file name in double quotes");
  if (depth(Frame::Kind::File) >= kMaxIncludeDepth)
    st_.src.fatal(head.loc(0), fmt::format("'.include' nested too deeply (limit {} files inside "
                                           "one another; does a file include itself?)",
                                           kMaxIncludeDepth));
  std::string path;
  std::string text = read_file(head, head.toks[1].text, f, path);
  included_bytes_ += text.size();
  if (included_bytes_ > kMaxIncludedBytes)
    st_.src.fatal(head.loc(1), fmt::format("included files are too large: more than {} MiB in "
                                           "all (limit {} MiB)",
                                           kMaxIncludedBytes >> 20, kMaxIncludedBytes >> 20));
  push(Frame::Kind::File, std::move(text), path, {}, root_.at(s.file).main_line(s.line));
}

void Driver::incbin(const Statement& s, std::size_t k, Frame& f) {
  const Stmt head = resolved(s, k);
  const std::vector<Range> ops = split_operands(head, 1);
  if (ops.empty() || ops.size() > 3 || ops[0].e != ops[0].b + 1 ||
      head.toks[ops[0].b].kind != Tok::String)
    st_.src.error(head.loc(0),
                  "'.incbin' takes a file name in double quotes, then optionally a "
                  "number of bytes to skip and a number of bytes to include");
  std::string path;
  const std::string bytes = read_file(head, head.toks[1].text, f, path);
  const auto operand = [&](std::size_t i, const char* what, int64_t fallback) {
    if (i >= ops.size()) return fallback;
    const int64_t v = st_.eval_constant(expr_operand(st_, head, ops[i]), what);
    if (v < 0 || static_cast<uint64_t>(v) > bytes.size())
      st_.src.error(head.loc(ops[i].b), fmt::format("{} {} is not within the {} bytes of '{}'",
                                                    what, v, bytes.size(), path));
    return v;
  };
  const int64_t skip = operand(1, "'.incbin' skip", 0);
  const int64_t count = operand(2, "'.incbin' count", static_cast<int64_t>(bytes.size()) - skip);
  if (skip + count > static_cast<int64_t>(bytes.size()))
    st_.src.error(head.loc(ops[2].b), fmt::format("'.incbin' reads past the end of '{}' ({} "
                                                  "bytes)",
                                                  path, bytes.size()));
  if (st_.section().region == Region::Bss)
    st_.src.error(head.loc(0), fmt::format("'.incbin' is not allowed in '{}'", st_.section().name));
  const auto* b = reinterpret_cast<const uint8_t*>(bytes.data()) + skip;
  st_.emit(std::vector<uint8_t>(b, b + count), head.loc(0));
}

}  // namespace pipesim::assembler
