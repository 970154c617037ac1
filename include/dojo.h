/* dojo.h: the one header bpfdojo adds to the usual libbpf set.
 *
 * A program reports its answer with one SUBMIT_* and may show values with DEBUG_*:
 *
 *     SUBMIT_NUM(value)              an integer
 *     SUBMIT_STR(char_array)         a string held in a char array (e.g. a comm[16])
 *     SUBMIT_STR_LEN(ptr, len)       len bytes (at most 256) of a string at ptr
 *     DEBUG_NUM("label", value)      show an integer
 *     DEBUG_STR("label", char_array) show a string
 *     DEBUG_STRUCT("label", ptr)     show *ptr (a struct, array, anything up to 256 bytes)
 *
 * Each writes one record (dojo_record.h) to the ring buffer `dojo_events`, tagged with the
 * value's BTF type id so bpfdojo prints it with its real type.  Values are copied with
 * bpf_probe_read_kernel() where they may not be on the stack, so a pointer into a kernel
 * struct or a map value works too.  Include it after vmlinux.h and <bpf/bpf_helpers.h>.
 *
 * A program may also submit without SUBMIT_*: in an exercise, every sample it sends with
 * bpf_perf_event_output() on a BPF_MAP_TYPE_PERF_EVENT_ARRAY of its own is one submission,
 * its bytes up to the first NUL for a string answer, a little-endian integer for a number. */
#ifndef __DOJO_H__
#define __DOJO_H__

#include "dojo_record.h"

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, DOJO_RINGBUF_BYTES);
} dojo_events SEC(".maps");

/* records that found the ring buffer full; the agent reports them */
__u64 dojo_dropped SEC(".bss");

static __always_inline struct dojo_rec *__dojo_reserve(__u8 kind, __u8 vkind)
{
	struct dojo_rec *r = bpf_ringbuf_reserve(&dojo_events, sizeof(*r), 0);

	if (!r) {
		__sync_fetch_and_add(&dojo_dropped, 1);
		return 0;
	}
	r->hdr.kind = kind;
	r->hdr.vkind = vkind;
	r->hdr.value_len = 0;
	r->hdr.type_id = 0;
	r->hdr.label[0] = 0;
	return r;
}

#define __dojo_label(r, lbl) do {						\
	_Static_assert(sizeof(lbl) <= DOJO_LABEL_MAX,				\
		       "a DEBUG label is at most 31 characters");		\
	__builtin_memcpy((r)->hdr.label, lbl, sizeof(lbl));			\
} while (0)

#define __dojo_assert_array(a, what)						\
	_Static_assert(!__builtin_types_compatible_p(__typeof__(a),		\
						     __typeof__(&(a)[0])),	\
		       what " takes a char array; for a pointer use "		\
		       "SUBMIT_STR_LEN(ptr, len) or bpf_probe_read_kernel_str() into an array first")

#define __dojo_num(kind, lbl, v) do {						\
	__typeof__(v) __dojo_v = (v);						\
	_Static_assert(sizeof(__dojo_v) <= 8, "a NUM value is an integer of at most 8 bytes"); \
	struct dojo_rec *__dojo_r = __dojo_reserve(kind, DOJO_VAL_NUM);	\
	if (__dojo_r) {								\
		__dojo_label(__dojo_r, lbl);					\
		__dojo_r->hdr.type_id = __builtin_btf_type_id(__dojo_v, 0);	\
		__dojo_r->hdr.value_len = sizeof(__dojo_v);			\
		__builtin_memcpy(__dojo_r->value, &__dojo_v, sizeof(__dojo_v));	\
		bpf_ringbuf_submit(__dojo_r, 0);				\
	}									\
} while (0)

#define __dojo_str(kind, lbl, s) do {						\
	__dojo_assert_array(s, "SUBMIT_STR/DEBUG_STR");				\
	_Static_assert(sizeof(s) <= DOJO_VALUE_MAX, "a string value is at most 256 bytes"); \
	struct dojo_rec *__dojo_r = __dojo_reserve(kind, DOJO_VAL_STR);	\
	if (__dojo_r) {								\
		__dojo_label(__dojo_r, lbl);					\
		__dojo_r->hdr.type_id = __builtin_btf_type_id(s, 0);		\
		__dojo_r->hdr.value_len = sizeof(s);				\
		bpf_probe_read_kernel(__dojo_r->value, sizeof(s), (s));		\
		bpf_ringbuf_submit(__dojo_r, 0);				\
	}									\
} while (0)

#define __dojo_str_len(kind, lbl, p, n) do {					\
	__u32 __dojo_n = (n);							\
	struct dojo_rec *__dojo_r = __dojo_reserve(kind, DOJO_VAL_STR);	\
	if (__dojo_r) {								\
		if (__dojo_n > DOJO_VALUE_MAX)					\
			__dojo_n = DOJO_VALUE_MAX;				\
		__dojo_label(__dojo_r, lbl);					\
		__dojo_r->hdr.type_id = __builtin_btf_type_id(*(p), 0);		\
		__dojo_r->hdr.value_len = __dojo_n;				\
		bpf_probe_read_kernel(__dojo_r->value, __dojo_n, (p));		\
		bpf_ringbuf_submit(__dojo_r, 0);				\
	}									\
} while (0)

#define __dojo_struct(kind, lbl, p) do {					\
	_Static_assert(sizeof(*(p)) <= DOJO_VALUE_MAX,				\
		       "DEBUG_STRUCT shows values of at most 256 bytes");	\
	struct dojo_rec *__dojo_r = __dojo_reserve(kind, DOJO_VAL_STRUCT);	\
	if (__dojo_r) {								\
		__dojo_label(__dojo_r, lbl);					\
		__dojo_r->hdr.type_id = __builtin_btf_type_id(*(p), 0);		\
		__dojo_r->hdr.value_len = sizeof(*(p));				\
		bpf_probe_read_kernel(__dojo_r->value, sizeof(*(p)), (p));	\
		bpf_ringbuf_submit(__dojo_r, 0);				\
	}									\
} while (0)

#define SUBMIT_NUM(v)            __dojo_num(DOJO_REC_SUBMIT, "", v)
#define SUBMIT_STR(s)            __dojo_str(DOJO_REC_SUBMIT, "", s)
#define SUBMIT_STR_LEN(p, n)     __dojo_str_len(DOJO_REC_SUBMIT, "", p, n)
#define DEBUG_NUM(label, v)      __dojo_num(DOJO_REC_DEBUG, label, v)
#define DEBUG_STR(label, s)      __dojo_str(DOJO_REC_DEBUG, label, s)
#define DEBUG_STRUCT(label, p)   __dojo_struct(DOJO_REC_DEBUG, label, p)

#endif
