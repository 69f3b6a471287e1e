# .eqv and .equiv define symbols that may not be redefined; .set may be.
  .eqv SIZE, 12
  .equiv TWICE, SIZE * 2
  .text
  .globl _start
_start:
  li a0, SIZE
  li a1, TWICE
  ret
  .set V, 1
  .set V, V + 1
  .data
  .word SIZE, TWICE, V, end - start
start:
  .word 0
end:
