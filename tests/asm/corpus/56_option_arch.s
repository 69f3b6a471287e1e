# .option arch with extensions pipesim needs no new instructions for, and the other options.
  .option arch, +zicsr, +zifencei
  .option arch, rv32im_zicsr
  .option arch, -c
  .option push
  .option arch, rv32i2p1_m2p0
  .option pop
  .option norvc
  .option norelax
  .option nopic
  .option csr-check
  .option no-csr-check
  .attribute arch, "rv32i2p1_m2p0"
  .attribute unaligned_access, 0
  .attribute stack_align, 16
  .text
  .globl _start
_start:
  li a0, 3
  ret
