# Floating-point data: IEEE single and double, and .dc.x's 80-bit extended.
  .text
  .globl _start
_start:
  ret
  .data
f:
  .float 1.5, -0.1, 1e10, 0, 3
  .single 3.25, -2.5e-3, 0f1.25
  .double 3.14159, -2.5e-300, 1e300, 0d0.5
  .dc.s 1.0
  .dc.d 2.0
  .balign 8
  .float 0.1, 0.2, 0.3, 1.17549435e-38, 3.4028234e38, 1e-45
  .double 0.1, 2.2250738585072014e-308, 4.9e-324, 1.7976931348623157e308
  .float inf, -inf
  .double inf
  .float 1.0E2, 1.e3, .5
  .dc.x 1.0, -3.5
end:
