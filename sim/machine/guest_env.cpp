#include "sim/machine/guest_env.hpp"

#include <algorithm>
#include <string>

namespace pipesim {
namespace {

// The first unmapped byte of [addr, addr + len), or nullopt if all are mapped. Page by page:
// a 4 GiB request costs a million look-ups, not four billion.
std::optional<uint32_t> first_unmapped(const Memory& mem, uint32_t addr, uint32_t len) {
  uint64_t a = addr;
  const uint64_t end = uint64_t{addr} + len;
  while (a < end) {
    if (a > 0xffffffffu || !mem.is_mapped(static_cast<uint32_t>(a)))
      return static_cast<uint32_t>(a);
    a = (a | (Memory::kPageSize - 1)) + 1;
  }
  return std::nullopt;
}

// Copies [addr, addr + len) (all mapped) to `io` in pieces of at most kEcallChunk bytes.
void write_range(const Memory& mem, uint32_t addr, uint32_t len, int fd, HostIo& io) {
  std::string chunk;
  chunk.reserve(std::min(len, kEcallChunk));
  uint32_t i = 0;
  auto flush_if_full = [&] {
    if (chunk.size() < kEcallChunk) return;
    io.write(fd, chunk);
    chunk.clear();
  };
  // A word at a time (kEcallChunk is a multiple of 4), then the bytes left.
  for (; len - i >= 4; i += 4) {
    const uint32_t w = *mem.load(addr + i, 4);
    const char bytes[4] = {static_cast<char>(w), static_cast<char>(w >> 8),
                           static_cast<char>(w >> 16), static_cast<char>(w >> 24)};
    chunk.append(bytes, 4);
    flush_if_full();
  }
  for (; i < len; ++i) {
    chunk.push_back(static_cast<char>(*mem.load_byte(addr + i)));
    flush_if_full();
  }
  if (!chunk.empty()) io.write(fd, chunk);
}

}  // namespace

EcallResult do_ecall(const RegFile& regs, const Memory& mem, HostIo& io) {
  constexpr unsigned a0 = 10, a1 = 11, a2 = 12, a7 = 17;
  EcallResult r;
  switch (regs[a7]) {
    case 93:
      r.exit = true;
      r.exit_code = static_cast<int>(regs[a0] & 0xff);
      break;
    case 10:
      r.exit = true;
      break;
    case 64: {
      const uint32_t fd = regs[a0], buf = regs[a1], len = regs[a2];
      if (fd != 1 && fd != 2) {
        r.a0 = static_cast<uint32_t>(-9);  // EBADF
      } else if (first_unmapped(mem, buf, len)) {
        r.a0 = static_cast<uint32_t>(-14);  // EFAULT: like Linux, nothing is written
      } else {
        write_range(mem, buf, len, static_cast<int>(fd), io);
        r.a0 = len;
      }
      break;
    }
    case 1:
      io.write(1, std::to_string(static_cast<int32_t>(regs[a0])));
      break;
    case 4: {
      // Find the end first, so that a string running into unmapped memory prints nothing (as
      // RARS, it is a fault); then print it all, however long.
      uint32_t len = 0;
      for (uint32_t addr = regs[a0];; ++addr, ++len) {
        auto b = mem.load_byte(addr);
        if (!b || (len > 0 && addr == 0)) {  // unmapped, or wrapped around the address space
          r.fault = FaultKind::LoadAccess;
          r.fault_addr = addr;
          return r;
        }
        if (*b == 0) break;
      }
      write_range(mem, regs[a0], len, 1, io);
      break;
    }
    case 11:
      io.write(1, std::string(1, static_cast<char>(regs[a0] & 0xff)));
      break;
    default:
      r.fault = FaultKind::UnsupportedSyscall;
      r.fault_addr = regs[a7];
      break;
  }
  return r;
}

}  // namespace pipesim
