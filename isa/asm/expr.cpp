// Expression parsing and evaluation with GNU as precedence (binutils gas/expr.c, op_rank):
//   ||  <  &&  <  == != <> < > <= >=  <  + -  <  & | ^  <  * / % << >>  <  unary - ~ ! +
// Arithmetic wraps in 64 bits; '/' and '%' are signed, '>>' is logical, as in gas. Comparisons
// are signed and give -1 for true, 0 for false; && and || give 1 or 0 (as gas does).
#include "isa/asm/expr.hpp"

#include <fmt/format.h>

namespace pipesim::assembler {
namespace {

bool comparison(const std::string& op) {
  return op == "==" || op == "!=" || op == "<>" || op == "<" || op == ">" || op == "<=" ||
         op == ">=";
}

int rank(const Token& t) {
  if (t.kind != Tok::Punct) return 0;
  if (t.text == "||") return 1;
  if (t.text == "&&") return 2;
  if (comparison(t.text)) return 3;
  if (t.text == "+" || t.text == "-") return 4;
  if (t.text == "&" || t.text == "|" || t.text == "^") return 5;
  if (t.text == "*" || t.text == "/" || t.text == "%" || t.text == "<<" || t.text == ">>") return 6;
  return 0;
}

class Parser {
 public:
  Parser(const Source& src, int line, int file, const std::vector<Token>& toks, std::size_t& pos,
         std::size_t end)
      : line_(line), file_(file), src_(src), toks_(toks), pos_(pos), end_(end) {}

  Expr run() {
    e_.loc = here();
    binary(1);
    return std::move(e_);
  }

 private:
  Loc here() const {
    return pos_ < end_ ? Loc{line_, toks_[pos_].col, file_} : Loc{line_, end_col(), file_};
  }
  int end_col() const {
    if (end_ == 0) return 1;
    const Token& last = toks_[end_ - 1];
    return last.col + static_cast<int>(last.text.size());
  }

  int add(Expr::Node n) {
    e_.nodes.push_back(std::move(n));
    return static_cast<int>(e_.nodes.size()) - 1;
  }

  int binary(int min_rank) {
    int lhs = unary();
    while (pos_ < end_ && rank(toks_[pos_]) >= min_rank) {
      const Token& op = toks_[pos_++];
      const int rhs = binary(rank(op) + 1);
      Expr::Node n;
      n.kind = Expr::Kind::Binary;
      n.name = op.text;
      n.lhs = lhs, n.rhs = rhs;
      n.loc = {line_, op.col, file_};
      lhs = add(std::move(n));
    }
    return lhs;
  }

  // One more level of nesting (a parenthesis or a unary operator) at `at`; the parser recurses
  // once per level, so the limit keeps its stack far from the host's.
  void nest(Loc at) {
    if (++depth_ > kMaxExprDepth)
      src_.error(at, fmt::format("expression nested too deeply (limit {})", kMaxExprDepth));
  }

  int unary() {
    if (pos_ >= end_) src_.error(here(), "expected an expression");
    const Token& t = toks_[pos_];
    Expr::Node n;
    n.loc = {line_, t.col, file_};
    if (t.is("-") || t.is("~") || t.is("!") || t.is("+")) {
      nest(n.loc);
      ++pos_;
      n.kind = Expr::Kind::Unary;
      n.name = t.text;
      n.lhs = unary();
      --depth_;
      return add(std::move(n));
    }
    if (t.is("(")) {
      nest(n.loc);
      ++pos_;
      const int inner = binary(1);
      if (pos_ >= end_ || !toks_[pos_].is(")")) src_.error(here(), "missing ')' in expression");
      ++pos_;
      --depth_;
      return inner;
    }
    ++pos_;
    if (t.kind == Tok::Number) {
      if (t.flonum)
        src_.error(n.loc,
                   fmt::format("floating-point number '{}' where an integer is expected", t.text));
      n.kind = Expr::Kind::Num;
      n.value = t.value;
      return add(std::move(n));
    }
    if (t.kind == Tok::Ident) {
      n.kind = Expr::Kind::Sym;
      n.name = t.symbol.empty() ? t.text : t.symbol;
      n.bound = t.bound;
      n.value = t.value;
      n.sec = t.bound_sec;
      return add(std::move(n));
    }
    if (t.kind == Tok::LocalRef) {
      n.kind = Expr::Kind::Sym;
      n.name = t.symbol;
      n.local = true;
      n.forward = t.forward;
      n.value = t.value;
      return add(std::move(n));
    }
    if (t.kind == Tok::Reloc)
      src_.error(n.loc, fmt::format("'%{}' must be the whole operand", t.text));
    src_.error(n.loc, fmt::format("expected an expression, found '{}'",
                                  t.kind == Tok::String ? "\"" + t.text + "\"" : t.text));
  }

 private:
  int line_;
  int file_;
  const Source& src_;
  const std::vector<Token>& toks_;
  std::size_t& pos_;
  std::size_t end_;
  Expr e_;
  int depth_ = 0;
};

// Evaluates the nodes in the order they are stored, which is the order of a recursive
// evaluation (operands before their operator, left before right: the parser adds them so), with
// no recursion: a chain of 100,000 '+' builds a tree that deep.
class Evaluator {
 public:
  Evaluator(const Source& src, const Expr& e, Resolver& r) : src_(src), e_(e), r_(r) {}

