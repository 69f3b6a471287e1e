// Directive dispatch, and the directives about sections, options, messages and annotations.
// Every directive GNU as 2.40 accepts for RV32 ELF is handled here, in data_directives.cpp or
// in symbol_directives.cpp, or is refused with an error at its line (docs/isa.md lists them):
// none is skipped with a warning, which would assemble a different program than gas.
#include "isa/asm/directives.hpp"
#include "isa/asm/suggest.hpp"

#include <fmt/format.h>

#include <string_view>

#include "isa/asm/debug_lines.hpp"
#include "isa/asm/directive_context.hpp"
#include "isa/asm/operands.hpp"

namespace pipesim::assembler {
namespace {

// `.section name [, "flags" [, @type [, entsize]]]`: recorded on the section when it is created.
void section_attributes(const Ctx& c, Section& sec) {
  if (c.ops.size() < 2) return;
  const Token& f = c.s.toks[c.ops[1].b];
  sec.flags = f.text;
  if (c.ops.size() < 3) return;
  const Range r = c.ops[2];
  // The lexer keeps '@' in the type's token ("@progbits"); gas also accepts '%' before it.
  std::string type;
  for (std::size_t i = r.b; i < r.e; ++i)
    if (c.s.toks[i].kind == Tok::Ident) type = c.s.toks[i].text;
  while (!type.empty() && (type[0] == '@' || type[0] == '%')) type.erase(0, 1);
  sec.type = type;
  if (sec.has_flag('M') && c.has(3)) {
    const int64_t n = c.constant(3, "entry size");
    if (n <= 0 || n > 0x10000) c.fail(c.ops[3].b, fmt::format("invalid entry size {}", n));
    sec.entsize = static_cast<uint32_t>(n);
  }
}

// Only subsection 0 exists in pipesim: gas would reorder the others' bytes after it.
void subsection(const Ctx& c, std::size_t op) {
  if (c.has(op) && c.constant(op, "subsection") != 0)
    c.fail(c.ops[op].b, "subsections other than 0 are not supported");
}

// .section/.pushsection name [, "flags" [, @type [, entsize]]] [, subsection for .pushsection].
void section(const Ctx& c, bool push) {
  if (c.ops.empty() || c.ops[0].empty())
    c.fail(0, fmt::format("'{}' needs a section name", c.name()));
  const Token& t = c.s.toks[c.ops[0].b];
  if (c.ops[0].e != c.ops[0].b + 1 || (t.kind != Tok::Ident && t.kind != Tok::String))
    c.fail(c.ops[0].b, "invalid section name");
  std::optional<std::string> flags;
  if (c.ops.size() >= 2) {
    if (c.ops[1].empty()) c.fail(c.ops[1].b, "missing operand");
    const Token& f = c.s.toks[c.ops[1].b];
    if (push && f.kind != Tok::String) {
      subsection(c, 1);  // .pushsection name, subsection
    } else if (c.ops[1].e != c.ops[1].b + 1 || f.kind != Tok::String) {
      c.fail(c.ops[1].b, "expected section flags as a string, e.g. \"aw\"");
    } else {
      flags = f.text;
    }
  }
  if (push) c.st.section_stack.push_back({c.st.cur, c.st.previous});
  const bool fresh = c.st.switch_section(t.text, c.s.loc(c.ops[0].b), flags);
  if (fresh && flags) section_attributes(c, c.st.section());
}

void option_arch(const Ctx& c) {
  if (c.ops.size() < 2) c.fail(0, "'.option arch' needs extensions, e.g. '.option arch, +zicsr'");
  for (std::size_t i = 1; i < c.ops.size(); ++i) {
    if (c.ops[i].empty()) c.fail(c.ops[i].b, "missing extension");
    std::string arch = c.text(i);
    const bool add = arch[0] == '+', remove = arch[0] == '-';
    if (add || remove) arch.erase(0, 1);
    if (remove) continue;  // removing an extension never adds an instruction
    const bool full = arch.rfind("rv", 0) == 0;
    if (full && arch.rfind("rv32", 0) != 0)
      c.fail(c.ops[i].b, fmt::format("'{}': pipesim assembles RV32 only", arch));
    // Single-letter extensions of a full ISA string come before the first '_'.
    const std::string letters =
        full ? arch.substr(4, arch.find('_') - std::min<std::size_t>(arch.find('_'), 4))
             : std::string();
    const bool compressed = letters.find('c') != std::string::npos || arch == "c" ||
                            arch.rfind("zc", 0) == 0 || arch.find("_zc") != std::string::npos;
    if (compressed)
      c.fail(c.ops[i].b, fmt::format("compressed instructions are not supported (.option arch, {})",
                                     c.text(i)));
  }
}

void option(const Ctx& c) {
  if (c.ops.empty() || c.ops[0].empty()) c.fail(0, "'.option' needs an option name");
  const std::string o = c.text(0);  // as written: csr-check is not one token
  if (o == "arch") return option_arch(c);
  c.count(1, 1);
  if (o == "rvc") c.fail(c.ops[0].b, "compressed instructions are not supported (.option rvc)");
  if (o == "relax") c.fail(c.ops[0].b, "linker relaxation is not supported (.option relax)");
  // With .option pic, `la` loads the address from a GOT that ld builds after .data
  // (docs/isa.md); pipesim builds none, so it would give different bytes.
  if (o == "pic")
    c.fail(c.ops[0].b,
           "position-independent code is not supported (.option pic): its 'la' "
           "loads addresses from a GOT, which pipesim does not build (compile "
           "without -fpic, or use 'lla')");
  if (o == "norvc" || o == "norelax" || o == "nopic" || o == "push" || o == "pop" ||
      o == "csr-check" || o == "no-csr-check")
    return;
  c.fail(c.ops[0].b, fmt::format("unknown option '.option {}'", o));
}

// The text of .error/.warning/.print: a string, or (without operands) gas's default wording.
std::string message(const Ctx& c, const char* otherwise) {
  if (c.ops.empty() || (c.ops.size() == 1 && c.ops[0].empty())) return otherwise;
  c.count(1, 1);
  const Token& t = c.s.toks[c.ops[0].b];
  if (c.ops[0].e != c.ops[0].b + 1 || t.kind != Tok::String)
    c.fail(c.ops[0].b, fmt::format("'{}' expects a string", c.name()));
  return t.text;
}

void fail_directive(const Ctx& c) {
  c.count(1, 1);
  const int64_t v = c.constant(0, "'.fail' value");
  // gas: a value of 500 or more is only a warning.
  const std::string text = fmt::format(".fail {} encountered", v);
  if (v >= 500) return c.st.warn(c.s.loc(0), text);
  c.fail(0, text);
}

void to_section(const Ctx& c, const char* name) {
  c.count(0, 1);
  subsection(c, 0);
  c.st.switch_section(name, c.s.loc(0));
}

const std::vector<Directive>& section_directives() {
  auto ignore = [](const Ctx&) {};
  static const std::vector<Directive> t = {
      {".text", [](const Ctx& c) { to_section(c, ".text"); }},
      {".data", [](const Ctx& c) { to_section(c, ".data"); }},
      {".bss", [](const Ctx& c) { to_section(c, ".bss"); }},
      {".rodata", [](const Ctx& c) { to_section(c, ".rodata"); }},
      {".section", [](const Ctx& c) { section(c, false); }},
      {".pushsection", [](const Ctx& c) { section(c, true); }},
      {".popsection",
       [](const Ctx& c) {
         c.count(0, 0);
         if (c.st.section_stack.empty()) c.fail(0, "'.popsection' without '.pushsection'");
         c.st.cur = c.st.section_stack.back().first;
         c.st.previous = c.st.section_stack.back().second;
         c.st.section_stack.pop_back();
       }},
      {".previous",
       [](const Ctx& c) {
         c.count(0, 0);
         std::swap(c.st.cur, c.st.previous);
       }},
      {".subsection", [](const Ctx& c) { c.count(1, 1), subsection(c, 0); }},
      {".option", option},
      {".error",
       [](const Ctx& c) { c.fail(0, message(c, ".error directive invoked in source file")); }},
      {".err", [](const Ctx& c) { c.count(0, 0), c.fail(0, ".err encountered"); }},
      {".abort",
       [](const Ctx& c) { c.count(0, 0), c.fail(0, ".abort detected; assembly stopped"); }},
      {".fail", fail_directive},
      {".warning",
       [](const Ctx& c) {
         c.st.warn(c.s.loc(0), message(c, ".warning directive invoked in source file"));
       }},
      {".print", [](const Ctx& c) { c.st.warn(c.s.loc(0), message(c, "")); }},
      {".end", [](const Ctx& c) { c.count(0, 0), c.st.ended = true; }},
      // Object-file annotations and listing control: no effect on the loaded program.
      {".file", [](const Ctx& c) { file_directive(c.st, c.s); }},
      {".loc", [](const Ctx& c) { loc_directive(c.st, c.s); }},
      {".ident", ignore},
      {".attribute", ignore},
      {".eject", ignore},
      {".list", ignore},
      {".nolist", ignore},
      {".psize", ignore},
      {".sbttl", ignore},
      {".title", ignore},
      {".lflags", ignore},
      {".gnu_attribute", ignore},
      {".version", ignore},
      {".loc_mark_labels", ignore},
      {".func", ignore},
      {".endfunc", ignore},
      {".stabs", ignore},
      {".stabn", ignore},
      {".stabd", ignore},
      // COMDAT groups: with one object file there is nothing to fold.
      {".linkonce", ignore},
      {".attach_to_group", ignore},
      {".endr", [](const Ctx& c) { c.fail(0, "'.endr' without '.rept'"); }},
  };
  return t;
}

// Directives gas accepts that pipesim refuses, each with its reason.
struct Refused {
  std::string_view name;
  const char* why;
};
constexpr Refused kRefused[] = {
    {".nops", "gas does not implement it for RISC-V either"},
    {".reloc", "pipesim links no relocations"},
    {".weakref", "pipesim has no symbol aliases"},
    {".symver", "pipesim has no symbol versions"},
    {".tls_common", "pipesim has no thread-local storage"},
    {".dtprelword", "pipesim has no thread-local storage"},
    {".dtpreldword", "pipesim has no thread-local storage"},
    {".struct", "pipesim has no absolute section"},
    {".offset", "pipesim has no absolute section"},
};

// .cfi_* only describe the stack frame for debuggers and unwinders. gas puts them in
// .debug_frame (not loaded) after `.cfi_sections .debug_frame`, as gcc -g emits, or in a loaded
// .eh_frame otherwise, which pipesim does not produce (tests/asm/gnu.ld discards it too).
bool is_cfi(const std::string& name) {
  return name.rfind(".cfi_", 0) == 0;
}

// In a section that is not loaded (.debug_info, .comment, ...): operands are parsed but not
// evaluated, and no byte is produced (they might name labels of other non-loaded sections).
void check_syntax(const Ctx& c) {
  for (const Range& r : c.ops) {
    bool expression = !r.empty();
    for (std::size_t i = r.b; i < r.e; ++i)
      if (c.s.toks[i].kind == Tok::String || c.s.toks[i].flonum) expression = false;
    if (expression) (void)expr_operand(c.st, c.s, r);
  }
}

const Directive* find(const std::string& name) {
  for (const auto* table : {&section_directives(), &data_directives(), &symbol_directives()})
    for (const Directive& d : *table)
      if (d.name == name) return &d;
  return nullptr;
}

}  // namespace

std::vector<uint8_t> code_padding(std::size_t n) {
  std::vector<uint8_t> out;
  if (n % 2 == 1) out.push_back(0);
  if (n % 4 >= 2) out.insert(out.end(), {0x01, 0x00});  // c.nop
  for (std::size_t k = 0; k < n / 4; ++k) out.insert(out.end(), {0x13, 0x00, 0x00, 0x00});
  return out;
}

std::vector<std::string_view> directive_names() {
  // The driver's own directives (driver.hpp: macros, conditionals, repetition, include) too.
  static constexpr std::string_view kDriver[] = {
      ".macro", ".endm",   ".exitm",  ".purgem",  ".rept",   ".endr",      ".irp",   ".irpc",
      ".if",    ".ifdef",  ".ifndef", ".ifc",     ".ifnc",   ".ifeq",      ".ifne",  ".ifgt",
      ".ifge",  ".iflt",   ".ifle",   ".ifb",     ".ifnb",   ".ifeqs",     ".ifnes", ".ifnotdef",
      ".else",  ".elseif", ".endif",  ".include", ".incbin", ".noaltmacro"};
  std::vector<std::string_view> out(std::begin(kDriver), std::end(kDriver));
  for (const auto* table : {&section_directives(), &data_directives(), &symbol_directives()})
    for (const Directive& d : *table) out.push_back(d.name);
  return out;
}

void assemble_directive(State& st, const Stmt& s) {
  const std::string& name = s.toks[0].text;
  if (is_cfi(name)) return;
  const Ctx c{st, s, split_operands(s, 1)};
  if (const Directive* d = find(name)) {
    if (d->emits && st.section().region == Region::Unloaded) return check_syntax(c);
    return d->run(c);
  }
  for (const Refused& r : kRefused)
    if (r.name == name)
      st.src.error(s.loc(0),
                   fmt::format("'{}' is not supported by pipesim's assembler ({})", name, r.why));
  st.src.error(s.loc(0), fmt::format("unknown directive '{}'{}", name,
                                     did_you_mean(name, directive_names())));
}

}  // namespace pipesim::assembler
