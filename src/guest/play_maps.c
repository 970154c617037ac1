/* play_maps.c: what a playground run leaves behind, read after its workload: every map's
 * entries (keys walked, sorted as little-endian numbers, the first DOJO_PLAY_MAX_ENTRIES sent
 * with the count of all) and every program's run count and run time (bpf_stats).  Raw bytes:
 * the host decodes keys and values with the object's BTF. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "core/frame.h"
#include "core/limits.h"
#include "guest.h"

static size_t key_size_g;

/* Keys compare as little-endian unsigned numbers: 2 before 10, as bpftool users expect. */
static int key_cmp(const void *a, const void *b)
{
	const uint8_t *x = a, *y = b;

	for (size_t i = key_size_g; i-- > 0;)
		if (x[i] != y[i])
			return x[i] < y[i] ? -1 : 1;
	return 0;
}

static int is_percpu(enum bpf_map_type t)
{
	return t == BPF_MAP_TYPE_PERCPU_HASH || t == BPF_MAP_TYPE_PERCPU_ARRAY ||
	       t == BPF_MAP_TYPE_LRU_PERCPU_HASH;
}

static int dumpable(enum bpf_map_type t)
{
	return t == BPF_MAP_TYPE_HASH || t == BPF_MAP_TYPE_ARRAY || t == BPF_MAP_TYPE_LRU_HASH ||
	       is_percpu(t);
}

static int dump_one(struct guest_chan *c, struct bpf_map *map)
{
	enum bpf_map_type type = bpf_map__type(map);
	struct proto_play_map h = { .type = type, .key_size = bpf_map__key_size(map),
				    .value_size = bpf_map__value_size(map), .cpus = 1 };
	size_t vlen, ksz = h.key_size, cap = 64;
	uint8_t *keys = NULL, *val = NULL, *prev = NULL;
	int fd = bpf_map__fd(map), rc = 0;
	unsigned n = 0;

	guest_copy(h.map, sizeof(h.map), bpf_map__name(map));
	if (is_percpu(type)) {
		int cpus = libbpf_num_possible_cpus();

		h.cpus = cpus > 0 ? (uint32_t)cpus : 1;
	}
	vlen = is_percpu(type) ? ((h.value_size + 7u) & ~7u) * h.cpus : h.value_size;
	keys = malloc(cap * ksz);
	val = malloc(vlen ? vlen : 1);
	if (!keys || !val || !ksz) {
		rc = ksz ? -ENOMEM : 0;
		goto out;
	}
	/* walk every key (bounded), then sort and send the first ones */
	while (n < DOJO_PLAY_MAX_SCAN) {
		if (n == cap) {
			uint8_t *k = realloc(keys, 2 * cap * ksz);

			if (!k) {
				rc = -ENOMEM;
				goto out;
			}
			keys = k;
			cap *= 2;
		}
		if (bpf_map_get_next_key(fd, prev, keys + n * ksz))
			break;
		prev = keys + n * ksz;
		n++;
	}
	key_size_g = ksz;
	qsort(keys, n, ksz, key_cmp);
	h.entries = n;
	h.shown = n < DOJO_PLAY_MAX_ENTRIES ? n : DOJO_PLAY_MAX_ENTRIES;
	/* an entry deleted meanwhile is skipped: the host counts what arrives, not @shown */
	rc = guest_chan_send(c, FRAME_PLAY_MAP, proto_put_play_map(guest_chan_buf(c), &h));
	for (unsigned i = 0; !rc && i < h.shown; i++) {
		struct proto_play_entry e = { .key = keys + i * ksz, .key_len = ksz,
					      .value = val, .value_len = vlen };

		if (bpf_map_lookup_elem(fd, keys + i * ksz, val))
			continue;
		guest_copy(e.map, sizeof(e.map), h.map);
		rc = guest_chan_send(c, FRAME_PLAY_ENTRY, proto_put_play_entry(guest_chan_buf(c), &e));
	}
out:
	free(keys);
	free(val);
	return rc;
}

int guest_play_dump_maps(struct guest_chan *c, struct bpf_object *obj)
{
	struct bpf_map *map;
	int rc = 0;

	bpf_object__for_each_map(map, obj) {
		const char *name = bpf_map__name(map);
		size_t len = strlen(name);

		/* .rodata never changes and .kconfig is the kernel's: only what the program wrote */
		if (!dumpable(bpf_map__type(map)) || (len > 7 && !strcmp(name + len - 7, ".rodata")) ||
		    !strcmp(name, ".kconfig") || !strcmp(name, "dojo_dropped"))
			continue;
		rc = dump_one(c, map);
		if (rc)
			break;
	}
	return rc;
}

int guest_play_stats(struct guest_chan *c, struct bpf_object *obj)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, obj) {
		struct bpf_prog_info info;
		uint32_t len = sizeof(info);
		struct proto_play_stats m = { 0 };
		int rc;

		if (bpf_program__fd(prog) < 0)
			continue;
		memset(&info, 0, sizeof(info));
		if (bpf_prog_get_info_by_fd(bpf_program__fd(prog), &info, &len))
			continue;
		guest_copy(m.prog, sizeof(m.prog), bpf_program__name(prog));
		m.run_cnt = info.run_cnt;
		m.run_time_ns = info.run_time_ns;
		rc = guest_chan_send(c, FRAME_PLAY_STATS, proto_put_play_stats(guest_chan_buf(c), &m));
		if (rc)
			return rc;
	}
	return 0;
}
