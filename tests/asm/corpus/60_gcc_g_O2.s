# gcc 12.2 output, unchanged: riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -ffreestanding -nostdlib -g -O2 -S prog.c
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
	.section	.text.startup,"ax",@progbits
	.align	2
	.globl	main
	.type	main, @function
main:
.LFB1:
	.file 1 "prog.c"
	.loc 1 15 16
	.cfi_startproc
	.loc 1 16 3
.LVL0:
.LBB5:
.LBB6:
	.loc 1 10 3
	.loc 1 11 3
.LBB7:
	.loc 1 11 8
	.loc 1 11 21
	lui	a5,%hi(.LANCHOR0)
	addi	a5,a5,%lo(.LANCHOR0)
	addi	a2,a5,20
.LBE7:
	.loc 1 10 7 is_stmt 0
	li	a4,0
.LVL1:
.L2:
.LBB8:
	.loc 1 11 31 is_stmt 1
	.loc 1 11 33 is_stmt 0
	lw	a3,0(a5)
	.loc 1 11 21
	addi	a5,a5,4
	.loc 1 11 33
	add	a4,a4,a3
.LVL2:
	.loc 1 11 26 is_stmt 1
	.loc 1 11 21
	bne	a2,a5,.L2
.LBE8:
	.loc 1 12 3
.LVL3:
.LBE6:
.LBE5:
	.loc 1 16 11 is_stmt 0
	lui	a5,%hi(counter)
	lw	a3,%lo(counter)(a5)
	add	a4,a4,a3
	.loc 1 18 19
	addi	a0,a4,111
	.loc 1 16 11
	sw	a4,%lo(counter)(a5)
	.loc 1 17 3 is_stmt 1
	.loc 1 18 3
	.loc 1 18 9 is_stmt 0
	lui	a5,%hi(total)
	sw	a0,%lo(total)(a5)
	.loc 1 19 3 is_stmt 1
	.loc 1 20 1 is_stmt 0
	andi	a0,a0,0xff
	ret
	.cfi_endproc
.LFE1:
	.size	main, .-main
	.text
	.align	2
	.globl	_start
	.type	_start, @function
_start:
.LFB2:
	.loc 1 22 19 is_stmt 1
	.cfi_startproc
	.loc 1 23 3
	.loc 1 22 19 is_stmt 0
	addi	sp,sp,-16
	.cfi_def_cfa_offset 16
	sw	ra,12(sp)
	.cfi_offset 1, -4
	.loc 1 23 35
	call	main
.LVL4:
	.loc 1 24 3 is_stmt 1
	.loc 1 24 16 is_stmt 0
	li	a7,93
	.loc 1 25 3 is_stmt 1
 #APP
# 25 "prog.c" 1
	ecall
# 0 "" 2
 #NO_APP
.L6:
	.loc 1 26 3 discriminator 1
	.loc 1 27 3 discriminator 1
	.loc 1 26 3 discriminator 1
	.loc 1 26 3 discriminator 1
	.loc 1 27 3 discriminator 1
	.loc 1 26 3 discriminator 1
	j	.L6
	.cfi_endproc
.LFE2:
	.size	_start, .-_start
	.globl	total
	.data
	.align	2
	.set	.LANCHOR0,. + 0
	.type	table, @object
	.size	table, 20
table:
	.word	5
	.word	3
	.word	8
	.word	1
	.word	9
	.section	.sbss,"aw",@nobits
	.align	2
	.type	total, @object
	.size	total, 4
total:
	.zero	4
	.type	counter, @object
	.size	counter, 4
counter:
	.zero	4
	.text
.Letext0:
	.section	.debug_info,"",@progbits
