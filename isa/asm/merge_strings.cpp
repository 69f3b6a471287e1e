// SHF_MERGE sections merged as GNU ld 2.40 merges them (see merge_strings.hpp). The steps and
// their quirks follow bfd/merge.c, because byte identity depends on them: which copy of a string
// survives (the first one, unless a later copy needs a larger alignment), the order of the
// suffix search (strings sorted by their reversed text), where padding goes and which section's
// size is rounded up at the end (only the last one of a group).
#include "isa/asm/merge_strings.hpp"

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace pipesim::assembler {
namespace {

// One distinct entry: a string with its terminator, or one constant.
struct Entry {
  std::string text;
  uint32_t len = 0;        // text.size(); 0 once replaced by a more aligned copy
  uint32_t alignment = 0;  // 0: folded into `suffix` (or replaced)
  int sec = 0;
  int suffix = -1;  // the entry this one is the tail of
  uint64_t index = 0;
};

struct Group {
  Region region;
  bool strings;
  uint32_t entsize, align;
  std::vector<int> secs;
};

class Merger {
 public:
  Merger(State& st, const Group& g) : st_(st), g_(g) {}

  void run() {
    bool sizes_aligned = true;
    for (int s : g_.secs) {
      record(s);
      if (sec(s).bytes.size() % g_.align != 0) sizes_aligned = false;
    }
    if (list_.empty()) return;
    const int last = g_.strings ? fold_suffixes_and_place() : place_constants();
    if (sizes_aligned) new_size_[last] = align_up(new_size_[last], g_.align);
    for (std::size_t i = 0; i < list_.size(); ++i) {
      Entry& e = list_[i];
      if (e.alignment != 0 || e.len == 0) continue;
      const Entry& whole = list_[static_cast<std::size_t>(e.suffix)];
      e.sec = whole.sec;
      e.index = whole.index + (whole.len - e.len);
    }
    for (int s : g_.secs) rewrite(s);
  }

 private:
  Section& sec(int s) { return st_.sections[static_cast<std::size_t>(s)]; }
  static uint64_t align_up(uint64_t v, uint64_t a) { return (v + a - 1) / a * a; }

  bool zero_unit(const std::vector<uint8_t>& c, std::size_t p) const {
    for (uint32_t i = 0; i < g_.entsize; ++i)
      if (p + i < c.size() && c[p + i] != 0) return false;
    return true;
  }

  // The entry text starting at p: a string up to and including its terminator (the section is
  // read as if followed by one, as ld does for strings gcc left unterminated), or one constant.
  std::string text_at(const std::vector<uint8_t>& c, std::size_t p) const {
    std::size_t end = p + g_.entsize;
    if (g_.strings)
      while (!zero_unit(c, end - g_.entsize)) end += g_.entsize;
    std::string t(end - p, '\0');
    for (std::size_t i = p; i < end && i < c.size(); ++i) t[i - p] = static_cast<char>(c[i]);
    return t;
  }

  // sec_merge_add: the existing entry unless it is less aligned than asked for; then that copy
  // is dropped and a new one is appended (with this section as its home).
  Entry& add(const std::string& text, uint32_t alignment, int s) {
    const auto it = table_.find(text);
    if (it != table_.end()) {
      Entry& old = list_[static_cast<std::size_t>(it->second)];
      if (old.alignment >= alignment) return old;
      old.len = 0;
      old.alignment = 0;
    }
    table_[text] = static_cast<int>(list_.size());
    list_.push_back({text, static_cast<uint32_t>(text.size()), alignment, s, -1, 0});
    return list_.back();
  }

  // record_section: each string gets the alignment of its offset (capped at the section's);
  // the zero padding after a string adds "" once per section, at its first aligned zero.
  void record(int s) {
    const std::vector<uint8_t>& c = sec(s).bytes;
    const uint64_t mask = g_.align - 1;
    if (!g_.strings) {
      for (std::size_t p = 0; p < c.size(); p += g_.entsize) add(text_at(c, p), 1, s);
      return;
    }
    bool nul = false;
    for (std::size_t p = 0; p < c.size();) {
      uint64_t eltalign = p & (~p + 1);  // the lowest set bit of the offset
      if (eltalign == 0 || eltalign > mask) eltalign = mask + 1;
      p += add(text_at(c, p), static_cast<uint32_t>(eltalign), s).len;
      for (; p < c.size() && zero_unit(c, p); p += g_.entsize)
        if (!nul && (p & mask) == 0) {
          nul = true;
          add(std::string(g_.entsize, '\0'), static_cast<uint32_t>(mask + 1), s);
        }
    }
  }

  // strrevcmp (and strrevcmp_align when every string has the same alignment above the entry
  // size): by the reversed text without its terminator, so that tails follow each other.
  bool before(const Entry& a, const Entry& b, uint32_t common) const {
    const uint32_t la = a.len - g_.entsize, lb = b.len - g_.entsize;
    if (common != 0) {
      const uint32_t ta = la & (common - 1), tb = lb & (common - 1);
      if (ta != tb) return ta < tb;
    }
    for (uint32_t k = 1; k <= std::min(la, lb); ++k) {
      const auto x = static_cast<uint8_t>(a.text[la - k]), y = static_cast<uint8_t>(b.text[lb - k]);
      if (x != y) return x < y;
    }
    return la < lb;
  }

  static bool is_suffix(const Entry& a, const Entry& b) {
    return a.len > b.len && a.text.compare(a.len - b.len, b.len, b.text) == 0;
  }

  // merge_strings: folds tails, then gives each kept string its offset in its home section.
  // Returns the section whose size ld rounds up at the end.
  int fold_suffixes_and_place() {
    std::vector<int> order;
    uint32_t common = 0;
    for (std::size_t i = 0; i < list_.size(); ++i) {
      const Entry& e = list_[i];
      if (e.alignment == 0) continue;
      order.push_back(static_cast<int>(i));
      if (common != e.alignment) common = common == 0 ? e.alignment : UINT32_MAX;
    }
    if (common == UINT32_MAX || common <= g_.entsize) common = 0;
    std::sort(order.begin(), order.end(), [&](int a, int b) {
      return before(list_[static_cast<std::size_t>(a)], list_[static_cast<std::size_t>(b)], common);
    });
    int keep = order.back();
    for (auto k = order.size() - 1; k-- > 0;) {
      Entry& cmp = list_[static_cast<std::size_t>(order[k])];
      const Entry& e = list_[static_cast<std::size_t>(keep)];
      if (e.alignment >= cmp.alignment && ((e.len - cmp.len) & (cmp.alignment - 1)) == 0 &&
          is_suffix(e, cmp)) {
        cmp.suffix = keep;
        cmp.alignment = 0;
      } else {
        keep = order[k];
      }
    }
    uint64_t size = 0;
    int cur = list_.front().sec;
    for (Entry& e : list_) {
      if (e.sec != cur) {
        new_size_[cur] = size;
        cur = e.sec;
      }
      if (e.alignment == 0) continue;
      if (!first_.count(e.sec)) {
        first_[e.sec] = true;
        size = 0;
      }
      size = align_up(size, e.alignment);
      e.index = size;
      size += e.len;
    }
    new_size_[cur] = size;
    return cur;
  }

  // Constants: each distinct one in the order first seen, packed.
  int place_constants() {
    uint64_t size = 0;
    int cur = -1;
    for (Entry& e : list_) {
      if (!first_.count(e.sec)) {
        if (cur >= 0) new_size_[cur] = size;
        first_[e.sec] = true;
        size = 0;
      }
      size = align_up(size, e.alignment);
      e.index = size;
      size += e.len;
      cur = e.sec;
    }
    new_size_[cur] = size;
    return cur;
  }

  // New bytes (sec_merge_emit) and the map from old offsets (_bfd_merged_section_offset).
  void rewrite(int s) {
    Section& S = sec(s);
    const std::vector<uint8_t> old = S.bytes;
    S.raw_size = static_cast<uint32_t>(old.size());
    S.excluded = !first_.count(s);
    std::vector<uint8_t> out;
    for (const Entry& e : list_) {
      if (e.sec != s || e.alignment == 0) continue;
      out.resize(align_up(out.size(), e.alignment), 0);
      out.insert(out.end(), e.text.begin(), e.text.end());
    }
    if (!S.excluded) out.resize(std::max<uint64_t>(out.size(), new_size_[s]), 0);
    S.bytes = std::move(out);
    map_offsets(S, old);
  }

  // _bfd_merged_section_offset for every offset, as pieces: an offset goes where the string
  // that contains it went (found from the string's start, after the previous terminator).
  void map_offsets(Section& S, const std::vector<uint8_t>& old) {
    const uint32_t es = g_.entsize;
    const std::string zero(es, '\0');
    const auto zero_entry = table_.find(zero);
    const Entry& first = first_kept();
    for (std::size_t p = 0; p < old.size(); p += es) {
      if (g_.strings && p != 0 && !zero_unit(old, p - es)) continue;  // inside a string
      const bool single = !g_.strings || zero_unit(old, p);
      const auto it = single && g_.strings ? zero_entry : table_.find(text_at(old, p));
      if (it != table_.end()) {
        const Entry& e = list_[static_cast<std::size_t>(it->second)];
        add_piece(S.moved, {static_cast<uint32_t>(p), e.sec, static_cast<uint32_t>(e.index), false},
                  single);
      } else {
        // Inside zero padding with no "" recorded: ld falls back to the first kept entry.
        add_piece(S.moved,
                  {static_cast<uint32_t>(p), first.sec,
                   static_cast<uint32_t>(first.index + first.len - es), true},
                  single);
      }
    }
  }

  // Appends a piece unless the previous one already maps it the same way, so that long runs
  // (zero padding, strings that stayed in place) take one piece, not one per entry. `single`:
  // the piece spans one unit (a zero unit of strings, or any constant).
  void add_piece(std::vector<Section::Moved>& moved, Section::Moved m, bool single) const {
    if (!moved.empty() && moved.back().sec == m.sec) {
      Section::Moved& prev = moved.back();
      if (!prev.fixed && !m.fixed && m.to == prev.to + (m.from - prev.from)) return;
      // Pieces of one unit each that go to the same place: a fixed piece maps them all.
      const bool prev_one = prev.fixed || m.from == prev.from + g_.entsize;
      if (m.to == prev.to && prev_one && (m.fixed || single)) {
        prev.fixed = true;
        return;
      }
    }
    moved.push_back(m);
  }

  const Entry& first_kept() const {
    for (const Entry& e : list_)
      if (e.alignment != 0) return e;
    return list_.front();
  }

  State& st_;
  const Group& g_;
  std::vector<Entry> list_;  // in the order first recorded (ld's htab->first chain)
  std::unordered_map<std::string, int> table_;
  std::map<int, bool> first_;  // sections that keep at least one entry
  std::map<int, uint64_t> new_size_;
};

// _bfd_add_merge_section: the sections ld agrees to merge.
bool mergeable(const State& st, int s) {
  const Section& S = st.sections[static_cast<std::size_t>(s)];
  if (!S.has_flag('M') || S.entsize == 0 || S.bytes.empty() || S.zeros != 0) return false;
  if (S.bytes.size() % S.entsize != 0) return false;
  const uint32_t es = S.entsize, a = S.align;
  const bool pow2 = (es & (es - 1)) == 0;
  if ((es < a && (!pow2 || !S.has_flag('S'))) || (es > a && (es & (a - 1)) != 0)) return false;
  return true;
}

// A section with a fixup is not merged. ld does not merge one whose contents need a relocation
// in the object file; one whose fixups gas resolves itself (constants, branches within the
// section) ld merges as the bytes gas wrote, but pipesim resolves fixups after layout, at their
// offsets in the unmerged section (past its merged end: found by fuzz_asm). Such a section
// (code or a symbol's value in a mergeable section) is kept whole instead: docs/isa.md.
bool has_fixups(const State& st, int s) {
  return std::any_of(st.fixups.begin(), st.fixups.end(),
                     [s](const Fixup& fx) { return fx.sec == s; });
}

}  // namespace

void merge_strings(State& st) {
  std::vector<Group> groups;
  for (std::size_t i = 0; i < st.sections.size(); ++i) {
    const int s = static_cast<int>(i);
    if (!mergeable(st, s) || has_fixups(st, s)) continue;
    const Section& S = st.sections[i];
    const bool strings = S.has_flag('S');
    auto g = std::find_if(groups.begin(), groups.end(), [&](const Group& x) {
      return x.region == S.region && x.strings == strings && x.entsize == S.entsize &&
             x.align == S.align;
    });
    if (g == groups.end())
      g = groups.insert(groups.end(), {S.region, strings, S.entsize, S.align, {}});
    g->secs.push_back(s);
  }
  for (const Group& g : groups) Merger(st, g).run();
}

}  // namespace pipesim::assembler
