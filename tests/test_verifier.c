/* test_verifier.c: the verifier-log diagnosis (src/grade/verifier.h).
 *
 * (The canned-log rows and the fuzz loop are tests/test_verifier_log.c's.)
 * Fixtures: every tests/verifier/<NN-class>.bpf.c is compiled once, loaded through the sandbox
 * into each kernel it runs in (the micro-VM's guest kernel and this host's), must be rejected
 * there (at load or attach), and its rendered diagnosis must match <NN-class>.expected, or
 * <NN-class>.<vm|host>.expected where the kernels word it differently (UPDATE_EXPECTED=1
 * rewrites them for review).  Needs root, the guest kernel and its initramfs.
 * VERIFIER_ONLY=<substring>[,<substring>...] runs only matching fixtures; VERIFIER_KERNEL=vm or
 * host only that kernel; VERIFIER_SHOW=1 prints their logs and classes.
 * `test_verifier wild` runs instead the set in tests/verifier-wild/, `test_verifier blind` the
 * one in tests/verifier-blind/ and `test_verifier blind2` the second one in tests/verifier-blind2/
 * (programs nobody wrote the classes for): a rejection must be diagnosed; how many a class named
 * with a span on the marked line is a figure, listed per program, not asserted. */
#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <unistd.h>
#include "compile/compile.h"
#include "core/proto.h"
#include "grade/verifier.h"
#include "grade/verifier_internal.h"
#include "harness.h"
#include "pipeline/pipeline.h"
#include "sandbox/sandbox.h"

#define FIXTURE_DIR "tests/verifier"
#define MAX_FIXTURES 128

/* ---- fixtures in the real kernel ---- */

struct outcome {
	int load_failed, attach_failed;
	int err;
	char prog[PROTO_NAME_MAX], section[PROTO_NAME_MAX], msg[PROTO_TEXT_MAX];
	char *log;
	size_t log_len;
};

static int on_frame(const struct sandbox_msg *m, void *ctx)
{
	struct outcome *o = ctx;

	if (m->type == FRAME_LOAD_FAILED) {
		const struct proto_load_failed lf = m->u.load_failed;

		o->load_failed = 1;
		o->err = lf.err;
		snprintf(o->prog, sizeof(o->prog), "%s", lf.prog);
		snprintf(o->msg, sizeof(o->msg), "%s", lf.msg);
		o->log = malloc(lf.log_len + 1);
		if (!o->log)
			return -ENOMEM;
		memcpy(o->log, lf.log, lf.log_len);
		o->log[lf.log_len] = 0;
		o->log_len = lf.log_len;
	} else if (m->type == FRAME_ATTACH_FAILED && !o->attach_failed) {
		const struct proto_attach_failed af = m->u.attach_failed;

		o->attach_failed = 1;
		o->err = af.err;
		snprintf(o->prog, sizeof(o->prog), "%s", af.prog);
		snprintf(o->section, sizeof(o->section), "%s", af.section);
		snprintf(o->msg, sizeof(o->msg), "%s", af.msg);
	}
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "re");
	char *b = NULL;
	long n;

	*len = 0;
	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (b = malloc((size_t)n + 1)))
		*len = fread(b, 1, (size_t)n, f);
	fclose(f);
	if (b)
		b[*len] = 0;
	return b;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The diagnosis's JSON form, from the one event writer (pipeline.h). */
static int check_json(const struct grade_diag *d, const char *name)
{
	json_t *j = pipeline_diag_json(d);
	int ok;

	ok = j && json_is_string(json_object_get(j, "title")) &&
	     json_is_object(json_object_get(j, "primary")) &&
	     json_is_array(json_object_get(j, "secondary")) &&
	     json_is_string(json_object_get(j, "raw_log")) &&
	     json_integer_value(json_object_get(json_object_get(j, "primary"), "line")) ==
	     d->primary.line;
	CHECK(ok, "%s: JSON rendering parses and has its fields", name);
	json_decref(j);
	return ok;
}

/* What the verifier saw (d->trace and its JSON): for a rejection whose log has instructions,
 * a path in order that ends on the refused step; on fixture 05 (an off-by-one check), the
 * check's jump and the refused line with the pointer's state, in each kernel. */
