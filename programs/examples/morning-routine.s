# morning-routine.s: the idea behind pipelining, as a program (docs/model.md, "The morning
# routine"). Getting up: boil water (a long job: the kettle), brush teeth while it boils (work
# that does not depend on the water), drink (needs the boiled water), leave (needs everything).
# Done two mornings in a row, the routine becomes a pipeline: tomorrow's water can go on before
# today's tea is drunk — if there is a second kettle.
#
#   boil   divu: 16 cycles in the divider (the kettle) on the 5-stage-* unit presets
#   brush  addi: independent 1-cycle steps; with parallel units they overlap the boiling
#   drink  add that needs the quotient: it waits for the kettle (a RAW hazard)
#   leave  the sum of everything: it waits for every step
#
# Compare one kettle, waiting by it (blocking), one kettle while brushing teeth (parallel) and
# two kettles (a second divider):
#   pipesim compare programs/examples/morning-routine.s \
#       --configs 5-stage-mul-div,5-stage-parallel-fu,5-stage-two-dividers
#
# Exit status: 2 * (100 / 4) + 2 * (1 + 2 + 3) + 2 * 1 = 50 + 12 + 2 = 64.

    .text
    .globl  _start
_start:
    li      a1, 100             # the water
    li      a2, 4               # the heat

    divu    t0, a1, a2          # today: put the kettle on (boil)
    divu    s0, a1, a2          # tomorrow: a second kettle can boil at the same time
    addi    t1, zero, 1         # brush teeth: three steps that need no water
    addi    t2, zero, 2
    addi    t3, zero, 3
    addi    s1, zero, 1         # tomorrow's brushing
    addi    s2, zero, 2
    addi    s3, zero, 3
    addi    t4, t0, 1           # today: drink (needs the boiled water)
    addi    s4, s0, 1           # tomorrow: drink

    add     a0, t4, s4          # leave: everything must be done
    add     a0, a0, t1
    add     a0, a0, t2
    add     a0, a0, t3
    add     a0, a0, s1
    add     a0, a0, s2
    add     a0, a0, s3
    li      a7, 93              # exit(a0)
    ecall
