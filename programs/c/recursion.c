/* recursion.c: two deeply recursive classics. Ackermann A(2,3) and A(3,3) (A grows fast, so only
 * tiny arguments) and the towers of Hanoi with 4 disks, printing every move.
 * Exercises: deep call chains, saving ra/s-registers on the stack, returning values.
 * Exit code: the number of Hanoi moves for 4 disks, 2^4 - 1 = 15. */
#include "rt.h"

static uint32_t ackermann(uint32_t m, uint32_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

static int moves;

static void hanoi(int n, char from, char to, char via) {
  if (n == 0) return;
  hanoi(n - 1, from, via, to);
  ++moves;
  print_str("move disk ");
  print_int(n);
  print_str(" from ");
  putchar(from);
  print_str(" to ");
  putchar(to);
  putchar('\n');
  hanoi(n - 1, via, to, from);
}

int main(void) {
  print_str("A(2,3) = ");
  print_int((int32_t)ackermann(2, 3));
  print_str("\nA(3,3) = ");
  print_int((int32_t)ackermann(3, 3));
  putchar('\n');
  hanoi(4, 'A', 'C', 'B');
  print_str("moves: ");
  print_int(moves);
  putchar('\n');
  return moves;
}