static void check_trace(const struct grade_diag *d, const char *name, const char *kernel,
			int rejected_insns)
{
	json_t *j, *t, *last;
	int ok = 1, saw_check = 0;
	struct buf text;

	if (rejected_insns < 0) {   /* an attach failure: no log, no trace */
		CHECK(d->ntrace == 0, "%s (%s): a trace without instructions", name, kernel);
		return;
	}
	if (!rejected_insns)        /* a load cut short, or no instruction refused */
		return;
	CHECK(d->ntrace > 0 && d->ntrace <= GRADE_TRACE_MAX_STEPS && d->trace[d->ntrace - 1].rejected,
	      "%s (%s): trace of %u steps, the last not the refused one", name, kernel, d->ntrace);
	for (unsigned i = 0; i < d->ntrace; i++) {
		const struct grade_trace_step *s = &d->trace[i];

		ok &= s->ninsns > 0 && s->insn >= 0 && (i == 0 || s->insn != d->trace[i - 1].insn) &&
		      (!s->rejected || i + 1 == d->ntrace);
		if (s->line == 27 && !strcmp(s->branch, "taken"))
			saw_check = 1;
	}
	CHECK(ok, "%s (%s): a trace step without instructions or out of place", name, kernel);
	j = pipeline_diag_json(d);
	t = j ? json_object_get(j, "verifier_trace") : NULL;
	last = t ? json_array_get(t, json_array_size(t) - 1) : NULL;
	CHECK(json_array_size(t) == d->ntrace && last &&
	      json_is_integer(json_object_get(last, "line")) &&
	      json_is_integer(json_object_get(last, "insn")) &&
	      json_is_string(json_object_get(last, "text")) &&
	      json_is_true(json_object_get(last, "rejected")),
	      "%s (%s): verifier_trace in the JSON diagnosis", name, kernel);
	if (!strcmp(name, "05-ringbuf-off-by-one.bpf.c")) {
		const struct grade_trace_step *s = &d->trace[d->ntrace - 1];
		const char *r1 = json_string_value(json_object_get(json_object_get(last, "regs"),
								   "R1"));

		CHECK(saw_check, "%s (%s): the trace lacks the check at line 27, jump taken", name,
		      kernel);
		CHECK(s->line == 31 && r1 && strstr(r1, "ringbuf_mem") && strstr(r1, "umax") &&
		      strstr(s->text, "e->buf[idx]"),
		      "%s (%s): refused step at line %d '%s', R1 %s", name, kernel, s->line, s->text,
		      r1 ? r1 : "(none)");
		buf_init(&text, 1 << 20);
		CHECK(!grade_trace_render_text(d, 0, &text) && text.data &&
		      strstr((char *)text.data, "31 | e->buf[idx] = 'c';") &&
		      strstr((char *)text.data, "<- refused here") &&
		      strstr((char *)text.data, "<- jump taken"),
		      "%s (%s): rendered trace:\n%s", name, kernel,
		      text.data ? (char *)text.data : "");
		buf_free(&text);
	}
	json_decref(j);
}

/* The kernels a fixture runs in.  A fixture that one kernel accepts says so in a comment
 * "fixture: host only: <why>" (or "vm only") and runs only where it is rejected.  Its
 * diagnosis is <NN-class>.expected when both kernels word it alike, else one file per kernel,
 * <NN-class>.host.expected and <NN-class>.vm.expected. */
enum { K_HOST, K_VM, K_N };
static const char *const kernel_names[K_N] = { "host", "vm" };

static int fixture_runs_in(const char *src, int k)
{
	const char *only = strstr(src, "fixture: ");

	if (!only || !strstr(only, " only:"))
		return 1;
	return !strncmp(only + 9, kernel_names[k], strlen(kernel_names[k]));
}

static void expected_path(char *out, size_t cap, const char *name, const char *kernel)
{
	int stem = (int)(strlen(name) - strlen(".bpf.c"));

	if (kernel)
		snprintf(out, cap, FIXTURE_DIR "/%.*s.%s.expected", stem, name, kernel);
	else
		snprintf(out, cap, FIXTURE_DIR "/%.*s.expected", stem, name);
}

/* The distinct classes seen per kernel (for the closing line). */
static char seen_cls[2][MAX_FIXTURES][40];
static int nseen[2];

