/* matmul.c: multiplies two 4x4 integer matrices (A[i][j] = i + j, B[i][j] = i - 2j), prints the
 * product and its trace, and multiplies by the identity to check.
 * Exercises: mul, 2-D array indexing (address arithmetic), nested loops, word loads/stores.
 * By hand: C[i][j] = sum over k of (i + k)(k - 2j) = 14 + 6i - 12j - 8ij, so the trace is
 * sum over i of (14 - 6i - 8i^2) = 56 - 36 - 112 = -92.
 * Exit code: the trace, -92, which the shell sees as -92 & 0xff = 164. */
#include "rt.h"

#define N 4

static int32_t a[N][N], b[N][N], c[N][N], id[N][N], d[N][N];

static void matmul(int32_t r[N][N], int32_t x[N][N], int32_t y[N][N]) {
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      int32_t s = 0;
      for (int k = 0; k < N; ++k) s += x[i][k] * y[k][j];
      r[i][j] = s;
    }
}

int main(void) {
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) {
      a[i][j] = i + j;
      b[i][j] = i - 2 * j;
      id[i][j] = i == j;
    }
  matmul(c, a, b);
  int32_t trace = 0;
  for (int i = 0; i < N; ++i) {
    for (int j = 0; j < N; ++j) {
      print_int(c[i][j]);
      putchar(j == N - 1 ? '\n' : '\t');
    }
    trace += c[i][i];
  }
  matmul(d, c, id);
  int same = 1;
  for (int i = 0; i < N; ++i)
    for (int j = 0; j < N; ++j) same &= d[i][j] == c[i][j];
  print_str("trace = ");
  print_int(trace);
  print_str(same ? "\nidentity check ok\n" : "\nidentity check FAILED\n");
  return trace;
}
