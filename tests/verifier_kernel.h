/* verifier_kernel.h: what test_verifier (the fixtures) and test_verifier_sets (the wild and
 * blind sets) share: load a compiled program into a kernel (the micro-VM's guest or this
 * host's) through the sandbox, diagnose the rejection, and check the diagnosis's JSON and
 * trace.  Static functions, included once by each of the two test files (like harness.h).
 * VERIFIER_ONLY=<substring>[,...] selects programs by name, VERIFIER_KERNEL=vm or host one
 * kernel, VERIFIER_SHOW=1 prints logs and classes. */
#ifndef DOJO_TEST_VERIFIER_KERNEL_H
#define DOJO_TEST_VERIFIER_KERNEL_H

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

#define MAX_FIXTURES 128

/* The two kernels a program is loaded into. */
enum { K_HOST, K_VM, K_N };
static const char *const kernel_names[K_N] = { "host", "vm" };

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
 * 1 when a class diagnosed it, 0 for the fallback or a failure (reported).  @want_line
 * non-zero: sets *@hit when a class placed its primary or a secondary span on that line;
 * @accepted non-NULL: a kernel accepting the program is counted there, not failed. */
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
				*hit = known && grade_diag_shows_line(d, want_line);
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

static void set_kernels(int *kernels)
{
	const char *kern = getenv("VERIFIER_KERNEL");

	for (int k = 0; k < K_N; k++)
		kernels[k] = !kern || !strcmp(kern, kernel_names[k]);
}

/* The *.bpf.c files in @dir whose names VERIFIER_ONLY selects, sorted, into @names (each to
 * free()); their count. */
static size_t list_programs(const char *dir_path, char **names, size_t cap)
{
	const char *only = getenv("VERIFIER_ONLY");
	DIR *dir = opendir(dir_path);
	struct dirent *e;
	size_t n = 0;

	CHECK(dir, "cannot open %s (run from the repository root)", dir_path);
	while (dir && (e = readdir(dir)) && n < cap) {
		size_t l = strlen(e->d_name);

		if (l > 6 && !strcmp(e->d_name + l - 6, ".bpf.c") && selected(e->d_name, only))
			names[n++] = strdup(e->d_name);
	}
	if (dir)
		closedir(dir);
	CHECK(n < cap, "more than %zu programs in %s: raise MAX_FIXTURES", cap, dir_path);
	qsort(names, n, sizeof(names[0]), cmp_names);
	return n;
}

#endif
