# gcc -O0 for static zero-initialised variables: .local + .comm allocate in .bss (after
# everything else there, gas's subsection 1), and .lcomm aligns by size.
  .text
  .globl _start
_start:
  lui a0, %hi(counter)
  lw a1, %lo(counter)(a0)
  la a2, buffer
  ret
  .local counter
  .comm counter,4,4
  .local buffer
  .comm buffer,40,8
  .local flag
  .comm flag,1,1
  .local odd
  .comm odd,3
  .lcomm lc2, 3
  .lcomm lc8, 8
  .lcomm lc1, 1
  .local big
  .comm big,5,16
  .bss
first:
  .zero 3
  .data
ptrs:
  .word counter, buffer, flag, odd, lc2, lc8, lc1, big, first
