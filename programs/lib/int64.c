/* int64.c: 64-bit division and shifts for a program built as ONE assembly file (see
 * tests/differential/compiler_output_test.cpp). RV32IM has no 64-bit divide instruction, so gcc
 * calls __udivdi3, __umoddi3, __divdi3 and __moddi3 from libgcc (and, at -Os, __lshrdi3,
 * __ashldi3 and __ashrdi3 for 64-bit shifts); a single .s given to pipesim has
 * no libgcc, so these are written here from their contract (C's / and % on 64-bit operands).
 * The CMake build links libgcc instead and does not use this file.
 * The shifts work on 32-bit halves, so they never call themselves; the division uses them. Division by zero is undefined in C; it returns all
 * ones here, like the hardware's 32-bit divu. */
#include <stdint.h>

/* A 64-bit value as its two 32-bit halves (RV32 is little-endian: the low word first). */
typedef union {
  uint64_t all;
  struct {
    uint32_t lo, hi;
  } w;
} words64;

uint64_t __lshrdi3(uint64_t v, int n) {
  words64 x = {.all = v}, r;
  if (n == 0) return v;
  if (n >= 32) {
    r.w.lo = x.w.hi >> (n - 32);
    r.w.hi = 0;
  } else {
    r.w.lo = (x.w.lo >> n) | (x.w.hi << (32 - n));
    r.w.hi = x.w.hi >> n;
  }
  return r.all;
}

uint64_t __ashldi3(uint64_t v, int n) {
  words64 x = {.all = v}, r;
  if (n == 0) return v;
  if (n >= 32) {
    r.w.hi = x.w.lo << (n - 32);
    r.w.lo = 0;
  } else {
    r.w.hi = (x.w.hi << n) | (x.w.lo >> (32 - n));
    r.w.lo = x.w.lo << n;
  }
  return r.all;
}

int64_t __ashrdi3(int64_t v, int n) {
  words64 x = {.all = (uint64_t)v}, r;
  const int32_t hi = (int32_t)x.w.hi;
  if (n == 0) return v;
  if (n >= 32) {
    r.w.lo = (uint32_t)(hi >> (n - 32));
    r.w.hi = (uint32_t)(hi >> 31);
  } else {
    r.w.lo = (x.w.lo >> n) | (x.w.hi << (32 - n));
    r.w.hi = (uint32_t)(hi >> n);
  }
  return (int64_t)r.all;
}

static uint64_t udivmod64(uint64_t n, uint64_t d, uint64_t* rem) {
  uint64_t q = 0, r = 0;
  if (d == 0) {
    *rem = n;
    return ~(uint64_t)0;
  }
  for (int bit = 63; bit >= 0; --bit) { /* schoolbook long division, one bit at a time */
    r = (r << 1) | ((n >> bit) & 1);
    if (r >= d) {
      r -= d;
      q |= (uint64_t)1 << bit;
    }
  }
  *rem = r;
  return q;
}

uint64_t __udivdi3(uint64_t n, uint64_t d) {
  uint64_t r;
  return udivmod64(n, d, &r);
}

uint64_t __umoddi3(uint64_t n, uint64_t d) {
  uint64_t r;
  udivmod64(n, d, &r);
  return r;
}

/* Signed: the quotient truncates toward zero, the remainder has the dividend's sign. */
static uint64_t magnitude(int64_t v) { return v < 0 ? 0 - (uint64_t)v : (uint64_t)v; }

int64_t __divdi3(int64_t n, int64_t d) {
  uint64_t r;
  const uint64_t q = udivmod64(magnitude(n), magnitude(d), &r);
  return (int64_t)((n < 0) != (d < 0) ? 0 - q : q);
}

int64_t __moddi3(int64_t n, int64_t d) {
  uint64_t r;
  udivmod64(magnitude(n), magnitude(d), &r);
  return (int64_t)(n < 0 ? 0 - r : r);
}
