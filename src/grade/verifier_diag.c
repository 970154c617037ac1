/* verifier_diag.c: the entry points of the diagnosis: parse the log and the object, let the
 * class table (verifier_classes.c) explain the failure, else fall back to the failing source
 * line and the verifier's last words.  Also the small source-text helpers the classes use to
 * place spans on the learner's lines. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/limits.h"
#include "verifier_internal.h"

#define DIAG_FALLBACK_LINES 6   /* log lines quoted by the fallback */

bool grade_src_line(const struct vsrc *s, int line, const char **p, size_t *n)
{
	const char *t = s->text, *end = s->text + s->len;

	if (line < 1 || !t)
		return false;
	for (int i = 1; i < line; i++) {
		const char *nl = memchr(t, '\n', (size_t)(end - t));

		if (!nl)
			return false;
		t = nl + 1;
	}
	if (t > end || (t == end && line > 1 && t[-1] == '\n'))
		return false;
	*p = t;
	*n = (size_t)((const char *)(memchr(t, '\n', (size_t)(end - t)) ?: end) - t);
	return true;
}

static bool is_ident(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_';
}

/* @token in @p[0..n) at an identifier boundary when it starts/ends with one, preferring a match
 * outside string literals (DEBUG_NUM("len", len) names `len` twice) to one inside (a SEC()
 * name); -1 if absent. */
long grade_find_token(const char *p, size_t n, const char *token)
{
	size_t tl = strlen(token);
	bool in_string = false;
	long quoted = -1;

	for (size_t i = 0; tl && i + tl <= n; i++) {
		if (p[i] == '"' && (i == 0 || p[i - 1] != '\\'))
			in_string = !in_string;
		if (memcmp(p + i, token, tl))
			continue;
		if (is_ident(token[0]) && i > 0 && is_ident(p[i - 1]))
			continue;
		if (is_ident(token[tl - 1]) && i + tl < n && is_ident(p[i + tl]))
			continue;
		if (!in_string)
			return (long)i;
		if (quoted < 0)
			quoted = (long)i;
	}
	return quoted;
}

void grade_span_at(const struct vctx *c, struct grade_span *s, int line, const char *token)
{
	const char *p;
	size_t n, a = 0, b;
	long at;
	int col;

	memset(s->file, 0, sizeof(s->file));
	snprintf(s->file, sizeof(s->file), "%s", c->file);
	s->line = s->col = s->end_col = 0;
	if (!grade_src_line(c->src, line, &p, &n))
		return;
	s->line = line;
	b = n;
	while (a < n && isspace((unsigned char)p[a]))
		a++;
	while (b > a && isspace((unsigned char)p[b - 1]))
		b--;
	if (token && *token && (at = grade_find_token(p, n, token)) >= 0) {
		a = (size_t)at;
		b = a + strlen(token);
	} else if (!token && (col = grade_vobj_line_col(c->obj, line)) > 0 && (size_t)col <= n &&
		   is_ident(p[col - 1])) {
		/* the object's column: underline the identifier there */
		a = (size_t)col - 1;
		for (b = a; b < n && is_ident(p[b]); b++)
			;
	}
	if (b <= a)
		b = a + 1;
	s->col = (int)a + 1;
	s->end_col = (int)b + 1;
}

long grade_find_var(const char *p, size_t n, const char *var)
{
	for (size_t off = 0; off < n; ) {
		long at = grade_find_token(p + off, n - off, var);
		size_t i = off + (size_t)at;

		if (at < 0)
			break;
		if (!(i > 0 && p[i - 1] == '.') && !(i > 1 && p[i - 1] == '>' && p[i - 2] == '-'))
			return (long)i;
		off = i + 1;
	}
	return -1;
}

void grade_span_at_var(const struct vctx *c, struct grade_span *s, int line, const char *var)
{
	const char *p;
	size_t n;
	long at;

	grade_span_at(c, s, line, var);
	if (var && *var && grade_src_line(c->src, line, &p, &n) && (at = grade_find_var(p, n, var)) >= 0) {
		s->col = (int)at + 1;
		s->end_col = (int)(at + (long)strlen(var)) + 1;
	}
}

