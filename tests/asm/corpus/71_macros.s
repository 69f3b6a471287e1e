# .macro with positional, keyword, default, required and vararg parameters; \() and \@;
# macros that define labels, call other macros, stop early with .exitm; .purgem.
        .macro  push reg
        addi    sp, sp, -4
        sw      \reg, 0(sp)
        .endm
        .macro  pop reg
        lw      \reg, 0(sp)
        addi    sp, sp, 4
        .endm
        .macro  addk dst, src=a0, k:req
        addi    \dst, \src, \k
        .endm
        .macro  words first, rest:vararg
        .word   \first
        .ifnb \rest
        .word   \rest
        .endif
        .endm
        .macro  countdown reg, n
        li      \reg, \n
loop\@:
        addi    \reg, \reg, -1
        bnez    \reg, loop\@
        .endm
        .macro  saved reg
        push    \reg
        countdown \reg, 3
        pop     \reg
        .endm
        .macro  fn name
        .globl  \name\()_entry
\name\()_entry:
        addi    a0, a0, 1
        .endm
        .macro  upto n
        .ifgt \n - 2
        .exitm
        .endif
        addi    a1, a1, \n
        .endm
        .text
        .globl  _start
_start:
        push    ra
        pop     ra
        addk    a1, k=5
        addk    a2, a3, 7
        addk    k=9, dst=a4
        addk    a5, , 1 + 2
        countdown t0, 2
        countdown t1 4
        saved   s1
        fn      helper
        upto    1
        upto    2
        upto    3
        upto    4
        j       helper_entry
        .purgem push
        .macro  push reg
        sw      \reg, -4(sp)
        .endm
        PUSH    t2
        li      a7, 93
        ecall
        .data
table:
        words   1
        words   2, 3, 4
        words   5 6
        words   (8 + 1) * 2, 10
        .macro  str text, after="end"
        .ascii  "\text"
        .asciz  "\after"
        .endm
        str     "hello, world"
        str     plain, "done"
