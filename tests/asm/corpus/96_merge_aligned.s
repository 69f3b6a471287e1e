# String merging in sections aligned to 4 as gcc writes them (.rodata.str1.4): each string
# keeps the alignment of its offset, so a tail folds only where the longer string puts it at
# that alignment; zero padding records "" once per section; a later copy that needs more
# alignment replaces an earlier, less aligned one.
	.text
	.globl _start
_start:
	la	a0, .LC0
	la	a1, .LC1
	la	a2, .LC2
	la	a3, .LC3
	la	a4, .LC4
	la	a5, .LC5
	la	a6, .LC6
	la	a7, .LC7
	la	t0, after
	li	a7, 93
	ecall

	.section	.rodata.str1.4,"aMS",@progbits,1
	.align	2
.LC0:
	.string	"abcd"
	.align	2
.LC1:
	.string	""
	.align	2
.LC2:
	.string	"efgh"
	.string	"gh"
.LC3:
	.string	"fgh"
	.align	2
.LC4:
	.string	"wxyzabcd"
	.align	2
.LC5:
	.string	"gh"
	.align	2
.LC6:
	.string	"1234567"
	.align	2
.LC7:
	.string	"567"
	.string	"ab"
	.align	2
	.string	"ab"

	.section	.rodata
after:
	.word	1, 2
