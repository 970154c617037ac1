/* perf_submit.c: an exercise run's perf event arrays, read as submissions.  A program may
 * answer through dojo.h's SUBMIT_* (the ring buffer dojo_events) or with bpf_perf_event_output()
 * into a BPF_MAP_TYPE_PERF_EVENT_ARRAY of its own: every sample is then one SUBMIT record, made
 * here from the sample's bytes the way the exercise's answer is typed (a string: the bytes up to
 * the first NUL; a number: a little-endian integer of up to 8 bytes), and handed to the run's
 * record function like one from the ring buffer (same caps, same grader).
 *
 * The readers (a libbpf perf_buffer per map, DOJO_PERF_SUBMIT_PAGES per CPU) are opened before
 * any program is attached: perf_buffer__new() is what puts each CPU's perf event into the array,
 * and a sample sent to an empty slot is lost without a trace.  They are read once, after the
 * workload; samples the kernel could not store (a full buffer) are counted as lost.  The
 * playground reads perf event arrays its own way (play_ring.c on the pview branch). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "core/limits.h"
#include "include/dojo_record.h"
#include "perf_submit.h"

struct perf_map {
	struct guest_perf *p;
	struct perf_buffer *pb;
};

struct guest_perf {
	enum answer_kind kind;
	uint32_t type_id;          /* char or __u64 in the program's BTF, else 0 */
	guest_perf_record_fn fn;
	void *ctx;
	int err;                   /* the record function's first error */
	uint64_t lost;
	unsigned n;
	struct perf_map maps[DOJO_MAX_MAPS];
};

/* A sample's raw bytes come padded by the kernel (the u32 size and the data end on 8 bytes):
 * a 4-byte value arrives as 4 bytes, an 8-byte one as 12. */
static void on_sample(void *ctx, int cpu, void *data, __u32 size)
{
	struct perf_map *m = ctx;
	struct guest_perf *p = m->p;
	struct dojo_rec r = { .hdr = { .kind = DOJO_REC_SUBMIT, .type_id = p->type_id } };
	int rc;

	(void)cpu;
	if (p->err)
		return;
	if (p->kind == ANSWER_STR) {
		size_t n = size < DOJO_VALUE_MAX ? size : DOJO_VALUE_MAX;
		const char *nul = memchr(data, 0, n);

		r.hdr.vkind = DOJO_VAL_STR;
		r.hdr.value_len = (__u16)(nul ? (size_t)(nul - (const char *)data) + 1 : n);
	} else {
		r.hdr.vkind = DOJO_VAL_NUM;
		r.hdr.value_len = size >= 8 ? 8 : 4;
		if (size < r.hdr.value_len)
			r.hdr.value_len = (__u16)size;   /* not a size the kernel makes: the grader says so */
	}
	memcpy(r.value, data, r.hdr.value_len);
	rc = p->fn(p->ctx, &r, sizeof(r));
	if (rc && rc != -EAGAIN)   /* -EAGAIN: the caller's batch is full, nothing wrong */
		p->err = rc;
}

static void on_lost(void *ctx, int cpu, __u64 count)
{
	struct perf_map *m = ctx;

	(void)cpu;
	m->p->lost += count;
}

static uint32_t value_type(struct bpf_object *obj, enum answer_kind kind)
{
	struct btf *btf = bpf_object__btf(obj);
	int id;

	if (!btf)
		return 0;
	id = kind == ANSWER_STR ? btf__find_by_name_kind(btf, "char", BTF_KIND_INT) :
				  btf__find_by_name_kind(btf, "__u64", BTF_KIND_TYPEDEF);
	return id > 0 ? (uint32_t)id : 0;
}

int guest_perf_open(struct bpf_object *obj, enum answer_kind kind, guest_perf_record_fn fn,
		    void *ctx, struct guest_perf **out)
{
	struct guest_perf *p;
	struct bpf_map *map;
	int err = 0;

	*out = NULL;
	if (!(p = calloc(1, sizeof(*p))))
		return -ENOMEM;
	p->kind = kind;
	p->fn = fn;
	p->ctx = ctx;
	p->type_id = value_type(obj, kind);
	bpf_object__for_each_map(map, obj) {
		struct perf_map *m;

		if (bpf_map__type(map) != BPF_MAP_TYPE_PERF_EVENT_ARRAY)
			continue;
		if (p->n == DOJO_MAX_MAPS) {
			err = -E2BIG;
			break;
		}
		m = &p->maps[p->n];
		m->p = p;
		m->pb = perf_buffer__new(bpf_map__fd(map), DOJO_PERF_SUBMIT_PAGES, on_sample, on_lost,
					 m, NULL);
		if (!m->pb) {
			err = -errno;
			break;
		}
		p->n++;
	}
	if (err || p->n == 0) {
		guest_perf_free(p);
		return err;
	}
	*out = p;
	return 0;
}

int guest_perf_drain(struct guest_perf *p)
{
	for (unsigned i = 0; p && i < p->n && !p->err; i++) {
		int rc = perf_buffer__consume(p->maps[i].pb);

		if (rc < 0 && !p->err)
			p->err = rc;
	}
	return p ? p->err : 0;
}

uint64_t guest_perf_lost(const struct guest_perf *p)
{
	return p ? p->lost : 0;
}

void guest_perf_free(struct guest_perf *p)
{
	if (!p)
		return;
	for (unsigned i = 0; i < p->n; i++)
		perf_buffer__free(p->maps[i].pb);
	free(p);
}
