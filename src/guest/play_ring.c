/* play_ring.c: a playground run's event buffers, every BPF_MAP_TYPE_RINGBUF (libbpf
 * ring_buffer) and every BPF_MAP_TYPE_PERF_EVENT_ARRAY (libbpf perf_buffer, one per map) of
 * the object, read through one epoll fd; each record goes to the caller's function, which
 * applies the run's caps.  After the workload, each buffer's statistics (size, records sent
 * and dropped, lost samples, bytes pending and positions) go to the host as PLAY_RING. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "core/frame.h"
#include "core/limits.h"
#include "guest.h"

#define RB_BATCH 128   /* ring-buffer records per consume: the workload's pipes get a turn */

struct ring_map {
	struct guest_rings *r;
	const char *name;
	enum bpf_map_type type;
	int ring_idx;                  /* ringbuf: its index in r->rb */
	struct perf_buffer *pb;        /* perf event array */
	unsigned records, dropped;
	uint64_t lost;
};

struct guest_rings {
	guest_record_fn fn;
	void *ctx;
	struct ring_buffer *rb;
	int ep, err;
	unsigned batch, n, nrings;
	struct ring_map maps[DOJO_MAX_MAPS];
};

static int deliver(struct ring_map *m, const void *data, size_t size)
{
	int rc = m->r->fn(m->r->ctx, m->name, data, size);

	if (rc < 0)
		return rc;
	if (rc)
		m->records++;
	else
		m->dropped++;
	return 0;
}

static int on_rb(void *ctx, void *data, size_t size)
{
	struct ring_map *m = ctx;
	int rc = deliver(m, data, size);

	if (rc)
		return rc;
	return ++m->r->batch >= RB_BATCH ? -EAGAIN : 0;
}

static void on_sample(void *ctx, int cpu, void *data, __u32 size)
{
	struct ring_map *m = ctx;
	int rc;

	(void)cpu;
	if (m->r->err)
		return;
	rc = deliver(m, data, size);
	if (rc)
		m->r->err = rc;
}

static void on_lost(void *ctx, int cpu, __u64 cnt)
{
	struct ring_map *m = ctx;

	(void)cpu;
	m->lost += cnt;
}

static int add_fd(int ep, int fd)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.fd = fd };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

static int open_one(struct guest_rings *r, struct bpf_map *map)
{
	struct ring_map *m = &r->maps[r->n];
	int fd = bpf_map__fd(map);

	*m = (struct ring_map){ .r = r, .name = bpf_map__name(map), .type = bpf_map__type(map),
				.ring_idx = -1 };
	r->n++;   /* from here on guest_rings_free() frees what it holds */
	if (m->type == BPF_MAP_TYPE_RINGBUF) {
		if (!r->rb) {
			r->rb = ring_buffer__new(fd, on_rb, m, NULL);
			if (!r->rb || add_fd(r->ep, ring_buffer__epoll_fd(r->rb)))
				return -errno;
		} else if (ring_buffer__add(r->rb, fd, on_rb, m)) {
			return -errno;
		}
		m->ring_idx = (int)r->nrings++;
	} else {
		m->pb = perf_buffer__new(fd, DOJO_PLAY_PERF_PAGES, on_sample, on_lost, m, NULL);
		if (!m->pb)
			return -errno;
		if (add_fd(r->ep, perf_buffer__epoll_fd(m->pb)))
			return -errno;
	}
	return 0;
}

int guest_rings_open(struct bpf_object *obj, guest_record_fn fn, void *ctx,
		     struct guest_rings **out, const char **failed)
{
	struct guest_rings *r = calloc(1, sizeof(*r));
	struct bpf_map *map;
	int rc = 0;

	*out = NULL;
	*failed = NULL;
	if (!r)
		return -ENOMEM;
	r->fn = fn;
	r->ctx = ctx;
	r->ep = epoll_create1(EPOLL_CLOEXEC);
	if (r->ep < 0) {
		rc = -errno;
		goto err;
	}
	bpf_object__for_each_map(map, obj) {
		enum bpf_map_type t = bpf_map__type(map);

		if ((t != BPF_MAP_TYPE_RINGBUF && t != BPF_MAP_TYPE_PERF_EVENT_ARRAY) ||
		    r->n >= DOJO_MAX_MAPS)
			continue;
		rc = open_one(r, map);
		if (rc) {
			*failed = bpf_map__name(map);
			goto err;
		}
	}
	*out = r;
	return 0;
err:
	guest_rings_free(r);
	return rc;
}

int guest_rings_fd(const struct guest_rings *r)
{
	return r && r->n ? r->ep : -1;
}

int guest_rings_consume(struct guest_rings *r)
{
	int more = 0, rc;

	if (!r)
		return 0;
	if (r->rb) {
		r->batch = 0;
		rc = ring_buffer__consume(r->rb);
		if (rc == -EAGAIN)
			more = 1;
		else if (rc < 0)
			return rc;
		else
			more |= rc > 0;
	}
	for (unsigned i = 0; i < r->n; i++) {
		if (!r->maps[i].pb)
			continue;
		rc = perf_buffer__consume(r->maps[i].pb);
		if (r->err)
			return r->err;
		if (rc < 0)
			return rc;
	}
	return more;
}

int guest_rings_send_stats(struct guest_rings *r, struct guest_chan *c)
{
	long page = sysconf(_SC_PAGESIZE);
	int cpus = libbpf_num_possible_cpus();

	for (unsigned i = 0; r && i < r->n; i++) {
		struct ring_map *m = &r->maps[i];
		struct proto_play_ring s = { .type = m->type, .records = m->records,
					     .dropped = m->dropped, .lost = m->lost };
		int rc;

		guest_copy(s.map, sizeof(s.map), m->name);
		if (m->ring_idx >= 0) {
			struct ring *ring = ring_buffer__ring(r->rb, (unsigned)m->ring_idx);

			if (ring) {
				s.size = ring__size(ring);
				s.pending = ring__avail_data_size(ring);
				s.consumer_pos = ring__consumer_pos(ring);
				s.producer_pos = ring__producer_pos(ring);
				s.has_pos = 1;
			}
		} else {
			/* one buffer of DOJO_PLAY_PERF_PAGES pages per CPU */
			s.size = (uint64_t)DOJO_PLAY_PERF_PAGES * (uint64_t)(page > 0 ? page : 4096) *
				 (uint64_t)(cpus > 0 ? cpus : 1);
		}
		rc = guest_chan_send(c, FRAME_PLAY_RING, proto_put_play_ring(guest_chan_buf(c), &s));
		if (rc)
			return rc;
	}
	return 0;
}

uint64_t guest_rings_lost(const struct guest_rings *r)
{
	uint64_t n = 0;

	for (unsigned i = 0; r && i < r->n; i++)
		n += r->maps[i].lost;
	return n;
}

void guest_rings_free(struct guest_rings *r)
{
	if (!r)
		return;
	for (unsigned i = 0; i < r->n; i++)
		perf_buffer__free(r->maps[i].pb);
	ring_buffer__free(r->rb);
	if (r->ep >= 0)
		close(r->ep);
	free(r);
}
