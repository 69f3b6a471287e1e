/* modular.c: Euclid's gcd, the least common multiple, modular exponentiation (square and
 * multiply) and the modular inverse by the extended Euclidean algorithm.
 * Exercises: div, divu, rem, remu, mul, mulhu (64-bit product for the modular multiply).
 * Exit code: 3^200 mod 1000003 mod 256, which is printed too. */
#include "rt.h"

static uint32_t gcd(uint32_t a, uint32_t b) {
  while (b != 0) {
    uint32_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/* (a * b) mod m without overflow: the 64-bit product needs mul and mulhu. */
static uint32_t mulmod(uint32_t a, uint32_t b, uint32_t m) {
  uint64_t p = (uint64_t)a * b;
  return (uint32_t)(p % m); /* a 64-bit remainder: libgcc's __umoddi3 */
}

static uint32_t powmod(uint32_t base, uint32_t e, uint32_t m) {
  uint32_t r = 1 % m;
  base %= m;
  while (e) {
    if (e & 1) r = mulmod(r, base, m);
    base = mulmod(base, base, m);
    e >>= 1;
  }
  return r;
}

/* Inverse of a modulo m (gcd(a, m) == 1), by the extended Euclidean algorithm (signed div). */
static int32_t inverse(int32_t a, int32_t m) {
  int32_t t = 0, new_t = 1, r = m, new_r = a;
  while (new_r != 0) {
    int32_t q = r / new_r;
    int32_t tmp = t - q * new_t;
    t = new_t, new_t = tmp;
    tmp = r - q * new_r;
    r = new_r, new_r = tmp;
  }
  return t < 0 ? t + m : t;
}

static void show(const char* what, int32_t v) {
  print_str(what);
  print_int(v);
  putchar('\n');
}

/* volatile, so the compiler cannot fold the divisions below into constants. */
static volatile int32_t minus17 = -17, five = 5;
static volatile uint32_t two_to_31 = 0x80000000u;

int main(void) {
  show("gcd(1071, 462) = ", (int32_t)gcd(1071, 462));
  show("gcd(17, 5) = ", (int32_t)gcd(17, 5));
  show("lcm(21, 6) = ", (int32_t)(21 / gcd(21, 6) * 6));
  show("-17 / 5 = ", minus17 / five);
  show("-17 % 5 = ", minus17 % five);
  show("2^31 mod 1000 = ", (int32_t)(two_to_31 % 1000u));
  uint32_t p = powmod(3, 200, 1000003);
  show("3^200 mod 1000003 = ", (int32_t)p);
  show("2^(1000003-2) mod 1000003 = ", (int32_t)powmod(2, 1000001, 1000003));
  show("inverse of 3 mod 11 = ", inverse(3, 11));
  show("inverse of 17 mod 3120 = ", inverse(17, 3120));
  return (int)(p & 0xff);
}
