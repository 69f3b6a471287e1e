// Reading JSON that users write or hand over (configurations, task files, sweep results): every
// way the text can fail to parse becomes a SourceError at its line and column, never an
// nlohmann exception that would surface as an internal error.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace pipesim {

// How the message of every SourceError thrown here begins.
inline constexpr std::string_view kInvalidJson = "invalid JSON: ";

// Where and why a parse failed: the 0-based byte offset of the problem in the text, and the
// message without nlohmann's "[json.exception...]" prefix.
struct JsonFailure {
  std::size_t offset = 0;
  std::string detail;
};

// Turns the failure that nlohmann reported for a parse into a JsonFailure.
JsonFailure describe_json_failure(std::size_t position, const std::string& last_token,
                                  const nlohmann::json::exception& ex);

// Throws a SourceError in `file` at `failure.offset` of `text`, whose message is
// kInvalidJson followed by the detail and whose text is the line holding the offset.
[[noreturn]] void throw_json_failure(const std::string& text, const std::string& file,
                                     const JsonFailure& failure);

namespace json_source_detail {

// A SAX consumer that accepts every value and records the first parse failure.
template <class Json>
struct FailureLocator final : nlohmann::json_sax<Json> {
  using Base = nlohmann::json_sax<Json>;
  bool failed = false;
  JsonFailure failure;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(typename Base::number_integer_t) override { return true; }
  bool number_unsigned(typename Base::number_unsigned_t) override { return true; }
  bool number_float(typename Base::number_float_t, const typename Base::string_t&) override {
    return true;
  }
  bool string(typename Base::string_t&) override { return true; }
  bool binary(typename Base::binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(typename Base::string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string& last_token,
                   const nlohmann::json::exception& ex) override {
    failed = true;
    failure = describe_json_failure(position, last_token, ex);
    return false;
  }
};

}  // namespace json_source_detail

// Parses `text`, read from `file`. Json is nlohmann::json or nlohmann::ordered_json.
template <class Json = nlohmann::json>
Json parse_json_source(const std::string& text, const std::string& file, bool ignore_comments) {
  try {
    return Json::parse(text, nullptr, /*allow_exceptions=*/true, ignore_comments);
  } catch (const nlohmann::json::exception& ex) {
    // A syntax error arrives as parse_error, which carries a byte offset, but a number too large
    // for a double arrives as out_of_range.406, which does not. A second parse through SAX
    // reports both with their position; it runs only for text that has already failed.
    json_source_detail::FailureLocator<Json> locator;
    Json::sax_parse(text, &locator, nlohmann::json::input_format_t::json, /*strict=*/true,
                    ignore_comments);
    throw_json_failure(text, file, locator.failed ? locator.failure : JsonFailure{0, ex.what()});
  }
}

}  // namespace pipesim