static void saw_class(int k, const char *cls)
{
	for (int i = 0; i < nseen[k]; i++)
		if (!strcmp(seen_cls[k][i], cls))
			return;
	if (nseen[k] < MAX_FIXTURES)
		snprintf(seen_cls[k][nseen[k]++], sizeof(seen_cls[k][0]), "%s", cls);
}

/* Whether a step of @d's trace is on @line. */
static int trace_visits(const struct grade_diag *d, int line)
{
	for (unsigned i = 0; i < d->ntrace; i++)
		if (d->trace[i].line == line)
			return 1;
	return 0;
}

/* Load @cr's object in kernel @k and diagnose the rejection; the rendered text in @text.
 * 1 when a class diagnosed it, 0 for the fallback or a failure (reported). */
static int on_line(const struct grade_diag *d, int line)
{
	if (d->primary.line == line)
		return 1;
	for (unsigned i = 0; i < d->nsecondary; i++)
		if (d->secondary[i].line == line)
			return 1;
	return 0;
}

/* ... and, @want_line non-zero, sets *@hit when a class placed its primary or a secondary span
 * on that line. */
static int diagnose_in(const char *name, const char *src, size_t src_len,
		       const struct compile_result *cr, int k, int show, struct buf *text,
		       int want_line, int *hit, int *accepted)
{
	struct sandbox_job job = { .exercise = "process-name", .key = 1,
				   .obj = cr->obj, .obj_len = cr->obj_len };
	struct sandbox_opts sopts = { .kind = k == K_VM ? SANDBOX_VM : SANDBOX_HOST,
				      .timeout_ms = 20000 };
	struct outcome o = { 0 };
	struct dojo_err err = { 0 };
	struct grade_diag *d = NULL;
	int rc, known = 0;

	rc = sandbox_run(&job, &sopts, on_frame, &o, NULL, &err);
	CHECK(rc == 0, "%s (%s): sandbox_run: %d %s", name, kernel_names[k], rc, err.msg);
	if (accepted)   /* a figure's set: a kernel that accepts it is counted apart */
		*accepted = rc == 0 && !o.load_failed && !o.attach_failed;
	else
		CHECK(o.load_failed || o.attach_failed, "%s (%s): was not rejected", name,
		      kernel_names[k]);
	if (show)
		printf("---- %s (%s): err %d prog '%s' section '%s'\nmsg: %s\n%s\n", name,
		       kernel_names[k], o.err, o.prog, o.section, o.msg, o.log ? o.log : "");
	if (o.load_failed)
		d = grade_diagnose_load(cr->obj, cr->obj_len, o.prog, o.err, o.log, o.log_len,
					o.msg, src, src_len, name);
	else if (o.attach_failed)
		d = grade_diagnose_attach(cr->obj, cr->obj_len, o.prog, o.section, o.err, o.msg,
					  src, src_len, name);
	if (o.load_failed || o.attach_failed) {
		CHECK(d != NULL, "%s (%s): no diagnosis", name, kernel_names[k]);
		if (d) {
			known = d->known;
			if (known && !want_line)
				saw_class(k, d->cls);
			if (hit)
				*hit = known && on_line(d, want_line);
			if (accepted && !strcmp(d->cls, "no-dojo-h"))
				*accepted = 1;   /* verified, then refused for the missing dojo.h */
			else
				CHECK(!want_line || strcmp(d->cls, "no-dojo-h"),
				      "%s (%s): the verifier accepted it", name, kernel_names[k]);
			CHECK(!grade_diag_render_text(d, 0, text), "%s: render", name);
			check_json(d, name);
			check_trace(d, name, kernel_names[k], !o.load_failed ? -1 :
				    o.log && strstr(o.log, ": (") && strcmp(d->cls, "no-dojo-h") &&
				    strcmp(d->cls, "unknown"));
			/* a load cut by its deadline: the agent gives the verifier's log so far */
			CHECK(strcmp(d->cls, "verifier-timeout") || (d->ntrace > 1 && d->trace_deadline &&
			      trace_visits(d, d->primary.line)),
			      "%s (%s): loading ran out of time, but no trace of the path the verifier "
			      "was walking (%u steps; log: %.200s)", name, kernel_names[k], d->ntrace,
			      o.log ? o.log : "");
			if (show) {
				struct buf tr;

				buf_init(&tr, 1 << 20);
				if (!grade_trace_render_text(d, 0, &tr) && tr.len)
					printf("%.*s", (int)tr.len, (char *)tr.data);
				buf_free(&tr);
				printf("class: %s\n%s", d->cls, text->data ? (char *)text->data : "");
			}
		}
	}
	grade_diag_free(d);
	free(o.log);
	return known;
}

