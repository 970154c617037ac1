/* verifier_trace.c: what the verifier saw on its way to a rejection, as steps the learner can
 * follow in their own source.
 *
 * The log of a rejected program ends with the path that failed; the verifier prints the other
 * paths it explored before it, and a branch it took shows as "from N to M: <state>" (or as
 * "goto pc+K M: <state>" on the jump's own line).  grade_vlog_path_prev() walks that path back
 * from the failing instruction; this file turns it, in order, into steps: one per visit of a
 * source line (the object's line info, else the log's "; ... @ file:N" comments), with the
 * instructions checked there, whether the step's conditional jump was taken, and the state the
 * verifier held for the registers those instructions use (after them, and before the refused
 * instruction on the last step).  Only the last GRADE_TRACE_MAX_STEPS steps are kept.  The
 * terminal text is rendered here too; the JSON form is the event writer's (event_json.c). */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "verifier_util.h"

#define TRACE_WALK DOJO_VERIFIER_FAIL_WALK   /* path instructions looked at */

/* A conditional jump (BPF_JMP/BPF_JMP32 other than ja, call and exit). */
static bool cond_jump(unsigned op)
{
	unsigned cls = op & 7, code = op & 0xf0;

	return (cls == 5 || cls == 6) && code != 0x00 && code != 0x80 && code != 0x90;
}

static int insn_line(const struct vctx *c, int logline, int *col)
{
	int line = 0;

	*col = 0;
	if (grade_vobj_insn_line(c->obj, c->prog, c->log->lines[logline].insn, &line, col) && line)
		return line;
	*col = 0;
	return grade_vlog_src_line_at(c->log, logline);
}

