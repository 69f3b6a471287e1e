# Included by inc/73_defs.s (a name relative to the including file's directory).
        .equ    MORE, 9