bool grade_call_arg_range(const char *t, long at, int argn, const char **a, const char **b)
{
	const char *q = strchr(t + at, '('), *start;
	int depth = 0, k = 1;

	if (!q)
		return false;
	for (start = ++q; *q; q++) {
		if (*q == '(' || *q == '[')
			depth++;
		else if ((*q == ')' || *q == ']') && depth > 0)
			depth--;
		else if ((*q == ',' || *q == ')') && depth == 0) {
			if (k++ == argn) {
				*a = start;
				*b = q;
				while (*a < *b && isspace((unsigned char)**a))
					(*a)++;
				while (*b > *a && isspace((unsigned char)(*b)[-1]))
					(*b)--;
				return *b > *a;
			}
			if (*q == ')')
				return false;
			start = q + 1;
		}
	}
	return false;
}

/* @s on @line at argument @argn of the call to @fn there, or (@argn 0) at the argument whose
 * text is @text; false, leaving @s alone, when the call cannot be taken apart. */
static bool span_call_arg(const struct vctx *c, struct grade_span *s, int line, const char *fn,
			  int argn, const char *text)
{
	const char *p, *a, *b;
	char t[1024];
	size_t n;
	long at;

	if (!grade_src_line(c->src, line, &p, &n) || n >= sizeof(t) || (at = grade_find_token(p, n, fn)) < 0)
		return false;
	memcpy(t, p, n);
	t[n] = 0;
	for (int k = argn ?: 1; k <= (argn ?: 8); k++) {
		if (!grade_call_arg_range(t, at, k, &a, &b))
			return false;
		if (argn || (strlen(text) == (size_t)(b - a) && !memcmp(a, text, (size_t)(b - a)))) {
			s->col = (int)(a - t) + 1;
			s->end_col = (int)(b - t) + 1;
			return true;
		}
	}
	return false;
}

void grade_span_arg(const struct vctx *c, struct grade_span *s, int line, const char *fn, int argn)
{
	grade_span_at(c, s, line, fn);
	if (argn >= 1)
		span_call_arg(c, s, line, fn, argn, NULL);
}

void grade_span_in_call(const struct vctx *c, struct grade_span *s, int line, const char *fn,
			const char *arg)
{
	if (!arg || !arg[0]) {
		grade_span_at(c, s, line, fn);
		return;
	}
	grade_span_at(c, s, line, arg);
	span_call_arg(c, s, line, fn, 0, arg);
}

bool grade_diag_shows_line(const struct grade_diag *d, int line)
{
	if (d->primary.line == line)
		return true;
	for (unsigned i = 0; i < d->nsecondary; i++)
		if (d->secondary[i].line == line)
			return true;
	return false;
}

struct grade_span *grade_diag_secondary(struct grade_diag *d)
{
	static struct grade_span sink;

	if (d->nsecondary >= GRADE_DIAG_MAX_SECONDARY) {
		memset(&sink, 0, sizeof(sink));
		return &sink;
	}
	return &d->secondary[d->nsecondary++];
}

void grade_secondary_at(const struct vctx *c, int line, const char *token, const char *fmt, ...)
{
	struct grade_span *s = grade_diag_secondary(c->d);
	va_list ap;

	grade_span_at(c, s, line, token);
	va_start(ap, fmt);
	vsnprintf(s->label, sizeof(s->label), fmt, ap);
	va_end(ap);
}

void grade_diag_note(struct grade_diag *d, const char *fmt, ...)
{
	va_list ap;

	if (d->nnotes >= GRADE_DIAG_MAX_NOTES)
		return;
	va_start(ap, fmt);
	vsnprintf(d->notes[d->nnotes++], sizeof(d->notes[0]), fmt, ap);
	va_end(ap);
}

int grade_src_find_sec(const struct vsrc *s, const char *section, const char *func)
{
	char want[160];
	const char *p;
	size_t n;

	for (int line = 1; grade_src_line(s, line, &p, &n); line++) {
		size_t lead = 0;

		while (lead < n && (p[lead] == ' ' || p[lead] == '\t'))
			lead++;
		if (lead + 1 < n && (p[lead] == '/' || p[lead] == '*') &&
		    (p[lead + 1] == '/' || p[lead + 1] == '*' || p[lead + 1] == ' '))
			continue;   /* a comment that names the function or its section */
		if (section) {
			snprintf(want, sizeof(want), "SEC(\"%s\")", section);
			if (grade_find_token(p, n, want) >= 0)
				return line;
		} else if (func && grade_find_token(p, n, func) >= 0 && memchr(p, '(', n) &&
			   !memchr(p, ';', n) && strncmp(p + lead, "SEC(", 4)) {
			return line;
		}
	}
	return 0;
}

