/* webbtf.c: the editor's completion data, made at build time from the kernel's BTF (the same
 * vmlinux the server's vmlinux.h comes from), written as JSON into a directory of the site:
 *
 *   index.json      {"kfuncs": [[name, prototype], ...], "raw_tps": [name, ...],
 *                    "sections": [[prefix, program type], ...], "shards": N}
 *   types-K.json    {"task_struct": [[member, type], ...], "union foo": [...], ...}: the members
 *                   of each named struct (a union's key starts with "union "), anonymous members
 *                   flattened as C lets them be reached; struct K of N by FNV-1a of the key, so
 *                   the page loads only the shard of the type it completes (editor: complete.js).
 *
 * kfuncs are the FUNCs with the decl tag "bpf_kfunc" when the BTF has them (pahole >= 1.27);
 * Debian's kernels have none, so they are also read from the kernel's kfunc sets: each
 * BTF_KFUNCS_START/END set is a "struct btf_id_set8" {u32 cnt, u32 flags (BTF_SET8_KFUNCS),
 * {u32 id, u32 flags}[cnt]} in the ELF section .BTF_ids, its ids filled by resolve_btfids.  The
 * vmlinux has no symbols to find them by, so the section is scanned for that shape: a count, the
 * KFUNCS flag, and as many ids each naming a BTF FUNC (a false match would need cnt words in a
 * row that all happen to be FUNC ids).  Raw
 * tracepoints are the "btf_trace_<name>" typedefs (tp_btf/<name>, raw_tp/<name>).  libbpf has no
 * call that lists its section names, so the prefixes are a table here, each one kept only if
 * this libbpf's libbpf_prog_type_by_name() accepts it.
 * Usage: webbtf VMLINUX OUTDIR */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <fcntl.h>
#include <gelf.h>
#include <jansson.h>
#include <unistd.h>

#define WEBBTF_SHARDS       32    /* types-K.json files */
#define WEBBTF_MAX_MEMBERS  160   /* members listed per type (task_struct has ~270) */
#define WEBBTF_MAX_DEPTH    4     /* anonymous struct/union nesting followed */
#define WEBBTF_TYPE_STR     160   /* a member's type as text */
#define WEBBTF_SET8_MAX     4096  /* entries of one kfunc set */
#define BTF_SET8_KFUNCS     1u    /* include/linux/btf_ids.h */

/* A section prefix as the learner types it and a name that probes it in libbpf. */
struct sec_probe {
	const char *prefix, *probe;
};

