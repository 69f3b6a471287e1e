// --check, part two: what a run does to the world outside the registers — stores reaching
// memory and guest output — must happen in program order, exactly as sequential execution has
// them. Comparing committed instructions is not enough: a store can reach memory before an older
// `ecall` prints the buffer it overwrites, and a store squashed by an older trap could still
// have written memory (issue 15). docs/reliability.md, "Side effects in program order".
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>

#include "sim/machine/host_io.hpp"

namespace pipesim {

struct SideEffect {
  enum class Kind : uint8_t { Store, Output };
  Kind kind = Kind::Store;
  uint32_t addr = 0;   // store: first byte written
  uint32_t size = 0;   // store: 1, 2 or 4 bytes
  uint32_t value = 0;  // store: the bytes written (the low `size` bytes; the rest is zero)
  int fd = 0;          // output: 1 or 2
  // Output: what was written, as its length, a 64-bit digest (FNV-1a) and its first bytes (to
  // name it in a message). Not the bytes themselves: a guest may write gigabytes, and the
  // pipeline's output is performed a whole ecall ahead of the functional model's (one piece of
  // at most kEcallChunk bytes each, sim/machine/guest_env.hpp); docs/reliability.md.
  uint64_t length = 0;
  uint64_t digest = 0;
  std::string head;  // the first kHead bytes
  static constexpr std::size_t kHead = 32;

  static SideEffect store(uint32_t addr, uint32_t size, uint32_t value);
  static SideEffect output(int fd, std::string_view bytes);
  bool operator==(const SideEffect&) const = default;
};

// "store 0x58 (1 byte) to 0x00100000", "write \"A\\n\" to fd 1" (long output shortened).
std::string describe(const SideEffect& e);

// The model under test reports each side effect when it performs it; the functional model,
// stepping in lockstep with commits, reports each one it expects, in program order. Every
// expected one must be the oldest performed one not yet matched. Holds only the side effects
// performed ahead of their commit (a few stores in flight).
class SideEffectChecker {
 public:
  void performed(SideEffect e) { ahead_.push_back(std::move(e)); }
  // The problem, in one sentence, if `e` is not the next side effect performed.
  std::optional<std::string> expected(const SideEffect& e);
  // At the end of a run that completed: a side effect performed that sequential execution never
  // had (a squashed store that reached memory anyway).
  std::optional<std::string> finish() const;

 private:
  std::deque<SideEffect> ahead_;
};

// A HostIo that forwards guest output to `inner` and reports it to a checker.
class CheckedIo : public HostIo {
 public:
  CheckedIo(HostIo& inner, SideEffectChecker& checker) : inner_(inner), checker_(checker) {}
  void write(int fd, std::string_view bytes) override {
    inner_.write(fd, bytes);
    checker_.performed(SideEffect::output(fd, bytes));
  }

 private:
  HostIo& inner_;
  SideEffectChecker& checker_;
};

// Where the functional model writes when checking: each piece is compared at once with the next
// one the pipeline performed (the reference's output is compared, not printed, nor kept). The
// first problem is kept until the caller takes it.
class ExpectedIo : public HostIo {
 public:
  explicit ExpectedIo(SideEffectChecker& checker) : checker_(checker) {}
  void write(int fd, std::string_view bytes) override {
    if (!problem) problem = checker_.expected(SideEffect::output(fd, bytes));
  }
  std::optional<std::string> problem;

 private:
  SideEffectChecker& checker_;
};

}  // namespace pipesim
