# Conditional assembly: every .if variant, nested, with .elseif/.else; .ifdef sees only the
# symbols defined before it.
        .equ    ENABLED, 1
        .equ    LEVEL, 3
        .text
        .globl  _start
_start:
.if ENABLED
        addi    a0, zero, 1
.else
        addi    a0, zero, 2
.endif
.if LEVEL - 3
.ifeq LEVEL - 1
        addi    a1, zero, 1
.endif
.elseif 0
        addi    a1, zero, 1
.elseif LEVEL - 3
        addi    a1, zero, 2
.elseif LEVEL
        addi    a1, zero, 3
  .if ENABLED - 1
        addi    a1, a1, 100
  .else
    .ifne LEVEL - 3
        addi    a1, a1, 200
    .else
        addi    a1, a1, 300
    .endif
  .endif
.else
        addi    a1, zero, 4
.endif
.ifdef later
        addi    a2, zero, 1     # not yet defined here
.else
        addi    a2, zero, 2
.endif
.ifndef later
        addi    a2, a2, 10
.endif
.ifnotdef ENABLED
        addi    a2, a2, 20
.endif
.ifdef ENABLED
        addi    a2, a2, 40
.endif
later:
.ifdef later
        addi    a2, a2, 80
.endif
.ifeq LEVEL - 3
        addi    a3, zero, 1
.endif
.ifne LEVEL
        addi    a3, a3, 2
.endif
.iflt -1
        addi    a3, a3, 4
.endif
.ifle 0
        addi    a3, a3, 8
.endif
.ifgt 0
        addi    a3, a3, 16
.endif
.ifge 0
        addi    a3, a3, 32
.endif
.ifb
        addi    a4, zero, 1
.endif
.ifnb x
        addi    a4, a4, 2
.endif
.ifc abc, abc
        addi    a4, a4, 4
.endif
.ifc abc,abd
        addi    a4, a4, 8
.endif
.ifnc a b, a b
        addi    a4, a4, 16
.endif
.ifeqs "str", "str"
        addi    a5, zero, 1
.endif
.ifnes "str", "sTr"
        addi    a5, a5, 2
.endif
.if 0
        this is not assembled: bogus operands 1 2 3 \foo
  .if 1
        nor is this
  .else
        nor this
  .endif
.elseif 0
        skipped
.else
        addi    a5, a5, 4
.endif
.IF 1
        addi    a5, a5, 8
.ENDIF
        li      a7, 93
        ecall
        .data
flags:
.ifgt LEVEL - 2
        .word   LEVEL
.endif
        .word   ENABLED
