/* loader.c: libbpf on the learner's object, with every failure told in the learner's terms.
 * libbpf's messages go through one print callback: warnings become LOG frames (capped), and a
 * bounded tail of warnings and infos is kept so LOAD_FAILED can quote libbpf's last words.  All
 * programs share one verifier-log buffer: libbpf loads them in order and stops at the first
 * rejection, so after a failed load the buffer holds the rejected program's log.  Loading has
 * its own deadline (see guest_loader_load()). */
#include <errno.h>
#include <net/if.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "core/clock.h"
#include "core/frame.h"
#include "core/limits.h"
#include "exercises/net.h"
#include "hooks.h"
#include "load_deadline.h"
#include "loader.h"


struct guest_loader {
	struct bpf_object *obj;
	struct bpf_map *events;
	struct bpf_link *links[DOJO_MAX_PROGRAMS];
	struct bpf_program *linked[DOJO_MAX_PROGRAMS];   /* links[i]'s program */
	unsigned nlinks;
	int socks[DOJO_MAX_PROGRAMS];  /* the packet sockets socket filters are attached to */
	unsigned nsocks;
	struct bpf_link **perf;        /* perf_event programs' links, one per CPU (hooks.c) */
	unsigned nperf;
	char *log;               /* verifier log, shared by all programs */
	const void *bytes;       /* the object as sent (not owned), to open it again */
	size_t len;
};

/* libbpf's print callback has no context: the channel and the tail are the agent's single
 * instance (one job per process). */
static int play_mode;   /* a playground job: no dojo_events needed */
static struct guest_chan *chan;
static char tail[DOJO_AGENT_LIBBPF_TAIL];
static size_t tail_len;
static char last_prog[PROTO_NAME_MAX];   /* the program libbpf complained about last */

static void tail_add(const char *s)
{
	size_t n = strlen(s);

	if (n >= DOJO_AGENT_LIBBPF_TAIL)
		s += n - (DOJO_AGENT_LIBBPF_TAIL - 1), n = DOJO_AGENT_LIBBPF_TAIL - 1;
	if (tail_len + n >= DOJO_AGENT_LIBBPF_TAIL) {
		size_t drop = tail_len + n - (DOJO_AGENT_LIBBPF_TAIL - 1);

		memmove(tail, tail + drop, tail_len - drop);
		tail_len -= drop;
	}
	memcpy(tail + tail_len, s, n);
	tail_len += n;
	tail[tail_len] = 0;
}

/* The last lines of the tail that fit in @cap bytes, starting at a line. */
static void tail_last(char *out, size_t cap)
{
	const char *p = tail;

	if (tail_len >= cap) {
		p = tail + tail_len - (cap - 1);
		const char *nl = strchr(p, '\n');

		if (nl && nl[1])
			p = nl + 1;
	}
	guest_copy(out, cap, p);
	/* a trailing newline adds nothing to a one-line message */
	for (size_t n = strlen(out); n && out[n - 1] == '\n'; n--)
		out[n - 1] = 0;
}

static void note_prog(const char *line)
{
	const char *p = strstr(line, "prog '"), *q;

	if (!p)
		return;
	p += 6;
	q = strchr(p, '\'');
	if (q && (size_t)(q - p) < sizeof(last_prog)) {
		memcpy(last_prog, p, (size_t)(q - p));
		last_prog[q - p] = 0;
	}
}

static int print_cb(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[PROTO_TEXT_MAX];

	if (level == LIBBPF_DEBUG)
		return 0;
	if (strstr(fmt, "BEGIN PROG LOAD LOG")) {
		/* the verifier log itself travels in LOAD_FAILED, whole */
		va_list cp;

		va_copy(cp, ap);
		snprintf(line, sizeof(line), "libbpf: prog '%s': verifier log follows\n",
			 va_arg(cp, const char *));
		va_end(cp);
	} else {
		vsnprintf(line, sizeof(line), fmt, ap);
	}
	tail_add(line);
	if (level == LIBBPF_WARN) {
		note_prog(line);
		if (chan) {
			size_t n = strlen(line);

			if (n && line[n - 1] == '\n')
				line[n - 1] = 0;
			(void)guest_send_log(chan, (uint8_t)level, line);
		}
	}
	return 0;
}

