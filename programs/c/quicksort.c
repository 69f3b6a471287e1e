/* quicksort.c: sorts 32 pseudo-random numbers (a linear congruential generator, so the input is
 * reproducible) with recursive quicksort (Lomuto partition), prints them and checks the order.
 * Exercises: recursion, loads/stores through pointers, signed compares, multiply (LCG).
 * Exit code: 0 if the output is sorted, 1 if not. */
#include "rt.h"

#define N 32

static int32_t data[N];

static void swap(int32_t* a, int32_t* b) {
  int32_t t = *a;
  *a = *b;
  *b = t;
}

static void quicksort(int32_t* a, int lo, int hi) {
  if (lo >= hi) return;
  int32_t pivot = a[hi];
  int i = lo;
  for (int j = lo; j < hi; ++j)
    if (a[j] < pivot) swap(&a[i++], &a[j]);
  swap(&a[i], &a[hi]);
  quicksort(a, lo, i - 1);
  quicksort(a, i + 1, hi);
}

int main(void) {
  uint32_t x = 12345;
  for (int i = 0; i < N; ++i) {
    x = x * 1103515245u + 12345u;               /* the classic C-library LCG */
    data[i] = (int32_t)((x >> 16) % 2001) - 1000; /* in [-1000, 1000] */
  }
  quicksort(data, 0, N - 1);
  int sorted = 1;
  for (int i = 0; i < N; ++i) {
    print_int(data[i]);
    putchar(i % 8 == 7 ? '\n' : ' ');
    if (i > 0 && data[i - 1] > data[i]) sorted = 0;
  }
  print_str(sorted ? "sorted\n" : "NOT sorted\n");
  return sorted ? 0 : 1;
}
