// The .debug_line reader (isa/dwarf_line.hpp) on line tables written by hand from the DWARF
// standard (section 6.2: header layouts of versions 2-5, the opcodes and the special-opcode
// formula), so the expected rows are worked out in the comments; then damaged and hostile
// tables, which must give pipesim::Error (or be read), never crash or hang.
#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "isa/dwarf_line.hpp"
#include "isa/error.hpp"

using namespace pipesim;

namespace {

struct Out {
  std::vector<uint8_t> b;
  Out& u8(unsigned v) { return b.push_back(static_cast<uint8_t>(v)), *this; }
  Out& u16(unsigned v) { return u8(v & 0xff).u8(v >> 8); }
  Out& u32(uint32_t v) { return u16(v & 0xffff).u16(v >> 16); }
  Out& u64(uint64_t v) { return u32(static_cast<uint32_t>(v)).u32(static_cast<uint32_t>(v >> 32)); }
  Out& uleb(uint64_t v) {
    do {
      const unsigned byte = v & 0x7f;
      v >>= 7;
      u8(byte | (v ? 0x80 : 0));
    } while (v);
    return *this;
  }
  Out& str(const std::string& s) {
    b.insert(b.end(), s.begin(), s.end());
    return u8(0);
  }
  Out& bytes(const std::vector<uint8_t>& v) {
    b.insert(b.end(), v.begin(), v.end());
    return *this;
  }
};

// line_base -5, line_range 14, opcode_base 13 (gas's values): special opcode for an address
// advance a and a line advance l is (l + 5) + 14 * a + 13.
constexpr unsigned special(unsigned addr, int line) {
  return static_cast<unsigned>(line + 5) + 14 * addr + 13;
}
const std::vector<uint8_t> kStdLengths = {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1};

// The common program: rows at 0x10000 line 3 and 0x10004 line 4 of file 1, at 0x1000c line 1 of
// file 2; the sequence ends at 0x10010.
std::vector<uint8_t> program() {
  Out p;
  p.u8(0).uleb(5).u8(2).u32(0x10000);  // DW_LNE_set_address 0x10000
  p.u8(3).uleb(2);                     // DW_LNS_advance_line +2: line 3
  p.u8(1);                             // DW_LNS_copy: row 0x10000 line 3
  p.u8(special(4, 1));                 // +4 bytes, +1 line: row 0x10004 line 4
  p.u8(4).uleb(2);                     // DW_LNS_set_file 2
  p.u8(9).u16(8);                      // DW_LNS_fixed_advance_pc 8: 0x1000c
  p.u8(3).u8(0x7d);                    // DW_LNS_advance_line -3 (sleb 0x7d): line 1
  p.u8(5).uleb(7);                     // DW_LNS_set_column 7 (ignored)
  p.u8(1);                             // row 0x1000c line 1
  p.u8(2).uleb(4);                     // DW_LNS_advance_pc 4: 0x10010
  p.u8(0).uleb(1).u8(1);               // DW_LNE_end_sequence
  return p.b;
}

// A DWARF 2/3/4 unit (32-bit or 64-bit DWARF): include directory "src"; files a.c (in src)
// and b.h (in the compilation directory).
std::vector<uint8_t> unit_v4(unsigned version, bool dwarf64 = false) {
  Out h;
  h.u8(1);                    // minimum_instruction_length
  if (version >= 4) h.u8(1);  // maximum_operations_per_instruction
  h.u8(1).u8(0xfb).u8(14).u8(13).bytes(kStdLengths);
  h.str("src").str("");
  h.str("a.c").uleb(1).uleb(0).uleb(0).str("b.h").uleb(0).uleb(0).uleb(0).str("");
  Out body;
  body.u16(version);
  dwarf64 ? body.u64(h.b.size()) : body.u32(static_cast<uint32_t>(h.b.size()));
  body.bytes(h.b).bytes(program());
  Out unit;
  if (dwarf64)
    unit.u32(0xffffffff).u64(body.b.size());
  else
    unit.u32(static_cast<uint32_t>(body.b.size()));
  return unit.bytes(body.b).b;
}

// A DWARF 5 unit: directories "/home" and "inc" (strings in .debug_line_str when `strp`);
// files 0 "m.c" (dir 0), 1 "a.c" (dir 0), 2 "x.h" (dir 1), each with an MD5.
std::vector<uint8_t> unit_v5(bool strp, std::vector<uint8_t>* line_str) {
  Out h;
  h.u8(1).u8(1).u8(1).u8(0xfb).u8(14).u8(13).bytes(kStdLengths);
  const unsigned path_form = strp ? 0x1f : 0x08;
  auto path = [&](const std::string& s) {
    if (!strp) return void(h.str(s));
    h.u32(static_cast<uint32_t>(line_str->size()));
    line_str->insert(line_str->end(), s.begin(), s.end());
    line_str->push_back(0);
  };
  h.u8(1).uleb(1).uleb(path_form);  // directory format: DW_LNCT_path
  h.uleb(2);
  path("/home");
  path("inc");
  // file format: path, DW_LNCT_directory_index as udata, DW_LNCT_MD5 as data16
  h.u8(3).uleb(1).uleb(path_form).uleb(2).uleb(0x0f).uleb(5).uleb(0x1e);
  h.uleb(3);
  for (auto [name, dir] : {std::pair{"m.c", 0}, {"a.c", 0}, {"x.h", 1}}) {
    path(name);
    h.uleb(static_cast<uint64_t>(dir)).bytes(std::vector<uint8_t>(16, 0xab));
  }
  Out body;
  body.u16(5).u8(4).u8(0).u32(static_cast<uint32_t>(h.b.size())).bytes(h.b).bytes(program());
  Out unit;
  return unit.u32(static_cast<uint32_t>(body.b.size())).bytes(body.b).b;
}

std::string where(const LineTable& t, const LineRange& r) {
  return t.files.at(r.where.file) + ":" + std::to_string(r.where.line);
}

void check_common_rows(const LineTable& t, const std::string& file1, const std::string& file2) {
  REQUIRE(t.ranges.size() == 3);
  CHECK(t.ranges[0].begin == 0x10000);
  CHECK(t.ranges[0].end == 0x10003);
  CHECK(where(t, t.ranges[0]) == file1 + ":3");
  CHECK(t.ranges[1].begin == 0x10004);
  CHECK(t.ranges[1].end == 0x1000b);
  CHECK(where(t, t.ranges[1]) == file1 + ":4");
  CHECK(t.ranges[2].begin == 0x1000c);
  CHECK(t.ranges[2].end == 0x1000f);
  CHECK(where(t, t.ranges[2]) == file2 + ":1");
}

std::string read_error(const std::vector<uint8_t>& line,
                       const std::vector<uint8_t>& line_str = {}) {
  try {
    read_debug_line(line, line_str, {});
  } catch (const Error& e) {
    return e.what();
  }
  return "(read without error)";
}

}  // namespace