void guest_loader_set_channel(struct guest_chan *c)
{
	chan = c;
	libbpf_set_print(print_cb);
}

static int load_failed(int code, const char *prog, const char *log, size_t log_len,
		       const char *fmt, ...) __attribute__((format(printf, 5, 6)));
static int load_failed(int code, const char *prog, const char *log, size_t log_len,
		       const char *fmt, ...)
{
	struct proto_load_failed m = { .err = code, .log = (const uint8_t *)log, .log_len = log_len };
	va_list ap;
	int rc;

	guest_copy(m.prog, sizeof(m.prog), prog ? prog : "");
	va_start(ap, fmt);
	vsnprintf(m.msg, sizeof(m.msg), fmt, ap);
	va_end(ap);
	rc = guest_chan_send(chan, FRAME_LOAD_FAILED,
			     proto_put_load_failed(guest_chan_buf(chan), &m));
	return rc ? rc : code;
}

/* Bytes the kernel will hold for @map (roughly: what a learner can make it allocate). */
static uint64_t map_bytes(const struct bpf_map *map)
{
	uint64_t entries = bpf_map__max_entries(map);
	uint64_t kv = (uint64_t)bpf_map__key_size(map) + bpf_map__value_size(map);
	int ncpu;

	switch (bpf_map__type(map)) {
	case BPF_MAP_TYPE_RINGBUF:
	case BPF_MAP_TYPE_USER_RINGBUF:
		return entries;
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
		ncpu = libbpf_num_possible_cpus();
		return entries * kv * (uint64_t)(ncpu > 0 ? ncpu : 1);
	default:
		return entries * kv;
	}
}

static int check_object(struct guest_loader *l)
{
	struct bpf_program *prog;
	struct bpf_map *map;
	unsigned progs = 0, maps = 0;
	uint64_t bytes = 0;

	bpf_object__for_each_program(prog, l->obj) {
		/* a lone function without SEC(...) shows up as a program in .text: not one */
		if (strcmp(bpf_program__section_name(prog), ".text") == 0) {
			bpf_program__set_autoload(prog, false);
			continue;
		}
		progs++;
	}
	if (progs == 0)
		return load_failed(-ENOENT, "", NULL, 0, "no program: mark a function with SEC(...), e.g. SEC(\"tp/sched/sched_process_exec\")");
	if (progs > DOJO_MAX_PROGRAMS)
		return load_failed(-E2BIG, "", NULL, 0, "your object has %u programs; bpfdojo allows at most %u", progs, DOJO_MAX_PROGRAMS);
	bpf_object__for_each_map(map, l->obj) {
		uint64_t b = map_bytes(map);

		maps++;
		bytes += b;
		if (b > DOJO_MAX_MAP_BYTES || bytes > DOJO_MAX_MAP_BYTES)
			return load_failed(-E2BIG, "", NULL, 0, "map '%s' brings your maps to %llu bytes or more; bpfdojo allows at most %u bytes in all (lower max_entries)", bpf_map__name(map), (unsigned long long)bytes, DOJO_MAX_MAP_BYTES);
	}
	if (maps > DOJO_MAX_MAPS)
		return load_failed(-E2BIG, "", NULL, 0, "your object has %u maps (counting .bss, .data and .rodata); bpfdojo allows at most %u", maps, DOJO_MAX_MAPS);
	/* without the ring buffer nothing can be submitted, but the verifier still has things to
	 * say about the rest of the program: guest_loader_load() says it after loading */
	l->events = bpf_object__find_map_by_name(l->obj, "dojo_events");
	if (l->events && bpf_map__type(l->events) != BPF_MAP_TYPE_RINGBUF)
		l->events = NULL;
	return 0;
}

/* Open the object and set every program's log.  Level 0 means: no log on success (a log
 * that outgrows its buffer fails even a program the verifier accepts), and libbpf retries a
 * failure with level 1. */
