/* verifier_report.c: the structured report kernels from 7.3 on print after the terse message
 * ("Verification failed: <category>: <problem>", Reason:, At:, Causal path:, Suggestion:),
 * parsed within fixed limits like the rest of the log, and what it adds to a diagnosis.  The
 * terse line stays the key the classes match on; a class's own provenance (spans from register
 * states and BTF) and help win over the report's, which fills only what the class left empty. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "core/limits.h"
#include "verifier_internal.h"

enum rfield { RF_NONE, RF_REASON, RF_AT, RF_PATH, RF_SUGGESTION };

static const struct {
	const char *prefix;
	enum rfield field;
} fields[] = {
	{ "Reason:", RF_REASON },
	{ "At:", RF_AT },
	{ "Causal path:", RF_PATH },
	{ "Suggestion:", RF_SUGGESTION },
};

static const char *skip_space(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Copy @s into @out, trimmed of trailing blanks. */
static void put(char *out, size_t cap, const char *s)
{
	size_t n;

	s = skip_space(s);
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	snprintf(out, cap, "%.*s", (int)(n < cap ? n : cap - 1), s);
}

/* Append a continuation line to @out (space-joined), within @cap. */
static void append(char *out, size_t cap, const char *s)
{
	size_t have = strlen(out);

	if (have + 3 >= cap)
		return;
	if (have) {
		memcpy(out + have, " ", 2);
		have++;
	}
	put(out + have, cap - have, s);
}

/* The first "<name>.c:LINE[:COL]" in @s: line and column (0 when absent). */
static int source_ref(const char *s, int *col)
{
	const char *p = s;

	*col = 0;
	while ((p = strstr(p, ".c:"))) {
		long line = 0, c = 0;
		int n = 0;

		p += 3;
		while (isdigit((unsigned char)p[n]) && n < 7)
			line = line * 10 + (p[n++] - '0');
		if (!n || isdigit((unsigned char)p[n]) || line <= 0)
			continue;
		if (p[n] == ':') {
			int k = n + 1;

			while (isdigit((unsigned char)p[k]) && k < n + 6)
				c = c * 10 + (p[k++] - '0');
			if (k > n + 1 && !isdigit((unsigned char)p[k]))
				*col = (int)c;
		}
		return (int)line;
	}
	return 0;
}

/* "insn N" in @s: N, or -1. */
static int insn_ref(const char *s)
{
	const char *p = strstr(s, "insn ");
	long n = 0;
	int k = 0;

	if (!p)
		return -1;
	p += 5;
	while (isdigit((unsigned char)p[k]) && k < 7)
		n = n * 10 + (p[k++] - '0');
	return k && !isdigit((unsigned char)p[k]) ? (int)n : -1;
}

static void add_step(struct vreport *r, const char *s)
{
	struct vreport_step *st;
	int col;

	s = skip_space(s);
	if (!*s || r->nsteps >= DOJO_VERIFIER_REPORT_STEPS)
		return;
	st = &r->steps[r->nsteps++];
	put(st->text, sizeof(st->text), s);
	st->line = source_ref(s, &col);
}