TEST_CASE("dwarf line: versions 2, 3 and 4, 32- and 64-bit DWARF", "[dwarf]") {
  for (unsigned v : {2u, 3u, 4u})
    for (bool dwarf64 : {false, true}) {
      INFO("version " << v << (dwarf64 ? ", 64-bit" : ""));
      // Before DWARF 5 files count from 1: file 1 is a.c in directory 1 (src), file 2 b.h.
      check_common_rows(read_debug_line(unit_v4(v, dwarf64), {}, {}), "src/a.c", "b.h");
    }
}

TEST_CASE("dwarf line: version 5, names inline and in .debug_line_str", "[dwarf]") {
  for (bool strp : {false, true}) {
    INFO((strp ? "line_strp" : "string"));
    std::vector<uint8_t> line_str;
    const std::vector<uint8_t> unit = unit_v5(strp, &line_str);
    // DWARF 5 files count from 0: file 1 is a.c (directory 0, /home), file 2 x.h (inc).
    check_common_rows(read_debug_line(unit, line_str, {}), "/home/a.c", "inc/x.h");
  }
}

TEST_CASE("dwarf line: several units, and the lines of a program's instructions", "[dwarf]") {
  std::vector<uint8_t> two = unit_v4(4);
  std::vector<uint8_t> line_str;
  const std::vector<uint8_t> second = unit_v5(false, &line_str);
  two.insert(two.end(), second.begin(), second.end());
  const LineTable t = read_debug_line(two, {}, {});
  REQUIRE(t.ranges.size() == 6);
  CHECK(where(t, t.ranges[5]) == "inc/x.h:1");  // the second unit's files follow the first's

  Program p;
  Segment code;
  code.addr = 0x10000;
  code.bytes.resize(0x14);  // five instructions; the last one has no row
  code.mem_size = 0x14;
  code.executable = true;
  p.segments.push_back(code);
  apply_line_table(read_debug_line(unit_v4(4), {}, {}), p);
  CHECK(p.c_source.text(0x10000) == "a.c:3");
  CHECK(p.c_source.text(0x10004) == "a.c:4");
  CHECK(p.c_source.text(0x10008) == "a.c:4");
  CHECK(p.c_source.text(0x1000c) == "b.h:1");
  CHECK(p.c_source.text(0x10010).empty());
  CHECK(p.c_source.lines.size() == 4);
}

