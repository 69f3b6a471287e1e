# gas sizes a forward branch first from an estimate in which the frags after it have no address
# yet (the target counts from the start of its own frag); a branch estimated long at exactly the
# edge of its reach stays long, since its own 4 extra bytes then keep the target out of reach.
# Two pairs that hold each other: the first near the start of the section (estimated short,
# both stay 4 bytes), the second more than 4 KiB in (estimated long, both stay 8 bytes).
    .globl _start
_start:
    .space 4088
s1: nop
    nop
a1: beq  a0, a1, t1         # +4092 while b1 is short
    .space 4084
b1: beq  a0, a1, s1         # -4096 while a1 is short
t1: nop
    .space 4096
s2: nop
    nop
a2: beq  a0, a1, t2
    .space 4084
b2: beq  a0, a1, s2
t2: nop
    # One alone at the exact forward edge, deep in the section: estimated long, held long.
    bne  a0, a1, t3
    .space 4088
t3: ebreak
