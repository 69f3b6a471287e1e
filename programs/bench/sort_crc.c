/* sort_crc.c: compiled C for scripts/bench.sh. Each of ROUNDS rounds fills an array of 256
 * words from a xorshift32 generator, sorts it with a recursive quicksort (calls, stack frames,
 * data-dependent branches, loads and stores), checks the order, and folds the sorted array into a
 * running CRC-32 (table-driven, as zlib's crc32(), over the words' little-endian bytes).
 * Output: the final CRC in hex. Exit status: 0, or 1 if a round came out unsorted.
 * Reference (Python):
 *   x, crc = 2463534242, 0
 *   for _ in range(ROUNDS):
 *       a = []
 *       for _ in range(256):
 *           x ^= (x << 13) % 2**32; x ^= x >> 17; x ^= (x << 5) % 2**32; a.append(x)
 *       crc = zlib.crc32(b"".join(v.to_bytes(4, "little") for v in sorted(a)), crc)
 *   print(f"0x{crc:08x}") */
#include "rt.h"

#ifndef ROUNDS
#define ROUNDS 1200 /* scripts/bench.sh compiles with -DROUNDS=N to scale the run */
#endif
#define COUNT 256

static uint32_t values[COUNT];
static uint32_t crc_table[256];

static void quicksort(uint32_t* a, int lo, int hi) {
  while (lo < hi) {
    const uint32_t pivot = a[lo + (hi - lo) / 2];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) ++i;
      while (a[j] > pivot) --j;
      if (i <= j) {
        const uint32_t t = a[i];
        a[i++] = a[j];
        a[j--] = t;
      }
    }
    /* Recurse into the smaller part and loop on the larger, so the stack stays shallow. */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
}

static uint32_t crc32_update(uint32_t crc, const uint8_t* p, size_t n) {
  crc = ~crc;
  while (n--) crc = crc_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

int main(void) {
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
  uint32_t x = 2463534242u, crc = 0;
  int unsorted = 0;
  for (int round = 0; round < ROUNDS; ++round) {
    for (int i = 0; i < COUNT; ++i) {
      x ^= x << 13;
      x ^= x >> 17;
      x ^= x << 5;
      values[i] = x;
    }
    quicksort(values, 0, COUNT - 1);
    for (int i = 1; i < COUNT; ++i) unsorted |= values[i - 1] > values[i];
    crc = crc32_update(crc, (const uint8_t*)values, sizeof values);
  }
  print_hex(crc);
  putchar('\n');
  return unsorted;
}
