// CSR names (GNU as and objdump 2.40, default privileged spec 1.11) and the fault wording.
#include "isa/csr.hpp"

#include <fmt/format.h>

#include <array>

namespace pipesim::isa {
namespace {

struct NamedCsr {
  uint16_t number;
  std::string_view name;
};

// The CSRs of the unprivileged spec and the common privileged ones. The hpmcounters are named
// by csr_name() arithmetically; tests/asm/corpus/91_csr_names.s checks every name against GNU.
constexpr std::array<NamedCsr, 40> kNamed = {{
    {0x001, "fflags"},     {0x002, "frm"},        {0x003, "fcsr"},          {0xc00, "cycle"},
    {0xc01, "time"},       {0xc02, "instret"},    {0xc80, "cycleh"},        {0xc81, "timeh"},
    {0xc82, "instreth"},   {0x100, "sstatus"},    {0x104, "sie"},           {0x105, "stvec"},
    {0x106, "scounteren"}, {0x140, "sscratch"},   {0x141, "sepc"},          {0x142, "scause"},
    {0x143, "stval"},      {0x144, "sip"},        {0x180, "satp"},          {0xf11, "mvendorid"},
    {0xf12, "marchid"},    {0xf13, "mimpid"},     {0xf14, "mhartid"},       {0x300, "mstatus"},
    {0x301, "misa"},       {0x302, "medeleg"},    {0x303, "mideleg"},       {0x304, "mie"},
    {0x305, "mtvec"},      {0x306, "mcounteren"}, {0x320, "mcountinhibit"}, {0x340, "mscratch"},
    {0x341, "mepc"},       {0x342, "mcause"},     {0x343, "mtval"},         {0x344, "mip"},
    {0xb00, "mcycle"},     {0xb02, "minstret"},   {0xb80, "mcycleh"},       {0xb82, "minstreth"},
}};

// hpmcounter3..31 (0xc03..0xc1f) and hpmcounter3h..31h (0xc83..0xc9f).
std::optional<unsigned> hpm_index(uint32_t number) {
  const uint32_t low = number & ~0x80u;
  if (low < 0xc03 || low > 0xc1f) return std::nullopt;
  return low - 0xc00;
}

}  // namespace

std::optional<std::string_view> csr_name(uint32_t number) {
  for (const NamedCsr& c : kNamed)
    if (c.number == number) return c.name;
  if (auto k = hpm_index(number)) {
    // Names of the hpm counters, built once: "hpmcounter3" ... "hpmcounter31h".
    static const auto kHpm = [] {
      std::array<std::array<std::string, 32>, 2> names;
      for (unsigned i = 3; i < 32; ++i) {
        names[0][i] = fmt::format("hpmcounter{}", i);
        names[1][i] = fmt::format("hpmcounter{}h", i);
      }
      return names;
    }();
    return std::string_view(kHpm[(number & 0x80u) ? 1 : 0][*k]);
  }
  return std::nullopt;
}

std::optional<uint32_t> csr_number(std::string_view name) {
  for (const NamedCsr& c : kNamed)
    if (c.name == name) return c.number;
  for (uint32_t n = 0xc03; n <= 0xc1f; ++n)
    for (uint32_t number : {n, n | 0x80u})
      if (csr_name(number) == name) return number;
  return std::nullopt;
}

std::string csr_access_problem(const Insn& in) {
  if (!is_csr(in.op) || csr_access_ok(in)) return {};
  const auto number = static_cast<uint32_t>(in.imm);
  const std::optional<std::string_view> name = csr_name(number);
  const std::string csr =
      name ? fmt::format("{} (0x{:03x})", *name, number) : fmt::format("0x{:03x}", number);
  constexpr std::string_view kSupported =
      "pipesim supports only reads of cycle, time, instret, cycleh, timeh and instreth";
  if (counter_of(number))
    return fmt::format("{} writes the read-only counter {} ({})", mnemonic(in.op), csr, kSupported);
  return fmt::format("CSR {} is not supported ({})", csr, kSupported);
}

}  // namespace pipesim::isa
