/* rt.h: the tiny freestanding runtime of pipesim's C programs (no libc). Output goes through the
 * guest's write system call (ecall a7=64), which pipesim and qemu-riscv32 both implement. */
#ifndef PIPESIM_RT_H
#define PIPESIM_RT_H

#include <stddef.h>
#include <stdint.h>

long write(int fd, const void* buf, size_t len); /* returns the count written */
__attribute__((noreturn)) void exit(int code);    /* status is code & 0xff */

int putchar(int c);             /* one byte to stdout */
void print_str(const char* s);  /* the whole NUL-terminated string, no newline added */
void print_int(int32_t v);      /* decimal, with '-' when negative (INT32_MIN too) */
void print_hex(uint32_t v);     /* "0x" and 8 lowercase hex digits */

/* gcc may emit calls to these for struct copies and array initialisation. */
void* memcpy(void* dst, const void* src, size_t n);
void* memset(void* dst, int c, size_t n);
size_t strlen(const char* s);

#endif
