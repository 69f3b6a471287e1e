# .file and .loc as gcc -g writes them (DWARF 5 numbering, with the options gcc uses), and the
# view symbols gas defines for `.loc … view SYM` (0 after code, else the previous view + 1),
# read back through .word. None of it may change a loaded byte.
	.file	"demo.c"
	.file 0 "/tmp/build" "demo.c"
	.file 1 "demo.c"
	.file 2 "/usr/include" "stdint.h"
	.text
	.globl _start
_start:
	.loc 1 3 5 view .LVU1
	.loc 1 3 7 view .LVU2
	addi a0, zero, 1
	.loc 1 4 5 is_stmt 0 view .LVU3
	.loc 1 4 9 is_stmt 1 prologue_end view .LVU4
	.loc 1 4 9 view .LVU5
	add a1, a0, a0
	.loc 2 7 1 discriminator 3
	mul a2, a1, a0
	.loc 1 0
	li a7, 93
	.loc 1 9 1 epilogue_begin isa 0 view -0
	ecall
	.data
views:	.word .LVU1, .LVU2, .LVU3, .LVU4, .LVU5
