# crt0.S: the entry point of pipesim's C programs. The loader (pipesim or qemu-riscv32) has
# already set sp and zeroed .bss, so all that is left is gp, main and exit.
    .section .text.start, "ax"
    .globl _start
_start:
    # gp must be set without relaxation: relaxed, `la gp` would become gp-relative itself.
    .option push
    .option norelax
    la      gp, __global_pointer$
    .option pop
    li      a0, 0               # argc = 0
    li      a1, 0               # argv = NULL
    call    main
    li      a7, 93              # exit(main's return value)
    ecall
1:  j       1b                  # not reached
