/* rt.c: the tiny freestanding runtime of pipesim's C programs (see rt.h).
 * Compiled with -fno-tree-loop-distribute-patterns so gcc does not turn the loops of memcpy and
 * memset into calls to themselves. */
#include "rt.h"

static long syscall3(long n, long a, long b, long c) {
  register long a0 __asm__("a0") = a;
  register long a1 __asm__("a1") = b;
  register long a2 __asm__("a2") = c;
  register long a7 __asm__("a7") = n;
  __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a2), "r"(a7) : "memory");
  return a0;
}

long write(int fd, const void* buf, size_t len) { return syscall3(64, fd, (long)buf, (long)len); }

void exit(int code) {
  syscall3(93, code, 0, 0);
  for (;;) {
  }
}

int putchar(int c) {
  char ch = (char)c;
  write(1, &ch, 1);
  return c & 0xff;
}

void print_str(const char* s) { write(1, s, strlen(s)); }

void print_int(int32_t v) {
  char buf[12]; /* "-2147483648" is 11 characters */
  int i = sizeof buf;
  /* Work with the magnitude as unsigned, so INT32_MIN does not overflow. */
  uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
  do {
    buf[--i] = (char)('0' + u % 10);
    u /= 10;
  } while (u != 0);
  if (v < 0) buf[--i] = '-';
  write(1, buf + i, sizeof buf - i);
}

void print_hex(uint32_t v) {
  char buf[10] = {'0', 'x'};
  for (int i = 0; i < 8; ++i) buf[2 + i] = "0123456789abcdef"[(v >> (28 - 4 * i)) & 0xf];
  write(1, buf, sizeof buf);
}

void* memcpy(void* dst, const void* src, size_t n) {
  unsigned char* d = dst;
  const unsigned char* s = src;
  while (n--) *d++ = *s++;
  return dst;
}

void* memset(void* dst, int c, size_t n) {
  unsigned char* d = dst;
  while (n--) *d++ = (unsigned char)c;
  return dst;
}

size_t strlen(const char* s) {
  size_t n = 0;
  while (s[n]) ++n;
  return n;
}
