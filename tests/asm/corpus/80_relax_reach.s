# Branch relaxation (GNU as -mno-relax): a conditional branch to a label of its own section is
# 4 bytes when the label is within [-4096, 4094] of it, else 8 bytes: the inverted branch over
# `jal x0, label`. Each case sits at an edge of the reach, backward and forward.
    .globl _start
_start:
    blt  a0, a1, f0         # +4092 near the start of the section: in reach
    .space 4088
f0:
b4096:
    nop
    .space 4092
    beq  a0, a1, b4096      # -4096: in reach
b4100:
    nop
    .space 4096
    bne  a0, a1, b4100      # -4100: 8 bytes (beq over a jal)
    blt  a0, a1, f4092      # +4092, but more than 4 KiB into the section: gas's first
                            # estimate makes it long, and its own growth keeps it so
    .space 4088
f4092:
    nop
    bgeu a0, a1, f4096      # +4096 if it stayed short: 8 bytes (bltu over a jal)
    .space 4092
f4096:
    nop
    bltu a0, a1, f4088      # +4088
    nop
    .space 4080
f4088:
    ebreak
