/* play.c: the playground's PLAY_* messages as pipeline events (see play.h).  Everything the
 * guest sent is raw bytes; here they are decoded with the object's own BTF (grade) and every
 * string is bounded by the caps the agent applied and DOJO_MAX_VALUE_TEXT. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/libbpf.h>
#include "play.h"

struct play_host {
	const struct grade_btf *btf;
	/* the map being gathered */
	int open;
	struct proto_play_map map;
	uint32_t key_id, value_id;
	char map_type[32], key_type[64], value_type[64];
	struct pipeline_map_item *items;
	size_t nitems;
};

struct play_host *play_host_new(const struct grade_btf *btf)
{
	struct play_host *p = calloc(1, sizeof(*p));

	if (p)
		p->btf = btf;
	return p;
}

void play_host_set_btf(struct play_host *p, const struct grade_btf *btf)
{
	p->btf = btf;
}

static void items_free(struct play_host *p)
{
	for (size_t i = 0; i < p->nitems; i++) {
		struct pipeline_map_item *it = &p->items[i];

		free((char *)it->key);
		if (it->cpu_values) {
			for (unsigned c = 0; c < it->ncpus; c++)
				free((char *)it->cpu_values[c]);
			if (it->value != it->cpu_values[0])
				free((char *)it->value);
			free((void *)it->cpu_values);
		} else {
			free((char *)it->value);
		}
	}
	free(p->items);
	p->items = NULL;
	p->nitems = 0;
	p->open = 0;
}

void play_host_free(struct play_host *p)
{
	if (!p)
		return;
	items_free(p);
	free(p);
}

/* @len bytes of type @id as a new string (NULL when out of memory); its type's name into
 * @type when not NULL. */
static char *format(const struct play_host *p, uint32_t id, const void *data, size_t len,
		    char *type, size_t cap)
{
	struct buf b;
	char tn[64];
	char *s;

	buf_init(&b, DOJO_MAX_VALUE_TEXT);
	if (grade_value_format(p->btf, id, data, len, &b, tn, sizeof(tn)) == -ENOMEM) {
		buf_free(&b);
		return NULL;
	}
	/* a value cut at the cap keeps what fits */
	s = strndup(b.data ? (const char *)b.data : "", b.len);
	buf_free(&b);
	if (type)
		snprintf(type, cap, "%s", tn);
	return s;
}

int play_host_flush(struct play_host *p, play_emit_fn emit, void *run)
{
	struct pipeline_event ev = { .kind = PIPELINE_EV_MAP };
	int rc;

	if (!p->open)
		return 0;
	ev.u.map.name = p->map.map;
	ev.u.map.type = p->map_type;
	ev.u.map.key_type = p->key_type;
	ev.u.map.value_type = p->value_type;
	ev.u.map.entries = p->map.entries;
	ev.u.map.cpus = p->map.cpus;
	ev.u.map.items = p->items;
	ev.u.map.nitems = p->nitems;
	rc = emit(run, &ev);
	items_free(p);
	return rc;
}

static int map_begin(struct play_host *p, const struct proto_play_map *h)
{
	const char *tn = libbpf_bpf_map_type_str((enum bpf_map_type)h->type);
	size_t big = h->key_size > h->value_size ? h->key_size : h->value_size;
	uint8_t *zero = calloc(1, big + 1);
	char *s;

	if (!zero)
		return -ENOMEM;
	p->open = 1;
	p->map = *h;
	if (p->map.cpus == 0)
		p->map.cpus = 1;
	snprintf(p->map_type, sizeof(p->map_type), "%s", tn ? tn : "?");
	grade_map_types(p->btf, h->map, 0, &p->key_id, &p->value_id);
	/* the types' names, as formatting a zeroed value of each says them */
	s = format(p, p->key_id, zero, h->key_size, p->key_type, sizeof(p->key_type));
	free(s);
	s = format(p, p->value_id, zero, h->value_size, p->value_type, sizeof(p->value_type));
	free(s);
	free(zero);
	p->items = calloc(h->shown ? h->shown : 1, sizeof(*p->items));
	return p->items ? 0 : -ENOMEM;
}

