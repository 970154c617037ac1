/* btfgen.c: write a vmlinux.h from a kernel's BTF, whole or trimmed to a set of root types.
 *
 * `full` mode reproduces `bpftool btf dump file VMLINUX format c` (bpftool 7.5): the same
 * prologue (guard __VMLINUX_H__, which bpf_tracing.h tests to pick the kernel pt_regs names; the
 * preserve_access_index pragma), the same type order (bpftool's sorted dump) and the kfunc
 * prototypes.  `trim` mode dumps only the given roots plus a base set every libbpf program needs
 * (fixed-width typedefs, bool, the map-type and map-flag enums), under the same prologue, for the
 * browser checker.  Types are dumped by libbpf's btf_dump; named structs reached only through a
 * pointer become forward declarations unless -p is given, which follows pointers too. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>

static FILE *out;

/* The base set of trim mode.  Entries missing from a kernel's BTF are skipped silently. */
static const char *const base_roots[] = {
	"typedef:__u8", "typedef:__s8", "typedef:__u16", "typedef:__s16",
	"typedef:__u32", "typedef:__s32", "typedef:__u64", "typedef:__s64",
	"typedef:u8", "typedef:s8", "typedef:u16", "typedef:s16",
	"typedef:u32", "typedef:s32", "typedef:u64", "typedef:s64",
	"typedef:__be16", "typedef:__be32", "typedef:__be64", "typedef:__wsum", "typedef:__sum16",
	"typedef:bool", "enumval:false",
	"enum:bpf_map_type", "enum:bpf_prog_type", "enum:bpf_attach_type",
	"enumval:BPF_ANY", "enumval:BPF_F_CURRENT_CPU", "enumval:BPF_RB_NO_WAKEUP",
};

/* libbpf 1.4 prints an empty parameter list as "()", bpftool 7.5 (libbpf 1.5) as "(void)".  btf_dump
 * emits the list's "(" and ")" as separate fragments, so a ")" right after a lone "(" is one. */
static void dump_printf(void *ctx, const char *fmt, va_list args)
{
	static bool open_paren;
	char s[512];
	va_list again;
	int n;

	(void)ctx;
	va_copy(again, args);
	n = vsnprintf(s, sizeof(s), fmt, args);
	if (n < 0 || (size_t)n >= sizeof(s)) {
		open_paren = false;
		vfprintf(out, fmt, again);
		va_end(again);
		return;
	}
	va_end(again);
	if (open_paren && !strcmp(s, ")"))
		fputs("void", out);
	open_paren = !strcmp(s, "(");
	fputs(s, out);
}

/* ---- bpftool's sort order (btf.c: sort_btf_c), reproduced so the output is identical ---- */

struct sort_datum {
	int index;
	int type_rank;
	const char *sort_name;
	const char *own_name;
	unsigned long long disambig_hash;
};

static int type_rank(const struct btf *btf, __u32 id, bool has_name)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	const int max_rank = 10;

	if (t->name_off)
		has_name = true;
	switch (btf_kind(t)) {
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		return has_name ? 1 : 0;
	case BTF_KIND_INT:
	case BTF_KIND_FLOAT:
		return 2;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		return has_name ? 3 : max_rank;
	case BTF_KIND_FUNC_PROTO:
		return has_name ? 4 : max_rank;
	case BTF_KIND_ARRAY:
		return has_name ? type_rank(btf, btf_array(t)->type, has_name) : max_rank;
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_CONST:
	case BTF_KIND_PTR:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_DECL_TAG:
		return has_name ? type_rank(btf, t->type, has_name) : max_rank;
	default:
		return max_rank;
	}
}

static const char *sort_name(const struct btf *btf, __u32 id, bool from_ref)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	__u32 name_off;

	switch (btf_kind(t)) {
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		name_off = t->name_off;
		if (!from_ref && !name_off && btf_vlen(t))
			name_off = btf_is_enum64(t) ? btf_enum64(t)->name_off : btf_enum(t)->name_off;
		return btf__name_by_offset(btf, name_off);
	case BTF_KIND_ARRAY:
		return sort_name(btf, btf_array(t)->type, true);
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_CONST:
	case BTF_KIND_PTR:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_DECL_TAG:
		return sort_name(btf, t->type, true);
	default:
		return btf__name_by_offset(btf, t->name_off);
	}
}

static unsigned long long name_hash(unsigned long long h, const struct btf *btf, __u32 off)
{
	unsigned long long s = 0;

	if (!off)
		return h;
	for (const char *p = btf__name_by_offset(btf, off); *p; p++)
		s = s * 31 + (unsigned long long)(long long)*p;  /* libbpf str_hash: signed char */
	return h * 31 + s;
}

