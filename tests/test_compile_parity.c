/* test_compile_parity.c: the resident compiler gives what compile_bpf() gives (compile.h):
 * the same status, diagnostics and stderr, a byte-identical .BTF and .BTF.ext (up to clang's
 * unstable order of forward declarations), the same object but for the DWARF that only the
 * one-shot compile writes, for a row of small cases and every real-world program and exercise
 * solution; and the two comparisons themselves catch what they must.
 * Usage: test_compile_parity [FIXTURE_DIR [EXERCISES_DIR]] (default tests/compile exercises). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "compile/compile.h"
#include "tests/harness.h"
#include "tests/compile_sources.h"
#include "tests/btf_order.h"
#include "tests/elf_same.h"


static char srcbuf[DOJO_MAX_SOURCE_BYTES + 1];

static bool same_section(const struct compile_result *a, const struct compile_result *b, const char *name)
{
	size_t la = 0, lb = 0;
	const uint8_t *sa = elf_section(a->obj, a->obj_len, name, &la), *sb = elf_section(b->obj, b->obj_len, name, &lb);

	return sa && sb && la == lb && !memcmp(sa, sb, la);
}

static int btf_identical, btf_fwd_order;

/* Compile @src both ways and compare everything a caller can see. */
static void parity(struct compile_server *srv, const char *what, const char *filename, const char *src, size_t len)
{
	struct compile_opts opts = { .filename = filename };
	struct compile_result one, res;
	struct dojo_err e1 = { 0 }, e2 = { 0 };
	int r1 = compile_bpf(src, len, &opts, &one, &e1), r2 = compile_server_bpf(srv, src, len, &opts, &res, &e2);

	CHECK(r1 == 0 && r2 == 0, "%s: ret %d / %d: %s / %s", what, r1, r2, e1.msg, e2.msg);
	if (r1 || r2)
		goto out;
	CHECK(one.status == res.status, "%s: status %d one-shot, %d resident", what, one.status, res.status);
	CHECK(!strcmp(e1.msg, e2.msg) && e1.code == e2.code, "%s: err '%s' vs '%s'", what, e1.msg, e2.msg);
	/* A crash's stack dump holds addresses: compare its parsed diagnostics only. */
	CHECK(strstr(what, "crash") || (!one.raw_stderr && !res.raw_stderr) ||
	      (one.raw_stderr && res.raw_stderr && !strcmp(one.raw_stderr, res.raw_stderr)),
	      "%s: stderr differs:\n%s\n---\n%s", what, one.raw_stderr ? one.raw_stderr : "", res.raw_stderr ? res.raw_stderr : "");
	CHECK(one.ndiags == res.ndiags, "%s: %zu vs %zu diagnostics", what, one.ndiags, res.ndiags);
	for (size_t i = 0; i < one.ndiags && i < res.ndiags; i++)
		CHECK(!memcmp(&one.diags[i], &res.diags[i], sizeof(one.diags[i])), "%s: diagnostic %zu differs", what, i);
	if (one.status == COMPILE_OK && res.status == COMPILE_OK) {
		size_t la = 0, lb = 0;
		const uint8_t *ba = elf_section(one.obj, one.obj_len, ".BTF", &la), *bb = elf_section(res.obj, res.obj_len, ".BTF", &lb);
		char why[256] = "";

		CHECK(same_section(&one, &res, ".BTF.ext"), "%s: .BTF.ext differs", what);
		CHECK(!elf_section(res.obj, res.obj_len, ".debug_info", &lb), "%s: the resident object has DWARF", what);
		if (same_section(&one, &res, ".BTF")) {
			btf_identical++;
			/* The same object but for the one-shot compile's DWARF (zygote_nodwarf.c). */
			CHECK(elf_same_but_dwarf(one.obj, one.obj_len, res.obj, res.obj_len, why, sizeof(why)),
			      "%s: objects differ (%zu / %zu bytes): %s", what, one.obj_len, res.obj_len, why);
		} else {
			/* Only the order of the FWD types may differ (see btf_order.h). */
			CHECK(ba && bb && btf_equivalent(ba, la, bb, lb, why, sizeof(why)), "%s: .BTF not equivalent: %s", what, why);
			btf_fwd_order++;
		}
	}
out:
	if (!r1)
		compile_result_free(&one);
	if (!r2)
		compile_result_free(&res);
}