/* Every per-CPU value an integer: their sum. */
static void add_sum(struct pipeline_map_item *it)
{
	it->has_sum = 1;
	it->sum = 0;
	for (unsigned c = 0; c < it->ncpus; c++) {
		char *end;
		long long v = strtoll(it->cpu_values[c], &end, 0);

		if (end == it->cpu_values[c] || *end) {
			it->has_sum = 0;
			return;
		}
		it->sum += (unsigned long long)v;
	}
}

static int map_entry(struct play_host *p, const struct proto_play_entry *e)
{
	struct pipeline_map_item *it;
	size_t vs = p->map.value_size, stride = (vs + 7) & ~(size_t)7;
	int percpu = strstr(p->map_type, "percpu") != NULL;

	if (!p->open || strcmp(e->map, p->map.map) || p->nitems >= p->map.shown ||
	    e->key_len != p->map.key_size ||
	    e->value_len != (percpu ? stride * p->map.cpus : vs))
		return 0;   /* not what the header announced: left out */
	it = &p->items[p->nitems++];
	it->key = format(p, p->key_id, e->key, e->key_len, NULL, 0);
	if (!percpu) {
		it->value = format(p, p->value_id, e->value, e->value_len, NULL, 0);
		return it->key && it->value ? 0 : -ENOMEM;
	}
	it->ncpus = p->map.cpus;
	it->cpu_values = calloc(it->ncpus, sizeof(char *));
	if (!it->key || !it->cpu_values)
		return -ENOMEM;
	for (unsigned c = 0; c < it->ncpus; c++) {
		((char **)it->cpu_values)[c] = format(p, p->value_id, e->value + c * stride, vs, NULL, 0);
		if (!it->cpu_values[c])
			return -ENOMEM;
	}
	add_sum(it);
	if (it->has_sum) {
		char sum[32];

		snprintf(sum, sizeof(sum), "%llu", it->sum);
		it->value = strdup(sum);
	} else {
		it->value = it->cpu_values[0];
	}
	return it->value ? 0 : -ENOMEM;
}

/* A trace_pipe line: "  <comm>-<pid>  [cpu] flags  ts: bpf_trace_printk: <message>". */
int play_printk_line(const struct proto_play_output *o, play_emit_fn emit, void *run)
{
	struct pipeline_event ev = { .kind = PIPELINE_EV_PRINTK };
	char line[DOJO_PLAY_CHUNK + 1], comm[64] = "";
	size_t n = o->len < DOJO_PLAY_CHUNK ? o->len : DOJO_PLAY_CHUNK;
	const char *msg, *bra, *start;

	memcpy(line, o->data, n);
	line[n] = 0;
	if (n && line[n - 1] == '\n')
		line[--n] = 0;
	for (size_t i = 0; i < n; i++)
		if (!line[i])
			line[i] = ' ';
	msg = strstr(line, ": bpf_trace_printk: ");
	ev.u.output.message = msg ? msg + strlen(": bpf_trace_printk: ") : line;
	for (start = line; *start == ' '; start++)
		;
	bra = strstr(start, " [");
	if (msg && bra && bra < msg) {
		const char *dash = bra;

		while (dash > start && *dash != '-')
			dash--;
		if (*dash == '-') {
			snprintf(comm, sizeof(comm), "%.*s", (int)(dash - start), start);
			ev.u.output.pid = atoi(dash + 1);
		}
	}
	ev.u.output.text = line;
	ev.u.output.len = n;
	ev.u.output.comm = comm;
	return emit(run, &ev);
}

