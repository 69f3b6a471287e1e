# Global .comm symbols are COMMON: ld allocates them in *(COMMON) at the end of .bss, in the
# order of its symbol hash table, aligned to their alignment (default: size up to 16).
  .text
  .globl _start
_start:
  la a0, alpha
  ret
  .comm alpha,4,4
  .comm beta,16,8
  .comm gamma,2
  .comm delta,100
  .comm a,1
  .comm b,12
  .comm c,3
  .comm zeta,4,16
  .comm mu,0
  .globl q
  .comm q,7
  .local loc
  .comm loc,4,4
  .bss
x:
  .zero 5
  .data
ptrs:
  .word alpha, beta, gamma, delta, a, b, c, zeta, mu, q, loc, x
