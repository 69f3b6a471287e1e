// Tokens of GNU assembler syntax, and the split of the source into statements (lines, or the
// parts of a line separated by ';'), with comments (#, //, /* */) removed. Statements are read
// one at a time, so that the assembler holds the tokens of one statement, not of the whole file.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isa/asm/source.hpp"

namespace pipesim::assembler {

enum class Tok : uint8_t {
  Ident,     // symbol, mnemonic, register or directive name (directives keep their '.')
  Number,    // integer or character constant; value holds it
  LocalRef,  // "1b" / "1f": value is the label number, forward says which direction
  String,    // "..."; text holds the decoded bytes
  Reloc,     // %hi, %lo, %pcrel_hi, %pcrel_lo; text holds the name without '%'
  Punct,     // operator or separator: , ( ) : = + - * / % << >> & | ^ ~ !
             // == != <> < > <= >= && ||
};

struct Token {
  Tok kind = Tok::Punct;
  std::string text;  // as written, except String (decoded) and Reloc (name)
  int64_t value = 0;
  bool forward = false;
  int col = 0;  // 1-based column of its first character
  // Once the driver has resolved the statement: LocalRef, the internal label name; Ident, the
  // definition of a redefined symbol it refers to (State::bind).
  std::string symbol;
  // Ident naming a symbol whose value was known when the statement was assembled: that value
  // (`value`, in section `bound_sec`), which a later `.set` of the symbol does not change.
  bool bound = false;
  int bound_sec = 0;
  // A Number that is a floating-point literal (1.5, 1e-3, 0f2.5), for .float/.double/.dc.s...:
  // its text is as written and value 0; an expression refuses it.
  bool flonum = false;

  bool is(const char* punct) const { return kind == Tok::Punct && text == punct; }
};

struct Statement {
  int line = 0;
  int file = 0;               // Loc::file of the source it was read from
  std::vector<Token> tokens;  // never empty
  // A ';' came before it on its line: if it does not assemble, its writer may have meant a
  // comment (';' starts one in other assemblers; in GNU as it separates statements).
  bool after_semicolon = false;
};

// Is tokens[i] a label ("name:" or "1:")?
bool is_label_at(const Statement& s, std::size_t i);
// Index of the first token after the statement's labels.
std::size_t body_start(const Statement& s);

// Reads the statements of a source in order. Throws through src.error on malformed tokens (bad
// numbers, unterminated strings, …) when it reaches them.
//
// A data directive with very many operands (a table of a million `.word`s on one line) comes
// out as several statements of at most kChunkOperands operands each, the directive repeated and
// every token keeping its column: they assemble to the same bytes, and the assembler never holds
// the tokens of the whole line. Any other statement longer than kMaxStatementTokens (a
// 10-million-term expression) is an error, so that no line, however long or malformed, makes
// the reader hold more than that many tokens.
class StatementReader {
 public:
  static constexpr int kChunkOperands = 1024;
  // A part of a split statement also ends at the first comma after this many tokens (operands
  // that are long expressions), so that only one huge operand can reach the limit.
  static constexpr std::size_t kChunkTokens = 65'536;
  // About 25 MB of tokens: a sum of 100,000 terms fits; real statements have a few dozen.
  static constexpr std::size_t kMaxStatementTokens = 262'144;

  explicit StatementReader(const Source& src) : src_(src) {}
  // The next statement into `out`; false at the end of the source.
  bool next(Statement& out);
  // After next() threw (a malformed token): drops the rest of the line, so that reading goes
  // on with the next one. Whether a ';' came before the bad token on its line.
  bool skip_line();
  // The next line not read yet, whole and not tokenized (the body of a macro or a repetition,
  // which is text until it is expanded); false at the end of the source.
  bool next_line(std::string_view& text, int& line);
  // The next line's text without reading it, when the reader is at the start of a line (skipped
  // conditional text is looked at line by line, never tokenized); nullopt mid-line or at the end.
  std::optional<std::string_view> peek_line() const {
    if (!line_done_ || carry_ || in_comment_ || line_ >= src_.line_count()) return std::nullopt;
    return src_.line(line_ + 1);
  }

 private:
  bool lex_until_end_of_statement(Statement& out);
  bool finish(Statement& out);

  const Source& src_;
  int line_ = 0;  // the line being read; 0 before the first
  std::string_view text_;
  std::size_t i_ = 0;
  bool line_done_ = true;
  bool in_comment_ = false;  // inside /* */, which may span lines
  bool semicolon_ = false;   // a ';' separated statements earlier on this line
  // Splitting a long data statement: the directive to repeat, the comma where the split happens
  // (held back until we know the statement goes on after it; a comma inside parentheses stays
  // in the part), and the token after it.
  int operands_ = 0, depth_ = 0;
  bool chunkable_ = false, classified_ = false, split_ = false;
  std::optional<Token> held_comma_, carry_;
  Token directive_;
};

// All statements at once (for tests of the lexer and the expression parser).
std::vector<Statement> lex(const Source& src);

}  // namespace pipesim::assembler
