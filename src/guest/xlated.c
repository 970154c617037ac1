/* xlated.c: on demand (JOB_XLATED), each loaded program as the kernel holds it, sent to the
 * host as one XLATED frame: the xlated instructions, their line info, the JITed image and
 * where each line info's code starts in it, and the names the instructions refer to.  The
 * host decodes and prints it (src/grade/xlated.c); the agent only gathers.
 *
 * The kernel dumps a helper call as an offset from __bpf_call_base and a map as its id, not
 * as names; the names come from /proc/kallsyms (one read, only for the calls the programs
 * make) and from the object's maps' info, as "h <imm> <name>" and "m <id> <name>" lines; "b
 * <address> __bpf_call_base" and "j <image offset> <hex address>" (each JITed function's) let
 * the host name the JIT's calls too. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bpf.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "core/frame.h"
#include "core/limits.h"
#include "guest.h"

#define NAMES_MAX 8192u   /* bytes of names per program */

struct xl {
	struct bpf_prog_info info;
	struct bpf_insn *insns;
	struct bpf_line_info *lines;
	uint8_t *jited;
	uint64_t *jited_lines, *ksyms;
	uint32_t *func_lens, *jit_offs;
	char *names;
	size_t names_len;
};

static void xl_free(struct xl *x)
{
	free(x->insns);
	free(x->lines);
	free(x->jited);
	free(x->jited_lines);
	free(x->ksyms);
	free(x->func_lens);
	free(x->jit_offs);
	free(x->names);
	memset(x, 0, sizeof(*x));
}

/* Two calls: the sizes, then the arrays (each capped, the kernel fills what fits). */
static int get_info(int fd, struct xl *x)
{
	struct bpf_prog_info a = { 0 }, ask, *i = &x->info;
	uint32_t len = sizeof(a);

	if (bpf_prog_get_info_by_fd(fd, &a, &len))
		return -errno;
	memset(i, 0, sizeof(*i));
	i->xlated_prog_len = a.xlated_prog_len < DOJO_MAX_XLATED_INSNS * 8u ?
			     a.xlated_prog_len : DOJO_MAX_XLATED_INSNS * 8u;
	if (a.line_info_rec_size == sizeof(struct bpf_line_info) && a.nr_line_info) {
		i->nr_line_info = a.nr_line_info < DOJO_MAX_XLATED_INSNS ? a.nr_line_info : DOJO_MAX_XLATED_INSNS;
		i->line_info_rec_size = sizeof(struct bpf_line_info);
	}
	i->jited_prog_len = a.jited_prog_len < DOJO_MAX_XLATED_JIT ? a.jited_prog_len : DOJO_MAX_XLATED_JIT;
	if (a.jited_line_info_rec_size == sizeof(uint64_t) && i->nr_line_info &&
	    a.nr_jited_line_info == a.nr_line_info && a.nr_jited_ksyms &&
	    a.nr_jited_ksyms == a.nr_jited_func_lens && a.nr_jited_ksyms <= DOJO_MAX_XLATED_FUNCS) {
		i->nr_jited_line_info = i->nr_line_info;
		i->jited_line_info_rec_size = sizeof(uint64_t);
		i->nr_jited_ksyms = i->nr_jited_func_lens = a.nr_jited_ksyms;
	}
	x->insns = malloc(i->xlated_prog_len + 8);
	x->lines = calloc(i->nr_line_info + 1, sizeof(*x->lines));
	x->jited = malloc(i->jited_prog_len + 1);
	x->jited_lines = calloc(i->nr_jited_line_info + 1, sizeof(uint64_t));
	x->ksyms = calloc(i->nr_jited_ksyms + 1, sizeof(uint64_t));
	x->func_lens = calloc(i->nr_jited_func_lens + 1, sizeof(uint32_t));
	x->jit_offs = calloc(i->nr_jited_line_info + 1, sizeof(uint32_t));
	if (!x->insns || !x->lines || !x->jited || !x->jited_lines || !x->ksyms || !x->func_lens ||
	    !x->jit_offs)
		return -ENOMEM;
	i->xlated_prog_insns = (uintptr_t)x->insns;
	i->line_info = (uintptr_t)x->lines;
	i->jited_prog_insns = (uintptr_t)x->jited;
	i->jited_line_info = (uintptr_t)x->jited_lines;
	i->jited_ksyms = (uintptr_t)x->ksyms;
	i->jited_func_lens = (uintptr_t)x->func_lens;
	ask = *i;
	len = sizeof(*i);
	if (bpf_prog_get_info_by_fd(fd, i, &len))
		return -errno;
	/* the kernel writes the full sizes back: keep the smaller, what was copied */
#define KEEP(f) i->f = i->f < ask.f ? i->f : ask.f
	KEEP(xlated_prog_len);
	KEEP(nr_line_info);
	KEEP(jited_prog_len);
	KEEP(nr_jited_line_info);
	KEEP(nr_jited_ksyms);
	KEEP(nr_jited_func_lens);
#undef KEEP
	if (i->nr_jited_line_info != i->nr_line_info)
		i->nr_jited_line_info = 0;
	return 0;
}

/* Where each line info's JITed code starts, as an offset into the image (the functions'
 * images one after the other, as the kernel dumps them); UINT32_MAX when not known. */
