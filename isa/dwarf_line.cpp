// The .debug_line reader (see dwarf_line.hpp). Layouts follow the DWARF 2, 3, 4 and 5
// standards, section 6.2 ("Line Number Information"). Only what the line of an address needs
// is kept: file names and the rows' address, file and line.
#include "isa/dwarf_line.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "isa/error.hpp"

namespace pipesim {
namespace {

// Content types and forms of DWARF 5 directory and file entries (DWARF 5, 6.2.4.1, 7.5.6).
constexpr uint64_t kLnctPath = 1, kLnctDirectoryIndex = 2;
constexpr uint64_t kFormBlock = 0x09, kFormBlock1 = 0x0a, kFormData1 = 0x0b, kFormData2 = 0x05,
                   kFormData4 = 0x06, kFormData8 = 0x07, kFormData16 = 0x1e, kFormString = 0x08,
                   kFormStrp = 0x0e, kFormLineStrp = 0x1f, kFormUdata = 0x0f, kFormSdata = 0x0d,
                   kFormBlock2 = 0x03, kFormBlock4 = 0x04;
// Standard and extended opcodes (DWARF 5, 6.2.5.2 and 6.2.5.3).
enum : uint8_t {
  kCopy = 1,
  kAdvancePc,
  kAdvanceLine,
  kSetFile,
  kSetColumn,
  kNegateStmt,
  kSetBasicBlock,
  kConstAddPc,
  kFixedAdvancePc,
  kSetPrologueEnd,
  kSetEpilogueBegin,
  kSetIsa
};
enum : uint8_t { kEndSequence = 1, kSetAddress = 2, kDefineFile = 3 };

[[noreturn]] void fail(const std::string& message) {
  throw Error(".debug_line: " + message);
}

// Bounds-checked reads from [pos, end) of a section.
struct Cursor {
  std::span<const uint8_t> b;
  std::size_t pos = 0, end = 0;

