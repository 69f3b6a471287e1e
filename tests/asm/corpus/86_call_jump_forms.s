# The call and jump forms of gas 2.40: `call rd, sym` goes through t1 (gcc -msave-restore
# emits `call t0, __riscv_save_0`), `jump sym, tmp` through the given register, `tail` through
# t1; a call or tail target may be written `sym@plt` (the symbol itself in a static link).
    .globl _start
_start:
    call t0, save
    call a5, save
    call ra, save
    call save
    jump restore, t0
    jump restore, a1
    tail restore
    call save@plt
    tail restore@plt
    call t0, save@plt
save:
    jr   t0
restore:
    jalr t0
    jalr a0, 4(a1)
    jr   4(a1)
    jr   a1, 8
    jalr x0, a1, 8
    ebreak
