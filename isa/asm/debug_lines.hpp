// `.file N "name"` and `.loc file line …`: the C source line of each instruction, as the line
// table gas builds from them (DWARF .debug_line) records it. The table itself is not built:
// pipesim keeps, per section, which statement each `.loc` precedes, and after layout gives every
// instruction the source line of the last `.loc` before it in its section.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "isa/program.hpp"

namespace pipesim::assembler {

class State;
struct Stmt;

struct DebugLines {
  // A `.loc`: it applies to the instructions of section `sec` from its mark `mark` on (the next
  // statement's), until the next `.loc` of that section.
  struct Row {
    int sec = 0;
    std::size_t mark = 0;
    uint64_t file = 0;
    uint32_t line = 0;  // never 0: gas makes no row for `.loc N 0`
  };
  std::map<uint64_t, std::string> files;  // `.file` number -> name (with its directory)
  std::vector<Row> rows;
  // Where the last `.loc` was, for its view number (gas: 0 when code was emitted since the
  // previous `.loc` of the section, else one more than the previous one's).
  int last_sec = -1;
  std::size_t last_size = 0;
  int64_t last_view = 0;
};

// `.file "name"` (the object file's name: ignored), `.file N "name"`, `.file N "dir" "name"`,
// with an optional `md5 VALUE` after the name.
void file_directive(State& st, const Stmt& s);
// `.loc file line [column] [is_stmt N] [prologue_end] [epilogue_begin] [isa N]
// [discriminator N] [view V]`. A `view` naming a symbol defines it as the view number, as gas
// does (gcc refers to these .LVU symbols from debug sections only).
void loc_directive(State& st, const Stmt& s);
// After layout: the source line of every instruction that follows a `.loc` in its section.
void fill_source_map(const State& st, SourceMap& out);

}  // namespace pipesim::assembler