.Ldebug_info0:
	.4byte	0x194
	.2byte	0x5
	.byte	0x1
	.byte	0x4
	.4byte	.Ldebug_abbrev0
	.byte	0xd
	.4byte	.LASF8
	.byte	0x1d
	.4byte	.LASF0
	.4byte	.LASF1
	.4byte	.LLRL5
	.4byte	0
	.4byte	.Ldebug_line0
	.byte	0x4
	.4byte	.LASF6
	.byte	0x3
	.4byte	0x36
	.byte	0x5
	.byte	0x3
	.4byte	counter
	.byte	0xe
	.byte	0x4
	.byte	0x5
	.string	"int"
	.byte	0x1
	.4byte	0x36
	.byte	0x2
	.4byte	0x59
	.4byte	0x52
	.byte	0x3
	.4byte	0x52
	.byte	0x27
	.byte	0
	.byte	0x5
	.byte	0x4
	.byte	0x7
	.4byte	.LASF2
	.byte	0x5
	.byte	0x1
	.byte	0x8
	.4byte	.LASF3
	.byte	0x1
	.4byte	0x59
	.byte	0x6
	.4byte	.LASF4
	.byte	0x4
	.byte	0xd
	.4byte	0x42
	.byte	0xf
	.4byte	.LASF9
	.byte	0x1
	.byte	0x5
	.byte	0x5
	.4byte	0x36
	.byte	0x5
	.byte	0x3
	.4byte	total
	.byte	0x2
	.4byte	0x9c
	.4byte	0x92
	.byte	0x3
	.4byte	0x52
	.byte	0x2
	.byte	0
	.byte	0x1
	.4byte	0x82
	.byte	0x7
	.4byte	0x60
	.byte	0x1
	.4byte	0x97
	.byte	0x6
	.4byte	.LASF5
	.byte	0x6
	.byte	0x1a
	.4byte	0x92
	.byte	0x2
	.4byte	0x36
	.4byte	0xbc
	.byte	0x3
	.4byte	0x52
	.byte	0x4
	.byte	0
	.byte	0x4
	.4byte	.LASF7
	.byte	0x7
	.4byte	0xac
	.byte	0x5
	.byte	0x3
	.4byte	table
	.byte	0x10
	.4byte	.LASF10
	.byte	0x1
	.byte	0x16
	.byte	0x6
	.4byte	.LFB2
	.4byte	.LFE2-.LFB2
	.byte	0x1
	.byte	0x9c
	.4byte	0x102
	.byte	0x8
	.string	"a0"
	.byte	0x17
	.4byte	0x36
	.byte	0x1
	.byte	0x5a
	.byte	0x8
	.string	"a7"
	.byte	0x18
	.4byte	0x36
	.byte	0x1
	.byte	0x61
	.byte	0x11
	.4byte	.LVL4
	.4byte	0x102
	.byte	0
	.byte	0x12
	.4byte	.LASF11
	.byte	0x1
	.byte	0xf
	.byte	0x5
	.4byte	0x36
	.4byte	.LFB1
	.4byte	.LFE1-.LFB1
	.byte	0x1
	.byte	0x9c
	.4byte	0x15c
	.byte	0x13
	.4byte	0x15c
	.4byte	.LBB5
	.4byte	.LBE5-.LBB5
	.byte	0x1
	.byte	0x10
	.byte	0xe
	.byte	0x9
	.4byte	0x175
	.4byte	.LLST0
	.byte	0x9
	.4byte	0x16d
	.4byte	.LLST1
	.byte	0xa
	.4byte	0x17d
	.4byte	.LLST2
	.byte	0x14
	.4byte	0x186
	.4byte	.LLRL3
	.byte	0xa
	.4byte	0x187
	.4byte	.LLST4
	.byte	0
	.byte	0
	.byte	0
	.byte	0x15
	.string	"sum"
	.byte	0x1
	.byte	0x9
	.byte	0xc
	.4byte	0x36
	.byte	0x1
	.4byte	0x192
	.byte	0xb
	.string	"v"
	.byte	0x1b
	.4byte	0x192
	.byte	0xb
	.string	"n"
	.byte	0x22
	.4byte	0x36
	.byte	0xc
	.string	"s"
	.byte	0xa
	.byte	0x7
	.4byte	0x36
	.byte	0x16
	.byte	0xc
	.string	"i"
	.byte	0xb
	.byte	0xc
	.4byte	0x36
	.byte	0
	.byte	0
	.byte	0x7
	.4byte	0x3d
	.byte	0
	.section	.debug_abbrev,"",@progbits
