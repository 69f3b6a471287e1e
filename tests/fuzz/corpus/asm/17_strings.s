# .ascii, .asciz, .string with escapes.
_start: ebreak
    .data
s1: .ascii "plain"
s2: .asciz "nul-terminated"
s3: .string "tab\tnewline\nquote\"backslash\\"
s4: .ascii "octal\101\60\7 hex\x41\x7a"
s5: .ascii "a", "b", "c"
s6: .string "x", "y"
s7: .asciz ""
s8: .ascii "semi;colon#hash"
