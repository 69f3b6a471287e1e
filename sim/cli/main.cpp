#include <cstdio>
int main() { std::puts("pipesim " PIPESIM_VERSION); return 0; }