static unsigned long long disambig_hash(const struct btf *btf, __u32 id, bool members)
{
	const struct btf_type *t = btf__type_by_id(btf, id);
	unsigned long long h = name_hash(0, btf, t->name_off);
	int i;

	switch (btf_kind(t)) {
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		for (i = 0; i < btf_vlen(t); i++)
			h = name_hash(h, btf, btf_is_enum(t) ? btf_enum(t)[i].name_off
							     : btf_enum64(t)[i].name_off);
		break;
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		if (!members)
			break;
		for (i = 0; i < btf_vlen(t); i++) {
			const struct btf_member *m = btf_members(t) + i;

			h = name_hash(h, btf, m->name_off);
			h = h * 31 + disambig_hash(btf, m->type, false);
		}
		break;
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_CONST:
	case BTF_KIND_PTR:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_DECL_TAG:
		h = h * 31 + disambig_hash(btf, t->type, members);
		break;
	case BTF_KIND_ARRAY:
		h = h * 31 + btf_array(t)->nelems;
		h = h * 31 + disambig_hash(btf, btf_array(t)->type, members);
		break;
	default:
		break;
	}
	return h;
}

static int datum_cmp(const void *a, const void *b)
{
	const struct sort_datum *d1 = a, *d2 = b;
	int r = d1->type_rank - d2->type_rank;

	if (!r)
		r = strcmp(d1->sort_name, d2->sort_name);
	if (!r)
		r = strcmp(d1->own_name, d2->own_name);
	if (r)
		return r;
	if (d1->disambig_hash != d2->disambig_hash)
		return d1->disambig_hash < d2->disambig_hash ? -1 : 1;
	return d1->index - d2->index;
}

static int cmp_func_name(const void *a, const void *b, void *ctx)
{
	const struct btf *btf = ctx;
	const struct btf_type *ta = *(const struct btf_type *const *)a;
	const struct btf_type *tb = *(const struct btf_type *const *)b;

	return strcmp(btf__name_by_offset(btf, ta->name_off), btf__name_by_offset(btf, tb->name_off));
}

/* extern prototypes of the functions tagged "bpf_kfunc", sorted by name (as bpftool does). */
static int dump_kfuncs(struct btf_dump *d, const struct btf *btf)
{
	LIBBPF_OPTS(btf_dump_emit_type_decl_opts, opts);
	__u32 cnt = btf__type_cnt(btf), n = 0;
	const struct btf_type **kf = calloc(cnt, sizeof(*kf));
	int err = 0;

	if (!kf)
		return -ENOMEM;
	fprintf(out, "\n/* BPF kfuncs */\n#ifndef BPF_NO_KFUNC_PROTOTYPES\n");
	for (__u32 i = 1; i < cnt; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i), *ft;

		if (!btf_is_decl_tag(t) || btf_decl_tag(t)->component_idx != -1)
			continue;
		ft = btf__type_by_id(btf, t->type);
		if (btf_is_func(ft) && !strcmp(btf__name_by_offset(btf, t->name_off), "bpf_kfunc"))
			kf[n++] = ft;
	}
	qsort_r(kf, n, sizeof(*kf), cmp_func_name, (void *)btf);
	for (__u32 i = 0; i < n && !err; i++) {
		fprintf(out, "extern ");
		opts.field_name = btf__name_by_offset(btf, kf[i]->name_off);
		err = btf_dump__emit_type_decl(d, kf[i]->type, &opts);
		fprintf(out, " __weak __ksym;\n");
	}
	fprintf(out, "#endif\n\n");
	free(kf);
	return err;
}

static int dump_full(const struct btf *btf, struct btf_dump *d)
{
	int n = (int)btf__type_cnt(btf), err = 0;
	struct sort_datum *ds = malloc(sizeof(*ds) * n);

	if (!ds)
		return -ENOMEM;
	for (int i = 0; i < n; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		ds[i] = (struct sort_datum){
			.index = i,
			.type_rank = type_rank(btf, i, false),
			.sort_name = sort_name(btf, i, false),
			.own_name = btf__name_by_offset(btf, t->name_off),
			.disambig_hash = disambig_hash(btf, i, true),
		};
	}
	qsort(ds, n, sizeof(*ds), datum_cmp);
	/* bpftool starts at position 1 of the sorted array; do the same for identical output. */
	for (int i = 1; i < n && !err; i++)
		err = btf_dump__dump_type(d, ds[i].index);
	free(ds);
	return err ? err : dump_kfuncs(d, btf);
}

/* ---- trim mode ---- */

