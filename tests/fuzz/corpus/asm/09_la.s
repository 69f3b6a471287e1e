# la and lla (auipc + addi, non-PIC) to text, rodata and data.
_start:
    la  a0, msg
    lla a1, msg
    la  a2, table + 8
    lla a3, _start
    la  a4, after
after:
    ebreak
    .section .rodata
msg: .string "hello"
    .data
table: .word 1, 2, 3, 4