static int record(struct play_host *p, const struct proto_play_record *r, play_emit_fn emit,
		  void *run)
{
	static __thread struct grade_record gr;
	struct pipeline_event ev = { .kind = PIPELINE_EV_RECORD };
	uint32_t key_id, value_id;
	char type[64];
	char *value;
	int rc;

	if (!strcmp(r->map, "dojo_events") && grade_record_decode(p->btf, r->data, r->len, &gr) == 0) {
		ev.kind = gr.kind == DOJO_REC_SUBMIT ? PIPELINE_EV_SUBMIT : PIPELINE_EV_DEBUG;
		ev.u.record = &gr;
		return emit(run, &ev);
	}
	grade_map_types(p->btf, r->map, r->len, &key_id, &value_id);
	value = format(p, value_id, r->data, r->len, type, sizeof(type));
	if (!value)
		return -ENOMEM;
	ev.u.precord.map = r->map;
	ev.u.precord.size = r->len;
	ev.u.precord.type = type;
	ev.u.precord.value = value;
	rc = emit(run, &ev);
	free(value);
	return rc;
}

static const char *stream_name(uint8_t s)
{
	switch (s) {
	case PLAY_STDOUT: return "stdout";
	case PLAY_STDERR: return "stderr";
	case PLAY_PRINTK: return "printk";
	case PLAY_RECORDS: return "records";
	case PLAY_LOST: return "lost";
	default: return "?";
	}
}

int play_host_message(struct play_host *p, const struct sandbox_msg *m, play_emit_fn emit,
		      void *run)
{
	struct pipeline_event ev = { 0 };
	int rc;

	if (m->type != FRAME_PLAY_ENTRY && (rc = play_host_flush(p, emit, run)))
		return rc;
	switch (m->type) {
	case FRAME_PLAY_OUTPUT:
		if (m->u.play_output.stream == PLAY_PRINTK)
			return play_printk_line(&m->u.play_output, emit, run);
		ev.kind = PIPELINE_EV_OUTPUT;
		ev.u.output.stream = stream_name(m->u.play_output.stream);
		ev.u.output.text = (const char *)m->u.play_output.data;
		ev.u.output.len = m->u.play_output.len;
		return emit(run, &ev);
	case FRAME_PLAY_RECORD:
		return record(p, &m->u.play_record, emit, run);
	case FRAME_PLAY_MAP:
		return map_begin(p, &m->u.play_map);
	case FRAME_PLAY_ENTRY:
		return map_entry(p, &m->u.play_entry);
	case FRAME_PLAY_STATS:
		ev.kind = PIPELINE_EV_STATS;
		ev.u.stats.program = m->u.play_stats.prog;
		ev.u.stats.run_cnt = m->u.play_stats.run_cnt;
		ev.u.stats.run_time_ns = m->u.play_stats.run_time_ns;
		return emit(run, &ev);
	case FRAME_PLAY_DROPPED:
		ev.kind = PIPELINE_EV_DROPPED;
		ev.u.dropped.what = stream_name(m->u.play_dropped.stream);
		ev.u.dropped.count = m->u.play_dropped.count;
		ev.u.dropped.bytes = m->u.play_dropped.bytes;
		return emit(run, &ev);
	case FRAME_PLAY_RING: {
		const struct proto_play_ring *g = &m->u.play_ring;

		ev.kind = PIPELINE_EV_RING;
		ev.u.ring.map = g->map;
		ev.u.ring.type = g->type == BPF_MAP_TYPE_RINGBUF ? "ringbuf" : "perf_event_array";
		ev.u.ring.size = g->size;
		ev.u.ring.records = g->records;
		ev.u.ring.dropped = g->dropped;
		ev.u.ring.lost = g->lost;
		ev.u.ring.has_pos = g->has_pos;
		ev.u.ring.pending = g->pending;
		ev.u.ring.consumer_pos = g->consumer_pos;
		ev.u.ring.producer_pos = g->producer_pos;
		return emit(run, &ev);
	}
	default:
		return 0;
	}
}