TEST_CASE("dwarf line: damaged tables are errors that say what is wrong", "[dwarf]") {
  std::vector<uint8_t> u = unit_v4(4);
  std::vector<uint8_t> bad = u;
  bad[4] = 7;  // version
  CHECK(read_error(bad) == ".debug_line: unsupported DWARF version 7");
  bad = u;
  bad[4 + 2 + 4 + 4] = 0;  // line_range (after min length, max ops, is_stmt, line_base)
  CHECK(read_error(bad) == ".debug_line: line_range is 0");
  bad = u;
  bad[0] += 1;  // the unit claims one byte more than the section has
  CHECK(read_error(bad) == ".debug_line: a unit runs past the end of the section");
  std::vector<uint8_t> line_str;
  bad = unit_v5(true, &line_str);
  CHECK(read_error(bad, {}) ==  // names point past the end of an empty .debug_line_str
        ".debug_line: a name's offset 0x0 lies outside .debug_line_str");
  line_str.resize(3);  // the first name is cut off
  CHECK(read_error(bad, line_str) == ".debug_line: a name in .debug_line_str is not terminated");
  // Every truncation of a valid unit (its length field fixed up or not) reads or throws.
  for (std::size_t n = 0; n < u.size(); ++n) {
    std::vector<uint8_t> cut(u.begin(), u.begin() + static_cast<std::ptrdiff_t>(n));
    CHECK_NOTHROW(read_error(cut));
    if (n >= 4) {
      cut[0] = static_cast<uint8_t>(n - 4);
      CHECK_NOTHROW(read_error(cut));
    }
  }
}

TEST_CASE("dwarf line: random damage never crashes or hangs", "[dwarf]") {
  std::mt19937 rng(17);
  std::vector<uint8_t> line_str;
  std::vector<uint8_t> base = unit_v4(4);
  const std::vector<uint8_t> v5 = unit_v5(true, &line_str);
  base.insert(base.end(), v5.begin(), v5.end());
  Program p;
  Segment code;
  code.addr = 0x10000;
  code.bytes.resize(0x100);
  code.mem_size = 0x100;
  code.executable = true;
  p.segments.push_back(code);
  for (int k = 0; k < 3000; ++k) {
    std::vector<uint8_t> b = base;
    const int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) b[rng() % b.size()] = static_cast<uint8_t>(rng());
    try {
      Program q = p;
      apply_line_table(read_debug_line(b, line_str, {}), q);
      CHECK(q.c_source.lines.size() <= 0x40);
    } catch (const Error&) {
    }
  }
}

TEST_CASE("dwarf line: a row covering the whole address space costs only the program's words",
          "[dwarf]") {
  Out prog;
  prog.u8(0).uleb(5).u8(2).u32(0).u8(1);             // row at address 0, line 1
  prog.u8(2).uleb(0xffffffffu).u8(0).uleb(1).u8(1);  // up to 0xffffffff, end
  Out h;
  h.u8(1)
      .u8(1)
      .u8(1)
      .u8(0xfb)
      .u8(14)
      .u8(13)
      .bytes(kStdLengths)
      .str("")
      .str("z.c")
      .uleb(0)
      .uleb(0)
      .uleb(0)
      .str("");
  Out body;
  body.u16(4).u32(static_cast<uint32_t>(h.b.size())).bytes(h.b).bytes(prog.b);
  Out unit;
  unit.u32(static_cast<uint32_t>(body.b.size())).bytes(body.b);
  const LineTable t = read_debug_line(unit.b, {}, {});
  REQUIRE(t.ranges.size() == 1);
  CHECK(t.ranges[0].end == 0xfffffffeu);
  Program p;
  Segment code;
  code.addr = 0x10000;
  code.bytes.resize(8);
  code.mem_size = 8;
  code.executable = true;
  p.segments.push_back(code);
  apply_line_table(t, p);
  CHECK(p.c_source.lines.size() == 2);
  CHECK(p.c_source.text(0x10004) == "z.c:1");
}
