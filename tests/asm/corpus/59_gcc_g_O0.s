# gcc 12.2 output, unchanged: riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -ffreestanding -nostdlib -g -O0 -S prog.c
# (prog.c is quoted in 58_gcc_O0.s).
	.file	"prog.c"
	.option nopic
	.attribute arch, "rv32i2p1_m2p0"
	.attribute unaligned_access, 0
	.attribute stack_align, 16
	.text
.Ltext0:
	.cfi_sections	.debug_frame
	.file 0 "/tmp/dx" "prog.c"
	.local	counter
	.comm	counter,4,4
	.local	buffer
	.comm	buffer,40,4
	.globl	total
	.section	.sbss,"aw",@nobits
	.align	2
	.type	total, @object
	.size	total, 4
total:
	.zero	4
	.section	.rodata
	.align	2
.LC0:
	.string	""
	.align	2
.LC1:
	.string	"one"
	.align	2
.LC2:
	.string	"two"
	.align	2
	.type	names, @object
	.size	names, 12
names:
	.word	.LC0
	.word	.LC1
	.word	.LC2
	.data
	.align	2
	.type	table, @object
	.size	table, 20
table:
	.word	5
	.word	3
	.word	8
	.word	1
	.word	9
	.text
	.align	2
	.type	sum, @function
sum:
.LFB0:
	.file 1 "prog.c"
	.loc 1 9 37
	.cfi_startproc
	addi	sp,sp,-48
	.cfi_def_cfa_offset 48
	sw	s0,44(sp)
	.cfi_offset 8, -4
	addi	s0,sp,48
	.cfi_def_cfa 8, 0
	sw	a0,-36(s0)
	sw	a1,-40(s0)
	.loc 1 10 7
	sw	zero,-20(s0)
.LBB2:
	.loc 1 11 12
	sw	zero,-24(s0)
	.loc 1 11 3
	j	.L2
.L3:
	.loc 1 11 37 discriminator 3
	lw	a5,-24(s0)
	slli	a5,a5,2
	lw	a4,-36(s0)
	add	a5,a4,a5
	lw	a5,0(a5)
	.loc 1 11 33 discriminator 3
	lw	a4,-20(s0)
	add	a5,a4,a5
	sw	a5,-20(s0)
	.loc 1 11 26 discriminator 3
	lw	a5,-24(s0)
	addi	a5,a5,1
	sw	a5,-24(s0)
.L2:
	.loc 1 11 21 discriminator 1
	lw	a4,-24(s0)
	lw	a5,-40(s0)
	blt	a4,a5,.L3
.LBE2:
	.loc 1 12 10
	lw	a5,-20(s0)
	.loc 1 13 1
	mv	a0,a5
	lw	s0,44(sp)
	.cfi_restore 8
	.cfi_def_cfa 2, 48
	addi	sp,sp,48
	.cfi_def_cfa_offset 0
	jr	ra
	.cfi_endproc
.LFE0:
	.size	sum, .-sum
	.align	2
	.globl	main
	.type	main, @function
main:
.LFB1:
	.loc 1 15 16
	.cfi_startproc
	addi	sp,sp,-16
	.cfi_def_cfa_offset 16
	sw	ra,12(sp)
	sw	s0,8(sp)
	.cfi_offset 1, -4
	.cfi_offset 8, -8
	addi	s0,sp,16
	.cfi_def_cfa 8, 0
	.loc 1 16 14
	li	a1,5
	lui	a5,%hi(table)
	addi	a0,a5,%lo(table)
	call	sum
	mv	a4,a0
	.loc 1 16 11
	lui	a5,%hi(counter)
	lw	a5,%lo(counter)(a5)
	add	a4,a4,a5
	lui	a5,%hi(counter)
	sw	a4,%lo(counter)(a5)
	.loc 1 17 20
	lui	a5,%hi(.LC1)
	addi	a5,a5,%lo(.LC1)
	.loc 1 17 23
	lbu	a4,0(a5)
	.loc 1 17 13
	lui	a5,%hi(buffer)
	addi	a5,a5,%lo(buffer)
	sb	a4,3(a5)
	.loc 1 18 27
	lui	a5,%hi(buffer)
	addi	a5,a5,%lo(buffer)
	lbu	a5,3(a5)
	mv	a4,a5
	.loc 1 18 19
	lui	a5,%hi(counter)
	lw	a5,%lo(counter)(a5)
	add	a4,a4,a5
	.loc 1 18 9
	lui	a5,%hi(total)
	sw	a4,%lo(total)(a5)
	.loc 1 19 16
	lui	a5,%hi(total)
	lw	a5,%lo(total)(a5)
	andi	a5,a5,255
	.loc 1 20 1
	mv	a0,a5
	lw	ra,12(sp)
	.cfi_restore 1
	lw	s0,8(sp)
	.cfi_restore 8
	.cfi_def_cfa 2, 16
	addi	sp,sp,16
	.cfi_def_cfa_offset 0
	jr	ra
	.cfi_endproc
