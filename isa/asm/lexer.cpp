// Turns source lines into tokens, following GNU as: '#' and "//" start a comment anywhere,
// /* */ may span lines, ';' separates statements, numbers may be decimal, 0x hex, 0b binary or
// 0-prefixed octal, and 'c (optionally closed by another ') is a character constant.
#include "isa/asm/lexer.hpp"

#include <fmt/format.h>

#include <cctype>
#include <cstring>
#include <string_view>

namespace pipesim::assembler {
namespace {

// '@' starts section types and symbol types (@progbits, @function), which we only skip.
bool ident_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '$' ||
         c == '@';
}
bool ident_char(char c) {
  return ident_start(c) || std::isdigit(static_cast<unsigned char>(c));
}
int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 99;
}

bool is_digit(std::string_view s, std::size_t i) {
  return i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]));
}

// Length of the floating-point literal at s[i] (a digit), or 0 if there is none: digits with a
// fraction or an exponent, or gas's flonum prefix (0f, 0d, 0e, 0r) before a number. Integers,
// 0x/0b numbers and local label references (0f alone) are not floats.
std::size_t float_length(std::string_view s, std::size_t i) {
  const std::size_t start = i;
  bool prefixed = false;
  if (s[i] == '0' && i + 1 < s.size() && std::strchr("fFdDeErR", s[i + 1]) != nullptr &&
      (is_digit(s, i + 2) || (i + 2 < s.size() && s[i + 2] == '.'))) {
    i += 2;
    prefixed = true;
  } else if (s[i] == '0' && i + 1 < s.size() && std::strchr("xXbB", s[i + 1]) != nullptr) {
    return 0;
  }
  while (is_digit(s, i)) ++i;
  bool fraction = false;
  if (i < s.size() && s[i] == '.' && (is_digit(s, i + 1) || prefixed)) {
    fraction = true;
    for (++i; is_digit(s, i);) ++i;
  }
  bool exponent = false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    std::size_t k = i + 1;
    if (k < s.size() && (s[k] == '+' || s[k] == '-')) ++k;
    if (is_digit(s, k)) {
      exponent = true;
      for (i = k; is_digit(s, i);) ++i;
    }
  }
  if (!prefixed && !fraction && !exponent) return 0;
  if (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '_')) return 0;
  return i - start;
}

// Reads one token of a line from position i (which it advances).
class TokenLexer {
 public:
  TokenLexer(const Source& src, int line, std::string_view text, std::size_t& i)
      : src_(src), line_(line), s_(text), i_(i) {}

  [[noreturn]] void fail(std::size_t at, const std::string& msg) const {
    src_.error({line_, static_cast<int>(at) + 1, src_.index()}, msg);
  }