  bool done() const { return pos >= end; }
  uint64_t fixed(unsigned n, const char* what) {
    if (end - pos < n) fail(fmt::format("{} runs past the end of its unit", what));
    uint64_t v = 0;
    for (unsigned k = 0; k < n; ++k) v |= uint64_t{b[pos + k]} << (8 * k);
    pos += n;
    return v;
  }
  uint8_t u8(const char* what) { return static_cast<uint8_t>(fixed(1, what)); }
  uint64_t uleb(const char* what) {
    uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
      const uint8_t byte = u8(what);
      if (shift < 64) v |= uint64_t{byte & 0x7fu} << shift;
      if ((byte & 0x80) == 0) return v;
    }
  }
  int64_t sleb(const char* what) {
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t byte = 0;
    do {
      byte = u8(what);
      if (shift < 64) v |= uint64_t{byte & 0x7fu} << shift;
      shift += 7;
    } while (byte & 0x80);
    if (shift < 64 && (byte & 0x40)) v |= ~uint64_t{0} << shift;
    return static_cast<int64_t>(v);
  }
  std::string cstr(const char* what) {
    const auto* start = b.data() + pos;
    const void* nul = std::memchr(start, 0, end - pos);
    if (nul == nullptr) fail(fmt::format("{} is not terminated", what));
    std::string s(reinterpret_cast<const char*>(start),
                  static_cast<std::size_t>(static_cast<const uint8_t*>(nul) - start));
    pos += s.size() + 1;
    return s;
  }
  void skip(uint64_t n, const char* what) {
    if (end - pos < n) fail(fmt::format("{} runs past the end of its unit", what));
    pos += static_cast<std::size_t>(n);
  }
};

std::string string_at(std::span<const uint8_t> sec, uint64_t off, const char* sec_name) {
  if (off >= sec.size()) fail(fmt::format("a name's offset {:#x} lies outside {}", off, sec_name));
  const auto* start = sec.data() + off;
  const void* nul = std::memchr(start, 0, sec.size() - static_cast<std::size_t>(off));
  if (nul == nullptr) fail(fmt::format("a name in {} is not terminated", sec_name));
  return std::string(reinterpret_cast<const char*>(start),
                     static_cast<std::size_t>(static_cast<const uint8_t*>(nul) - start));
}

struct Sections {
  std::span<const uint8_t> line_str, str;
};

struct Header {
  unsigned version = 0, offset_size = 4;
  uint8_t min_insn_length = 1, line_range = 1, opcode_base = 1;
  int8_t line_base = 0;
  bool default_is_stmt = true;
  std::vector<uint8_t> opcode_lengths;
  std::vector<std::string> dirs, files;  // files joined with their directory
};

std::string join(const std::string& dir, const std::string& name) {
  if (dir.empty() || name.empty() || name[0] == '/') return name;
  return dir.back() == '/' ? dir + name : dir + "/" + name;
}

// One value of a DWARF 5 entry: a string for paths, a number for indices; others skipped.
struct FormValue {
  std::string text;
  uint64_t number = 0;
};

FormValue read_form(Cursor& c, uint64_t form, unsigned offset_size, const Sections& s) {
  FormValue v;
  switch (form) {
    case kFormString:
      v.text = c.cstr("a name");
      break;
    case kFormLineStrp:
      v.text = string_at(s.line_str, c.fixed(offset_size, "an offset"), ".debug_line_str");
      break;
    case kFormStrp:
      v.text = string_at(s.str, c.fixed(offset_size, "an offset"), ".debug_str");
      break;
    case kFormUdata:
      v.number = c.uleb("a number");
      break;
    case kFormSdata:
      c.sleb("a number");
      break;
    case kFormData1:
      v.number = c.fixed(1, "a number");
      break;
    case kFormData2:
      v.number = c.fixed(2, "a number");
      break;
    case kFormData4:
      v.number = c.fixed(4, "a number");
      break;
    case kFormData8:
      v.number = c.fixed(8, "a number");
      break;
    case kFormData16:
      c.skip(16, "a checksum");
      break;
    case kFormBlock:
      c.skip(c.uleb("a block"), "a block");
      break;
    case kFormBlock1:
      c.skip(c.fixed(1, "a block"), "a block");
      break;
    case kFormBlock2:
      c.skip(c.fixed(2, "a block"), "a block");
      break;
    case kFormBlock4:
      c.skip(c.fixed(4, "a block"), "a block");
      break;
    default:
      fail(fmt::format("unsupported attribute form {:#x} in the file table", form));
  }
  return v;
}

// DWARF 5 directory or file entries: a format, then the entries; each (path, directory index).
std::vector<std::pair<std::string, uint64_t>> read_v5_entries(Cursor& c, const Header& h,
                                                              const Sections& s, const char* what) {
  const uint8_t format_count = c.u8(what);
  std::vector<std::pair<uint64_t, uint64_t>> format;
  for (unsigned k = 0; k < format_count; ++k) {
    const uint64_t type = c.uleb(what);
    format.push_back({type, c.uleb(what)});
  }
  const uint64_t count = c.uleb(what);
  // Each entry then takes at least a byte, so the unit's size bounds the loop below.
  if (format.empty() && count > 0) fail(fmt::format("{} have no format", what));
  std::vector<std::pair<std::string, uint64_t>> out;
  for (uint64_t n = 0; n < count; ++n) {
    std::pair<std::string, uint64_t> e;
    for (const auto& [type, form] : format) {
      FormValue v = read_form(c, form, h.offset_size, s);
      if (type == kLnctPath) e.first = std::move(v.text);
      if (type == kLnctDirectoryIndex) e.second = v.number;
    }
    out.push_back(std::move(e));
  }
  return out;
}

void read_file_tables(Cursor& c, Header& h, const Sections& s) {
  if (h.version >= 5) {
    for (auto& [path, unused] : read_v5_entries(c, h, s, "directory entries"))
      h.dirs.push_back(path);
    for (auto& [path, dir] : read_v5_entries(c, h, s, "file entries"))
      h.files.push_back(join(dir < h.dirs.size() ? h.dirs[dir] : "", path));
    return;
  }
  // DWARF 2-4: directory 0 is the compilation directory (not listed); files are numbered from 1.
  h.dirs.push_back("");
  for (std::string d = c.cstr("a directory name"); !d.empty(); d = c.cstr("a directory name"))
    h.dirs.push_back(d);
  h.files.push_back("");  // file 0 does not exist before DWARF 5
  for (std::string f = c.cstr("a file name"); !f.empty(); f = c.cstr("a file name")) {
    const uint64_t dir = c.uleb("a file entry");
    c.uleb("a file entry"), c.uleb("a file entry");  // modification time, length
    h.files.push_back(join(dir < h.dirs.size() ? h.dirs[dir] : "", f));
  }
}

// The header after unit_length and version: c.pos ends at the first opcode of the program.
Header read_header(Cursor& c, unsigned version, unsigned offset_size, const Sections& s) {
  Header h;
  h.version = version;
  h.offset_size = offset_size;
  if (version >= 5) {
    const uint8_t address_size = c.u8("the header");
    c.u8("the header");  // segment selector size
    if (address_size != 4) fail(fmt::format("address size {} (expected 4)", address_size));
  }
  const uint64_t header_length = c.fixed(offset_size, "the header");
  if (header_length > c.end - c.pos) fail("the header runs past the end of its unit");
  const std::size_t program = c.pos + static_cast<std::size_t>(header_length);
  Cursor hc{c.b, c.pos, program};
  h.min_insn_length = hc.u8("the header");
  if (version >= 4 && hc.u8("the header") != 1)
    fail("more than one operation per instruction (VLIW) is not supported");
  h.default_is_stmt = hc.u8("the header") != 0;
  h.line_base = static_cast<int8_t>(hc.u8("the header"));
  h.line_range = hc.u8("the header");
  if (h.line_range == 0) fail("line_range is 0");
  h.opcode_base = hc.u8("the header");
  if (h.opcode_base == 0) fail("opcode_base is 0");
  for (unsigned k = 1; k < h.opcode_base; ++k) h.opcode_lengths.push_back(hc.u8("the header"));
  read_file_tables(hc, h, s);
  c.pos = program;
  return h;
}

// The line-number program of one unit: rows become ranges of `out` (file indices shifted by
// `file_base`, the unit's first file in out.files).
void run_program(Cursor& c, const Header& h, uint32_t file_base, LineTable& out) {
  struct Row {
    uint64_t address = 0, file = 1, line = 1;
  };
  Row reg;
  std::vector<Row> seq;  // the rows of the current sequence
  std::vector<std::string> files = h.files;
  auto file_index = [&](uint64_t f) -> std::optional<uint32_t> {
    if (f >= files.size() || files[f].empty()) return std::nullopt;
    return file_base + static_cast<uint32_t>(f);
  };
  auto end_sequence = [&]() {
    for (std::size_t k = 0; k + 1 <= seq.size(); ++k) {
      const Row& r = seq[k];
      const uint64_t next = k + 1 < seq.size() ? seq[k + 1].address : reg.address;
      const auto f = file_index(r.file);
      if (r.line == 0 || r.line > UINT32_MAX || !f || next <= r.address ||
          next > (uint64_t{1} << 32))
        continue;
      out.ranges.push_back({static_cast<uint32_t>(r.address),
                            static_cast<uint32_t>(next - 1),
                            {*f, static_cast<uint32_t>(r.line)}});
    }
    seq.clear();
    reg = Row{};
  };
  auto advance = [&](uint64_t operations) { reg.address += operations * h.min_insn_length; };
  while (!c.done()) {
    const uint8_t op = c.u8("an opcode");
    if (op >= h.opcode_base) {
      const unsigned adjusted = op - h.opcode_base;
      advance(adjusted / h.line_range);
      reg.line += static_cast<uint64_t>(h.line_base + static_cast<int>(adjusted % h.line_range));
      seq.push_back(reg);
      continue;
    }
    switch (op) {
      case 0: {
        const uint64_t len = c.uleb("an extended opcode");
        if (len == 0 || len > c.end - c.pos)
          fail("an extended opcode runs past the end of its unit");
        const std::size_t next = c.pos + static_cast<std::size_t>(len);
        const uint8_t sub = c.u8("an extended opcode");
        if (sub == kEndSequence) {
          end_sequence();
        } else if (sub == kSetAddress) {
          if (len - 1 > 8) fail("DW_LNE_set_address with an address of more than 8 bytes");
          reg.address = c.fixed(static_cast<unsigned>(len - 1), "an address");
        } else if (sub == kDefineFile && h.version < 5) {
          std::string name = c.cstr("a file name");
          const uint64_t dir = c.uleb("a file entry");
          files.push_back(join(dir < h.dirs.size() ? h.dirs[dir] : "", name));
          out.files.push_back(files.back());
        }
        c.pos = next;  // also skips unknown extended opcodes
        break;
      }
      case kCopy:
        seq.push_back(reg);
        break;
      case kAdvancePc:
        advance(c.uleb("DW_LNS_advance_pc"));
        break;
      case kAdvanceLine:
        reg.line += static_cast<uint64_t>(c.sleb("DW_LNS_advance_line"));
        break;
      case kSetFile:
        reg.file = c.uleb("DW_LNS_set_file");
        break;
      case kConstAddPc:
        advance((255u - h.opcode_base) / h.line_range);
        break;
      case kFixedAdvancePc:
        reg.address += c.fixed(2, "DW_LNS_fixed_advance_pc");
        break;
      default:
        // Opcodes with no effect on address or line (column, is_stmt, isa, …) and unknown ones
        // below opcode_base: skip their operands, whose count the header gives.
        for (unsigned k = 0; k < h.opcode_lengths[op - 1]; ++k) c.uleb("an opcode's operand");
    }
  }
  if (!seq.empty()) end_sequence();  // a unit that does not end its last sequence: keep its rows
}

}  // namespace

