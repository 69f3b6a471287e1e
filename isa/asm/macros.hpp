// The text side of macros and repetitions: bodies are read as lines of text up to their closing
// directive, arguments are split the way gas splits them, and an expansion is the body with
// `\param`, `\()` and `\@` substituted, which the driver then reads like a file.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isa/asm/lexer.hpp"
#include "isa/asm/source.hpp"
#include "isa/asm/state.hpp"

namespace pipesim::assembler {

// Lines of a body, and the line of the file each was written on.
struct Body {
  std::string text;
  std::vector<int> lines;
};

struct MacroParam {
  std::string name;
  std::string fallback;  // `p=value`: used when the argument is missing or blank
  bool required = false;
  bool vararg = false;  // `p:vararg`: the rest of the arguments, commas included
};

struct Macro {
  std::vector<MacroParam> params;
  Body body;
  std::string file;  // where the body was written
  int anchor = 0;    // Source::add's main_line for its expansions (0: the main file's own text)
};

// The first word of a line after its labels, in lower case ("" if none): what gas looks at to
// find the end of a body and the conditionals in skipped text.
std::string first_word(std::string_view line);

// Reads the lines after a `.macro` (macro = true) or a `.rept`/`.irp`/`.irpc` up to the
// matching `.endm` or `.endr`, nested ones included; nullopt if the source ends first. Line
// numbers are those of `src`'s file (Source::origin_line).
std::optional<Body> read_body(StatementReader& in, const Source& src, bool macro);

// The text of statement s after token k up to its end (';' or a comment outside quotes).
std::string_view text_after(const Source& src, const Statement& s, std::size_t k);

// Arguments as gas splits them: at commas, or at blanks between two words (gas drops blanks
// around operators first, so `1 + 2` is one argument); brackets keep their content, and an
// argument in double quotes loses them. `text` is the whole after dropping blanks; starts[i] is
// where argument i begins in it (a `:vararg` parameter takes the rest of the text).
struct Arguments {
  std::string text;
  std::vector<std::size_t> starts;
  std::vector<std::string> values;
};
Arguments split_arguments(std::string_view text);

// `.macro name params...`: the parameters (after the name, given as text). Throws at `at`.
std::vector<MacroParam> parse_params(const State& st, std::string_view text, Loc at);

// The values of the parameters for an invocation with `args` (positional, or `name=value`).
std::vector<std::string> bind_arguments(const State& st, const std::string& name, const Macro& m,
                                        const Arguments& args, Loc at);

// `body` with `\name` of each (name, value) replaced, `\()` removed and `\@` the counter.
std::string substitute(std::string_view body, const std::vector<std::string>& names,
                       const std::vector<std::string>& values, int counter);

// Roughly the tokens of a text, for the work bound of repetitions (kMaxRepeatedTokens).
uint64_t count_tokens(std::string_view text);

}  // namespace pipesim::assembler
