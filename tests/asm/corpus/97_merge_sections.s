# String merging across sections: sections of one output section with the same flags, entry
# size and alignment form one group (a string lives in the first section that recorded it, a
# section whose strings all live elsewhere takes no space); other alignments or entry sizes
# form their own groups; a section not marked 'M' is never merged; an unterminated last string
# is read as terminated; a label at the end of a merged section moves to its new end.
	.text
	.globl _start
_start:
	la	a0, .LA
	la	a1, .LB
	la	a2, .LC
	la	a3, .LD
	la	a4, .LE
	la	a5, .Lend
	la	a6, .LF
	la	a7, .LG
	la	t0, .LH
	li	a7, 93
	ecall

	.section	.rodata.str1.1,"aMS",@progbits,1
.LA:
	.string	"shared"
	.string	"only one"
.Lend:

	.section	.rodata.a.str1.1,"aMS",@progbits,1
.LB:
	.string	"shared"
	.string	"red"

	.section	.rodata.b.str1.1,"aMS",@progbits,1
.LC:
	.string	"ared"
	.string	"d"

	.section	.rodata.str1.8,"aMS",@progbits,1
	.align	3
.LD:
	.string	"shared"
	.align	3
	.string	"shared"
	.ascii	"open"

	.section	.rodata.plain,"a",@progbits
.LE:
	.string	"shared"
	.string	"shared"

	.section	.rodata.str2.2,"aMS",@progbits,2
	.align	1
.LF:
	.half	0x68, 0x69, 0
	.half	0x69, 0
.LG:
	.half	0x68, 0x69, 0

	.section	.rodata.str1.1,"aMS",@progbits,1
.LH:
	.string	"red"