static const struct sec_probe sec_probes[] = {
	{ "tp/", "tp/a/b" }, { "tracepoint/", "tracepoint/a/b" }, { "raw_tp/", "raw_tp/a" },
	{ "raw_tracepoint/", "raw_tracepoint/a" }, { "tp_btf/", "tp_btf/a" },
	{ "kprobe/", "kprobe/a" }, { "kretprobe/", "kretprobe/a" },
	{ "kprobe.multi/", "kprobe.multi/a" }, { "kretprobe.multi/", "kretprobe.multi/a" },
	{ "ksyscall/", "ksyscall/a" }, { "kretsyscall/", "kretsyscall/a" },
	{ "fentry/", "fentry/a" }, { "fexit/", "fexit/a" }, { "fmod_ret/", "fmod_ret/a" },
	{ "fentry.s/", "fentry.s/a" }, { "fexit.s/", "fexit.s/a" },
	{ "uprobe/", "uprobe/a" }, { "uretprobe/", "uretprobe/a" }, { "uprobe.s/", "uprobe.s/a" },
	{ "usdt/", "usdt/a" }, { "lsm/", "lsm/a" }, { "lsm.s/", "lsm.s/a" },
	{ "lsm_cgroup/", "lsm_cgroup/a" }, { "iter/", "iter/a" }, { "iter.s/", "iter.s/a" },
	{ "xdp", "xdp" }, { "xdp.frags", "xdp.frags" }, { "tc", "tc" },
	{ "tcx/ingress", "tcx/ingress" }, { "tcx/egress", "tcx/egress" },
	{ "netkit/primary", "netkit/primary" }, { "socket", "socket" },
	{ "sk_skb/stream_parser", "sk_skb/stream_parser" },
	{ "sk_skb/stream_verdict", "sk_skb/stream_verdict" }, { "sk_msg", "sk_msg" },
	{ "sk_lookup", "sk_lookup" }, { "sockops", "sockops" }, { "flow_dissector", "flow_dissector" },
	{ "cgroup_skb/ingress", "cgroup_skb/ingress" }, { "cgroup_skb/egress", "cgroup_skb/egress" },
	{ "cgroup/skb", "cgroup/skb" }, { "cgroup/sock_create", "cgroup/sock_create" },
	{ "cgroup/sock_release", "cgroup/sock_release" }, { "cgroup/connect4", "cgroup/connect4" },
	{ "cgroup/connect6", "cgroup/connect6" }, { "cgroup/bind4", "cgroup/bind4" },
	{ "cgroup/bind6", "cgroup/bind6" }, { "cgroup/sendmsg4", "cgroup/sendmsg4" },
	{ "cgroup/sendmsg6", "cgroup/sendmsg6" }, { "cgroup/recvmsg4", "cgroup/recvmsg4" },
	{ "cgroup/recvmsg6", "cgroup/recvmsg6" }, { "cgroup/getpeername4", "cgroup/getpeername4" },
	{ "cgroup/getsockname4", "cgroup/getsockname4" }, { "cgroup/sysctl", "cgroup/sysctl" },
	{ "cgroup/getsockopt", "cgroup/getsockopt" }, { "cgroup/setsockopt", "cgroup/setsockopt" },
	{ "cgroup/dev", "cgroup/dev" }, { "perf_event", "perf_event" },
	{ "struct_ops/", "struct_ops/a" }, { "syscall", "syscall" }, { "lwt_in", "lwt_in" },
	{ "lwt_out", "lwt_out" }, { "lwt_xmit", "lwt_xmit" }, { "sk_reuseport", "sk_reuseport" },
	{ "license", NULL }, { ".maps", NULL },
};

struct sbuf {
	char s[WEBBTF_TYPE_STR];
	size_t n;
	int cut;
};

static void sbuf_printf(void *ctx, const char *fmt, va_list args)
{
	struct sbuf *b = ctx;
	int n;

	if (b->cut)
		return;
	n = vsnprintf(b->s + b->n, sizeof(b->s) - b->n, fmt, args);
	if (n < 0 || (size_t)n >= sizeof(b->s) - b->n) {
		b->cut = 1;
		b->s[b->n] = 0;
		return;
	}
	b->n += (size_t)n;
}

/* btf_dump prints into this one buffer (its printf callback's context). */
static struct sbuf decl_buf;

/* @id as C declares it, named @name (NULL: a bare type), into decl_buf; 0 or a negative errno. */
static int decl(struct btf_dump *d, __u32 id, const char *name)
{
	struct sbuf *b = &decl_buf;
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts, .field_name = name ? name : "");

	b->n = 0;
	b->cut = 0;
	b->s[0] = 0;
	return btf_dump__emit_type_decl(d, id, &opts);
}

static int append_pair(json_t *arr, const char *a, const char *b)
{
	json_t *p = json_pack("[s, s]", a, b);

	return p && !json_array_append_new(arr, p) ? 0 : -ENOMEM;
}

static int add_kfunc(const struct btf *btf, struct btf_dump *d, __u32 id, json_t *out,
		     json_t *seen)
{
	const struct btf_type *ft = btf__type_by_id(btf, id);
	const char *name;
	int err;

	if (!ft || !btf_is_func(ft))
		return 0;
	name = btf__name_by_offset(btf, ft->name_off);
	if (json_object_get(seen, name))
		return 0;
	if ((err = decl(d, ft->type, name)) < 0)
		return err;
	if (decl_buf.cut)
		return 0;
	if (json_object_set_new(seen, name, json_true()))
		return -ENOMEM;
	return append_pair(out, name, decl_buf.s);
}

static bool is_func(const struct btf *btf, __u32 id)
{
	const struct btf_type *t = id < btf__type_cnt(btf) ? btf__type_by_id(btf, id) : NULL;

	return t && btf_is_func(t);
}