static int open_object(struct guest_loader *l, int log_level)
{
	LIBBPF_OPTS(bpf_object_open_opts, opts, .object_name = "prog");
	struct bpf_program *prog;
	char msg[PROTO_TEXT_MAX];
	int err;

	l->log[0] = 0;
	tail_len = 0;
	tail[0] = 0;
	l->obj = bpf_object__open_mem(l->bytes, l->len, &opts);
	if (!l->obj) {
		err = -errno;
		tail_last(msg, sizeof(msg));
		return load_failed(err ? err : -EINVAL, "", NULL, 0, "libbpf cannot open your object: %s", msg[0] ? msg : strerror(-err));
	}
	err = check_object(l);
	if (err)
		return err;
	bpf_object__for_each_program(prog, l->obj) {
		err = bpf_program__set_log_buf(prog, l->log, DOJO_MAX_VERIFIER_LOG);
		if (!err)
			err = bpf_program__set_log_level(prog, log_level);
		if (err)
			return load_failed(err, bpf_program__name(prog), NULL, 0, "cannot set the verifier log: %s", strerror(-err));
	}
	return 0;
}

int guest_loader_open(const void *obj, size_t len, int log_level2, struct guest_loader **out)
{
	struct guest_loader *l;
	int err;

	*out = NULL;
	l = calloc(1, sizeof(*l));
	if (l)
		l->log = malloc(DOJO_MAX_VERIFIER_LOG);
	if (!l || !l->log) {
		free(l);
		return load_failed(-ENOMEM, "", NULL, 0, "the agent is out of memory");
	}
	l->bytes = obj;
	l->len = len;
	err = open_object(l, log_level2 ? 2 : 0);
	if (err) {
		guest_loader_free(l);
		return err;
	}
	*out = l;
	return 0;
}

