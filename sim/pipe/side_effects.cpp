#include "sim/pipe/side_effects.hpp"

#include <fmt/format.h>

namespace pipesim {

SideEffect SideEffect::store(uint32_t addr, uint32_t size, uint32_t value) {
  SideEffect e;
  e.kind = Kind::Store;
  e.addr = addr;
  e.size = size;
  e.value = size >= 4 ? value : value & ((1u << (8 * size)) - 1);
  return e;
}

SideEffect SideEffect::output(int fd, std::string_view bytes) {
  SideEffect e;
  e.kind = Kind::Output;
  e.fd = fd;
  e.length = bytes.size();
  uint64_t h = 0xcbf29ce484222325u;  // FNV-1a, 64 bits
  for (const char c : bytes) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3u;
  e.digest = h;
  e.head = std::string(bytes.substr(0, kHead));
  return e;
}

namespace {

// The bytes as a C string literal, at most 32 of them (the point is to recognise them).
// `length` is the whole output's, of which `bytes` is the head.
std::string quoted(std::string_view bytes, uint64_t length) {
  constexpr size_t kShown = SideEffect::kHead;
  std::string s = "\"";
  for (size_t i = 0; i < bytes.size() && i < kShown; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c == '\n') {
      s += "\\n";
    } else if (c == '"' || c == '\\') {
      s += '\\';
      s += static_cast<char>(c);
    } else if (c < 0x20 || c >= 0x7f) {
      s += fmt::format("\\x{:02x}", c);
    } else {
      s += static_cast<char>(c);
    }
  }
  s += '"';
  if (length > kShown) s += fmt::format(" ({} bytes)", length);
  return s;
}

}  // namespace

std::string describe(const SideEffect& e) {
  if (e.kind == SideEffect::Kind::Output)
    return fmt::format("write {} to fd {}", quoted(e.head, e.length), e.fd);
  return fmt::format("store 0x{:0{}x} ({} byte{}) to 0x{:08x}", e.value, 2 * e.size, e.size,
                     e.size == 1 ? "" : "s", e.addr);
}

std::optional<std::string> SideEffectChecker::expected(const SideEffect& e) {
  if (ahead_.empty())
    return fmt::format("sequential execution does `{}` here; the pipeline has not done it",
                       describe(e));
  SideEffect next = std::move(ahead_.front());
  ahead_.pop_front();
  if (next == e) return std::nullopt;
  return fmt::format(
      "side effects out of program order: the pipeline did `{}` where sequential "
      "execution does `{}`",
      describe(next), describe(e));
}

std::optional<std::string> SideEffectChecker::finish() const {
  if (ahead_.empty()) return std::nullopt;
  return fmt::format("the pipeline did `{}`, which sequential execution never does",
                     describe(ahead_.front()));
}

}  // namespace pipesim
