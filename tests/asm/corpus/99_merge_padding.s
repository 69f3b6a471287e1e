# The end of a merged string group: ld rounds the size of its last section up to the section's
# alignment only when every section of the group had a size that was a multiple of it; a label
# at the end of a merged section follows its new end. A label inside zero padding where no ""
# was recorded (no zero of the run is aligned to the section) goes where ld's fallback puts it:
# to the last byte of the group's first kept string.
	.text
	.globl _start
_start:
	la	a0, .Lend4
	la	a1, .Lend1
	la	a2, after
	la	a3, .Lpad
	li	a7, 93
	ecall

	.section	.rodata.str1.4,"aMS",@progbits,1
	.align	2
	.string	"abcdefg"
	.align	2
	.string	"ab"
	.string	"x"
	.string	"defg"
	.byte	0
.Lpad:
	.byte	0
.Lend4:

	.section	.rodata.str1.1,"aMS",@progbits,1
	.string	"defg"
	.string	"efg"
.Lend1:

	.section	.rodata
after:
	.byte	7
