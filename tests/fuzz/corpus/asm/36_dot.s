# '.' (the current location) in operands and data.
_start:
    j    .
    beq  a0, a1, . + 8
    nop
    jal  . - 8
here = .
    bnez a0, here
    ebreak
    .data
    .word ., . + 4, . - _start
self: .word self - .
