# Exercise morning_routine: a morning as a program, done on two days.
#   boil water  a division: a long-latency operation (16 cycles on the divider, the kettle)
#   brush teeth independent work that can overlap the boiling
#   drink       needs the water
#   leave       needs everything
# Task: on 5-stage-mul-div (one kettle that blocks the kitchen) how many cycles does the
# morning take? On 5-stage-parallel-fu (brushing overlaps boiling)? On 5-stage-two-dividers
# (two kettles), and why is that no faster here? Draw where the days overlap.
# Check with `pipesim compare morning_routine.s --configs
# 5-stage-mul-div,5-stage-parallel-fu,5-stage-two-dividers`.
# Exit status: 42.
    .text
    .globl _start
_start:
    li   t0, 300            # water (ml)
    li   t1, 10
    li   t2, 600
    # day 1
    div  s0, t0, t1         # boil water: s0 = 30
    addi s1, zero, 1        # brush teeth (independent of the water)
    addi s2, zero, 2        #   ...still brushing
    add  s3, s0, s1         # drink: needs the water (s3 = 31)
    add  s4, s3, s2         # leave: needs everything (s4 = 33)
    # day 2: the same morning with other registers
    div  s5, t2, t1         # boil water: s5 = 60
    addi s6, zero, 3        # brush teeth
    addi s7, zero, 4
    add  s8, s5, s6         # drink (s8 = 63)
    add  s9, s8, s7         # leave (s9 = 67)
    sub  a0, s9, s4         # 67 - 33 = 34
    addi a0, a0, 8          # 42
    li   a7, 93
    ecall