static size_t read_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return 0;
	n = fread(srcbuf, 1, sizeof(srcbuf) - 1, f);
	fclose(f);
	return n;
}

/* Every *.bpf.c under @dir, down to @depth levels; returns how many. */
static int parity_dir(struct compile_server *srv, const char *dir, int depth)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int count = 0;

	while (d && (de = readdir(d))) {
		char path[2048];
		size_t l = strlen(de->d_name);

		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_type == DT_DIR && depth > 0) {
			count += parity_dir(srv, path, depth - 1);
		} else if (l > 6 && !strcmp(de->d_name + l - 6, ".bpf.c")) {
			size_t n = read_file(path);

			CHECK(n > 0, "cannot read %s", path);
			parity(srv, path, de->d_name, srcbuf, n);
			count++;
		}
	}
	if (d)
		closedir(d);
	return count;
}

/* The equivalence itself: true for a .BTF against itself, false against another program's or
 * against one with a member offset changed. */
static void test_btf_equivalent(struct compile_server *srv)
{
	struct compile_result a, b;
	struct dojo_err err = { 0 };
	const uint8_t *ba, *bb;
	size_t la = 0, lb = 0;
	char why[256];

	if (compile_server_bpf(srv, TASK, strlen(TASK), NULL, &a, &err))
		return;
	if (compile_server_bpf(srv, SMALL, strlen(SMALL), NULL, &b, &err)) {
		compile_result_free(&a);
		return;
	}
	ba = elf_section(a.obj, a.obj_len, ".BTF", &la);
	bb = elf_section(b.obj, b.obj_len, ".BTF", &lb);
	CHECK(ba && bb, "no .BTF in the objects");
	if (ba && bb) {
		uint8_t *copy = malloc(la);
		struct btf_view *v = calloc(1, sizeof(*v));
		bool changed = false;

		CHECK(btf_equivalent(ba, la, ba, la, why, sizeof(why)), "a .BTF is not equivalent to itself: %s", why);
		CHECK(!btf_equivalent(ba, la, bb, lb, why, sizeof(why)), "two programs' .BTF found equivalent");
		/* Bump the offset of the first member of the first struct. */
		memcpy(copy, ba, la);
		if (btf_parse(copy, la, v))
			for (uint32_t i = 1; i <= v->n && !changed; i++)
				if (btf_kind(v, i) == 4 && (u32_at(v->types + v->off[i - 1] + 4) & 0xffff)) {
					copy[(size_t)(v->types - copy) + v->off[i - 1] + 12 + 8] ^= 0x40;
					changed = true;
				}
		CHECK(changed && !btf_equivalent(ba, la, copy, la, why, sizeof(why)), "a changed member offset went unnoticed");
		free(copy);
		free(v);
	}
	compile_result_free(&a);
	compile_result_free(&b);
}

/* The object comparison itself: true for a resident object against itself, false against
 * another program's, a changed instruction, or an object with DWARF (the one-shot one). */
