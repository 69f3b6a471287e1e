/* crc32.c: the IEEE 802.3 CRC-32 (as zlib's crc32()) of the ASCII string "123456789", computed
 * bit by bit, and of a 256-byte buffer holding 0..255 computed with a 256-entry table.
 * Exercises: shifts, xor, and with masks, byte loads, a table in .bss.
 * Exit code: 0 if the check value of "123456789" is the standard 0xcbf43926, else 1. */
#include "rt.h"

static uint32_t table[256];
static uint8_t buffer[256];

static uint32_t crc32_bitwise(const uint8_t* p, size_t n) {
  uint32_t crc = 0xffffffffu;
  while (n--) {
    crc ^= *p++;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
  }
  return ~crc;
}

static uint32_t crc32_table(const uint8_t* p, size_t n) {
  uint32_t crc = 0xffffffffu;
  while (n--) crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
  return ~crc;
}

int main(void) {
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  const char* check = "123456789";
  uint32_t a = crc32_bitwise((const uint8_t*)check, strlen(check));
  uint32_t b = crc32_table((const uint8_t*)check, strlen(check));
  print_str("crc32(\"123456789\") = ");
  print_hex(a);
  print_str(" (bitwise), ");
  print_hex(b);
  print_str(" (table)\n");

  for (int i = 0; i < 256; ++i) buffer[i] = (uint8_t)i;
  print_str("crc32(0..255) = ");
  print_hex(crc32_table(buffer, sizeof buffer));
  putchar('\n');
  return a == 0xcbf43926u && b == a ? 0 : 1;
}