/* Resolve "kind:NAME" (struct, union, typedef, enum, enumval) or a bare NAME.  0 if not found. */
static __u32 find_root(const struct btf *btf, const char *spec)
{
	static const struct { const char *pfx; int kind; } kinds[] = {
		{ "struct:", BTF_KIND_STRUCT }, { "union:", BTF_KIND_UNION },
		{ "typedef:", BTF_KIND_TYPEDEF }, { "enum:", BTF_KIND_ENUM },
		{ "func:", BTF_KIND_FUNC },
	};
	__u32 cnt = btf__type_cnt(btf);
	int id;

	if (!strncmp(spec, "enumval:", 8)) {
		for (__u32 i = 1; i < cnt; i++) {
			const struct btf_type *t = btf__type_by_id(btf, i);

			for (int j = 0; btf_is_any_enum(t) && j < btf_vlen(t); j++) {
				__u32 off = btf_is_enum(t) ? btf_enum(t)[j].name_off
							   : btf_enum64(t)[j].name_off;
				if (!strcmp(btf__name_by_offset(btf, off), spec + 8))
					return i;
			}
		}
		return 0;
	}
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		size_t l = strlen(kinds[k].pfx);

		if (strncmp(spec, kinds[k].pfx, l))
			continue;
		id = btf__find_by_name_kind(btf, spec + l, kinds[k].kind);
		if (id < 0 && kinds[k].kind == BTF_KIND_ENUM)
			id = btf__find_by_name_kind(btf, spec + l, BTF_KIND_ENUM64);
		return id < 0 ? 0 : (__u32)id;
	}
	id = btf__find_by_name(btf, spec);
	return id < 0 ? 0 : (__u32)id;
}

/* Mark @id and, with @ptrs, everything it references (through pointers too). */
static void mark(const struct btf *btf, __u32 id, bool ptrs, unsigned char *seen)
{
	__u32 *stack, sp = 0, cnt = btf__type_cnt(btf);

	if (!ptrs) {
		seen[id] = 1;
		return;
	}
	stack = malloc(sizeof(*stack) * cnt);
	if (!stack) {
		seen[id] = 1;
		return;
	}
	stack[sp++] = id;
	while (sp) {
		__u32 cur = stack[--sp];
		const struct btf_type *t;

		if (!cur || seen[cur])
			continue;
		seen[cur] = 1;
		t = btf__type_by_id(btf, cur);
		switch (btf_kind(t)) {
		case BTF_KIND_STRUCT:
		case BTF_KIND_UNION:
			for (int i = 0; i < btf_vlen(t); i++)
				stack[sp++] = btf_members(t)[i].type;
			break;
		case BTF_KIND_FUNC_PROTO:
			stack[sp++] = t->type;
			for (int i = 0; i < btf_vlen(t); i++)
				stack[sp++] = btf_params(t)[i].type;
			break;
		case BTF_KIND_ARRAY:
			stack[sp++] = btf_array(t)->type;
			break;
		case BTF_KIND_PTR: case BTF_KIND_TYPEDEF: case BTF_KIND_CONST:
		case BTF_KIND_VOLATILE: case BTF_KIND_RESTRICT: case BTF_KIND_TYPE_TAG:
		case BTF_KIND_FUNC:
			stack[sp++] = t->type;
			break;
		default:
			break;
		}
	}
	free(stack);
}

static int dump_trim(const struct btf *btf, struct btf_dump *d, char **roots, int nroots, bool ptrs)
{
	__u32 cnt = btf__type_cnt(btf);
	unsigned char *seen = calloc(cnt, 1);
	int err = 0, bad = 0;

	if (!seen)
		return -ENOMEM;
	for (size_t i = 0; i < sizeof(base_roots) / sizeof(base_roots[0]); i++) {
		__u32 id = find_root(btf, base_roots[i]);

		if (id)
			seen[id] = 1;
	}
	for (int i = 0; i < nroots; i++) {
		__u32 id = find_root(btf, roots[i]);

		if (!id) {
			bad++;  /* already reported by main() */
			continue;
		}
		mark(btf, id, ptrs, seen);
	}
	if (bad) {
		free(seen);
		return -ENOENT;
	}
	/* Dump in id order: btf_dump emits dependencies first, so the result is self-contained. */
	for (__u32 i = 1; i < cnt && !err; i++) {
		const struct btf_type *t = btf__type_by_id(btf, i);

		if (seen[i] && !btf_is_func(t))
			err = btf_dump__dump_type(d, i);
	}
	free(seen);
	return err;
}

