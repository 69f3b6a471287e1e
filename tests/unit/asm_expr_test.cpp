// The assembler's expression evaluator: gas precedence, 64-bit wrapping arithmetic, number
// syntax, symbols and the section rules for addresses. Expected values are hand-derived from
// the rules in binutils gas/expr.c (ranks: + - < & | ^ < * / % << >>; '>>' logical).
#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>

#include "isa/asm/expr.hpp"
#include "isa/asm/lexer.hpp"
#include "isa/asm/source.hpp"
#include "isa/error.hpp"

using namespace pipesim::assembler;

namespace {

// Symbols: "abs" = 40, "a" = .text+8, "b" = .text+20, "d" = .data+4; .text at 0x10000 and
// .data at 0x100000 once `placed`.
class TestResolver : public Resolver {
 public:
  bool placed = false;
  std::optional<Value> symbol(const Expr::Node& n) override {
    static const std::map<std::string, Value> syms = {
        {"abs", {40, kAbsolute}}, {"a", {8, 0}}, {"b", {20, 0}}, {"d", {4, 1}}};
    const auto it = syms.find(n.name);
    if (it == syms.end()) return std::nullopt;
    return it->second;
  }
  std::string section_name(int sec) const override { return sec == 0 ? ".text" : ".data"; }
  std::optional<uint32_t> section_base(int sec) const override {
    if (!placed) return std::nullopt;
    return sec == 0 ? 0x10000u : 0x100000u;
  }
};

std::optional<Value> eval(const std::string& text, TestResolver& r) {
  const Source src(text, "e.s");
  const std::vector<Statement> st = lex(src);
  REQUIRE(st.size() == 1);
  std::size_t pos = 0;
  const Expr e = parse_expr(src, 1, st[0].tokens, pos, st[0].tokens.size());
  REQUIRE(pos == st[0].tokens.size());
  return evaluate(src, e, r);
}

int64_t constant(const std::string& text) {
  TestResolver r;
  const auto v = eval(text, r);
  REQUIRE(v);
  REQUIRE(v->absolute());
  return v->v;
}

}  // namespace

TEST_CASE("expression precedence follows gas, not C", "[asm][expr]") {
  CHECK(constant("1 + 2 * 3") == 7);
  CHECK(constant("(1 + 2) * 3") == 9);
  CHECK(constant("10 - 2 - 3") == 5);   // left associative
  CHECK(constant("8 - 4 ^ 1") == 3);    // ^ binds tighter than -: 8 - 5 (C: 5)
  CHECK(constant("4 + 1 & 2") == 4);    // & binds tighter than +: 4 + 0 (C: 0)
  CHECK(constant("2 | 1 << 3") == 10);  // << tighter than |
  CHECK(constant("12 & 10 | 1") == 9);  // & and | share a rank, left to right
  CHECK(constant("1 | 6 & 3") == 3);    // (1 | 6) & 3
  CHECK(constant("2 * 3 << 1") == 12);  // * and << share a rank
  CHECK(constant("-2 * -3") == 6);      // unary binds tightest
  CHECK(constant("- -5") == 5);
  CHECK(constant("+7") == 7);
  CHECK(constant("~0x0f & 0xff") == 0xf0);
}

TEST_CASE("expression arithmetic is 64-bit, signed division, logical right shift", "[asm][expr]") {
  CHECK(constant("100 / 7") == 14);
  CHECK(constant("-100 / 7") == -14);  // truncates toward zero
  CHECK(constant("-100 % 7") == -2);
  CHECK(constant("100 % -7") == 2);
  CHECK(constant("-1 >> 60") == 15);  // logical: 0xffff_ffff_ffff_ffff >> 60
  CHECK(constant("1 << 63") == INT64_MIN);
  CHECK(constant("1 << 64") == 0);
  CHECK(constant("0x7fffffffffffffff + 1") == INT64_MIN);  // wraps
  CHECK(constant("0xffffffffffffffff") == -1);
  CHECK(constant("0x123456789 >> 4") == 0x12345678);
  CHECK(constant("!0") == 1);
  CHECK(constant("!5") == 0);
  CHECK(constant("~0") == -1);
}

TEST_CASE("numbers and character constants", "[asm][expr]") {
  CHECK(constant("0x1F") == 31);
  CHECK(constant("0XfF") == 255);
  CHECK(constant("0b101") == 5);
  CHECK(constant("0B11") == 3);
  CHECK(constant("017") == 15);
  CHECK(constant("0") == 0);
  CHECK(constant("18446744073709551615") == -1);
  CHECK(constant("'a'") == 97);
  CHECK(constant("'a") == 97);
  CHECK(constant("'\\n'") == 10);
  CHECK(constant("'\\\\'") == 92);
  CHECK(constant("'\\101'") == 65);
  CHECK(constant("'z' - 'a'") == 25);
}

TEST_CASE("symbols: addresses keep their section until placed", "[asm][expr]") {
  TestResolver r;
  CHECK(constant("abs * 2 + 1") == 81);
  auto v = eval("a + 4", r);
  REQUIRE(v);
  CHECK(v->sec == 0);
  CHECK(v->v == 12);
  v = eval("b - a", r);  // same section: a constant
  REQUIRE(v);
  CHECK(v->absolute());
  CHECK(v->v == 12);
  v = eval("d - a", r);  // different sections: known only after layout
  CHECK_FALSE(v);
  r.placed = true;
  v = eval("d - a", r);
  REQUIRE(v);
  CHECK(v->absolute());
  CHECK(v->v == 0x100004 - 0x10008);
  CHECK(final_value(*eval("a + 4", r), r) == 0x1000c);
  CHECK_FALSE(eval("undefined + 1", r));
}

TEST_CASE("expression errors name the operator and its column", "[asm][expr]") {
  TestResolver r;
  auto error_of = [&](const std::string& text) -> std::pair<int, std::string> {
    try {
      eval(text, r);
    } catch (const pipesim::SourceError& e) {
      return {e.column, e.what()};
    }
    return {0, "no error"};
  };
  CHECK(error_of("1 / 0") == std::pair<int, std::string>{3, "division by zero"});
  CHECK(error_of("5 % (3 - 3)") == std::pair<int, std::string>{3, "division by zero"});
  CHECK(error_of("a * 2") ==
        std::pair<int, std::string>{3, "invalid operands (.text and *ABS* sections) for '*'"});
  CHECK(error_of("a + b") ==
        std::pair<int, std::string>{3, "invalid operands (.text and .text sections) for '+'"});
  CHECK(error_of("2 - a") ==
        std::pair<int, std::string>{3, "invalid operands (*ABS* and .text sections) for '-'"});
  CHECK(error_of("-a") ==
        std::pair<int, std::string>{1, "invalid operand (.text section) for unary '-'"});
  CHECK(error_of("(1 + 2") == std::pair<int, std::string>{7, "missing ')' in expression"});
  CHECK(error_of("1 + ") == std::pair<int, std::string>{4, "expected an expression"});
}
