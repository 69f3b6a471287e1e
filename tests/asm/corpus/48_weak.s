# .weak: a defined weak symbol is an ordinary global one; an undefined one is 0 (ld).
  .text
  .weak _start
_start:
  call helper
  ret
  .weak helper, other
helper:
  ret
  .data
  .weak wdata
wdata:
  .word helper, other, missing_weak
  .weak missing_weak
  .word missing_weak + 4