static void write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "we");

	CHECK(f && fwrite(b->data, 1, b->len, f) == b->len, "%s: cannot write", path);
	if (f)
		fclose(f);
}

static int same_text(const struct buf *a, const struct buf *b)
{
	return a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len));
}

/* UPDATE_EXPECTED=1: one <NN>.expected when the kernels it ran in say the same (or it runs in
 * one kernel only), else <NN>.host.expected and <NN>.vm.expected.  A run restricted to one
 * kernel (VERIFIER_KERNEL) writes that kernel's file only where the shared one differs. */
static void update_expected(const char *name, const int *in, int both, const struct buf *text)
{
	char shared[512], per[K_N][512];

	expected_path(shared, sizeof(shared), name, NULL);
	for (int k = 0; k < K_N; k++)
		expected_path(per[k], sizeof(per[k]), name, kernel_names[k]);
	if (in[K_HOST] && in[K_VM]) {
		if (same_text(&text[K_HOST], &text[K_VM])) {
			write_file(shared, &text[K_HOST]);
			unlink(per[K_HOST]);
			unlink(per[K_VM]);
		} else {
			write_file(per[K_HOST], &text[K_HOST]);
			write_file(per[K_VM], &text[K_VM]);
			unlink(shared);
		}
		return;
	}
	for (int k = 0; k < K_N; k++) {
		size_t len = 0;
		char *cur;

		if (!in[k])
			continue;
		if (!both) {   /* the fixture runs in this kernel only */
			write_file(shared, &text[k]);
			unlink(per[k]);
			continue;
		}
		cur = slurp(shared, &len);
		if (cur && len == text[k].len && (!len || !memcmp(cur, text[k].data, len)))
			unlink(per[k]);
		else
			write_file(per[k], &text[k]);
		free(cur);
	}
}

/* Compile one fixture, load and diagnose it in each kernel it runs in; adds to @known[k] the
 * kernels where a class diagnosed it and to @ran[k] where it ran. */
static void run_fixture(const char *name, int update, int show, const int *kernels,
			int *known, int *ran)
{
	char path[512], exp_path[512];
	size_t src_len;
	char *src;
	struct compile_result cr = { 0 };
	struct compile_opts copts = { .filename = name };
	struct dojo_err err = { 0 };
	struct buf text[K_N];
	int rc, in[K_N];

	snprintf(path, sizeof(path), FIXTURE_DIR "/%s", name);
	src = slurp(path, &src_len);
	CHECK(src, "cannot read %s", path);
	if (!src)
		return;
	for (int k = 0; k < K_N; k++) {
		buf_init(&text[k], 1 << 20);
		in[k] = kernels[k] && fixture_runs_in(src, k);
	}
	rc = compile_bpf(src, src_len, &copts, &cr, &err);
	CHECK(rc == 0 && cr.status == COMPILE_OK, "%s: does not compile: %s %s", name, err.msg,
	      cr.raw_stderr ? cr.raw_stderr : "");
	if (rc || cr.status != COMPILE_OK)
		goto out;
	for (int k = 0; k < K_N; k++) {
		if (!in[k])
			continue;
		ran[k]++;
		if (diagnose_in(name, src, src_len, &cr, k, show, &text[k], 0, NULL, NULL))
			known[k]++;
		else
			printf("  fallback (%s): %s\n", kernel_names[k], name);
	}
	if (update) {
		update_expected(name, in, fixture_runs_in(src, K_HOST) && fixture_runs_in(src, K_VM), text);
		goto out;
	}
	for (int k = 0; k < K_N; k++) {
		size_t exp_len = 0;
		char *expected;

		if (!in[k])
			continue;
		expected_path(exp_path, sizeof(exp_path), name, kernel_names[k]);
		expected = slurp(exp_path, &exp_len);
		if (!expected) {
			expected_path(exp_path, sizeof(exp_path), name, NULL);
			expected = slurp(exp_path, &exp_len);
		}
		CHECK(expected && exp_len == text[k].len &&
		      (!exp_len || !memcmp(expected, text[k].data, exp_len)),
		      "%s (%s): diagnosis differs from %s:\n%s", name, kernel_names[k], exp_path,
		      text[k].data ? (char *)text[k].data : "");
		free(expected);
	}
out:
	for (int k = 0; k < K_N; k++)
		buf_free(&text[k]);
	compile_result_free(&cr);
	free(src);
}