/* Read roots from @path (one per line, '#' comments) and append them to *roots. */
static int read_roots(const char *path, char ***roots, int *nroots)
{
	char line[256];
	FILE *f = fopen(path, "r");

	if (!f) {
		fprintf(stderr, "btfgen: %s: %s\n", path, strerror(errno));
		return -errno;
	}
	while (fgets(line, sizeof(line), f)) {
		char *s = line, *e, **nr;

		s += strspn(s, " \t");
		e = s + strcspn(s, " \t\r\n#");
		*e = 0;
		if (!*s)
			continue;
		nr = realloc(*roots, sizeof(**roots) * (*nroots + 1));
		if (!nr || !(nr[*nroots] = strdup(s))) {
			free(nr);
			fclose(f);
			return -ENOMEM;
		}
		*roots = nr;
		(*nroots)++;
	}
	fclose(f);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: btfgen full VMLINUX [-o OUT]\n"
		"       btfgen trim VMLINUX [-o OUT] [-p] [-r ROOTS_FILE] [ROOT...]\n"
		"VMLINUX is an ELF with .BTF or a raw BTF file (/sys/kernel/btf/vmlinux).\n"
		"ROOT is struct:NAME, union:NAME, typedef:NAME, enum:NAME, enumval:NAME or NAME;\n"
		"-p also defines every type reachable through pointers.\n");
}

int main(int argc, char **argv)
{
	const char *outpath = NULL, *mode, *src;
	char **roots = NULL, tmp[4096];
	int nroots = 0, err = 0, argi;
	bool ptrs = false, full;
	struct btf_dump *d = NULL;
	struct btf *btf;

	if (argc < 3 || (strcmp(argv[1], "full") && strcmp(argv[1], "trim"))) {
		usage();
		return 2;
	}
	mode = argv[1];
	src = argv[2];
	full = !strcmp(mode, "full");
	for (argi = 3; argi < argc; argi++) {
		if (!strcmp(argv[argi], "-o") && argi + 1 < argc) {
			outpath = argv[++argi];
		} else if (!strcmp(argv[argi], "-p") && !full) {
			ptrs = true;
		} else if (!strcmp(argv[argi], "-r") && argi + 1 < argc && !full) {
			if (read_roots(argv[++argi], &roots, &nroots))
				return 1;
		} else if (argv[argi][0] == '-' || full) {
			usage();
			return 2;
		} else {
			char **nr = realloc(roots, sizeof(*roots) * (nroots + 1));

			if (!nr || !(nr[nroots] = strdup(argv[argi]))) {
				fprintf(stderr, "btfgen: out of memory\n");
				return 1;
			}
			roots = nr;
			nroots++;
		}
	}

	btf = btf__parse(src, NULL);
	if (!btf) {
		fprintf(stderr, "btfgen: cannot read BTF from %s: %s\n", src, strerror(errno));
		return 1;
	}
	/* Check every root before writing anything: a typo must not produce a header. */
	for (int i = 0; i < nroots; i++) {
		if (!find_root(btf, roots[i])) {
			fprintf(stderr, "btfgen: unknown type '%s' in %s (write struct:NAME, union:NAME, typedef:NAME, enum:NAME, enumval:NAME or a bare NAME)\n", roots[i], src);
			err = -ENOENT;
		}
	}
	if (err) {
		btf__free(btf);
		return 1;
	}
	/* Write to OUT.tmp and rename, so an interrupted run never leaves a half header. */
	out = stdout;
	if (outpath) {
		snprintf(tmp, sizeof(tmp), "%s.tmp", outpath);
		out = fopen(tmp, "w");
		if (!out) {
			fprintf(stderr, "btfgen: %s: %s\n", tmp, strerror(errno));
			btf__free(btf);
			return 1;
		}
	}
	d = btf_dump__new(btf, dump_printf, NULL, NULL);
	if (!d) {
		err = -errno;
		goto done;
	}
	fprintf(out, "#ifndef __VMLINUX_H__\n#define __VMLINUX_H__\n\n"
		"#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n"
		"#pragma clang attribute push (__attribute__((preserve_access_index)), apply_to = record)\n"
		"#endif\n\n"
		"#ifndef __ksym\n#define __ksym __attribute__((section(\".ksyms\")))\n#endif\n\n"
		"#ifndef __weak\n#define __weak __attribute__((weak))\n#endif\n\n");
	err = full ? dump_full(btf, d) : dump_trim(btf, d, roots, nroots, ptrs);
	if (err)
		goto done;
	fprintf(out, "#ifndef BPF_NO_PRESERVE_ACCESS_INDEX\n#pragma clang attribute pop\n#endif\n\n"
		"#endif /* __VMLINUX_H__ */\n");
done:
	btf_dump__free(d);
	btf__free(btf);
	for (int i = 0; i < nroots; i++)
		free(roots[i]);
	free(roots);
	if (out != stdout) {
		if (fclose(out) || err) {
			if (!err)
				fprintf(stderr, "btfgen: writing %s failed\n", tmp);
			remove(tmp);
			return 1;
		}
		if (rename(tmp, outpath)) {
			fprintf(stderr, "btfgen: rename to %s: %s\n", outpath, strerror(errno));
			return 1;
		}
	}
	if (err && err != -ENOENT)
		fprintf(stderr, "btfgen: dumping types failed: %s\n", strerror(-err));
	return err ? 1 : 0;
}