/* The kfunc sets in the .BTF_ids section of @path (see the top of the file). */
static int kfunc_sets(const char *path, const struct btf *btf, struct btf_dump *d, json_t *out,
		      json_t *seen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), err = 0;
	Elf *elf = NULL;
	Elf_Scn *scn = NULL;
	Elf_Data *data = NULL;
	size_t shstrndx;

	if (fd < 0)
		return -errno;
	if (elf_version(EV_CURRENT) == EV_NONE || !(elf = elf_begin(fd, ELF_C_READ, NULL)) ||
	    elf_getshdrstrndx(elf, &shstrndx)) {
		err = -EINVAL;
		goto out;
	}
	while ((scn = elf_nextscn(elf, scn))) {
		GElf_Shdr sh;
		const char *name;

		if (!gelf_getshdr(scn, &sh) || !(name = elf_strptr(elf, shstrndx, sh.sh_name)))
			continue;
		if (!strcmp(name, ".BTF_ids")) {
			data = elf_getdata(scn, NULL);
			break;
		}
	}
	if (!data || !data->d_buf)
		goto out;   /* no kfunc sets: only the decl tags count */
	const __u32 *w = data->d_buf;
	size_t n = data->d_size / 4;

	for (size_t i = 0; i + 2 < n && !err; i++) {
		__u32 cnt = w[i], k;

		if (!cnt || cnt > WEBBTF_SET8_MAX || w[i + 1] != BTF_SET8_KFUNCS || i + 2 + 2 * (size_t)cnt > n)
			continue;
		for (k = 0; k < cnt && is_func(btf, w[i + 2 + 2 * k]); k++)
			;
		if (k < cnt)
			continue;
		for (k = 0; k < cnt && !err; k++)
			err = add_kfunc(btf, d, w[i + 2 + 2 * k], out, seen);
		i += 1 + 2 * (size_t)cnt;
	}
out:
	if (elf)
		elf_end(elf);
	close(fd);
	return err;
}

static int kfuncs(const char *path, const struct btf *btf, struct btf_dump *d, json_t *out)
{
	__u32 cnt = btf__type_cnt(btf);
	json_t *seen = json_object();
	int err = seen ? 0 : -ENOMEM;

	for (__u32 i = 1; i < cnt && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (btf_is_decl_tag(t) && btf_decl_tag(t)->component_idx == -1 &&
		    !strcmp(btf__name_by_offset(btf, t->name_off), "bpf_kfunc"))
			err = add_kfunc(btf, d, t->type, out, seen);
	}
	if (!err)
		err = kfunc_sets(path, btf, d, out, seen);
	json_decref(seen);
	return err;
}

static int raw_tps(const struct btf *btf, json_t *out)
{
	__u32 cnt = btf__type_cnt(btf);

	for (__u32 i = 1; i < cnt; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const char *name = btf__name_by_offset(btf, t->name_off);

		if (btf_is_typedef(t) && !strncmp(name, "btf_trace_", 10) && name[10] &&
		    json_array_append_new(out, json_string(name + 10)))
			return -ENOMEM;
	}
	return 0;
}

static int sections(json_t *out)
{
	for (size_t i = 0; i < sizeof(sec_probes) / sizeof(sec_probes[0]); i++) {
		const struct sec_probe *p = &sec_probes[i];
		enum bpf_prog_type pt;
		enum bpf_attach_type at;
		const char *what = p->probe ? NULL : (p->prefix[0] == '.' ? "maps" : "license");

		if (p->probe && !libbpf_prog_type_by_name(p->probe, &pt, &at))
			what = libbpf_bpf_prog_type_str(pt);
		if (what && append_pair(out, p->prefix, what))
			return -ENOMEM;
	}
	return 0;
}

/* The members of struct/union @id into @arr, anonymous ones flattened. */
static int members(const struct btf *btf, struct btf_dump *d, __u32 id, json_t *arr, int depth)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	const struct btf_member *m = btf_members(t);
	int err;

	for (__u16 k = 0; k < btf_vlen(t) && json_array_size(arr) < WEBBTF_MAX_MEMBERS; k++, m++) {
		const char *name = btf__name_by_offset(btf, m->name_off);

		if (!*name) {
			__s32 inner = btf__resolve_type(btf, m->type);
			const struct btf_type *it = inner > 0 ? btf__type_by_id(btf, inner) : NULL;

			if (it && btf_is_composite(it) && depth < WEBBTF_MAX_DEPTH &&
			    (err = members(btf, d, inner, arr, depth + 1)) < 0)
				return err;
			continue;
		}
		if ((err = decl(d, m->type, NULL)) < 0)
			return err;
		if ((err = append_pair(arr, name, decl_buf.cut ? "?" : decl_buf.s)) < 0)
			return err;
	}
	return 0;
}

