// Tokens of GNU assembler syntax, and the split of the source into statements (lines, or the
// parts of a line separated by ';'), with comments (#, //, /* */) removed.
#pragma once

#include <cstdint>
#include <string>
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
};

struct Token {
  Tok kind = Tok::Punct;
  std::string text;  // as written, except String (decoded) and Reloc (name)
  int64_t value = 0;
  bool forward = false;
  int col = 0;         // 1-based column of its first character
  std::string symbol;  // LocalRef, once the driver has resolved it: the internal label name

  bool is(const char* punct) const { return kind == Tok::Punct && text == punct; }
};

struct Statement {
  int line = 0;
  std::vector<Token> tokens;  // never empty
};

// Throws through src.error on malformed tokens (bad numbers, unterminated strings, …).
std::vector<Statement> lex(const Source& src);

}  // namespace pipesim::assembler