int grade_insn_line(const struct vctx *c, int logline, int *col)
{
	const struct vlog *v = c->log;
	int line = 0, steps = 0;

	*col = 0;
	if (logline < 0 || logline >= (int)v->n)
		return 0;
	/* the object's line info is exact for the main program; the log's "; @ f:N" comments are
	 * printed only when the line changes along the path, but also cover subprograms */
	if (grade_vobj_insn_line(c->obj, c->prog, v->lines[logline].insn, &line, col))
		return line;
	if (!grade_vobj_insn_in_header(c->obj, c->prog, v->lines[logline].insn))
		return grade_vlog_src_line_at(v, logline);
	/* dojo.h's inline code (DEBUG_NUM's reserve): the source line that used it is the last
	 * one on the path before it */
	for (int i = grade_vlog_path_prev(v, logline); i >= 0 && steps++ < 256;
	     i = grade_vlog_path_prev(v, i))
		if (v->lines[i].kind == VL_INSN &&
		    grade_vobj_insn_line(c->obj, c->prog, v->lines[i].insn, &line, col))
			return line;
	*col = 0;
	return 0;
}

int grade_fail_line(const struct vctx *c, int *col)
{
	int line = 0;

	*col = 0;
	if (c->log->fail >= 0 && c->log->lines[c->log->fail].insn == c->log->fail_insn) {
		if ((line = grade_insn_line(c, c->log->fail, col)))
			return line;
	} else if (grade_vobj_insn_line(c->obj, c->prog, c->log->fail_insn, &line, col)) {
		return line;
	}
	*col = 0;
	return c->log->src_line;
}

static int keep_copy(char **dst, size_t *dlen, const char *s, size_t len, size_t max)
{
	if (!s)
		len = 0;
	if (len > max) {
		s += len - max;
		len = max;
	}
	*dst = malloc(len + 1);
	if (!*dst)
		return -ENOMEM;
	if (len)
		memcpy(*dst, s, len);
	(*dst)[len] = 0;
	for (size_t i = 0; i < len; i++)
		if ((*dst)[i] == 0)
			(*dst)[i] = ' ';
	*dlen = len;
	return 0;
}

static struct grade_diag *diag_new(const char *log, size_t log_len, const char *source,
				   size_t source_len)
{
	struct grade_diag *d = calloc(1, sizeof(*d));

	if (!d)
		return NULL;
	if (keep_copy(&d->raw_log, &d->raw_log_len, log, log_len, GRADE_DIAG_LOG_TAIL) ||
	    keep_copy(&d->source, &d->source_len, source,
		      source_len > DOJO_MAX_SOURCE_BYTES ? DOJO_MAX_SOURCE_BYTES : source_len,
		      DOJO_MAX_SOURCE_BYTES)) {
		grade_diag_free(d);
		errno = ENOMEM;
		return NULL;
	}
	return d;
}

/* Nothing recognised: the failing line, the verifier's (or libbpf's) last line as the title,
 * and the last lines of the log as notes. */

/* Title from libbpf's first line ("libbpf: prog 'x': BPF program load failed: ..."), without
 * its prefix; the other lines become notes. */
static void first_message_line(struct grade_diag *d, const char *message)
{
	const char *p = message;
	int n = 0;

	while (*p) {
		size_t len = strcspn(p, "\n");
		const char *t = p;

		if (!strncmp(t, "libbpf: ", 8))
			t += 8, len -= 8;
		if (len && !n++)
			snprintf(d->title, sizeof(d->title), "the program could not be loaded: %.*s",
				 (int)(len > 200 ? 200 : len), t);
		else if (len && !memmem(t, len, "ulimit -l", 9))
			/* libbpf guesses RLIMIT_MEMLOCK on any EPERM; kernels since 5.11 do not use it */
			grade_diag_note(d, "%.*s", (int)(len > 220 ? 220 : len), t);
		p = t + len;
		if (*p == '\n')
			p++;
	}
}

