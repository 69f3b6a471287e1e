# hello.s: the smallest complete program. It writes a greeting to standard output with the
# `write` system call and exits with status 0.
#
# System calls (Linux convention, which pipesim and qemu-riscv32 both follow): put the call
# number in a7 and the arguments in a0, a1, a2, then execute `ecall`.
#     a7 = 64  write(fd = a0, buf = a1, len = a2), returns the number of bytes written in a0
#     a7 = 93  exit(status = a0)

    .data
msg:    .ascii  "Hello, pipeline!\n"     # .ascii: no terminating NUL byte
msg_end:
    .equ    MSG_LEN, msg_end - msg       # the length, 17, computed by the assembler

    .text
    .globl  _start
_start:
    li      a0, 1                   # fd 1 = standard output
    la      a1, msg                 # buf = address of the message (auipc + addi)
    li      a2, MSG_LEN             # len = 17
    li      a7, 64                  # write
    ecall

    li      a0, 0                   # exit status 0 = success
    li      a7, 93                  # exit
    ecall