/* The registers r0..r9 that @text names, in order, into @regs (at most @cap). */
static unsigned regs_named(const char *text, int *regs, unsigned cap, unsigned n)
{
	for (const char *p = text; *p && n < cap; p++) {
		int r;

		if (*p != 'r' || (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_')) ||
		    !isdigit((unsigned char)p[1]) || isalnum((unsigned char)p[2]) || p[2] == '_')
			continue;
		r = p[1] - '0';
		for (unsigned k = 0; k < n; k++)
			if (regs[k] == r)
				r = -1;
		if (r >= 0)
			regs[n++] = r;
	}
	return n;
}

/* Fill the registers of step @s from log lines @first..@last (path order in @path). */
static void step_regs(const struct vctx *c, struct grade_trace_step *s, const int *path,
		      int first, int last)
{
	int regs[GRADE_TRACE_MAX_REGS];
	unsigned n = 0;

	for (int i = first; i <= last; i++) {
		const char *t = c->log->lines[path[i]].text;

		n = regs_named(t, regs, GRADE_TRACE_MAX_REGS, n);
		if (!strncmp(t, "call ", 5))   /* a call's result */
			n = regs_named("r0", regs, GRADE_TRACE_MAX_REGS, n);
	}
	for (unsigned k = 0; k < n; k++) {
		char st[sizeof(s->regs[0].state)];
		bool have = false;

		if (s->rejected)
			have = grade_vlog_reg_before(c->log, path[last], regs[k], st, sizeof(st));
		for (int i = last; !have && i >= first; i--)
			have = grade_vlog_reg(c->log->lines[path[i]].state, regs[k], st, sizeof(st));
		if (!have)
			continue;
		snprintf(s->regs[s->nregs].name, sizeof(s->regs[0].name), "R%d", regs[k]);
		snprintf(s->regs[s->nregs].state, sizeof(s->regs[0].state), "%s", st);
		s->nregs++;
	}
}

/* The path's instruction lines, in order, into @path; their count. */
static int walk_path(const struct vlog *v, int *path)
{
	int n = 0;

	for (int i = v->fail; i >= 0 && n < TRACE_WALK; i = grade_vlog_path_prev(v, i))
		if (v->lines[i].kind == VL_INSN)
			path[n++] = i;
	for (int a = 0, b = n - 1; a < b; a++, b--) {
		int t = path[a];

		path[a] = path[b];
		path[b] = t;
	}
	return n;
}

int grade_trace_build(struct vctx *c)
{
	const struct vlog *v = c->log;
	struct grade_trace_step *steps;
	int *path, *first, n, nsteps = 0, keep;

	if (v->fail < 0)
		return 0;
	path = calloc(TRACE_WALK, sizeof(*path));
	first = calloc(TRACE_WALK, sizeof(*first));
	if (!path || !first) {
		free(path);
		free(first);
		return -ENOMEM;
	}
	n = walk_path(v, path);
	/* steps: where the source line changes (instructions without a line stay in the step) */
	for (int i = 0, cur = -1; i < n; i++) {
		int col, line = insn_line(c, path[i], &col);

		if (nsteps == 0 || (line && line != cur)) {
			first[nsteps++] = i;
			cur = line;
		}
	}
	keep = nsteps > GRADE_TRACE_MAX_STEPS ? GRADE_TRACE_MAX_STEPS : nsteps;
	steps = keep ? calloc((size_t)keep, sizeof(*steps)) : NULL;
	if (keep && !steps) {
		free(path);
		free(first);
		return -ENOMEM;
	}
	for (int k = nsteps - keep, o = 0; k < nsteps; k++, o++) {
		struct grade_trace_step *s = &steps[o];
		int a = first[k], b = k + 1 < nsteps ? first[k + 1] - 1 : n - 1;
		char t[512];

		s->insn = v->lines[path[a]].insn;
		for (int i = a; i <= b && !s->line; i++)
			s->line = insn_line(c, path[i], &s->col);
		if (s->line && vu_line(c, s->line, t, sizeof(t)))
			snprintf(s->text, sizeof(s->text), "%.*s", (int)sizeof(s->text) - 1, t);
		s->rejected = k == nsteps - 1;
		for (int i = a; i <= b; i++) {
			const struct vline *l = &v->lines[path[i]];

			if (s->ninsns < GRADE_TRACE_MAX_INSNS)
				snprintf(s->insns[s->ninsns++], sizeof(s->insns[0]), "%d: %s", l->insn,
					 l->text);
			else
				s->more_insns++;
			if (cond_jump(l->opcode) && i + 1 < n)
				snprintf(s->branch, sizeof(s->branch), "%s",
					 v->lines[path[i + 1]].insn == l->insn + 1 ? "not taken" : "taken");
		}
		step_regs(c, s, path, a, b);
	}
	c->d->trace = steps;
	c->d->ntrace = (unsigned)keep;
	c->d->trace_omitted = (unsigned)(nsteps - keep);
	free(path);
	free(first);
	return 0;
}

int grade_trace_render_text(const struct grade_diag *d, int color, struct buf *out)
{
	const char *dim = color ? "\033[2m" : "", *bold = color ? "\033[1;34m" : "",
		   *red = color ? "\033[1;31m" : "", *reset = color ? "\033[0m" : "";
	int w = 1, err;

	if (!d->ntrace)
		return 0;
	for (unsigned i = 0; i < d->ntrace; i++)
		for (int l = d->trace[i].line, k = 1; l >= 10; l /= 10)
			w = ++k > w ? k : w;
	err = buf_addf(out, "what the verifier saw, on the path to the rejection (%u step%s%s):\n",
		       d->ntrace + d->trace_omitted, d->ntrace + d->trace_omitted == 1 ? "" : "s",
		       d->trace_omitted ? ", the last shown" : "");
	for (unsigned i = 0; i < d->ntrace && !err; i++) {
		const struct grade_trace_step *s = &d->trace[i];

		if (s->line)
			err = buf_addf(out, "%s%*d |%s %s", bold, w, s->line, reset, s->text);
		else
			err = buf_addf(out, "%s%*s |%s (no source line)", bold, w, "?", reset);
		if (!err && s->branch[0])
			err = buf_addf(out, "   %s<- jump %s%s", dim, s->branch, reset);
		if (!err)
			err = buf_adds(out, "\n");
		for (unsigned k = 0; k < s->ninsns && !err; k++) {
			bool last = s->rejected && k + 1 == s->ninsns && !s->more_insns;

			err = buf_addf(out, "%s%*s |%s   %s%s%s%s\n", bold, w, "", reset,
				       last ? red : dim, s->insns[k], last ? "   <- refused here" : "",
				       reset);
		}
		if (!err && s->more_insns)
			err = buf_addf(out, "%s%*s |%s   %s... %u more%s\n", bold, w, "", reset, dim,
				       s->more_insns, reset);
		for (unsigned k = 0; k < s->nregs && !err; k++)
			err = buf_addf(out, "%s%*s |%s     %s = %s\n", bold, w, "", reset,
				       s->regs[k].name, s->regs[k].state);
	}
	return err;
}
