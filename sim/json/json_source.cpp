#include "sim/json/json_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>
#include <string_view>
#include <vector>

#include "isa/error.hpp"
#include "sim/json/json_text.hpp"

namespace pipesim {

namespace {

constexpr int kNumberOutOfRange = 406;  // nlohmann's out_of_range.406: "number overflow parsing"
constexpr std::size_t kShownDigits = 24;

// A character iterator over the text that records the offset of the last character nlohmann's
// lexer took, so that the SAX events below know where in the text they are (nlohmann tells
// only its errors where they are).
struct TrackingIterator {
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  const char* at;
  const char* begin;
  std::size_t* last_read;

  reference operator*() const {
    *last_read = static_cast<std::size_t>(at - begin);
    return *at;
  }
  TrackingIterator& operator++() {
    ++at;
    return *this;
  }
  TrackingIterator operator++(int) {
    TrackingIterator old = *this;
    ++at;
    return old;
  }
  bool operator==(const TrackingIterator& o) const { return at == o.at; }
  bool operator!=(const TrackingIterator& o) const { return at != o.at; }
};

// 1-based line and byte column of `offset` in `text`.
std::pair<std::size_t, std::size_t> line_column(const std::string& text, std::size_t offset) {
  const std::size_t line =
      1 + static_cast<std::size_t>(
              std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  const std::size_t nl = offset == 0 ? std::string::npos : text.rfind('\n', offset - 1);
  return {line, nl == std::string::npos ? offset + 1 : offset - nl};
}

// Where the string that ends with the quote at `close` begins (its opening quote): the nearest
// quote before it that no backslash escapes.
std::size_t string_start(const std::string& text, std::size_t close) {
  std::size_t q = close;
  while (q > 0) {
    q = text.rfind('"', q - 1);
    if (q == std::string::npos) return close;
    std::size_t backslashes = 0;
    while (q > backslashes && text[q - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return q;
  }
  return close;
}

// The SAX consumer of check_json: follows the nesting (and the JSON path, for messages) and
// the keys of each open object, and stops at the first problem.
class StructureChecker final : public nlohmann::json_sax<nlohmann::json> {
 public:
  StructureChecker(const std::string& text, const std::size_t& last_read)
      : text_(text), last_read_(last_read) {}

  std::optional<JsonFailure> failure;

  bool null() override { return element(); }
  bool boolean(bool) override { return element(); }
  bool number_integer(number_integer_t) override { return element(); }
  bool number_unsigned(number_unsigned_t) override { return element(); }
  bool number_float(number_float_t, const string_t&) override { return element(); }
  bool string(string_t&) override { return element(); }
  bool binary(binary_t&) override { return element(); }
  bool start_object(std::size_t) override { return open(true); }
  bool start_array(std::size_t) override { return open(false); }
  bool end_object() override { return close(); }
  bool end_array() override { return close(); }

  // Called when the lexer has just read the key's closing quote.
  bool key(string_t& key) override {
    Frame& f = stack_.back();
    const std::size_t at = string_start(text_, last_read_);
    const auto [first, added] = f.keys.emplace(key, at);
    f.key = key;
    if (added) return true;
    const auto [line, column] = line_column(text_, first->second);
    const std::string where = path(stack_.size() - 1);
    return fail(at,
                fmt::format("duplicate key \"{}\"{} (first at line {}, column {})", excerpt(key),
                            where.empty() ? "" : " in " + excerpt(where), line, column));
  }

  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::json::exception& ex) override {
    failure = describe_json_failure(position, last_token, ex);
    return false;
  }

 private:
  struct Frame {
    bool object = false;
    std::size_t elements = 0;                 // arrays: the elements begun so far
    std::string key;                          // objects: the current key
    std::map<std::string, std::size_t> keys;  // objects: each key and where it was given
  };

  // A value begins: in an array, it is the next element.
  bool element() {
    if (!stack_.empty() && !stack_.back().object) ++stack_.back().elements;
    return true;
  }
  // Called when the lexer has just read the '[' or '{'.
  bool open(bool object) {
    element();
    if (stack_.size() >= static_cast<std::size_t>(kMaxJsonDepth))
      return fail(last_read_, fmt::format("nested too deeply (limit {})", kMaxJsonDepth));
    stack_.push_back(Frame{object, 0, {}, {}});
    return true;
  }
  bool close() {
    stack_.pop_back();
    return true;
  }
  bool fail(std::size_t offset, std::string detail) {
    failure = JsonFailure{offset, std::move(detail), /*refused=*/true};
    return false;
  }
  // The JSON path of the value being read in frame `depth` (config_load's style:
  // branches.policy, stages[2].latency_ps); "" at the top.
  std::string path(std::size_t depth) const {
    std::string out;
    for (std::size_t i = 0; i < depth; ++i) {
      const Frame& f = stack_[i];
      if (f.object)
        out += (out.empty() ? "" : ".") + f.key;
      else
        out += fmt::format("[{}]", f.elements - 1);
    }
    return out;
  }

  const std::string& text_;
  const std::size_t& last_read_;
  std::vector<Frame> stack_;
};

}  // namespace

std::optional<JsonFailure> check_json(const std::string& text, bool ignore_comments) {
  std::size_t last_read = 0;
  StructureChecker checker(text, last_read);
  const TrackingIterator first{text.data(), text.data(), &last_read};
  const TrackingIterator last{text.data() + text.size(), text.data(), &last_read};
  // nlohmann's SAX parser keeps its own stack in a vector: any depth of text is safe here.
  nlohmann::json::sax_parse(first, last, &checker, nlohmann::json::input_format_t::json,
                            /*strict=*/true, ignore_comments);
  return checker.failure;
}

JsonFailure describe_json_failure(std::size_t position, const std::string& last_token,
                                  const nlohmann::json::exception& ex) {
  if (ex.id == kNumberOutOfRange) {
    // `position` is just past the number; point at its first character.
    const std::string shown =
        last_token.size() > kShownDigits ? last_token.substr(0, kShownDigits) + "..." : last_token;
    return {position >= last_token.size() ? position - last_token.size() : 0,
            fmt::format("number {} is too large (beyond the range of a double)", shown)};
  }
  // nlohmann's message: "[json.exception.parse_error.101] parse error at line 2, column 3:
  // syntax error while parsing ..."; keep what follows the location. `position` is 1-based:
  // the character that could not be parsed.
  const std::string what = ex.what();
  const std::size_t at = what.find("parse error");
  const std::size_t colon = at == std::string::npos ? std::string::npos : what.find(": ", at);
  return {position > 0 ? position - 1 : 0,
          colon == std::string::npos ? what : what.substr(colon + 2)};
}

void throw_json_failure(const std::string& text, const std::string& file,
                        const JsonFailure& failure) {
  std::size_t pos = std::min(failure.offset, text.size());
  // A misplaced string is reported at its closing quote; point at its opening one.
  if (std::string_view(failure.detail).find("unexpected string literal") !=
          std::string_view::npos &&
      pos < text.size() && text[pos] == '"' && pos > 0) {
    const std::size_t open = text.rfind('"', pos - 1);
    if (open != std::string::npos) pos = open;
  }
  std::size_t line_start = pos == 0 ? 0 : text.rfind('\n', pos - 1);
  line_start = line_start == std::string::npos || pos == 0 ? 0 : line_start + 1;
  if (pos > 0 && text[pos - 1] == '\n' && pos == text.size()) {
    // End of input right after a newline: point at the end of the last line instead.
    pos -= 1;
    const std::size_t prev = pos == 0 ? std::string::npos : text.rfind('\n', pos - 1);
    line_start = prev == std::string::npos ? 0 : prev + 1;
  }
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + line_start, '\n'));
  const int column = 1 + static_cast<int>(pos - line_start);
  const std::size_t line_end = text.find('\n', line_start);
  std::string shown = text.substr(
      line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
  // A line may be the whole file (minified JSON, 70,000 brackets): show it up to a little past
  // the column, which the caret still points into.
  const std::size_t keep = pos - line_start + kExcerptBytes;
  if (shown.size() > keep) shown = excerpt(shown, keep);
  throw SourceError(file, line, column, std::string(kInvalidJson) + failure.detail,
                    std::move(shown));
}

}  // namespace pipesim
