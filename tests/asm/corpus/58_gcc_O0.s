# gcc 12.2 output, unchanged: riscv64-unknown-elf-gcc -march=rv32im -mabi=ilp32 -ffreestanding -nostdlib -O0 -S prog.c
# prog.c:
#   /* A small self-contained program for the corpus: statics (zero-initialised ones become
#      .local + .comm at -O0), globals, a string table and a loop. */
#   static int counter;
#   static char buffer[40];
#   int total;
#   static const char *const names[] = {"", "one", "two"};
#   static int table[5] = {5, 3, 8, 1, 9};
#   
#   static int sum(const int *v, int n) {
#     int s = 0;
#     for (int i = 0; i < n; ++i) s += v[i];
#     return s;
#   }
#   
#   int main(void) {
#     counter += sum(table, 5);
#     buffer[3] = names[1][0];
#     total = counter + buffer[3];
#     return total & 0xff;
#   }
#   
#   void _start(void) {
#     register int a0 __asm__("a0") = main();
#     register int a7 __asm__("a7") = 93;
#     __asm__ volatile("ecall" : : "r"(a0), "r"(a7));
#     for (;;) {
#     }
#   }
	.file	"prog.c"
	.option nopic
	.attribute arch, "rv32i2p1_m2p0"
	.attribute unaligned_access, 0
	.attribute stack_align, 16
	.text
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
	addi	sp,sp,-48
	sw	s0,44(sp)
	addi	s0,sp,48
	sw	a0,-36(s0)
	sw	a1,-40(s0)
	sw	zero,-20(s0)
	sw	zero,-24(s0)
	j	.L2
.L3:
	lw	a5,-24(s0)
	slli	a5,a5,2
	lw	a4,-36(s0)
	add	a5,a4,a5
	lw	a5,0(a5)
	lw	a4,-20(s0)
	add	a5,a4,a5
	sw	a5,-20(s0)
	lw	a5,-24(s0)
	addi	a5,a5,1
	sw	a5,-24(s0)
.L2:
	lw	a4,-24(s0)
	lw	a5,-40(s0)
	blt	a4,a5,.L3
	lw	a5,-20(s0)
	mv	a0,a5
	lw	s0,44(sp)
	addi	sp,sp,48
	jr	ra
	.size	sum, .-sum
	.align	2
	.globl	main
	.type	main, @function
main:
	addi	sp,sp,-16
	sw	ra,12(sp)
	sw	s0,8(sp)
	addi	s0,sp,16
	li	a1,5
	lui	a5,%hi(table)
	addi	a0,a5,%lo(table)
	call	sum
	mv	a4,a0
	lui	a5,%hi(counter)
	lw	a5,%lo(counter)(a5)
	add	a4,a4,a5
	lui	a5,%hi(counter)
	sw	a4,%lo(counter)(a5)
	lui	a5,%hi(.LC1)
	addi	a5,a5,%lo(.LC1)
	lbu	a4,0(a5)
	lui	a5,%hi(buffer)
	addi	a5,a5,%lo(buffer)
	sb	a4,3(a5)
	lui	a5,%hi(buffer)
	addi	a5,a5,%lo(buffer)
	lbu	a5,3(a5)
	mv	a4,a5
	lui	a5,%hi(counter)
	lw	a5,%lo(counter)(a5)
	add	a4,a4,a5
	lui	a5,%hi(total)
	sw	a4,%lo(total)(a5)
	lui	a5,%hi(total)
	lw	a5,%lo(total)(a5)
	andi	a5,a5,255
	mv	a0,a5
	lw	ra,12(sp)
	lw	s0,8(sp)
	addi	sp,sp,16
	jr	ra
	.size	main, .-main
	.align	2
	.globl	_start
	.type	_start, @function
_start:
	addi	sp,sp,-16
	sw	ra,12(sp)
	sw	s0,8(sp)
	addi	s0,sp,16
	call	main
	mv	a5,a0
	mv	a0,a5
	li	a7,93
 #APP
# 25 "prog.c" 1
	ecall
# 0 "" 2
 #NO_APP
.L8:
	j	.L8
	.size	_start, .-_start
	.ident	"GCC: (12.2.0-14+deb12u1+11+b2) 12.2.0"