static void jit_offsets(struct xl *x)
{
	const struct bpf_prog_info *i = &x->info;

	for (uint32_t l = 0; l < i->nr_jited_line_info; l++) {
		uint64_t a = x->jited_lines[l], base = 0;

		x->jit_offs[l] = UINT32_MAX;
		for (uint32_t k = 0; k < i->nr_jited_ksyms; k++) {
			if (a >= x->ksyms[k] && a < x->ksyms[k] + x->func_lens[k]) {
				uint64_t off = base + (a - x->ksyms[k]);

				x->jit_offs[l] = off < i->jited_prog_len ? (uint32_t)off : UINT32_MAX;
				break;
			}
			base += x->func_lens[k];
		}
	}
}

static void name_add(struct xl *x, const char *fmt, long long v, const char *name)
{
	int n;

	if (!x->names && !(x->names = calloc(1, NAMES_MAX)))
		return;
	n = snprintf(x->names + x->names_len, NAMES_MAX - x->names_len, fmt, v, name);
	if (n > 0 && x->names_len + (size_t)n < NAMES_MAX)
		x->names_len += (size_t)n;
	else
		x->names[x->names_len] = 0;
}

static int is_helper_call(const struct bpf_insn *in)
{
	return in->code == (BPF_JMP | BPF_CALL) && in->src_reg == 0;
}

/* The helpers' names: one pass over /proc/kallsyms for the addresses the calls name. */
static void helper_names(struct xl *x)
{
	size_t n = x->info.xlated_prog_len / sizeof(struct bpf_insn);
	unsigned long long base = 0, addr;
	char line[512], name[256], type;
	int want = 0;
	FILE *f;

	for (size_t k = 0; k < n; k++)
		want |= is_helper_call(&x->insns[k]);
	if (!want || !(f = fopen("/proc/kallsyms", "re")))
		return;
	/* __bpf_call_base first: the symbols come by address, not all before it */
	while (!base && fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) == 3 &&
		    !strcmp(name, "__bpf_call_base"))
			base = addr;
	if (base)   /* the JIT calls helpers by address: the host names them with this */
		name_add(x, "b %lld %s\n", (long long)base, "__bpf_call_base");
	rewind(f);
	while (base && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3 || (type != 't' && type != 'T'))
			continue;
		for (size_t k = 0; k < n; k++) {
			const struct bpf_insn *in = &x->insns[k];

			if (!is_helper_call(in) || base + (unsigned long long)(long long)in->imm != addr)
				continue;
			name_add(x, "h %lld %s\n", in->imm, name);
			break;
		}
	}
	fclose(f);
}

/* Where each JITed function runs ("j <image offset> <address>"): the host disassembles at the
 * real addresses, so the JIT's calls can be named. */
static void func_addrs(struct xl *x)
{
	uint64_t off = 0;
	char a[32];

	for (uint32_t k = 0; k < x->info.nr_jited_ksyms; k++) {
		snprintf(a, sizeof(a), "%llx", (unsigned long long)x->ksyms[k]);
		name_add(x, "j %lld %s\n", (long long)off, a);
		off += x->func_lens[k];
	}
}

static void map_names(struct xl *x, struct bpf_object *obj)
{
	struct bpf_map *map;

	bpf_object__for_each_map(map, obj) {
		struct bpf_map_info mi = { 0 };
		uint32_t len = sizeof(mi);

		if (bpf_map__fd(map) >= 0 && !bpf_map_get_info_by_fd(bpf_map__fd(map), &mi, &len))
			name_add(x, "m %lld %s\n", mi.id, bpf_map__name(map));
	}
}

static int send_one(struct guest_chan *c, struct bpf_program *prog, struct bpf_object *obj)
{
	struct xl x = { 0 };
	struct proto_xlated m = { 0 };
	int rc = get_info(bpf_program__fd(prog), &x);

	if (rc) {
		char msg[160];

		snprintf(msg, sizeof(msg), "prog '%s': cannot read its instructions: %s",
			 bpf_program__name(prog), strerror(-rc));
		xl_free(&x);
		return guest_send_log(c, 1, msg);
	}
	jit_offsets(&x);
	helper_names(&x);
	func_addrs(&x);
	map_names(&x, obj);
	guest_copy(m.prog, sizeof(m.prog), bpf_program__name(prog));
	m.insns = (const uint8_t *)x.insns;
	m.insns_len = x.info.xlated_prog_len;
	m.lines = (const uint8_t *)x.lines;
	m.lines_len = (size_t)x.info.nr_line_info * sizeof(struct bpf_line_info);
	m.jited = x.jited;
	m.jited_len = x.info.jited_prog_len < DOJO_MAX_XLATED_JIT ? x.info.jited_prog_len : DOJO_MAX_XLATED_JIT;
	m.jit_offs = (const uint8_t *)x.jit_offs;
	m.jit_offs_len = (size_t)x.info.nr_jited_line_info * sizeof(uint32_t);
	m.names = (const uint8_t *)(x.names ? x.names : "");
	m.names_len = x.names_len;
	rc = guest_chan_send(c, FRAME_XLATED, proto_put_xlated(guest_chan_buf(c), &m));
	xl_free(&x);
	return rc;
}

int guest_send_xlated(struct guest_chan *c, struct bpf_object *obj)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, obj) {
		int rc;

		if (bpf_program__fd(prog) < 0)
			continue;
		rc = send_one(c, prog, obj);
		if (rc)
			return rc;
	}
	return 0;
}