.LFE1:
	.size	main, .-main
	.align	2
	.globl	_start
	.type	_start, @function
_start:
.LFB2:
	.loc 1 22 19
	.cfi_startproc
	addi	sp,sp,-16
	.cfi_def_cfa_offset 16
	sw	ra,12(sp)
	sw	s0,8(sp)
	.cfi_offset 1, -4
	.cfi_offset 8, -8
	addi	s0,sp,16
	.cfi_def_cfa 8, 0
	.loc 1 23 35
	call	main
	mv	a5,a0
	.loc 1 23 16
	mv	a0,a5
	.loc 1 24 16
	li	a7,93
	.loc 1 25 3
 #APP
# 25 "prog.c" 1
	ecall
# 0 "" 2
 #NO_APP
.L8:
	.loc 1 26 3 discriminator 1
	j	.L8
	.cfi_endproc
.LFE2:
	.size	_start, .-_start
.Letext0:
	.section	.debug_info,"",@progbits
.Ldebug_info0:
	.4byte	0x174
	.2byte	0x5
	.byte	0x1
	.byte	0x4
	.4byte	.Ldebug_abbrev0
	.byte	0x9
	.4byte	.LASF8
	.byte	0x1d
	.4byte	.LASF0
	.4byte	.LASF1
	.4byte	.Ltext0
	.4byte	.Letext0-.Ltext0
	.4byte	.Ldebug_line0
	.byte	0x1
	.4byte	.LASF4
	.byte	0x3
	.byte	0xc
	.4byte	0x37
	.byte	0x5
	.byte	0x3
	.4byte	counter
	.byte	0xa
	.byte	0x4
	.byte	0x5
	.string	"int"
	.byte	0x2
	.4byte	0x37
	.byte	0x4
	.4byte	0x5a
	.4byte	0x53
	.byte	0x5
	.4byte	0x53
	.byte	0x27
	.byte	0
	.byte	0x6
	.byte	0x4
	.byte	0x7
	.4byte	.LASF2
	.byte	0x6
	.byte	0x1
	.byte	0x8
	.4byte	.LASF3
	.byte	0x2
	.4byte	0x5a
	.byte	0x1
	.4byte	.LASF5
	.byte	0x4
	.byte	0xd
	.4byte	0x43
	.byte	0x5
	.byte	0x3
	.4byte	buffer
	.byte	0xb
	.4byte	.LASF9
	.byte	0x1
	.byte	0x5
	.byte	0x5
	.4byte	0x37
	.byte	0x5
	.byte	0x3
	.4byte	total
	.byte	0x4
	.4byte	0xa3
	.4byte	0x99
	.byte	0x5
	.4byte	0x53
	.byte	0x2
	.byte	0
	.byte	0x2
	.4byte	0x89
	.byte	0x7
	.4byte	0x61
	.byte	0x2
	.4byte	0x9e
	.byte	0x1
	.4byte	.LASF6
	.byte	0x6
	.byte	0x1a
	.4byte	0x99
	.byte	0x5
	.byte	0x3
	.4byte	names
	.byte	0x4
	.4byte	0x37
	.4byte	0xc9
	.byte	0x5
	.4byte	0x53
	.byte	0x4
	.byte	0
	.byte	0x1
	.4byte	.LASF7
	.byte	0x7
	.byte	0xc
	.4byte	0xb9
	.byte	0x5
	.byte	0x3
	.4byte	table
	.byte	0xc
	.4byte	.LASF10
	.byte	0x1
	.byte	0x16
	.byte	0x6
	.4byte	.LFB2
	.4byte	.LFE2-.LFB2
	.byte	0x1
	.byte	0x9c
	.4byte	0x109
	.byte	0x3
	.string	"a0"
	.byte	0x17
	.byte	0x10
	.4byte	0x37
	.byte	0x1
	.byte	0x5a
	.byte	0x3
	.string	"a7"
	.byte	0x18
	.byte	0x10
	.4byte	0x37
	.byte	0x1
	.byte	0x61
	.byte	0
	.byte	0xd
	.4byte	.LASF11
	.byte	0x1
	.byte	0xf
	.byte	0x5
	.4byte	0x37
	.4byte	.LFB1
	.4byte	.LFE1-.LFB1
	.byte	0x1
	.byte	0x9c
	.byte	0xe
	.string	"sum"
	.byte	0x1
	.byte	0x9
	.byte	0xc
	.4byte	0x37
	.4byte	.LFB0
	.4byte	.LFE0-.LFB0
	.byte	0x1
	.byte	0x9c
	.4byte	0x172
	.byte	0x8
	.string	"v"
	.byte	0x1b
	.4byte	0x172
	.byte	0x2
	.byte	0x91
	.byte	0x5c
	.byte	0x8
	.string	"n"
	.byte	0x22
	.4byte	0x37
	.byte	0x2
	.byte	0x91
	.byte	0x58
	.byte	0x3
	.string	"s"
	.byte	0xa
	.byte	0x7
	.4byte	0x37
	.byte	0x2
	.byte	0x91
	.byte	0x6c
	.byte	0xf
	.4byte	.LBB2
	.4byte	.LBE2-.LBB2
	.byte	0x3
	.string	"i"
	.byte	0xb
	.byte	0xc
	.4byte	0x37
	.byte	0x2
	.byte	0x91
	.byte	0x68
	.byte	0
	.byte	0
	.byte	0x7
	.4byte	0x3e
	.byte	0
	.section	.debug_abbrev,"",@progbits
