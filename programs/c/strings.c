/* strings.c: hand-written string functions (length, compare, reverse in place, atoi) on a few
 * fixed strings, printing each result.
 * Exercises: byte loads and stores (lbu/sb), loops ending on a NUL byte, sign handling in atoi.
 * Exit code: the sum of the parsed numbers, 42 + 1000 - 7 - 1000 = 35. */
#include "rt.h"

static int my_strcmp(const char* a, const char* b) {
  while (*a && *a == *b) ++a, ++b;
  return (unsigned char)*a - (unsigned char)*b;
}

static void reverse(char* s) {
  size_t n = strlen(s);
  for (size_t i = 0; i + 1 < n - i; ++i) {
    char t = s[i];
    s[i] = s[n - 1 - i];
    s[n - 1 - i] = t;
  }
}

static int32_t my_atoi(const char* s) {
  while (*s == ' ') ++s;
  int neg = 0;
  if (*s == '-' || *s == '+') neg = *s++ == '-';
  int32_t v = 0;
  while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
  return neg ? -v : v;
}

static int sign(int x) { return x < 0 ? -1 : x > 0; }

int main(void) {
  char word[] = "pipeline";
  print_str("strlen(\"pipeline\") = ");
  print_int((int32_t)strlen(word));
  putchar('\n');

  reverse(word);
  print_str("reversed: ");
  print_str(word);
  putchar('\n');

  char odd[] = "RISC-V";
  reverse(odd);
  print_str("reversed: ");
  print_str(odd);
  putchar('\n');

  print_str("strcmp(apple, apricot) = ");
  print_int(sign(my_strcmp("apple", "apricot")));
  print_str("\nstrcmp(hazard, hazard) = ");
  print_int(sign(my_strcmp("hazard", "hazard")));
  print_str("\nstrcmp(stall, stage) = ");
  print_int(sign(my_strcmp("stall", "stage")));
  putchar('\n');

  const char* inputs[] = {"42", "  +1000", "-7", "-1000xyz"};
  int32_t sum = 0;
  for (int i = 0; i < 4; ++i) {
    int32_t v = my_atoi(inputs[i]);
    print_str("atoi(\"");
    print_str(inputs[i]);
    print_str("\") = ");
    print_int(v);
    putchar('\n');
    sum += v;
  }
  print_str("sum = ");
  print_int(sum);
  putchar('\n');
  return sum;
}