/* FNV-1a, 32 bits: complete.js computes the same to find a type's shard. */
static unsigned shard_of(const char *s)
{
	unsigned h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h % WEBBTF_SHARDS;
}

static int types(const struct btf *btf, struct btf_dump *d, json_t **shards)
{
	__u32 cnt = btf__type_cnt(btf);
	char key[256];

	for (__u32 i = 1; i < cnt; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);
		const char *name = btf__name_by_offset(btf, t->name_off);
		json_t *arr;
		int err;

		if (!btf_is_composite(t) || !*name || !btf_vlen(t))
			continue;
		snprintf(key, sizeof(key), "%s%s", btf_is_union(t) ? "union " : "", name);
		if (json_object_get(shards[shard_of(key)], key))
			continue;   /* a duplicate name: the first one stands */
		if (!(arr = json_array()))
			return -ENOMEM;
		if ((err = members(btf, d, i, arr, 0)) < 0) {
			json_decref(arr);
			return err;
		}
		if (json_object_set_new(shards[shard_of(key)], key, arr))
			return -ENOMEM;
	}
	return 0;
}

static int write_json(const char *dir, const char *file, json_t *o)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if (json_dump_file(o, path, JSON_COMPACT | JSON_ENSURE_ASCII)) {
		fprintf(stderr, "webbtf: cannot write %s: %s\n", path, strerror(errno));
		return -EIO;
	}
	return 0;
}

int main(int argc, char **argv)
{
	json_t *index = NULL, *kf = json_array(), *tps = json_array(), *secs = json_array();
	json_t *shards[WEBBTF_SHARDS] = { 0 };
	struct btf_dump *d = NULL;
	struct btf *btf = NULL;
	int err = -ENOMEM;
	char file[64];

	if (argc != 3) {
		fprintf(stderr, "usage: webbtf VMLINUX OUTDIR\n");
		return 2;
	}
	btf = btf__parse(argv[1], NULL);
	if (!btf) {
		fprintf(stderr, "webbtf: no BTF in %s: %s\n", argv[1], strerror(errno));
		return 1;
	}
	d = btf_dump__new(btf, sbuf_printf, &decl_buf, NULL);
	if (!d || !kf || !tps || !secs)
		goto out;
	for (int i = 0; i < WEBBTF_SHARDS; i++)
		if (!(shards[i] = json_object()))
			goto out;
	if ((err = kfuncs(argv[1], btf, d, kf)) < 0 || (err = raw_tps(btf, tps)) < 0 ||
	    (err = sections(secs)) < 0 || (err = types(btf, d, shards)) < 0)
		goto out;
	err = -ENOMEM;
	index = json_pack("{s:O, s:O, s:O, s:i}", "kfuncs", kf, "raw_tps", tps, "sections", secs,
			  "shards", WEBBTF_SHARDS);
	if (!index)
		goto out;
	if ((err = write_json(argv[2], "index.json", index)) < 0)
		goto out;
	for (int i = 0; i < WEBBTF_SHARDS; i++) {
		snprintf(file, sizeof(file), "types-%d.json", i);
		if ((err = write_json(argv[2], file, shards[i])) < 0)
			goto out;
	}
out:
	if (err == -ENOMEM)
		fprintf(stderr, "webbtf: out of memory\n");
	else if (err < 0 && err != -EIO)
		fprintf(stderr, "webbtf: %s\n", strerror(-err));
	for (int i = 0; i < WEBBTF_SHARDS; i++)
		json_decref(shards[i]);
	json_decref(index);
	json_decref(kf);
	json_decref(tps);
	json_decref(secs);
	btf_dump__free(d);
	btf__free(btf);
	return err < 0;
}
