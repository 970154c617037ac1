/* prelude.h: forced ahead of every check, so TCC (an x86-64 C compiler) reads what clang
 * -target bpf reads in bpf_helpers.h, bpf_tracing.h, bpf_core_read.h and dojo.h.  The CO-RE and
 * BTF builtins only need to type-check their operands here: each becomes a plain expression of
 * the type clang gives it.  Pragmas are clang's business (diagnostic push/pop, attribute push). */
#undef __x86_64__
#undef __x86_64
#undef __amd64__
#undef __amd64
#define __bpf__ 1
#define __BPF__ 1
#define __BPF_CPU_VERSION__ 3
#define __clang__ 1
#define __clang_major__ 19
#define __clang_minor__ 1
#define __has_builtin(x) 1
#define __has_attribute(x) 1
#define _Pragma(x)

#define __builtin_preserve_access_index(x) (x)
#define __builtin_preserve_field_info(f, kind) ((unsigned int)((void)(f), (kind)))
#define __builtin_preserve_type_info(t, kind) ((unsigned int)((void)sizeof(&(t)), (kind)))
#define __builtin_preserve_enum_value(v, kind) ((long)((void)sizeof(&(v)), (kind)))
#define __builtin_btf_type_id(x, flag) ((unsigned int)((void)sizeof(x), (flag)))

void *__dojo_builtin_memcpy(void *, const void *, unsigned long);
void *__dojo_builtin_memset(void *, int, unsigned long);
void *__dojo_builtin_memmove(void *, const void *, unsigned long);
int __dojo_builtin_memcmp(const void *, const void *, unsigned long);
#define __builtin_memcpy __dojo_builtin_memcpy
#define __builtin_memset __dojo_builtin_memset
#define __builtin_memmove __dojo_builtin_memmove
#define __builtin_memcmp __dojo_builtin_memcmp

/* the atomics, byte swaps and trap clang knows without a declaration */
#define __sync_fetch_and_add(p, v) ((__typeof__(*(p)))((void)(p), (v)))
#define __sync_fetch_and_sub(p, v) ((__typeof__(*(p)))((void)(p), (v)))
#define __sync_fetch_and_or(p, v) ((__typeof__(*(p)))((void)(p), (v)))
#define __sync_fetch_and_and(p, v) ((__typeof__(*(p)))((void)(p), (v)))
#define __sync_fetch_and_xor(p, v) ((__typeof__(*(p)))((void)(p), (v)))
#define __sync_add_and_fetch(p, v) ((__typeof__(*(p)))((void)(p), (v)))
#define __sync_sub_and_fetch(p, v) ((__typeof__(*(p)))((void)(p), (v)))
#define __sync_lock_test_and_set(p, v) ((__typeof__(*(p)))((void)(p), (v)))
#define __sync_val_compare_and_swap(p, o, n) ((__typeof__(*(p)))((void)(p), (void)(o), (n)))
#define __sync_bool_compare_and_swap(p, o, n) ((_Bool)((void)(p), (void)(o), (n)))
void __builtin_trap(void);
unsigned short __builtin_bswap16(unsigned short);
unsigned int __builtin_bswap32(unsigned int);
unsigned long long __builtin_bswap64(unsigned long long);