/* VERIFIER_ONLY=a,b,c: the fixtures whose names contain one of them. */
static int selected(const char *name, const char *only)
{
	char want[256];

	if (!only)
		return 1;
	snprintf(want, sizeof(want), "%s", only);
	for (char *save = NULL, *w = strtok_r(want, ",", &save); w; w = strtok_r(NULL, ",", &save))
		if (strstr(name, w))
			return 1;
	return 0;
}

/* VERIFIER_KERNEL=host or vm runs the fixtures in that kernel only (default: both). */
static void test_fixtures(void)
{
	const char *only = getenv("VERIFIER_ONLY"), *kern = getenv("VERIFIER_KERNEL");
	int update = getenv("UPDATE_EXPECTED") && !strcmp(getenv("UPDATE_EXPECTED"), "1");
	int show = getenv("VERIFIER_SHOW") != NULL;
	int kernels[K_N], known[K_N] = { 0 }, ran[K_N] = { 0 };
	char *names[MAX_FIXTURES];
	size_t n = 0;
	DIR *dir = opendir(FIXTURE_DIR);
	struct dirent *e;

	for (int k = 0; k < K_N; k++)
		kernels[k] = !kern || !strcmp(kern, kernel_names[k]);
	CHECK(dir, "cannot open " FIXTURE_DIR " (run from the repository root)");
	while (dir && (e = readdir(dir)) && n < MAX_FIXTURES) {
		size_t l = strlen(e->d_name);

		if (l > 6 && !strcmp(e->d_name + l - 6, ".bpf.c") && selected(e->d_name, only))
			names[n++] = strdup(e->d_name);
	}
	if (dir)
		closedir(dir);
	CHECK(n < MAX_FIXTURES, "more than %d fixtures: raise MAX_FIXTURES", MAX_FIXTURES);
	qsort(names, n, sizeof(names[0]), cmp_names);
	for (size_t i = 0; i < n; i++) {
		if (names[i])
			run_fixture(names[i], update, show, kernels, known, ran);
		free(names[i]);
	}
	printf("verifier: %d of %d fixture classes diagnosed (vm), %d of %d (host)\n",
	       known[K_VM], ran[K_VM], known[K_HOST], ran[K_HOST]);
	printf("verifier: %d distinct classes (vm), %d (host)\n", nseen[K_VM], nseen[K_HOST]);
}

/* ---- the sets nobody here wrote the classes for: their rates are figures ----
 * wild:  tests/verifier-wild/MANIFEST rows "<file> <line> <both|vm|host>" (looked at while the
 *        classes were tuned: no longer blind);
 * blind: tests/verifier-blind/<NN>.bpf.c, the line a good explanation must point at marked in the
 *        file with "// expect-line" (before any diagnosis ran), "// blind: vm only" (or host)
 *        where one kernel is meant; never tuned to;
 * blind2: tests/verifier-blind2/, a second set in the same form, written after the first had
 *        been studied (so no longer blind);
 * blind3: tests/verifier-blind3/, a third set in the same form, written without reading the
 *        classes, their tests or the other sets;
 * blind4: tests/verifier-blind4/, a fourth set in the same form, written the same blind way;
 * blind5: tests/verifier-blind5/, a fifth set in the same form, written the same blind way;
 * blind6: tests/verifier-blind6/, a sixth set in the same form, written the same blind way;
 * blind7: tests/verifier-blind7/, a seventh set in the same form, written the same blind way;
 * blind8: tests/verifier-blind8/, an eighth set in the same form, written the same blind way;
 * blind9: tests/verifier-blind9/, a ninth set in the same form, written the same blind way;
 * blind10: tests/verifier-blind10/, a tenth set in the same form, written the same blind way. */

