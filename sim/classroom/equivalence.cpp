// compare_programs: both programs run to the end on the functional model, then their final
// states are compared field by field.
#include "sim/classroom/equivalence.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "isa/isa.hpp"
#include "sim/iss/iss.hpp"
#include "sim/machine/host_io.hpp"

namespace pipesim::classroom {

namespace {

// First differing byte of [addr, addr + size) in the two memories, if any.
std::string compare_memory(const Memory& a, const Memory& b, uint32_t addr, uint32_t size) {
  for (uint32_t i = 0; i < size; ++i) {
    const auto x = a.load_byte(addr + i), y = b.load_byte(addr + i);
    if (x != y)
      return fmt::format("memory at 0x{:08x}: 0x{:02x} vs 0x{:02x}", addr + i, x.value_or(0),
                         y.value_or(0));
  }
  return {};
}

// Where two outputs of one stream differ, from their digests ("" when they are the same). A
// difference past the kept head is known from the hash and the count alone.
std::string compare_output(const char* stream, const DigestIo::Stream& a,
                           const DigestIo::Stream& b) {
  if (a == b) return {};
  const std::size_t n = std::min(a.head.size(), b.head.size());
  for (std::size_t i = 0; i < n; ++i)
    if (a.head[i] != b.head[i])
      return fmt::format("the output differs: {} byte {}: 0x{:02x} vs 0x{:02x}", stream, i,
                         static_cast<unsigned char>(a.head[i]),
                         static_cast<unsigned char>(b.head[i]));
  if (a.bytes != b.bytes)
    return fmt::format("the output differs: {} bytes vs {} on {}", a.bytes, b.bytes, stream);
  return fmt::format("the output differs: {} after its first {} bytes", stream, n);
}

}  // namespace

Equivalence compare_programs(const Program& a, const Program& b, uint64_t max_instructions) {
  // Digests, not the outputs: a program may write gigabytes.
  DigestIo io_a, io_b;
  Iss iss_a(a, io_a), iss_b(b, io_b);
  iss_a.run(max_instructions);
  iss_b.run(max_instructions);
  auto differ = [](std::string what) { return Equivalence{false, std::move(what)}; };
  if (iss_a.halt() != iss_b.halt())
    return differ(fmt::format("one ends by {}, the other by {}", halt_name(iss_a.halt()),
                              halt_name(iss_b.halt())));
  if (iss_a.halt() == Halt::Limit)
    return differ(fmt::format("neither ends within {} instructions", max_instructions));
  if (iss_a.exit_code() != iss_b.exit_code())
    return differ(fmt::format("exit code {} vs {}", iss_a.exit_code(), iss_b.exit_code()));
  for (const std::string& d :
       {compare_output("stdout", io_a.out, io_b.out), compare_output("stderr", io_a.err, io_b.err)})
    if (!d.empty()) return differ(d);
  for (unsigned r = 1; r < 32; ++r)
    if (iss_a.state().regs[r] != iss_b.state().regs[r])
      return differ(fmt::format("register {}: 0x{:08x} vs 0x{:08x}", isa::abi_name(r),
                                iss_a.state().regs[r], iss_b.state().regs[r]));
  for (const Segment& s : a.segments) {
    if (s.executable) continue;
    const std::string d = compare_memory(iss_a.state().mem, iss_b.state().mem, s.addr, s.mem_size);
    if (!d.empty()) return differ(d);
  }
  const std::string d =
      compare_memory(iss_a.state().mem, iss_b.state().mem, kStackTop - kStackSize, kStackSize);
  if (!d.empty()) return differ(d);
  return {true, {}};
}

}  // namespace pipesim::classroom
