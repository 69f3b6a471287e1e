# hash comment
/* block comment */ _start: nop   # trailing
    addi a0, a0, 1  # trailing comment
    /* a block comment
       over several lines */ addi a1, a1, 2
    addi a2, a2, 3 ; addi a3, a3, 4 ; nop
    addi a4, a4, 5 /* inline */ ; addi a5, a5, 6 # and a comment ; not a statement
    .ascii "# not a comment /* nor this */ ; nor this"
    .align 3
    ebreak /* inline */ ; ebreak