LineTable read_debug_line(std::span<const uint8_t> debug_line,
                          std::span<const uint8_t> debug_line_str,
                          std::span<const uint8_t> debug_str) {
  const Sections s{debug_line_str, debug_str};
  LineTable out;
  std::size_t pos = 0;
  while (pos < debug_line.size()) {
    Cursor c{debug_line, pos, debug_line.size()};
    uint64_t length = c.fixed(4, "a unit length");
    unsigned offset_size = 4;
    if (length == 0xffffffff) {
      length = c.fixed(8, "a unit length");
      offset_size = 8;
    } else if (length >= 0xfffffff0) {
      fail(fmt::format("reserved unit length {:#x}", length));
    }
    if (length > c.end - c.pos) fail("a unit runs past the end of the section");
    c.end = c.pos + static_cast<std::size_t>(length);
    pos = c.end;
    const unsigned version = static_cast<unsigned>(c.fixed(2, "the version"));
    if (version < 2 || version > 5) fail(fmt::format("unsupported DWARF version {}", version));
    const Header h = read_header(c, version, offset_size, s);
    const auto file_base = static_cast<uint32_t>(out.files.size());
    out.files.insert(out.files.end(), h.files.begin(), h.files.end());
    run_program(c, h, file_base, out);
  }
  return out;
}

void apply_line_table(const LineTable& table, Program& p) {
  std::vector<const LineRange*> sorted;
  for (const LineRange& r : table.ranges) sorted.push_back(&r);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const LineRange* a, const LineRange* b) { return a->begin < b->begin; });
  p.c_source.files = table.files;
  for (const Segment& seg : p.segments) {
    if (!seg.executable) continue;
    const uint64_t end = uint64_t{seg.addr} + seg.bytes.size();
    for (uint64_t a = (uint64_t{seg.addr} + 3) & ~uint64_t{3}; a + 4 <= end; a += 4) {
      // The last range starting at or before `a`.
      auto it = std::upper_bound(sorted.begin(), sorted.end(), a,
                                 [](uint64_t v, const LineRange* r) { return v < r->begin; });
      if (it == sorted.begin()) continue;
      const LineRange& r = **(it - 1);
      if (a <= r.end) p.c_source.lines[static_cast<uint32_t>(a)] = r.where;
    }
  }
}

}  // namespace pipesim
