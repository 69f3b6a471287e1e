/* sieve.c: the sieve of Eratosthenes below 1000; prints the primes below 100 and the count.
 * Exercises: nested loops, byte array in .bss, multiply for i*i, a data-dependent branch pattern.
 * Exit code: the number of primes below 1000, 168. */
#include "rt.h"

#define LIMIT 1000

static uint8_t composite[LIMIT];

int main(void) {
  for (int i = 2; i * i < LIMIT; ++i)
    if (!composite[i])
      for (int j = i * i; j < LIMIT; j += i) composite[j] = 1;
  int count = 0;
  for (int i = 2; i < LIMIT; ++i) {
    if (composite[i]) continue;
    ++count;
    if (i < 100) {
      print_int(i);
      putchar(' ');
    }
  }
  print_str("\nprimes below 1000: ");
  print_int(count);
  putchar('\n');
  return count;
}