.Ldebug_abbrev0:
	.byte	0x1
	.byte	0x26
	.byte	0
	.byte	0x49
	.byte	0x13
	.byte	0
	.byte	0
	.byte	0x2
	.byte	0x1
	.byte	0x1
	.byte	0x49
	.byte	0x13
	.byte	0x1
	.byte	0x13
	.byte	0
	.byte	0
	.byte	0x3
	.byte	0x21
	.byte	0
	.byte	0x49
	.byte	0x13
	.byte	0x2f
	.byte	0xb
	.byte	0
	.byte	0
	.byte	0x4
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
	.byte	0x21
	.byte	0xc
	.byte	0x49
	.byte	0x13
	.byte	0x2
	.byte	0x18
	.byte	0
	.byte	0
	.byte	0x5
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
	.byte	0x6
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
	.byte	0x21
	.byte	0x10
	.byte	0x49
	.byte	0x13
	.byte	0x2
	.byte	0x18
	.byte	0
	.byte	0
	.byte	0x9
	.byte	0x5
	.byte	0
	.byte	0x31
	.byte	0x13
	.byte	0x2
	.byte	0x17
	.byte	0
	.byte	0
	.byte	0xa
	.byte	0x34
	.byte	0
	.byte	0x31
	.byte	0x13
	.byte	0x2
	.byte	0x17
	.byte	0
	.byte	0
	.byte	0xb
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
	.byte	0
	.byte	0
	.byte	0xc
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
	.byte	0
	.byte	0
	.byte	0xd
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
	.byte	0x55
	.byte	0x17
	.byte	0x11
	.byte	0x1
	.byte	0x10
	.byte	0x17
	.byte	0
	.byte	0
	.byte	0xe
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
	.byte	0xf
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
	.byte	0x10
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
	.byte	0x7a
	.byte	0x19
	.byte	0x1
	.byte	0x13
	.byte	0
	.byte	0
	.byte	0x11
	.byte	0x48
	.byte	0
	.byte	0x7d
	.byte	0x1
	.byte	0x7f
	.byte	0x13
	.byte	0
	.byte	0
	.byte	0x12
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
	.byte	0x13
	.byte	0x1d
	.byte	0x1
	.byte	0x31
	.byte	0x13
	.byte	0x11
	.byte	0x1
	.byte	0x12
	.byte	0x6
	.byte	0x58
	.byte	0xb
	.byte	0x59
	.byte	0xb
	.byte	0x57
	.byte	0xb
	.byte	0
	.byte	0
	.byte	0x14
	.byte	0xb
	.byte	0x1
	.byte	0x31
	.byte	0x13
	.byte	0x55
	.byte	0x17
	.byte	0
	.byte	0
	.byte	0x15
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
	.byte	0x20
	.byte	0xb
	.byte	0x1
	.byte	0x13
	.byte	0
	.byte	0
	.byte	0x16
	.byte	0xb
	.byte	0x1
	.byte	0
	.byte	0
	.byte	0
	.section	.debug_loclists,"",@progbits
	.4byte	.Ldebug_loc3-.Ldebug_loc2
.Ldebug_loc2:
	.2byte	0x5
	.byte	0x4
	.byte	0
	.4byte	0
.Ldebug_loc0:
.LLST0:
	.byte	0x7
	.4byte	.LVL0
	.4byte	.LVL3
	.byte	0x2
	.byte	0x35
	.byte	0x9f
	.byte	0
.LLST1:
	.byte	0x7
	.4byte	.LVL0
	.4byte	.LVL3
	.byte	0x6
	.byte	0x3
	.4byte	table
	.byte	0x9f
	.byte	0
.LLST2:
	.byte	0x7
	.4byte	.LVL0
	.4byte	.LVL1
	.byte	0x2
	.byte	0x30
	.byte	0x9f
	.byte	0x7
	.4byte	.LVL1
	.4byte	.LVL3
	.byte	0x1
	.byte	0x5e
	.byte	0
.LLST4:
	.byte	0x7
	.4byte	.LVL0
	.4byte	.LVL1
	.byte	0x2
	.byte	0x30
	.byte	0x9f
	.byte	0
.Ldebug_loc3:
	.section	.debug_aranges,"",@progbits
	.4byte	0x24
	.2byte	0x2
	.4byte	.Ldebug_info0
	.byte	0x4
	.byte	0
	.2byte	0
	.2byte	0
	.4byte	.Ltext0
	.4byte	.Letext0-.Ltext0
	.4byte	.LFB1
	.4byte	.LFE1-.LFB1
	.4byte	0
	.4byte	0
	.section	.debug_rnglists,"",@progbits
.Ldebug_ranges0:
	.4byte	.Ldebug_ranges3-.Ldebug_ranges2
.Ldebug_ranges2:
	.2byte	0x5
	.byte	0x4
	.byte	0
	.4byte	0
.LLRL3:
	.byte	0x6
	.4byte	.LBB7
	.4byte	.LBE7
	.byte	0x6
	.4byte	.LBB8
	.4byte	.LBE8
	.byte	0
.LLRL5:
	.byte	0x6
	.4byte	.Ltext0
	.4byte	.Letext0
	.byte	0x6
	.4byte	.LFB1
	.4byte	.LFE1
	.byte	0
.Ldebug_ranges3:
	.section	.debug_line,"",@progbits
.Ldebug_line0:
	.section	.debug_str,"MS",@progbits,1
.LASF2:
	.string	"unsigned int"
.LASF4:
	.string	"buffer"
.LASF9:
	.string	"total"
.LASF8:
	.string	"GNU C17 12.2.0 -mabi=ilp32 -misa-spec=20191213 -march=rv32im -g -O2 -ffreestanding"
.LASF6:
	.string	"counter"
.LASF7:
	.string	"table"
.LASF11:
	.string	"main"
.LASF5:
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
