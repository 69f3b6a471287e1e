# Mergeable constants ("aM" without 'S', as gcc writes .rodata.cst4/.cst8): ld keeps each
# distinct entry once, in the order first seen; a mergeable section holding a relocated word
# is left alone, as ld does with sections that have relocations.
	.text
	.globl _start
_start:
	la	a0, .LK0
	la	a1, .LK1
	la	a2, .LK2
	la	a3, .LK3
	la	a4, .LR
	la	a5, .LQ
	li	a7, 93
	ecall

	.section	.rodata.cst4,"aM",@progbits,4
	.align	2
.LK0:
	.word	0x12345678
.LK1:
	.word	42
.LK2:
	.word	0x12345678
	.section	.rodata.cst8,"aM",@progbits,8
	.align	3
.LK3:
	.word	1, 2
	.word	3, 4
	.word	1, 2
.LQ:
	.word	3, 4

	.section	.rodata.cst4.rel,"aM",@progbits,4
	.align	2
.LR:
	.word	.LK1
	.word	.LK1
