# Odd spacing, tabs and operands without spaces.
_start:	addi	a0,a0,1
  add a1 ,a2 , a3
	lw a4,8(sp)
	sw	a4 , 12 ( sp )
label_with_long_name_1:   li a0,-0x10
L2:L3: nop
  .word 1,2 ,3