#define WILD_DIR  "tests/verifier-wild"

/* The blind sets by the name the command line gives them: folder, and the figure's label. */
static const struct blind_set {
	const char *name, *dir, *label;
} blind_sets[] = {
	{ "blind", "tests/verifier-blind", "verifier blind set" },
	{ "blind2", "tests/verifier-blind2", "verifier blind2 set" },
	{ "blind3", "tests/verifier-blind3", "verifier blind3 set" },
	{ "blind4", "tests/verifier-blind4", "verifier blind4 set" },
	{ "blind5", "tests/verifier-blind5", "verifier blind5 set" },
	{ "blind6", "tests/verifier-blind6", "verifier blind6 set" },
	{ "blind7", "tests/verifier-blind7", "verifier blind7 set" },
	{ "blind8", "tests/verifier-blind8", "verifier blind8 set" },
	{ "blind9", "tests/verifier-blind9", "verifier blind9 set" },
	{ "blind10", "tests/verifier-blind10", "verifier blind10 set" },
};

struct set_tally {
	const char *label;
	int must_reject;   /* the wild set is all rejections: an acceptance fails the test */
	int list_all;      /* print every program's outcome, hits too (the blind sets' record) */
	int hit[K_N], ran[K_N], accepted[K_N];
};

/* One program of a set in each kernel named: a rejection must be diagnosed without a crash;
 * whether a class named it with a span on @line is a figure, and so is a kernel accepting it. */
static void run_set_program(const char *dir, const char *name, int line, const char *kernels,
			    int show, const int *kern, struct set_tally *t)
{
	char path[512];
	size_t src_len;
	char *src;
	struct compile_result cr = { 0 };
	struct compile_opts copts = { .filename = name };
	struct dojo_err err = { 0 };
	int rc;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	src = slurp(path, &src_len);
	CHECK(src, "cannot read %s", path);
	if (!src)
		return;
	rc = compile_bpf(src, src_len, &copts, &cr, &err);
	CHECK(rc == 0 && cr.status == COMPILE_OK, "%s: does not compile: %s %s", name, err.msg,
	      cr.raw_stderr ? cr.raw_stderr : "");
	for (int k = 0; rc == 0 && cr.status == COMPILE_OK && k < K_N; k++) {
		struct buf text;
		int h = 0, known, acc = 0;

		if (!kern[k] || (strcmp(kernels, "both") && strcmp(kernels, kernel_names[k])))
			continue;
		buf_init(&text, 1 << 20);
		known = diagnose_in(name, src, src_len, &cr, k, show, &text, line, &h,
				    t->must_reject ? NULL : &acc);
		if (acc) {
			t->accepted[k]++;
			printf("  %s (%s): %s: accepted by this kernel (not counted)\n", t->label,
			       kernel_names[k], name);
		} else {
			t->ran[k]++;
			t->hit[k] += h;
			if (!h || t->list_all)
				printf("  %s (%s): %s: %s, %s line %d\n", t->label, kernel_names[k],
				       name, known ? "named" : "fallback", h ? "at" : "not at", line);
		}
		buf_free(&text);
	}
	compile_result_free(&cr);
	free(src);
}

static void set_kernels(int *kernels)
{
	const char *kern = getenv("VERIFIER_KERNEL");

	for (int k = 0; k < K_N; k++)
		kernels[k] = !kern || !strcmp(kern, kernel_names[k]);
}

static void test_wild(void)
{
	const char *only = getenv("VERIFIER_ONLY");
	int show = getenv("VERIFIER_SHOW") != NULL;
	int kernels[K_N];
	struct set_tally t = { .label = "verifier-wild", .must_reject = 1 };
	FILE *f = fopen(WILD_DIR "/MANIFEST", "re");
	char row[512];

	set_kernels(kernels);
	CHECK(f, "cannot open " WILD_DIR "/MANIFEST (run from the repository root)");
	while (f && fgets(row, sizeof(row), f)) {
		char name[256], which[16];
		int line;

		if (row[0] == '#' || row[0] == '\n')
			continue;
		if (sscanf(row, "%255s %d %15s", name, &line, which) != 3 || line <= 0) {
			CHECK(0, "MANIFEST: bad row: %s", row);
			continue;
		}
		if (selected(name, only))
			run_set_program(WILD_DIR, name, line, which, show, kernels, &t);
	}
	if (f)
		fclose(f);
	printf("verifier-wild: named class with a span on the right line in %d of %d (vm), "
	       "%d of %d (host)\n", t.hit[K_VM], t.ran[K_VM], t.hit[K_HOST], t.ran[K_HOST]);
}

