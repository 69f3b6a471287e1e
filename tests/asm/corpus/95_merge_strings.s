# ld's string merging (SHF_MERGE|SHF_STRINGS, entry size 1) within one section aligned to 1:
# equal strings are kept once, a string that is the tail of another ("bc" of "abc", "" of any
# string) is folded into it, and every label into the section moves with its string (also
# with an addend, and a global label). The bytes after it shift down.
	.text
	.globl _start
_start:
	lui	a0, %hi(.LC0)
	addi	a0, a0, %lo(.LC0)
	lui	a1, %hi(.LC1)
	addi	a1, a1, %lo(.LC1)
	lui	a2, %hi(.LC2+2)
	addi	a2, a2, %lo(.LC2+2)
	lui	a3, %hi(.LC3)
	addi	a3, a3, %lo(.LC3)
	lui	a4, %hi(greeting+1)
	addi	a4, a4, %lo(greeting+1)
	lui	a5, %hi(.LC5)
	addi	a5, a5, %lo(.LC5)
	li	a7, 93
	ecall

	.section	.rodata.str1.1,"aMS",@progbits,1
.LC0:
	.string	"abc"
.LC1:
	.string	"bc"
.LC2:
	.string	"hello, world"
.LC3:
	.string	""
	.globl	greeting
greeting:
	.string	"hello, world"
.LC5:
	.string	"world"
	.string	"c"
	.string	"xabc"
	.string	"abc"

	.section	.rodata
	.globl	table
table:
	.word	.LC0, .LC1, .LC2, .LC3, greeting, .LC5