.Ldebug_abbrev0:
	.byte	0x1
	.byte	0x34
	.byte	0
	.byte	0x3
	.byte	0xe
	.byte	0x3a
	.byte	0x21
	.byte	0x1
	.byte	0x3b
	.byte	0xb
	.byte	0x39
	.byte	0xb
	.byte	0x49
	.byte	0x13
	.byte	0x2
	.byte	0x18
	.byte	0
	.byte	0
	.byte	0x2
	.byte	0x26
	.byte	0
	.byte	0x49
	.byte	0x13
	.byte	0
	.byte	0
	.byte	0x3
	.byte	0x34
	.byte	0
	.byte	0x3
	.byte	0x8
	.byte	0x3a
	.byte	0x21
	.byte	0x1
	.byte	0x3b
	.byte	0xb
	.byte	0x39
	.byte	0xb
	.byte	0x49
	.byte	0x13
	.byte	0x2
	.byte	0x18
	.byte	0
	.byte	0
	.byte	0x4
	.byte	0x1
	.byte	0x1
	.byte	0x49
	.byte	0x13
	.byte	0x1
	.byte	0x13
	.byte	0
	.byte	0
	.byte	0x5
	.byte	0x21
	.byte	0
	.byte	0x49
	.byte	0x13
	.byte	0x2f
	.byte	0xb
	.byte	0
	.byte	0
	.byte	0x6
	.byte	0x24
	.byte	0
	.byte	0xb
	.byte	0xb
	.byte	0x3e
	.byte	0xb
	.byte	0x3
	.byte	0xe
	.byte	0
	.byte	0
	.byte	0x7
	.byte	0xf
	.byte	0
	.byte	0xb
	.byte	0x21
	.byte	0x4
	.byte	0x49
	.byte	0x13
	.byte	0
	.byte	0
	.byte	0x8
	.byte	0x5
	.byte	0
	.byte	0x3
	.byte	0x8
	.byte	0x3a
	.byte	0x21
	.byte	0x1
	.byte	0x3b
	.byte	0x21
	.byte	0x9
	.byte	0x39
	.byte	0xb
	.byte	0x49
	.byte	0x13
	.byte	0x2
	.byte	0x18
	.byte	0
	.byte	0
	.byte	0x9
	.byte	0x11
	.byte	0x1
	.byte	0x25
	.byte	0xe
	.byte	0x13
	.byte	0xb
	.byte	0x3
	.byte	0x1f
	.byte	0x1b
	.byte	0x1f
	.byte	0x11
	.byte	0x1
	.byte	0x12
	.byte	0x6
	.byte	0x10
	.byte	0x17
	.byte	0
	.byte	0
	.byte	0xa
	.byte	0x24
	.byte	0
	.byte	0xb
	.byte	0xb
	.byte	0x3e
	.byte	0xb
	.byte	0x3
	.byte	0x8
	.byte	0
	.byte	0
	.byte	0xb
	.byte	0x34
	.byte	0
	.byte	0x3
	.byte	0xe
	.byte	0x3a
	.byte	0xb
	.byte	0x3b
	.byte	0xb
	.byte	0x39
	.byte	0xb
	.byte	0x49
	.byte	0x13
	.byte	0x3f
	.byte	0x19
	.byte	0x2
	.byte	0x18
	.byte	0
	.byte	0
	.byte	0xc
	.byte	0x2e
	.byte	0x1
	.byte	0x3f
	.byte	0x19
	.byte	0x3
	.byte	0xe
	.byte	0x3a
	.byte	0xb
	.byte	0x3b
	.byte	0xb
	.byte	0x39
	.byte	0xb
	.byte	0x27
	.byte	0x19
	.byte	0x11
	.byte	0x1
	.byte	0x12
	.byte	0x6
	.byte	0x40
	.byte	0x18
	.byte	0x7c
	.byte	0x19
	.byte	0x1
	.byte	0x13
	.byte	0
	.byte	0
	.byte	0xd
	.byte	0x2e
	.byte	0
	.byte	0x3f
	.byte	0x19
	.byte	0x3
	.byte	0xe
	.byte	0x3a
	.byte	0xb
	.byte	0x3b
	.byte	0xb
	.byte	0x39
	.byte	0xb
	.byte	0x27
	.byte	0x19
	.byte	0x49
	.byte	0x13
	.byte	0x11
	.byte	0x1
	.byte	0x12
	.byte	0x6
	.byte	0x40
	.byte	0x18
	.byte	0x7c
	.byte	0x19
	.byte	0
	.byte	0
	.byte	0xe
	.byte	0x2e
	.byte	0x1
	.byte	0x3
	.byte	0x8
	.byte	0x3a
	.byte	0xb
	.byte	0x3b
	.byte	0xb
	.byte	0x39
	.byte	0xb
	.byte	0x27
	.byte	0x19
	.byte	0x49
	.byte	0x13
	.byte	0x11
	.byte	0x1
	.byte	0x12
	.byte	0x6
	.byte	0x40
	.byte	0x18
	.byte	0x7a
	.byte	0x19
	.byte	0x1
	.byte	0x13
	.byte	0
	.byte	0
	.byte	0xf
	.byte	0xb
	.byte	0x1
	.byte	0x11
	.byte	0x1
	.byte	0x12
	.byte	0x6
	.byte	0
	.byte	0
	.byte	0
	.section	.debug_aranges,"",@progbits
	.4byte	0x1c
	.2byte	0x2
	.4byte	.Ldebug_info0
	.byte	0x4
	.byte	0
	.2byte	0
	.2byte	0
	.4byte	.Ltext0
	.4byte	.Letext0-.Ltext0
	.4byte	0
	.4byte	0
	.section	.debug_line,"",@progbits
.Ldebug_line0:
	.section	.debug_str,"MS",@progbits,1
.LASF2:
	.string	"unsigned int"
.LASF5:
	.string	"buffer"
.LASF9:
	.string	"total"
.LASF4:
	.string	"counter"
.LASF8:
	.string	"GNU C17 12.2.0 -mabi=ilp32 -misa-spec=20191213 -march=rv32im -g -O0 -ffreestanding"
.LASF7:
	.string	"table"
.LASF11:
	.string	"main"
.LASF6:
	.string	"names"
.LASF10:
	.string	"_start"
.LASF3:
	.string	"char"
	.section	.debug_line_str,"MS",@progbits,1
.LASF1:
	.string	"/tmp/dx"
.LASF0:
	.string	"prog.c"
	.ident	"GCC: (12.2.0-14+deb12u1+11+b2) 12.2.0"