  Token next() {
    const std::size_t start = i_;
    Token t;
    t.col = static_cast<int>(start) + 1;
    const char c = s_[i_];
    if (ident_start(c)) {
      while (i_ < s_.size() && ident_char(s_[i_])) ++i_;
      t.kind = Tok::Ident;
      t.text = std::string(s_.substr(start, i_ - start));
    } else if (const std::size_t n =
                   std::isdigit(static_cast<unsigned char>(c)) ? float_length(s_, start) : 0) {
      i_ = start + n;
      t.kind = Tok::Number;
      t.flonum = true;
      t.text = std::string(s_.substr(start, n));
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      while (i_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[i_])) || s_[i_] == '_'))
        ++i_;
      t.text = std::string(s_.substr(start, i_ - start));
      number(t);
    } else if (c == '"') {
      t.kind = Tok::String;
      ++i_;
      while (true) {
        if (i_ >= s_.size()) fail(start, "unterminated string");
        if (s_[i_] == '"') break;
        t.text += char_in_literal(start);
      }
      ++i_;
    } else if (c == '\'') {
      ++i_;
      if (i_ >= s_.size()) fail(start, "missing character after '");
      t.kind = Tok::Number;
      t.value = static_cast<unsigned char>(char_in_literal(start));
      if (i_ < s_.size() && s_[i_] == '\'') ++i_;
      t.text = std::string(s_.substr(start, i_ - start));
    } else if (c == '%' && i_ + 1 < s_.size() && ident_start(s_[i_ + 1])) {
      ++i_;
      while (i_ < s_.size() && ident_char(s_[i_])) ++i_;
      t.kind = Tok::Reloc;
      t.text = std::string(s_.substr(start + 1, i_ - start - 1));
      if (t.text != "hi" && t.text != "lo" && t.text != "pcrel_hi" && t.text != "pcrel_lo")
        fail(start, fmt::format("unknown relocation operator '%{}'", t.text));
    } else {
      const std::string_view two = s_.substr(i_, 2);
      if (two == "<<" || two == ">>" || two == "==" || two == "!=" || two == "<>" || two == "<=" ||
          two == ">=" || two == "&&" || two == "||") {
        i_ += 2;
      } else if (std::string_view(",():=+-*/%&|^~!<>").find(c) != std::string_view::npos) {
        ++i_;
      } else {
        fail(start, fmt::format("unexpected character '{}'", c));
      }
      t.kind = Tok::Punct;
      t.text = std::string(s_.substr(start, i_ - start));
    }
    return t;
  }

 private:
  // One character of a string or character literal, with GNU as escapes.
  char char_in_literal(std::size_t literal_start) {
    char c = s_[i_++];
    if (c != '\\') return c;
    if (i_ >= s_.size()) fail(literal_start, "unterminated string");
    c = s_[i_++];
    switch (c) {
      case 'n':
        return '\n';
      case 't':
        return '\t';
      case 'r':
        return '\r';
      case 'b':
        return '\b';
      case 'f':
        return '\f';
      case 'v':
        return '\v';
      case '\\':
      case '"':
      case '\'':
        return c;
      case 'x':
      case 'X': {
        unsigned v = 0;
        int n = 0;
        while (i_ < s_.size() && digit_value(s_[i_]) < 16) v = v * 16 + digit_value(s_[i_++]), ++n;
        if (n == 0) fail(i_ - 2, "'\\x' escape without hex digits");
        return static_cast<char>(v & 0xff);
      }
      default:
        if (c >= '0' && c <= '7') {
          unsigned v = static_cast<unsigned>(c - '0');
          for (int n = 1; n < 3 && i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '7'; ++n)
            v = v * 8 + static_cast<unsigned>(s_[i_++] - '0');
          return static_cast<char>(v & 0xff);
        }
        fail(i_ - 2, fmt::format("unknown escape '\\{}' in string", c));
    }
  }

  void number(Token& t) const {
    const std::string& s = t.text;
    const std::size_t at = static_cast<std::size_t>(t.col - 1);
    auto bad = [&] { fail(at, fmt::format("invalid number '{}'", s)); };
    // A run of decimal digits followed by b or f names a numeric local label.
    if (s.size() >= 2 && (s.back() == 'b' || s.back() == 'f')) {
      bool digits = true;
      for (std::size_t k = 0; k + 1 < s.size(); ++k)
        digits = digits && std::isdigit(static_cast<unsigned char>(s[k]));
      const bool binary = s.size() > 2 && (s[1] == 'b' || s[1] == 'B') && s[0] == '0';
      if (digits && !binary) {
        t.kind = Tok::LocalRef;
        t.forward = s.back() == 'f';
        if (s.size() > 10) fail(at, fmt::format("local label number '{}' is too large", s));
        t.value = std::stoll(s.substr(0, s.size() - 1));
        return;
      }
    }
    unsigned base = 10;
    std::size_t k = 0;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
      base = 16, k = 2;
    } else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B')) {
      base = 2, k = 2;
    } else if (s.size() > 1 && s[0] == '0') {
      base = 8, k = 1;
    }
    uint64_t v = 0;
    for (; k < s.size(); ++k) {
      const unsigned d = static_cast<unsigned>(digit_value(s[k]));
      if (d >= base) bad();
      if (v > (UINT64_MAX - d) / base)
        fail(at, fmt::format("number '{}' does not fit in 64 bits", s));
      v = v * base + d;
    }
    t.kind = Tok::Number;
    t.value = static_cast<int64_t>(v);
  }

  const Source& src_;
  int line_;
  std::string_view s_;
  std::size_t& i_;
};

// Directives whose operands are independent of each other, so that a statement of them can be
// split between operands.
bool splits(const Token& t) {
  static constexpr std::string_view kNames[] = {".word",  ".4byte", ".long",   ".half",  ".2byte",
                                                ".short", ".byte",  ".dword",  ".8byte", ".quad",
                                                ".ascii", ".asciz", ".string", ".globl", ".global"};
  if (t.kind != Tok::Ident) return false;
  for (std::string_view n : kNames)
    if (t.text == n) return true;
  return false;
}

}  // namespace

bool is_label_at(const Statement& s, std::size_t i) {
  if (i + 1 >= s.tokens.size() || !s.tokens[i + 1].is(":")) return false;
  const Token& t = s.tokens[i];
  if (t.kind == Tok::Ident) return true;
  return t.kind == Tok::Number && t.text.find_first_not_of("0123456789") == std::string::npos;
}

