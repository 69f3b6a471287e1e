# Annotations that change no loaded byte, and .nop.
  .file "annotations.c"
  .ident "GCC: (GNU) 12.2.0"
  .text
  .globl _start
  .type _start, @function
  .hidden hid
  .internal intl
  .protected prot
  .extern elsewhere
  .variant_cc _start
  .eject
  .list
  .nolist
  .psize 60, 200
  .title "t"
  .sbttl "s"
  .version "1"
  .loc_mark_labels 1
  .linkonce discard
_start:
  nop
  .nop
  ret
  .size _start, .-_start
hid: .nop
intl: .nop
prot: ret
  .data
dn: .byte 1
  .nop
  .byte 2
  .warning "warned by .warning"
  .fail 500