static void test_elf_same(struct compile_server *srv)
{
	struct compile_result a, b, one;
	struct dojo_err err = { 0 };
	const uint8_t *text;
	uint8_t *copy;
	size_t lt = 0;
	char why[256];

	if (compile_server_bpf(srv, SMALL, strlen(SMALL), NULL, &a, &err))
		return;
	if (!compile_server_bpf(srv, TASK, strlen(TASK), NULL, &b, &err)) {
		CHECK(!elf_same_but_dwarf(a.obj, a.obj_len, b.obj, b.obj_len, why, sizeof(why)), "two programs' objects found the same");
		compile_result_free(&b);
	}
	if (!compile_bpf(SMALL, strlen(SMALL), NULL, &one, &err)) {
		CHECK(elf_same_but_dwarf(one.obj, one.obj_len, a.obj, a.obj_len, why, sizeof(why)), "one-shot vs resident: %s", why);
		CHECK(!elf_same_but_dwarf(a.obj, a.obj_len, one.obj, one.obj_len, why, sizeof(why)) && strstr(why, "DWARF"),
		      "an object with DWARF passed for one without: %s", why);
		compile_result_free(&one);
	}
	CHECK(elf_same_but_dwarf(a.obj, a.obj_len, a.obj, a.obj_len, why, sizeof(why)), "an object differs from itself: %s", why);
	text = elf_section(a.obj, a.obj_len, "tracepoint/sched/sched_process_exec", &lt);
	copy = malloc(a.obj_len);
	CHECK(text && lt && copy, "no program section in the small object");
	if (text && lt && copy) {
		memcpy(copy, a.obj, a.obj_len);
		copy[(size_t)(text - a.obj) + lt - 1] ^= 1;
		CHECK(!elf_same_but_dwarf(a.obj, a.obj_len, copy, a.obj_len, why, sizeof(why)), "a changed instruction went unnoticed");
	}
	free(copy);
	compile_result_free(&a);
}

static void test_parity(struct compile_server *srv, const char *fixtures, const char *exercises)
{
	static const struct { const char *what, *src; } rows[] = {
		{ "small", SMALL },
		{ "task_struct", TASK },
		{ "type error", "#include \"vmlinux.h\"\n#include <bpf/bpf_helpers.h>\nSEC(\"kprobe/x\")\n"
				"int f(struct task_struct *t) { return t->no_such_field; }\n" },
		{ "warning", SMALL "#warning look here\nstatic int unused;\n" },
		{ "many errors", "SEC(\"x\") int f(void) { return a + b + c + d + e + f0 + g + h + i + j + k + l + m + n + o + p + q + r + s + t + u + v; }\n" },
		{ "syntax error", "SEC(\"x\") int f(void) { return 0 }\n" },
		{ "rejected: no SEC", "int f(void) { return 0; }\n" },
		{ "clang crash", "#pragma clang __debug crash\nSEC(\"x\") int f(void) { return 0; }\n" },
	};
	char rw[1024];
	int n;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		parity(srv, rows[i].what, "prog.bpf.c", rows[i].src, strlen(rows[i].src));
	snprintf(rw, sizeof(rw), "%s/realworld", fixtures);
	n = parity_dir(srv, rw, 0);
	CHECK(n >= 8, "only %d real-world programs in %s", n, rw);
	n = parity_dir(srv, exercises, 2);
	CHECK(n >= 3, "only %d exercise programs in %s", n, exercises);
	printf("compile_server: .BTF byte-identical for %d programs, equal up to clang's unstable FWD order for %d\n",
	       btf_identical, btf_fwd_order);
}

int main(int argc, char **argv)
{
	const char *fixtures = argc > 1 ? argv[1] : "tests/compile", *exercises = argc > 2 ? argv[2] : "exercises";
	struct compile_server_opts o = { 0 };
	struct compile_server *srv;
	struct dojo_paths paths;
	struct dojo_err err = { 0 };

	CHECK(dojo_paths_init(&paths, &err) == 0, "dojo_paths_init: %s", err.msg);
	o.paths = &paths;
	srv = compile_server_new(&o, &err);
	CHECK(srv != NULL, "compile_server_new: %s", err.msg);
	if (srv) {
		test_btf_equivalent(srv);
		test_elf_same(srv);
		test_parity(srv, fixtures, exercises);
		compile_server_free(srv);
	}
	return harness_done("compile_parity");
}