static void fallback(struct vctx *c)
{
	struct grade_diag *d = c->d;
	const struct vlog *v = c->log;
	int col, line = grade_fail_line(c, &col), first, last = -1;

	snprintf(d->cls, sizeof(d->cls), "unknown");
	if (v->error[0])
		snprintf(d->title, sizeof(d->title), "the verifier rejected the program: %s",
			 v->error);
	else if (c->message && c->message[0])
		first_message_line(d, c->message);
	else
		snprintf(d->title, sizeof(d->title), "the program could not be loaded (error %d)",
			 c->err);
	grade_span_at(c, &d->primary, line, "");
	if (d->primary.line)
		snprintf(d->primary.label, sizeof(d->primary.label), "the verifier stopped here");
	for (size_t i = v->n; i > 0 && last < 0; i--)
		if (v->lines[i - 1].kind != VL_STATS && v->lines[i - 1].text[0])
			last = (int)i - 1;
	first = last - DIAG_FALLBACK_LINES + 1 > 0 ? last - DIAG_FALLBACK_LINES + 1 : 0;
	if (last >= 0)
		grade_diag_note(d, "the verifier's last words:");
	for (int i = first; last >= 0 && i <= last; i++) {
		const struct vline *l = &v->lines[i];

		if (l->kind == VL_INSN)
			grade_diag_note(d, "  %d: %.200s", l->insn, l->text);
		else if (l->kind == VL_SOURCE)
			grade_diag_note(d, "  ; %.200s", l->text);
		else
			grade_diag_note(d, "  %.220s", l->text);
	}
	if (c->err == -EPERM && !v->n)
		snprintf(d->help, sizeof(d->help), "the kernel refused this kind of program without "
			 "a verifier log: some program types (fentry/fexit, LSM) may be unavailable "
			 "on the host sandbox; try --sandbox vm");
	else
		snprintf(d->help, sizeof(d->help), "the whole log is shown with --raw-log");
}

static struct grade_diag *diagnose(const void *obj, size_t obj_len, const char *prog, int err,
				   const char *log, size_t log_len, const char *message,
				   const char *section, const char *source, size_t source_len,
				   const char *filename)
{
	struct vsrc src = { .text = source ? source : "", .len = source ? source_len : 0 };
	struct vlog v;
	struct vctx c = { .log = &v, .src = &src, .prog = prog ? prog : "",
			  .message = message ? message : "", .err = err,
			  .file = filename && *filename ? filename : "prog.bpf.c" };
	struct grade_diag *d;
	int known;

	if (src.len > DOJO_MAX_SOURCE_BYTES)
		src.len = DOJO_MAX_SOURCE_BYTES;
	d = diag_new(section ? message : log, section ? (message ? strlen(message) : 0) : log_len,
		     src.text, src.len);
	if (!d)
		return NULL;
	if (grade_vlog_parse(&v, section ? NULL : log, section ? 0 : log_len)) {
		grade_diag_free(d);
		errno = ENOMEM;
		return NULL;
	}
	c.d = d;
	c.obj = grade_vobj_new(obj, obj_len);
	known = section ? grade_classes_explain_attach(&c, section) : grade_classes_explain(&c);
	if (!known) {
		memset(d->title, 0, sizeof(d->title));
		d->nsecondary = d->nnotes = 0;
		d->help[0] = 0;
		fallback(&c);
	}
	if (!section)
		grade_vreport_apply(&c, known);
	d->known = known;
	if (!section && grade_trace_build(&c)) {
		grade_vobj_free((struct vobj *)c.obj);
		grade_vlog_free(&v);
		grade_diag_free(d);
		errno = ENOMEM;
		return NULL;
	}
	grade_vobj_free((struct vobj *)c.obj);
	grade_vlog_free(&v);
	return d;
}

struct grade_diag *grade_diagnose_load(const void *obj, size_t obj_len, const char *prog, int err,
				       const char *log, size_t log_len, const char *message,
				       const char *source, size_t source_len, const char *filename)
{
	if (err == 0) {
		errno = EINVAL;
		return NULL;
	}
	return diagnose(obj, obj_len, prog, err, log, log_len, message, NULL, source, source_len,
			filename);
}

struct grade_diag *grade_diagnose_attach(const void *obj, size_t obj_len, const char *prog,
					 const char *section, int err, const char *message,
					 const char *source, size_t source_len,
					 const char *filename)
{
	if (err == 0) {
		errno = EINVAL;
		return NULL;
	}
	return diagnose(obj, obj_len, prog, err, NULL, 0, message, section ? section : "",
			source, source_len, filename);
}

void grade_diag_free(struct grade_diag *d)
{
	if (!d)
		return;
	free(d->raw_log);
	free(d->source);
	free(d->trace);
	free(d);
}
