#include "sim/guest_env.hpp"

#include <algorithm>

#include <string>

namespace pipesim {

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
        break;
      }
      std::string bytes;
      // Not len: a guest asking for 4 GiB would get the host to allocate it (found by
      // fuzz_elf); the loop below stops at the first unmapped byte anyway.
      bytes.reserve(std::min<uint32_t>(len, 1u << 16));
      for (uint32_t i = 0; i < len; ++i) {
        auto b = mem.load_byte(buf + i);
        if (!b) {
          bytes.clear();
          r.a0 = static_cast<uint32_t>(-14);  // EFAULT: like Linux, nothing is written
          break;
        }
        bytes.push_back(static_cast<char>(*b));
      }
      if (!r.a0) {
        io.write(static_cast<int>(fd), bytes);
        r.a0 = len;
      }
      break;
    }
    case 1:
      io.write(1, std::to_string(static_cast<int32_t>(regs[a0])));
      break;
    case 4: {
      std::string s;
      // A string that runs into unmapped memory ends there (RARS would fault; we print what
      // exists).
      for (uint32_t addr = regs[a0];; ++addr) {
        auto b = mem.load_byte(addr);
        if (!b || *b == 0) break;
        s.push_back(static_cast<char>(*b));
        if (s.size() >= (1u << 20)) break;
      }
      io.write(1, s);
      break;
    }
    case 11:
      io.write(1, std::string(1, static_cast<char>(regs[a0] & 0xff)));
      break;
    default:
      r.unsupported = true;
      break;
  }
  return r;
}

}  // namespace pipesim