/* The line of @src marked "// expect-line" (0 if none, -1 if more than one), and the kernels
 * its "// blind: <vm|host> only" comment names into @which ("both" without one). */
static int blind_marks(const char *src, char *which, size_t cap)
{
	const char *only = strstr(src, "// blind: "), *m = strstr(src, "// expect-line");
	int line = 1;

	snprintf(which, cap, "both");
	if (only && !strncmp(only + 10, "vm only", 7))
		snprintf(which, cap, "vm");
	else if (only && !strncmp(only + 10, "host only", 9))
		snprintf(which, cap, "host");
	if (!m)
		return 0;
	if (strstr(m + 1, "// expect-line"))
		return -1;
	for (const char *p = src; p < m; p++)
		line += *p == '\n';
	return line;
}

/* One blind set (@set's folder): every program in each kernel it is meant for, each outcome
 * listed, then the figure line. */
static void test_blind(const struct blind_set *set)
{
	const char *only = getenv("VERIFIER_ONLY");
	int show = getenv("VERIFIER_SHOW") != NULL;
	int kernels[K_N];
	struct set_tally t = { .label = set->label, .list_all = 1 };
	char *names[MAX_FIXTURES];
	size_t n = 0;
	DIR *dir = opendir(set->dir);
	struct dirent *e;

	set_kernels(kernels);
	CHECK(dir, "cannot open %s (run from the repository root)", set->dir);
	while (dir && (e = readdir(dir)) && n < MAX_FIXTURES) {
		size_t l = strlen(e->d_name);

		if (l > 6 && !strcmp(e->d_name + l - 6, ".bpf.c") && selected(e->d_name, only))
			names[n++] = strdup(e->d_name);
	}
	if (dir)
		closedir(dir);
	CHECK(n < MAX_FIXTURES, "more than %d programs: raise MAX_FIXTURES", MAX_FIXTURES);
	qsort(names, n, sizeof(names[0]), cmp_names);
	for (size_t i = 0; i < n; i++) {
		char path[512], which[8];
		size_t len;
		char *src;
		int line;

		if (!names[i])
			continue;
		snprintf(path, sizeof(path), "%s/%s", set->dir, names[i]);
		src = slurp(path, &len);
		line = src ? blind_marks(src, which, sizeof(which)) : 0;
		CHECK(line > 0, "%s: needs exactly one \"// expect-line\" mark", names[i]);
		if (line > 0)
			run_set_program(set->dir, names[i], line, which, show, kernels, &t);
		free(src);
		free(names[i]);
	}
	printf("%s: %d of %d named at the right line (vm), %d of %d (host)\n", set->label,
	       t.hit[K_VM], t.ran[K_VM], t.hit[K_HOST], t.ran[K_HOST]);
	if (t.accepted[K_VM] || t.accepted[K_HOST])
		printf("%s: accepted, so not counted: %d (vm), %d (host)\n", set->label,
		       t.accepted[K_VM], t.accepted[K_HOST]);
}

static const struct blind_set *blind_set_named(const char *name)
{
	for (size_t i = 0; i < sizeof(blind_sets) / sizeof(blind_sets[0]); i++)
		if (!strcmp(blind_sets[i].name, name))
			return &blind_sets[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct blind_set *set = argc > 1 ? blind_set_named(argv[1]) : NULL;

	if (argc > 1 && (!strcmp(argv[1], "wild") || set)) {
		char label[64];

		snprintf(label, sizeof(label), "verifier-%s", argv[1]);
		if (geteuid() != 0)
			CHECK(0, "%s: needs root (it loads into this kernel)", label);
		else if (set)
			test_blind(set);
		else
			test_wild();
		return harness_done(label);
	}
	if (geteuid() != 0) {
		fprintf(stderr, "test_verifier: fixtures need root (they load into this kernel)\n");
		CHECK(0, "not root");
	} else {
		test_fixtures();
	}
	return harness_done("verifier");
}
