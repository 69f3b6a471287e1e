.rept 4
.option 1
.endr