  std::optional<Value> run() {
    if (e_.nodes.size() == 1) return node(e_.nodes[0]);  // most operands: no vector needed
    values_.resize(e_.nodes.size());
    for (std::size_t i = 0; i < e_.nodes.size(); ++i) values_[i] = node(e_.nodes[i]);
    return values_.back();
  }

 private:
  const std::optional<Value>& at(int i) const { return values_[static_cast<std::size_t>(i)]; }

  std::optional<Value> node(const Expr::Node& n) {
    switch (n.kind) {
      case Expr::Kind::Num:
        return Value{n.value, kAbsolute};
      case Expr::Kind::Sym:
        return r_.symbol(n);
      case Expr::Kind::Unary: {
        const auto& a = at(n.lhs);
        if (!a) return a;
        if (n.name == "+") return a;
        if (!a->absolute())
          src_.error(n.loc, fmt::format("invalid operand ({} section) for unary '{}'",
                                        r_.section_name(a->sec), n.name));
        const uint64_t u = static_cast<uint64_t>(a->v);
        if (n.name == "-") return Value{static_cast<int64_t>(0 - u), kAbsolute};
        if (n.name == "~") return Value{static_cast<int64_t>(~u), kAbsolute};
        return Value{u == 0 ? 1 : 0, kAbsolute};
      }
      case Expr::Kind::Binary: {
        const auto& a = at(n.lhs);
        const auto& b = at(n.rhs);
        if (!a || !b) return std::nullopt;
        return binary(n, *a, *b);
      }
    }
    return std::nullopt;
  }

 private:
  std::string sec(int s) const { return s == kAbsolute ? "*ABS*" : r_.section_name(s); }

  std::optional<Value> binary(const Expr::Node& n, Value a, Value b) {
    const std::string& op = n.name;
    const uint64_t x = static_cast<uint64_t>(a.v), y = static_cast<uint64_t>(b.v);
    if (op == "+") {
      if (a.absolute() || b.absolute())
        return Value{static_cast<int64_t>(x + y), a.absolute() ? b.sec : a.sec};
    } else if (op == "-") {
      if (b.absolute()) return Value{static_cast<int64_t>(x - y), a.sec};
      if (a.sec == b.sec) return Value{static_cast<int64_t>(x - y), kAbsolute};
      // Different sections: a link-time constant, known once both are placed.
      if (!a.absolute()) {
        const auto ba = r_.section_base(a.sec), bb = r_.section_base(b.sec);
        if (!ba || !bb) return std::nullopt;
        return Value{static_cast<int64_t>(x + *ba - y - *bb), kAbsolute};
      }
    } else if (comparison(op) && a.sec == b.sec) {
      return Value{compare(op, a.v, b.v) ? -1 : 0, kAbsolute};
    } else if (a.absolute() && b.absolute()) {
      return Value{arith(n, x, y), kAbsolute};
    }
    src_.error(n.loc, fmt::format("invalid operands ({} and {} sections) for '{}'", sec(a.sec),
                                  sec(b.sec), op));
  }

  static bool compare(const std::string& op, int64_t a, int64_t b) {
    if (op == "==") return a == b;
    if (op == "!=" || op == "<>") return a != b;
    if (op == "<") return a < b;
    if (op == ">") return a > b;
    return op == "<=" ? a <= b : a >= b;
  }

  int64_t arith(const Expr::Node& n, uint64_t x, uint64_t y) {
    const std::string& op = n.name;
    const int64_t sx = static_cast<int64_t>(x), sy = static_cast<int64_t>(y);
    if (op == "&&") return x != 0 && y != 0;
    if (op == "||") return x != 0 || y != 0;
    if (op == "*") return static_cast<int64_t>(x * y);
    if (op == "&") return static_cast<int64_t>(x & y);
    if (op == "|") return static_cast<int64_t>(x | y);
    if (op == "^") return static_cast<int64_t>(x ^ y);
    if (op == "<<") return y >= 64 ? 0 : static_cast<int64_t>(x << y);
    if (op == ">>") return y >= 64 ? 0 : static_cast<int64_t>(x >> y);
    if (y == 0) src_.error(n.loc, "division by zero");
    if (sx == INT64_MIN && sy == -1) return op == "/" ? INT64_MIN : 0;
    return op == "/" ? sx / sy : sx % sy;
  }

  const Source& src_;
  const Expr& e_;
  Resolver& r_;
  std::vector<std::optional<Value>> values_;  // of each node, once evaluated
};

}  // namespace

Expr parse_expr(const Source& src, int line, const std::vector<Token>& toks, std::size_t& pos,
                std::size_t end, int file) {
  return Parser(src, line, file, toks, pos, end).run();
}

std::optional<Value> evaluate(const Source& src, const Expr& e, Resolver& r) {
  return Evaluator(src, e, r).run();
}

int64_t final_value(const Value& v, const Resolver& r) {
  if (v.absolute()) return v.v;
  return r.address(v);
}

}  // namespace pipesim::assembler
