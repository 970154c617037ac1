/* verifier_render.c: a diagnosis as text for a terminal (rustc-style: the learner's lines with
 * underlined spans and labels).  Its JSON form is not made here: the one event writer
 * (src/pipeline/event_json.c) turns the struct into JSON. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "verifier_internal.h"

#define TAB_WIDTH 4

struct style {
	const char *err, *help, *note, *prim, *sec, *gutter, *reset;
};

static const struct style plain = { "", "", "", "", "", "", "" };
static const struct style ansi = { "\033[1;31m", "\033[1;36m", "\033[1;34m", "\033[1;31m",
				   "\033[1;34m", "\033[1;34m", "\033[0m" };

static int digits(int n)
{
	int d = 1;

	while (n >= 10)
		n /= 10, d++;
	return d;
}

/* Display column (0-based, tabs expanded) of byte @byte of the line @p. */
static size_t display_col(const char *p, size_t n, size_t byte)
{
	size_t col = 0;

	for (size_t i = 0; i < byte && i < n; i++)
		col = p[i] == '\t' ? (col / TAB_WIDTH + 1) * TAB_WIDTH : col + 1;
	return col + (byte > n ? byte - n : 0);
}

static int add_line_text(struct buf *out, const char *p, size_t n)
{
	int err = 0;
	size_t col = 0;

	for (size_t i = 0; i < n && !err; i++) {
		if (p[i] == '\t') {
			size_t next = (col / TAB_WIDTH + 1) * TAB_WIDTH;

			err = buf_addf(out, "%*s", (int)(next - col), "");
			col = next;
		} else {
			err = buf_add(out, &p[i], 1);
			col++;
		}
	}
	return err;
}

static int add_marker(struct buf *out, const struct style *st, int w, const struct vsrc *src,
		      const struct grade_span *s, int primary)
{
	const char *p;
	size_t n, a, b;
	int err;

	if (!grade_src_line(src, s->line, &p, &n))
		return 0;
	a = display_col(p, n, (size_t)(s->col > 0 ? s->col - 1 : 0));
	b = display_col(p, n, (size_t)(s->end_col > s->col ? s->end_col - 1 : s->col));
	if (b <= a)
		b = a + 1;
	err = buf_addf(out, "%s%*s |%s %*s%s", st->gutter, w, "", st->reset, (int)a, "",
		       primary ? st->prim : st->sec);
	for (size_t i = a; i < b && !err; i++)
		err = buf_adds(out, primary ? "^" : "-");
	if (!err)
		err = buf_addf(out, "%s%s%s\n", s->label[0] ? " " : "", s->label, st->reset);
	return err;
}

int grade_diag_render_text(const struct grade_diag *d, int color, struct buf *out)
{
	const struct style *st = color ? &ansi : &plain;
	struct vsrc src = { .text = d->source ? d->source : "", .len = d->source_len };
	const struct grade_span *spans[1 + GRADE_DIAG_MAX_SECONDARY];
	int ns = 0, w, maxline = 0, prev = 0, err;

	if (d->primary.line)
		spans[ns++] = &d->primary;
	for (unsigned i = 0; i < d->nsecondary && i < GRADE_DIAG_MAX_SECONDARY; i++)
		if (d->secondary[i].line)
			spans[ns++] = &d->secondary[i];
	for (int i = 0; i < ns; i++)
		maxline = spans[i]->line > maxline ? spans[i]->line : maxline;
	w = digits(maxline);
	err = buf_addf(out, "%serror%s: %s\n", st->err, st->reset, d->title);
	if (!err && d->primary.line)
		err = buf_addf(out, "%*s%s-->%s %s:%d:%d\n", w, "", st->gutter, st->reset,
			       d->primary.file, d->primary.line, d->primary.col);
	if (!err && ns)
		err = buf_addf(out, "%s%*s |%s\n", st->gutter, w, "", st->reset);
	/* lines in order; each line once, then its spans (primary first) */
	while (!err) {
		const char *p;
		size_t n;
		int line = 0;

		for (int i = 0; i < ns; i++)
			if (spans[i]->line > prev && (!line || spans[i]->line < line))
				line = spans[i]->line;
		if (!line)
			break;
		if (prev && line > prev + 2)
			err = buf_addf(out, "%s...%s\n", st->gutter, st->reset);
		prev = line;
		if (err || !grade_src_line(&src, line, &p, &n))
			continue;
		err = buf_addf(out, "%s%*d |%s ", st->gutter, w, line, st->reset);
		if (!err)
			err = add_line_text(out, p, n);
		if (!err)
			err = buf_adds(out, "\n");
		for (int i = 0; i < ns && !err; i++)
			if (spans[i]->line == line)
				err = add_marker(out, st, w, &src, spans[i], spans[i] == &d->primary);
	}
	if (!err && ns)
		err = buf_addf(out, "%s%*s |%s\n", st->gutter, w, "", st->reset);
	if (!err && d->help[0])
		err = buf_addf(out, "%shelp%s: %s\n", st->help, st->reset, d->help);
	for (unsigned i = 0; i < d->nnotes && i < GRADE_DIAG_MAX_NOTES && !err; i++)
		err = buf_addf(out, "%snote%s: %s\n", st->note, st->reset, d->notes[i]);
	return err;
}
