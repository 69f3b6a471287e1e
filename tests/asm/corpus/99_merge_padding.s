# The end of a merged string group: ld rounds the size of its last section up to the section's
# alignment only when every section of the group had a size that was a multiple of it; a label
# at the end of a merged section follows its new end.
	.text
	.globl _start
_start:
	la	a0, .Lend4
	la	a1, .Lend1
	la	a2, after
	li	a7, 93
	ecall

	.section	.rodata.str1.4,"aMS",@progbits,1
	.align	2
	.string	"abcdefg"
	.align	2
	.string	"ab"
	.string	"x"
	.string	"defg"
	.align	2
.Lend4:

	.section	.rodata.str1.1,"aMS",@progbits,1
	.string	"defg"
	.string	"efg"
.Lend1:

	.section	.rodata
after:
	.byte	7