void grade_vreport_parse(struct vlog *v)
{
	struct vreport *r = &v->report;
	enum rfield cur = RF_NONE;
	size_t start = v->n, end;

	memset(r, 0, sizeof(*r));
	r->at_insn = -1;
	for (size_t i = v->n; i > 0; i--)
		if (v->lines[i - 1].kind == VL_OTHER &&
		    !strncmp(v->lines[i - 1].text, "Verification failed:", 20)) {
			start = i - 1;
			break;
		}
	if (start == v->n)
		return;
	r->present = 1;
	{
		const char *t = skip_space(v->lines[start].text + 20), *colon = strstr(t, ": ");

		if (colon) {
			size_t n = (size_t)(colon - t);

			snprintf(r->category, sizeof(r->category), "%.*s",
				 (int)(n < sizeof(r->category) ? n : sizeof(r->category) - 1), t);
			put(r->problem, sizeof(r->problem), colon + 2);
		} else {
			put(r->problem, sizeof(r->problem), t);
		}
	}
	v->lines[start].kind = VL_REPORT;
	end = start + 1 + DOJO_VERIFIER_REPORT_LINES < v->n ? start + 1 + DOJO_VERIFIER_REPORT_LINES
							     : v->n;
	for (size_t i = start + 1; i < end; i++) {
		struct vline *l = &v->lines[i];
		const char *t = l->text, *rest = NULL;
		enum rfield f = RF_NONE;

		if (l->kind != VL_OTHER)
			break;   /* statistics or instructions again: the report ended */
		for (size_t k = 0; k < sizeof(fields) / sizeof(fields[0]); k++)
			if (!strncmp(t, fields[k].prefix, strlen(fields[k].prefix))) {
				f = fields[k].field;
				rest = t + strlen(fields[k].prefix);
				break;
			}
		if (f == RF_NONE && !(isspace((unsigned char)t[0]) && cur != RF_NONE))
			break;   /* neither a field nor its continuation */
		l->kind = VL_REPORT;
		if (f != RF_NONE)
			cur = f;
		else
			rest = t;
		switch (cur) {
		case RF_REASON:
			append(r->reason, sizeof(r->reason), rest);
			break;
		case RF_AT:
			append(r->at, sizeof(r->at), rest);
			break;
		case RF_PATH:
			add_step(r, rest);
			break;
		case RF_SUGGESTION:
			append(r->suggestion, sizeof(r->suggestion), rest);
			break;
		case RF_NONE:
			break;
		}
	}
	r->at_line = source_ref(r->at, &r->at_col);
	r->at_insn = insn_ref(r->at);
}

/* The causal path's steps on lines not shown yet, as secondary spans labelled by the step. */
static void path_spans(struct vctx *c)
{
	const struct vreport *r = &c->log->report;

	for (unsigned i = 0; i < r->nsteps && c->d->nsecondary < GRADE_DIAG_MAX_SECONDARY; i++) {
		struct grade_span *s;

		if (!r->steps[i].line || grade_diag_shows_line(c->d, r->steps[i].line))
			continue;
		s = grade_diag_secondary(c->d);
		grade_span_at(c, s, r->steps[i].line, NULL);
		if (!s->line) {
			c->d->nsecondary--;
			continue;
		}
		snprintf(s->label, sizeof(s->label), "%s", r->steps[i].text);
	}
}

void grade_vreport_apply(struct vctx *c, int known)
{
	const struct vreport *r = &c->log->report;
	struct grade_diag *d = c->d;

	if (!r->present)
		return;
	if (!known) {
		/* the fallback: named after the kernel's category, placed where the report says */
		if (r->category[0])
			snprintf(d->title, sizeof(d->title), "the verifier rejected the program: %s: %.150s",
				 r->category, r->problem);
		else if (r->problem[0])
			snprintf(d->title, sizeof(d->title), "the verifier rejected the program: %s",
				 r->problem);
		if (!d->primary.line && r->at_line) {
			grade_span_at(c, &d->primary, r->at_line, NULL);
			if (d->primary.line)
				snprintf(d->primary.label, sizeof(d->primary.label),
					 "the verifier stopped here");
		}
		if (d->primary.line && r->reason[0])
			snprintf(d->primary.label, sizeof(d->primary.label), "%s", r->reason);
		d->nnotes = 0;
		if (c->log->error[0])
			grade_diag_note(d, "the verifier said: %.220s", c->log->error);
		if (r->suggestion[0])
			snprintf(d->help, sizeof(d->help), "%s", r->suggestion);
		path_spans(c);
		return;
	}
	/* a class explained it: its spans and help win, the report adds what they lack */
	if (!d->nsecondary)
		path_spans(c);
	if (r->reason[0])
		grade_diag_note(d, "the kernel's reason: %.220s", r->reason);
	if (r->suggestion[0] && !d->help[0])
		snprintf(d->help, sizeof(d->help), "%s", r->suggestion);
	else if (r->suggestion[0])
		grade_diag_note(d, "the kernel suggests: %.220s", r->suggestion);
}
