# Address-forming sequences objdump annotates with "# address <symbol>": auipc/lui pairs,
# jalr through auipc, gp-, tp- and zero-relative accesses, and objdump's stale tracking
# (a register keeps its lui/auipc value until an instruction uses it as a base).
    .globl _start
_start:
1:  auipc   a0, %pcrel_hi(var)
    addi    a0, a0, %pcrel_lo(1b)
2:  auipc   a1, %pcrel_hi(var)
    lw      a2, %pcrel_lo(2b)(a1)
3:  auipc   a3, %pcrel_hi(var)
    sw      a2, %pcrel_lo(3b)(a3)
4:  auipc   ra, %pcrel_hi(func)
    jalr    ra, %pcrel_lo(4b)(ra)
5:  auipc   t1, %pcrel_hi(func)
    jalr    zero, %pcrel_lo(5b)(t1)
6:  auipc   t2, %pcrel_hi(func)
    jalr    t2
    lui     a4, %hi(var)
    addi    a4, a4, %lo(var)
    lui     a5, %hi(var)
    lw      a6, %lo(var)(a5)
    lw      a6, %lo(var)(a5)
    lui     s0, 0x10
    add     s0, s0, a0
    addi    s1, s0, 8
    auipc   s2, 0
    li      s2, 5
    lw      a0, 0(s2)
    lw      a0, 8(gp)
    lw      a0, -16(gp)
    sw      a0, 12(gp)
    addi    a0, gp, 64
    lw      a0, 4(tp)
    sw      a0, -4(tp)
    lw      a0, 16(zero)
    sb      a0, 100(zero)
    lui     zero, 0x1
    lw      a0, 8(zero)
    lw      a0, 8(zero)
    lui     a7, 0x80000
    lw      a0, -4(a7)
    lui     a7, 0
    lw      a0, -4(a7)
    auipc   t3, 0xfffff
    lw      a0, 0(t3)
    lui     t4, 0x11
    addi    t4, t4, 0
    jalr    a1, 0(sp)
func:
    ret
    .data
var:
    .word   42