std::size_t body_start(const Statement& s) {
  std::size_t i = 0;
  while (is_label_at(s, i)) i += 2;
  return i;
}

bool StatementReader::next(Statement& out) {
  out.tokens.clear();
  if (carry_) {
    // The rest of a split statement: the directive again, then the operand after the split.
    out.tokens.push_back(directive_);
    out.tokens.push_back(std::move(*carry_));
    carry_.reset();
    operands_ = 1;
  } else {
    operands_ = 0, depth_ = 0, chunkable_ = false, classified_ = false;
  }
  while (true) {
    if (line_done_) {
      if (line_ >= src_.line_count()) return false;
      text_ = src_.line(++line_);
      i_ = 0;
      line_done_ = false;
      semicolon_ = false;
    }
    out.line = line_;
    out.file = src_.index();
    if (lex_until_end_of_statement(out)) return true;
  }
}

// Reads tokens into `out` up to the end of the statement (';', a comment, the end of the line)
// or a split; true if the statement has tokens.
bool StatementReader::lex_until_end_of_statement(Statement& out) {
  while (true) {
    if (in_comment_) {
      const std::size_t end = text_.find("*/", i_);
      if (end == std::string_view::npos) {
        line_done_ = true;
        return finish(out);
      }
      in_comment_ = false;
      i_ = end + 2;
    }
    while (i_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[i_]))) ++i_;
    if (i_ >= text_.size() || text_[i_] == '#' || text_.substr(i_, 2) == "//") {
      line_done_ = true;
      return finish(out);
    }
    if (text_.substr(i_, 2) == "/*") {
      in_comment_ = true;
      i_ += 2;
      continue;
    }
    if (text_[i_] == ';') {
      ++i_;
      semicolon_ = true;
      if (finish(out)) return true;
      continue;
    }
    Token t = TokenLexer(src_, line_, text_, i_).next();
    if (split_) {
      // The statement goes on after the comma where it is split: end this part here.
      split_ = false;
      held_comma_.reset();
      carry_ = std::move(t);
      return true;
    }
    if (t.is("(")) ++depth_;
    if (t.is(")")) --depth_;
    // Every comma of a data directive counts, whatever the parentheses: none of its operands
    // holds a comma, so an unmatched '(' is an error anyway, and must not stop the split (the
    // whole line would be held as one statement before the error is found).
    if (t.is(",")) {
      if (!classified_) {
        const std::size_t k = body_start(out);
        chunkable_ = k < out.tokens.size() && splits(out.tokens[k]);
        if (chunkable_) directive_ = out.tokens[k];
        classified_ = true;
      }
      if (chunkable_ && (++operands_ >= kChunkOperands || out.tokens.size() >= kChunkTokens)) {
        // Inside parentheses the comma stays in this part, so that the expression parser
        // rejects it just where it would reject it in the whole line.
        if (depth_ != 0) {
          out.tokens.push_back(std::move(t));
        } else {
          held_comma_ = std::move(t);
        }
        split_ = true;
        continue;
      }
    }
    if (out.tokens.size() >= kMaxStatementTokens)
      src_.error({line_, t.col, src_.index()},
                 fmt::format("statement too long (limit {} tokens)", kMaxStatementTokens));
    if (out.tokens.empty()) out.after_semicolon = semicolon_;
    out.tokens.push_back(std::move(t));
  }
}

// At the end of a statement: a comma held back for a split stays (so "1, 2," still ends with
// an empty operand). True if there is a statement.
bool StatementReader::finish(Statement& out) {
  if (held_comma_) out.tokens.push_back(std::move(*held_comma_));
  held_comma_.reset();
  split_ = false;
  if (!out.tokens.empty()) return true;
  operands_ = 0, depth_ = 0, chunkable_ = false, classified_ = false;
  return false;
}

bool StatementReader::skip_line() {
  line_done_ = true;
  held_comma_.reset();
  carry_.reset();
  split_ = false;
  return semicolon_;
}

bool StatementReader::next_line(std::string_view& text, int& line) {
  if (line_ >= src_.line_count()) return false;
  text = src_.line(++line_);
  line = line_;
  line_done_ = true;
  return true;
}

std::vector<Statement> lex(const Source& src) {
  std::vector<Statement> out;
  StatementReader in(src);
  for (Statement s; in.next(s);) out.push_back(s);
  return out;
}

}  // namespace pipesim::assembler