int guest_loader_load(struct guest_loader *l, unsigned timeout_ms)
{
	struct proto_loaded m = { 0 };
	struct bpf_program *prog;
	struct bpf_map *map;
	char msg[PROTO_TEXT_MAX];
	uint64_t t0 = dojo_now_us();
	int err;

	last_prog[0] = 0;
	tail_len = 0;
	tail[0] = 0;
	if (guest_deadline_arm(timeout_ms ? timeout_ms : 1, DOJO_LOAD_LOG_GRACE_MS, l->log) == -ENOMEM)
		return load_failed(-ENOMEM, "", NULL, 0, "the agent is out of memory");
	err = bpf_object__load(l->obj);
	guest_deadline_disarm();
	if (err) {
		const char *name = last_prog;

		if (!name[0]) {
			/* no complaint named a program: the first one left unloaded is it */
			bpf_object__for_each_program(prog, l->obj) {
				if (bpf_program__autoload(prog) && bpf_program__fd(prog) < 0) {
					name = bpf_program__name(prog);
					break;
				}
			}
		}
		if (guest_deadline_cut(err)) {
			size_t saved_len;
			const char *saved = guest_deadline_log(&saved_len);

			/* the host's grader explains it from the log the verifier had written */
			err = load_failed(-ETIMEDOUT, name, saved, saved_len,
					  "loading took longer than %u ms: the verifier was still "
					  "exploring the paths of program '%s'", timeout_ms, name);
			guest_deadline_free();
			return err;
		}
		guest_deadline_free();
		tail_last(msg, sizeof(msg));
		return load_failed(err, name, l->log, strlen(l->log), "%s",
				   msg[0] ? msg : strerror(-err));
	}
	guest_deadline_free();
	if (!l->events && !play_mode)
		return load_failed(-ENOENT, "", NULL, 0, "your program passed the verifier, but nothing it does can be submitted: your object has no ring buffer 'dojo_events': add #include \"dojo.h\" and report with SUBMIT_*/DEBUG_*");
	m.load_us = (uint32_t)(dojo_now_us() - t0);
	bpf_object__for_each_program(prog, l->obj)
		m.programs++;
	bpf_object__for_each_map(map, l->obj)
		m.maps++;
	return guest_chan_send(chan, FRAME_LOADED, proto_put_loaded(guest_chan_buf(chan), &m));
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* One sentence on why @sec did not attach, saying what to change. */
static void attach_sentence(char *out, size_t cap, const char *sec, int err)
{
	const char *after = strchr(sec, '/');
	const char *name = after ? after + 1 : sec;

	if (starts(sec, "kprobe") || starts(sec, "kretprobe") || starts(sec, "ksyscall") ||
	    starts(sec, "kretsyscall"))
		snprintf(out, cap, "kprobes are not available on bpfdojo's kernel: use SEC(\"fentry/<function>\") or a tracepoint instead of %s", sec);
	else if (err == -ENOENT && (starts(sec, "cgroup") || starts(sec, "sockops")))
		snprintf(out, cap, "cgroup programs (%s) run in the micro-VM only: host mode does not attach to this machine's cgroups; run with --sandbox vm", sec);
	else if (err == -ENOENT && (starts(sec, "tp/") || starts(sec, "tracepoint/")))
		snprintf(out, cap, "no such tracepoint: %s; list them in /sys/kernel/tracing/events (<category>/<name>)", sec);
	else if (err == -ENOENT && (starts(sec, "raw_tp/") || starts(sec, "raw_tracepoint/")))
		snprintf(out, cap, "no such raw tracepoint: %s; the name after raw_tp/ is a tracepoint's name without its category", name);
	else if (err == -ENOENT && (starts(sec, "usdt/") || starts(sec, "uprobe") ||
				    starts(sec, "uretprobe")))
		snprintf(out, cap, "cannot attach %s: no such binary, function or probe in it; name the binary as the guest has it (a name without '/' is looked up in PATH, e.g. SEC(\"usdt/dojo-ledger:ledger:post\"))", sec);
	else if (err == -ENODEV)
		snprintf(out, cap, "%s programs attach to the network exercises' interface " EXERCISE_NET_IF ", and this exercise has none: pick a network exercise, or another hook", sec);
	else if (err == -EOPNOTSUPP && (starts(sec, "tc") || starts(sec, "classifier")))
		snprintf(out, cap, "section '%s': bpfdojo attaches tc programs with tcx; write SEC(\"tcx/ingress\") or SEC(\"tcx/egress\")", sec);
	else if (err == -EOPNOTSUPP)
		snprintf(out, cap, "section '%s' does not say where to attach, and bpfdojo attaches every program itself: use e.g. SEC(\"tp/<category>/<name>\"), SEC(\"raw_tp/<name>\") or SEC(\"fentry/<function>\")", sec);
	else
		snprintf(out, cap, "cannot attach %s: %s", sec, strerror(err < 0 ? -err : err));
}

/* Attach @prog: libbpf knows where from its section, except for packet programs, which
 * attach to the interface network exercises make (exercises/net.h): XDP, and tc through tcx
 * ingress or egress as its section says; and cgroup programs, which attach to the micro-VM's
 * root cgroup (hooks.c). */
static struct bpf_link *attach_one(struct bpf_program *prog, const char *sec)
{
	enum bpf_prog_type type = bpf_program__type(prog);
	int ifindex;

	if (guest_hooks_is_cgroup(type))
		return guest_hooks_attach_cgroup(prog);
	if (type != BPF_PROG_TYPE_XDP && type != BPF_PROG_TYPE_SCHED_CLS)
		return bpf_program__attach(prog);
	if (!(ifindex = (int)if_nametoindex(EXERCISE_NET_IF))) {
		errno = ENODEV;
		return NULL;
	}
	if (type == BPF_PROG_TYPE_XDP)
		return bpf_program__attach_xdp(prog, ifindex);
	if (!starts(sec, "tcx/") && !starts(sec, "tc/")) {
		errno = EOPNOTSUPP;
		return NULL;
	}
	return bpf_program__attach_tcx(prog, ifindex, NULL);
}

int guest_loader_attach(struct guest_loader *l)
{
	struct bpf_program *prog;
	int failed = 0, rc;

	bpf_object__for_each_program(prog, l->obj) {
		const char *sec = bpf_program__section_name(prog);
		struct bpf_link *link;
		int attached;

		if (!bpf_program__autoload(prog))
			continue;
		if (guest_hooks_is_tail_target(l->obj, bpf_program__fd(prog)))
			continue;
		if (bpf_program__type(prog) == BPF_PROG_TYPE_PERF_EVENT) {
			int err = l->perf ? -E2BIG : guest_hooks_attach_perf(prog, &l->perf, &l->nperf);

			link = NULL;
			attached = err == 0;
			errno = -err;
		} else if (bpf_program__type(prog) == BPF_PROG_TYPE_SOCKET_FILTER) {
			int fd = l->nsocks < DOJO_MAX_PROGRAMS ?
				 guest_hooks_attach_socket(bpf_program__fd(prog)) : -E2BIG;

			link = NULL;
			attached = fd >= 0;
			if (attached)
				l->socks[l->nsocks++] = fd;
			else
				errno = -fd;
		} else {
			link = attach_one(prog, sec);
			attached = link && l->nlinks < DOJO_MAX_PROGRAMS;
			if (attached) {
				l->linked[l->nlinks] = prog;
				l->links[l->nlinks++] = link;
			}
		}
		if (attached) {
			struct proto_attached m;

			guest_copy(m.prog, sizeof(m.prog), bpf_program__name(prog));
			guest_copy(m.section, sizeof(m.section), sec);
			rc = guest_chan_send(chan, FRAME_ATTACHED,
					     proto_put_attached(guest_chan_buf(chan), &m));
		} else {
			struct proto_attach_failed m = { .err = link ? -E2BIG : -errno };

			bpf_link__destroy(link);
			if (m.err == 0)
				m.err = -EINVAL;
			failed++;
			guest_copy(m.prog, sizeof(m.prog), bpf_program__name(prog));
			guest_copy(m.section, sizeof(m.section), sec);
			attach_sentence(m.msg, sizeof(m.msg), sec, m.err);
			rc = guest_chan_send(chan, FRAME_ATTACH_FAILED,
					     proto_put_attach_failed(guest_chan_buf(chan), &m));
		}
		if (rc)
			return rc;
	}
	return failed;
}

int guest_loader_read_iters(struct guest_loader *l)
{
	for (unsigned i = 0; i < l->nlinks; i++) {
		struct bpf_program *prog = l->linked[i];
		int rc;

		if (bpf_program__expected_attach_type(prog) == BPF_TRACE_ITER &&
		    (rc = guest_hooks_read_iter(chan, bpf_program__name(prog),
						bpf_link__fd(l->links[i]))) && chan->dead)
			return rc;
	}
	return 0;
}

static void guest_loader_detach(struct guest_loader *l)
{
	for (unsigned i = 0; i < l->nlinks; i++)
		bpf_link__destroy(l->links[i]);
	l->nlinks = 0;
	for (unsigned i = 0; i < l->nsocks; i++)
		close(l->socks[i]);
	l->nsocks = 0;
	for (unsigned i = 0; i < l->nperf; i++)
		bpf_link__destroy(l->perf[i]);
	free(l->perf);
	l->perf = NULL;
	l->nperf = 0;
}

void guest_loader_set_play(int on)
{
	play_mode = on;
}

struct bpf_object *guest_loader_object(const struct guest_loader *l)
{
	return l->obj;
}

int guest_loader_events_fd(const struct guest_loader *l)
{
	return bpf_map__fd(l->events);
}

uint64_t guest_loader_kernel_dropped(const struct guest_loader *l)
{
	const struct btf *btf = bpf_object__btf(l->obj);
	const struct btf_var_secinfo *vs;
	const struct btf_type *t;
	struct bpf_map *bss = NULL, *map;
	uint64_t v = 0;
	uint8_t *val;
	uint32_t key = 0, vsz;
	int id;

	bpf_object__for_each_map(map, l->obj) {
		const char *n = bpf_map__name(map);
		size_t len = strlen(n);

		if (len >= 4 && strcmp(n + len - 4, ".bss") == 0)
			bss = map;
	}
	if (!btf || !bss)
		return 0;
	id = btf__find_by_name_kind(btf, ".bss", BTF_KIND_DATASEC);
	if (id < 0)
		return 0;
	t = btf__type_by_id(btf, (uint32_t)id);
	vsz = bpf_map__value_size(bss);
	val = calloc(1, vsz);
	if (!val)
		return 0;
	if (bpf_map__lookup_elem(bss, &key, sizeof(key), val, vsz, 0) == 0) {
		vs = btf_var_secinfos(t);
		for (unsigned i = 0; i < btf_vlen(t); i++, vs++) {
			const struct btf_type *var = btf__type_by_id(btf, vs->type);

			if (var && strcmp(btf__name_by_offset(btf, var->name_off), "dojo_dropped") == 0 &&
			    vs->size == sizeof(v) && vs->offset + sizeof(v) <= vsz) {
				memcpy(&v, val + vs->offset, sizeof(v));
				break;
			}
		}
	}
	free(val);
	return v;
}

void guest_loader_free(struct guest_loader *l)
{
	if (!l)
		return;
	guest_loader_detach(l);
	bpf_object__close(l->obj);
	free(l->log);
	free(l);
}
