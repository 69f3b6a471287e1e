// gas decides the size of each relaxable frag by passes over a section (write.c relax_segment):
// each pass walks the frags in order, moving each to the running address and recomputing its
// tail; a target at or before the branch has already moved in this pass, a target after it is
// still where the previous pass put it (in the first pass, the estimate, that is its offset in
// its own frag: no frag after the branch has an address yet). Passes repeat until one changes
// nothing. A branch to a label of its own section (not weak) is 4 bytes when the target is in
// reach [-4096, 4094] from it, else 8; to anything else always 8 (tc-riscv.c
// relaxed_branch_length). Reproducing the passes, rather than growing branches until all fit,
// matters at the edges: the estimate can make a branch long that is then held long by the
// bytes its own growth added (tests/asm/corpus/8*_*.s).
#include "isa/asm/relax.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pipesim::assembler {
namespace {

// Passes one section may take before relaxation is declared not to settle (docs/errors.md).
// gas's passes settle in a handful; lengths are recomputed from addresses each pass, so in
// principle two branches could keep changing each other forever.
constexpr int kMaxRelaxPasses = 100;

constexpr int64_t kBranchMin = -4096, kBranchMax = 4094;

struct Node {
  uint32_t start = 0;          // in this run
  uint32_t fix = 0;            // fixed bytes before the tail
  const Frag* frag = nullptr;  // the tail; nullptr for the open frag at the end of the section
  bool same_section = false;   // Branch: a target gas measures (else always 8 bytes)
  std::size_t target_frag = 0;
  int64_t target_off = 0;  // offset of the target in its frag
  int64_t tail = -1;       // size of the tail in the last pass; -1 before the first
};

Node node(uint32_t start, uint32_t tail, const Frag* frag) {
  Node n;
  n.start = start;
  n.fix = tail - start;
  n.frag = frag;
  return n;
}

int64_t align_padding(int64_t addr, const Frag& f) {
  const int64_t a = f.size;
  const int64_t pad = (a - addr % a) % a;
  return f.max_skip >= 0 && pad > f.max_skip ? 0 : pad;
}

class SectionRelaxer {
 public:
  SectionRelaxer(State& st, const Section& sec, int index) : st_(st) {
    for (const Frag& f : sec.frags) nodes_.push_back(node(f.start, f.tail, &f));
    nodes_.push_back(node(sec.frag_start, static_cast<uint32_t>(sec.size()), nullptr));
    for (Node& n : nodes_)
      if (n.frag && n.frag->kind == Frag::Tail::Branch) locate_target(n, index);
    addr_.assign(nodes_.size(), 0);
  }

  void run(std::vector<bool>& out) {
    pass();  // the estimate (md_estimate_size_before_relax): its changes do not count
    for (int k = 0; pass(); ++k)
      if (k == kMaxRelaxPasses)
        st_.src.error(first_branch(), fmt::format("branch relaxation does not settle in {} "
                                                  "passes",
                                                  kMaxRelaxPasses));
    for (const Node& n : nodes_)
      if (n.frag && n.frag->kind == Frag::Tail::Branch && n.tail == 8)
        out[static_cast<std::size_t>(n.frag->branch)] = true;
  }

 private:
  void locate_target(Node& n, int index) {
    // gas (relaxed_branch_length): a weak target may be overridden at link time, so it is never
    // taken as in this section.
    for (const Expr::Node& e : n.frag->target.nodes)
      if (e.kind == Expr::Kind::Sym) {
        const auto sym = st_.symbols.find(e.name);
        if (sym != st_.symbols.end() && sym->second.weak) return;
      }
    const auto v = st_.eval(n.frag->target, Value{n.frag->tail, index});
    if (!v || v->sec != index) return;
    n.same_section = true;
    // A label at a frag boundary belongs to the frag that starts there (the last one, when
    // empty frags share the offset: labels usually follow an alignment).
    const auto after = std::upper_bound(nodes_.begin(), nodes_.end(), v->v,
                                        [](int64_t x, const Node& m) { return x < m.start; });
    n.target_frag =
        after == nodes_.begin() ? 0 : static_cast<std::size_t>(after - nodes_.begin()) - 1;
    n.target_off = v->v - nodes_[n.target_frag].start;
  }

  // One pass; true when any tail changed size.
  bool pass() {
    int64_t a = 0;
    bool changed = false;
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      Node& n = nodes_[i];
      addr_[i] = a;
      a += n.fix;
      if (!n.frag) break;
      int64_t size = n.frag->size;
      if (n.frag->kind == Frag::Tail::Align) size = align_padding(a, *n.frag);
      if (n.frag->kind == Frag::Tail::Branch) size = in_reach(n, a) ? 4 : 8;
      changed |= n.tail >= 0 && size != n.tail;
      n.tail = size;
      a += size;
    }
    return changed;
  }

  bool in_reach(const Node& n, int64_t at) const {
    if (!n.same_section) return false;
    const int64_t off = addr_[n.target_frag] + n.target_off - at;
    return off >= kBranchMin && off <= kBranchMax;
  }

  Loc first_branch() const {
    for (const Node& n : nodes_)
      if (n.frag && n.frag->kind == Frag::Tail::Branch) return n.frag->loc;
    return {1, 1};
  }

  State& st_;
  std::vector<Node> nodes_;
  std::vector<int64_t> addr_;
};

}  // namespace

std::vector<bool> long_branches(State& st) {
  std::vector<bool> out(static_cast<std::size_t>(st.branches), false);
  for (std::size_t i = 0; i < st.sections.size(); ++i) {
    const Section& sec = st.sections[i];
    const bool any = std::any_of(sec.frags.begin(), sec.frags.end(),
                                 [](const Frag& f) { return f.kind == Frag::Tail::Branch; });
    if (!any) continue;
    SectionRelaxer r(st, sec, static_cast<int>(i));
    r.run(out);
  }
  return out;
}

}  // namespace pipesim::assembler
