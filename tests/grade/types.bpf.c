/* types.bpf.c: a BPF object whose BTF holds the types test_grade decodes (see types.h).
 * Built with clang -target bpf -g at make time; only its .BTF is used. */
#include "types.h"

int g_int;
long g_long;
u64 g_u64;
pid_chain g_chain;
char g_comm[16];
enum color g_color;
struct event g_event;
union word g_word;
int g_matrix[2][3];
_Bool g_bool;
signed char g_schar;
char *g_ptr;
const volatile int g_cv = 1;

/* .data and .rodata: initialized globals of different sizes, each decoded at its own offset
 * (libbpf fixes up the DATASEC offsets, which clang leaves at 0) */
int d_a = -11;
long d_b = 1234567890123;
char d_c[5] = "abcd";
unsigned short d_d = 7;
const volatile short r_e = -2;
