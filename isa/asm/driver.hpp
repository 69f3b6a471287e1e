// The driver: reads statements in order from a stack of inputs (the main file, included files,
// and the expansions of macros and repetitions, each a Source of its own), keeps conditional
// assembly, defines labels (numeric local labels get a fresh internal name per definition, as
// gas does), and hands each statement to the directive or instruction code.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "isa/asm/conditionals.hpp"
#include "isa/asm/lexer.hpp"
#include "isa/asm/macros.hpp"
#include "isa/asm/state.hpp"
#include "isa/assembler.hpp"

namespace pipesim::assembler {

// Bounds the work of repetition: the tokens of every repeated body times its count, and of
// every macro expansion, summed over the file (nested ones multiply), so that three nested
// `.rept 1000` around a statement that emits nothing cannot keep the assembler busy for hours.
// Ten million tokens take a few seconds; legitimate tables are far smaller.
inline constexpr uint64_t kMaxRepeatedTokens = 10'000'000;
// A .rept count above this is surely a mistake, whatever its body.
inline constexpr int64_t kMaxRepeatCount = 100'000;
// Most .rept/.irp/.irpc inside one another (deeper nesting repeats nothing useful).
inline constexpr int kMaxRepeatDepth = 16;
// Most macro expansions inside one another: a macro that invokes itself without end stops here.
inline constexpr int kMaxMacroDepth = 100;
// Most files included inside one another: a file that includes itself stops here.
inline constexpr int kMaxIncludeDepth = 32;
// Most bytes of expanded text (all expansions together are kept for messages) and of included
// files together.
inline constexpr std::size_t kMaxExpansionBytes = std::size_t{64} << 20;
inline constexpr std::size_t kMaxIncludedBytes = std::size_t{256} << 20;

class Driver {
 public:
  Driver(State& st, Source& root, const FileReader& files) : st_(st), root_(root), files_(files) {}
  void run();

 private:
  struct Frame {
    enum class Kind : uint8_t { File, Macro, Repeat };
    Kind kind;
    const Source& src;
    StatementReader in;
    std::size_t conds;  // conditionals open when it was entered
  };

  // assembler.cpp
  bool next(StatementReader& in, Statement& s);
  template <class Work>
  void guarded(bool after_semicolon, int line, Work&& work);
  static SourceError with_comment_hint(const SourceError& e);
  void skip_text(Frame& f);
  void leave();
  void handle(const Statement& s, Frame& f);
  bool expand(const Statement& s, std::size_t k, const std::string& word, Frame& f);
  std::size_t define_labels(const Statement& s);
  Stmt resolved(const Statement& s, std::size_t k);
  void statement(const Statement& s, std::size_t k);
  int depth(Frame::Kind kind) const;

  // driver_expand.cpp
  void define_macro(const Statement& s, std::size_t k, Frame& f);
  void invoke(const Statement& s, std::size_t k, const Macro& m);
  void exit_macro(const Statement& s, std::size_t k);
  void purge(const Statement& s, std::size_t k);
  void repeat(const Statement& s, std::size_t k, const std::string& word, Frame& f);
  void include(const Statement& s, std::size_t k, Frame& f);
  void incbin(const Statement& s, std::size_t k, Frame& f);
  std::string read_file(const Stmt& head, const std::string& name, const Frame& f,
                        std::string& path);
  void charge(Loc at, const std::string& what, uint64_t tokens, std::size_t bytes);
  void push(Frame::Kind kind, std::string text, std::string file, std::vector<int> lines,
            int anchor, int times = 1);

  State& st_;
  Source& root_;
  const FileReader& files_;
  std::vector<std::unique_ptr<Frame>> frames_;
  Conditionals conds_;
  std::map<std::string, Macro> macros_;  // by lower-case name (gas's are case-insensitive)
  std::map<int64_t, int> local_count_;
  uint64_t repeated_tokens_ = 0;
  std::size_t expanded_bytes_ = 0, included_bytes_ = 0;
  int macro_count_ = 0;  // `\@`: macro expansions so far
};

}  // namespace pipesim::assembler
