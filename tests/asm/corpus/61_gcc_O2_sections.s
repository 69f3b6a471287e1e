# gcc 12.2 output, unchanged: riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -ffreestanding -nostdlib -O2 -ffunction-sections -fdata-sections -S prog.c
# (prog.c is quoted in 58_gcc_O0.s).
	.file	"prog.c"
	.option nopic
	.attribute arch, "rv32i2p1_m2p0"
	.attribute unaligned_access, 0
	.attribute stack_align, 16
	.text
	.section	.text.startup.main,"ax",@progbits
	.align	2
	.globl	main
	.type	main, @function
main:
	lui	a5,%hi(table)
	addi	a5,a5,%lo(table)
	addi	a2,a5,20
	li	a4,0
.L2:
	lw	a3,0(a5)
	addi	a5,a5,4
	add	a4,a4,a3
	bne	a2,a5,.L2
	lui	a5,%hi(counter)
	lw	a3,%lo(counter)(a5)
	add	a4,a4,a3
	addi	a0,a4,111
	sw	a4,%lo(counter)(a5)
	lui	a5,%hi(total)
	sw	a0,%lo(total)(a5)
	andi	a0,a0,0xff
	ret
	.size	main, .-main
	.section	.text._start,"ax",@progbits
	.align	2
	.globl	_start
	.type	_start, @function
_start:
	addi	sp,sp,-16
	sw	ra,12(sp)
	call	main
	li	a7,93
 #APP
# 25 "prog.c" 1
	ecall
# 0 "" 2
 #NO_APP
.L6:
	j	.L6
	.size	_start, .-_start
	.section	.data.table,"aw"
	.align	2
	.type	table, @object
	.size	table, 20
table:
	.word	5
	.word	3
	.word	8
	.word	1
	.word	9
	.globl	total
	.section	.sbss.total,"aw",@nobits
	.align	2
	.type	total, @object
	.size	total, 4
total:
	.zero	4
	.section	.sbss.counter,"aw",@nobits
	.align	2
	.type	counter, @object
	.size	counter, 4
counter:
	.zero	4
	.ident	"GCC: (12.2.0-14+deb12u1+11+b2) 12.2.0"
